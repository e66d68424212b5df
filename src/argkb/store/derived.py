"""The derived store: a persistent pyoxigraph copy of the knowledge base's Turtle files.

The Turtle files stay the source of truth. This module keeps, in ``<kb>/.argkb-cache/store/``, a
pyoxigraph (RocksDB) database holding one named graph per file (``graph_iri``), and a
``manifest.json`` (``argkb.store.manifest``) naming, for each file, its SHA-256, its triple count
and the stat signature (size, mtime, ctime, inode) seen when it was hashed. Queries read the union
of the graphs. A file whose stat signature is unchanged, and old enough not to be "racy" (modified
within ``RACY_NS`` of its hashing), is not re-read; any other file is hashed, and re-loaded only if
its hash changed. Facts live amendments replaced (``argkb.kb.supersede``) are left out of the graph
of the file asserting them; each entry records their fingerprint, and a file whose fingerprint
changed (an amendment added or retracted) is re-loaded though its bytes did not change.

Updates are copy-on-write: the current database is snapshotted (``backup``: hard links),
the snapshot is opened for writing, changed files' graphs are dropped and re-loaded, and the
manifest, written atomically, switches to it. A committed database is never written again,
so readers (``Store.read_only``) never see a half-applied update and need no lock. A
``DIRTY`` marker, written before an update and removed after, names the database being
built: found on the next open, it means a crash, and the half-built copy is discarded.
Writers serialise on ``lock`` (``fcntl.flock``, ``argkb.store.store_lock``). A rebuild is one bulk
load (``Store.bulk_extend``) of every file's quads: within ~1.1-1.2x of pyoxigraph's own
``bulk_load`` of the same quads into an on-disk store (``bench/before.py``).
"""

from __future__ import annotations

import gc
import hashlib
import os
import shutil
import stat
import time
import uuid
from pathlib import Path

from argkb.errors import InputError, UsageError
from argkb.kb.processes import pid_alive
from argkb.kb.supersede import digest
from argkb.rdf.atomic import atomic_write_text
from argkb.store.manifest import Changes, FileEntry, Manifest, _graph_iri, engine_version
from argkb.store.views import collect_views, write_lineage

CACHE_DIR = ".argkb-cache"
#: a file modified this close to its hashing is hashed again next time (coarse timestamps)
RACY_NS = 2_000_000_000
LOCK_TIMEOUT_S = 300.0


class DerivedStore:
    """The derived store of one knowledge base's files (``files``: absolute paths)."""

    def __init__(
        self,
        root: Path,
        files: list[Path],
        folder: Path | None = None,
        superseded: dict[Path, frozenset] | None = None,
    ):
        self.root = Path(root)
        self._real_dirs: dict[
            str, str
        ] = {}  # folder -> its resolved path (the files share a few folders)
        self._real_root = self.root.resolve()
        self._root_prefix = str(self._real_root).rstrip("/") + "/"
        self.files = [p if isinstance(p, Path) else Path(p) for p in files]
        #: store key -> the triples amendments replaced in that file (left out when it is loaded)
        self.superseded = {
            self.key(Path(p)): triples for p, triples in (superseded or {}).items() if triples
        }
        self.folder = Path(folder) if folder is not None else self.root / CACHE_DIR / "store"
        self.manifest_path = self.folder / "manifest.json"
        self.dirty_path = self.folder / "DIRTY"
        self.lock_path = self.folder / "lock"
        self.notes: list[str] = []  # what happened (recovered crash, rebuilt, updated)

    # ------------------------------------------------------------- inspect
    def key(self, path: Path) -> str:
        return self._key_of_real(self._real(path))

    def _key_of_real(self, real: str) -> str:
        return real[len(self._root_prefix) :] if real.startswith(self._root_prefix) else real

    def _real(self, path: Path, st: os.stat_result | None = None) -> str:
        """``str(path.resolve())``, each folder resolved once, in strings (else opening a store of
        thousands of files spends its time in the ``lstat`` of every component of every path, and in
        pathlib); ``st``: the file's own ``lstat``, when the caller has it."""
        text = os.fspath(path)
        parent, name = os.path.split(text)
        folder = self._real_dirs.get(parent) or self._real_dirs.setdefault(
            parent, os.path.realpath(parent or ".")
        )
        link = stat.S_ISLNK(st.st_mode) if st is not None else os.path.islink(text)
        if name in ("", ".", "..") or link:
            return os.path.realpath(text)
        return folder.rstrip("/") + "/" + name

    def manifest(self) -> Manifest | None:
        return Manifest.read(self.manifest_path)

    def scan(self, verify: bool = False) -> Changes:
        """Compare the files with the manifest; hash only what stat signatures cannot vouch for."""
        changes = Changes()
        manifest = changes.manifest = self.manifest()
        if manifest is None:
            changes.rebuild_reason = (
                "no store yet"
                if not self.manifest_path.exists()
                else "manifest unreadable, corrupt or from another engine version"
            )
        elif not (self.folder / manifest.db).is_dir():
            changes.rebuild_reason = f"database folder {manifest.db} is missing"
            manifest = None
        elif self.dirty_path.exists():
            changes.rebuild_reason = "an update was interrupted (DIRTY marker found)"
        old = manifest.files if manifest else {}
        seen = set()
        for path in self.files:
            try:  # one lstat tells both whether it is a link (its key) and, if not, what stat says
                st = os.lstat(path)
                key = self._key_of_real(self._real(path, st))
                if stat.S_ISLNK(st.st_mode):
                    st = os.stat(path)
            except OSError as exc:
                raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
            seen.add(key)
            entry = old.get(key)
            gone = digest(self.superseded.get(key))
            if (
                entry
                and not verify
                and entry.same_stat(st)
                and not _racy(entry, st)
                and entry.superseded == gone
            ):
                changes.entries[key] = entry
                continue
            fresh, data = self._hash(path, st)
            if entry and entry.sha256 == fresh.sha256 and entry.superseded == gone:
                fresh.triples = entry.triples
                changes.restat = (
                    changes.restat or not entry.same_stat(st) or fresh.hashed_ns != entry.hashed_ns
                )
            else:
                (changes.changed if entry else changes.added).append(key)
                changes.content[key] = data
            changes.entries[key] = fresh
        changes.removed = sorted(set(old) - seen)
        return changes

    def _hash(self, path: Path, st: os.stat_result | None = None) -> tuple[FileEntry, bytes]:
        """A fresh entry for ``path`` (stat taken before reading) and the bytes hashed for it."""
        if st is None:
            try:
                st = path.stat()
            except OSError as exc:
                raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
        hashed_ns = time.time_ns()
        from argkb.rdf.parse import read_bytes

        data = read_bytes(path)
        entry = FileEntry(
            hashlib.sha256(data).hexdigest(),
            st.st_size,
            st.st_mtime_ns,
            st.st_ctime_ns,
            st.st_ino,
            hashed_ns,
            -1,
            _graph_iri(self._real_root, Path(self._real(path)), path.name),
            digest(self.superseded.get(self.key(path))),
        )
        return entry, data

    # -------------------------------------------------------------- open
    def open(self):
        """A read-only pyoxigraph Store of the current files, updating the derived store first if
        needed."""
        import pyoxigraph

        changes = self.scan()
        if not changes.fresh:
            self.update()
        elif changes.restat:
            self._record_stat(changes)
        manifest = changes.manifest if changes.fresh and not changes.restat else self.manifest()
        if manifest is None:  # pragma: no cover - update() always leaves a manifest
            raise UsageError(f"{self.folder}: the derived store could not be built")
        return pyoxigraph.Store.read_only(str(self.folder / manifest.db)), manifest

    def update(self, full: bool = False) -> Manifest:
        """Bring the store up to date with the files (copy-on-write); returns the new manifest."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with self._lock():
            self._recover()
            changes = self.scan(verify=full)
            current = self.manifest()
            if changes.fresh and not full and current is not None:
                if changes.restat:
                    self._record_stat(changes)
                return current
            manifest = None if (full or changes.rebuild_reason) else current
            return self._write(changes, manifest)

    def _write(self, changes: Changes, base: Manifest | None) -> Manifest:
        import pyoxigraph

        name = f"db-{uuid.uuid4().hex[:12]}"
        target = self.folder / name
        atomic_write_text(self.dirty_path, name + "\n")
        try:
            if base is not None:
                source = pyoxigraph.Store.read_only(str(self.folder / base.db))
                source.backup(str(target))
                del source
            store = pyoxigraph.Store(str(target))
            reload = changes.added + changes.changed if base is not None else list(changes.entries)
            before = base.files if base is not None else {}
            grown = _triples(store, before, changes) if base is not None else None
            for key in (changes.changed + changes.removed) if base is not None else []:
                store.remove_graph(pyoxigraph.NamedNode(before[key].graph))
            store.bulk_extend(self._quads(reload, changes))  # one bulk load for every file
            store.flush()
            lineage = None
            if base is not None and grown is not None and _only_grew(store, grown, changes):
                graphs = [changes.entries[key].graph for key in changes.added + changes.changed]
                lineage = (base.db, graphs) if graphs else None
            del store
            gc.collect()
            manifest = Manifest(name, changes.entries, engine_version())
            atomic_write_text(self.manifest_path, manifest.to_json())
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            self.dirty_path.unlink(missing_ok=True)
            raise
        self.dirty_path.unlink(missing_ok=True)
        if lineage is not None:
            write_lineage(self.folder, name, *lineage)
        what = (
            f"rebuilt ({len(manifest.files)} files)"
            if base is None
            else f"updated (+{len(changes.added)} ~{len(changes.changed)} -{len(changes.removed)} "
            "files)"
        )
        self.notes.append(what)
        self._collect(keep={name, base.db if base else name})
        return manifest

    def _quads(self, keys: list[str], changes: Changes):
        """Every triple of these files as a quad in the file's named graph; records each file's
        triple count."""
        for key in keys:
            data = changes.content.get(key)
            if data is None:  # unchanged but rebuilt: read again, record what was read
                changes.entries[key], data = self._hash(self._path(key))
            entry = changes.entries[key]
            entry.triples = 0
            gone = {ox_triple(t) for t in self.superseded.get(key, ())}
            for quad in _parse(self._path(key), data, entry.graph):
                if gone and quad.triple in gone:
                    continue
                entry.triples += 1
                yield quad

    def _path(self, key: str) -> Path:
        path = Path(key)
        return path if path.is_absolute() else self.root / path

    def _record_stat(self, changes: Changes) -> None:
        """Files re-hashed to the same content: remember their stat so they are not hashed again."""
        try:
            with self._lock(timeout=0):
                manifest = self.manifest()
                if manifest is None:
                    return
                for key, entry in changes.entries.items():
                    old = manifest.files.get(key)
                    if old is not None and old.sha256 == entry.sha256:
                        entry.triples = old.triples
                        manifest.files[key] = entry
                atomic_write_text(self.manifest_path, manifest.to_json())
        except (TimeoutError, OSError):
            pass  # someone else is writing, or the cache is read-only: hash again next time

    def _recover(self) -> None:
        """Under the lock: a DIRTY marker means a crashed update; discard its half-built copy."""
        if not self.dirty_path.exists():
            return
        try:
            name = self.dirty_path.read_text("utf-8").strip()
        except OSError:
            name = ""
        manifest = self.manifest()
        if name.startswith("db-") and "/" not in name and (manifest is None or manifest.db != name):
            shutil.rmtree(self.folder / name, ignore_errors=True)
        self.dirty_path.unlink(missing_ok=True)
        self.notes.append(
            f"recovered from an interrupted update (discarded {name or 'an unnamed copy'})"
        )

    def _collect(self, keep: set[str]) -> None:
        """Remove databases no manifest names (the previous one is kept for readers still open)."""
        for child in self.folder.glob("db-*"):
            if child.name not in keep:
                shutil.rmtree(child, ignore_errors=True)
        for child in self.folder.glob("tmp-*"):
            pid = child.name.split("-")[1]
            if pid.isdigit() and not pid_alive(int(pid)):
                shutil.rmtree(child, ignore_errors=True)
        collect_views(self.folder, keep)

    def _lock(self, timeout: float = LOCK_TIMEOUT_S):
        from argkb.store.store_lock import exclusive

        return exclusive(self.lock_path, timeout)

    # ---------------------------------------------------------- snapshots
    def snapshot(self, prefix: str = "tmp") -> Path:
        """A private writable copy of the current database (hard links), for --data or a server."""
        import pyoxigraph

        manifest = self.manifest()
        if manifest is None:
            raise UsageError(f"{self.folder}: no derived store yet")
        target = self.folder / f"{prefix}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        source = pyoxigraph.Store.read_only(str(self.folder / manifest.db))
        source.backup(str(target))
        return target


#: changed files holding more triples than this, together, are not compared (no lineage then)
GROWN_LIMIT = 50_000


def _triples(store, before: dict, changes: Changes) -> dict | None:
    """The triples of each changed file's graph before the update, to tell whether the update only
    added triples (``_only_grew``); None when something was removed or the files are too big."""
    import pyoxigraph

    if changes.removed or sum(before[key].triples for key in changes.changed) > GROWN_LIMIT:
        return None
    return {
        key: {
            quad.triple
            for quad in store.quads_for_pattern(
                None, None, None, pyoxigraph.NamedNode(before[key].graph)
            )
        }
        for key in changes.changed
    }


def _only_grew(store, grown: dict, changes: Changes) -> bool:
    """Does every changed file's graph hold all its triples of before (an appended log)?"""
    import pyoxigraph

    for key, triples in grown.items():
        graph = pyoxigraph.NamedNode(changes.entries[key].graph)
        now = {quad.triple for quad in store.quads_for_pattern(None, None, None, graph)}
        if not triples <= now:
            return False
    return True


def ox_triple(triple):
    import pyoxigraph

    from argkb.rdf.strict import ox_term

    return pyoxigraph.Triple(*(ox_term(t) for t in triple))


def _parse(path: Path, data: bytes, graph: str):
    """The quads of one Turtle file in its named graph; a syntax error names file, line, column."""
    import pyoxigraph

    name = pyoxigraph.NamedNode(graph)
    try:
        for triple in pyoxigraph.parse(
            input=data, format=pyoxigraph.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()
        ):
            yield pyoxigraph.Quad(triple.subject, triple.predicate, triple.object, name)
    except SyntaxError as exc:
        raise InputError(
            path, f"syntax error: {_syntax_message(exc)}", exc.lineno, exc.offset
        ) from None


def _syntax_message(exc: SyntaxError) -> str:
    import re

    return re.sub(r"^Parser error (at|between) line .*?: ", "", exc.msg or str(exc))


def _racy(entry: FileEntry, st: os.stat_result) -> bool:
    """Modified (or its inode changed) too close to its hashing for its timestamps to vouch."""
    return entry.hashed_ns - max(st.st_mtime_ns, st.st_ctime_ns) <= RACY_NS
