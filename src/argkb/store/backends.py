"""Which Store a knowledge base reads through: the derived store, a SPARQL endpoint, or memory.

``open_store(kb)`` is the Store every read goes through:

* ``kb.endpoint`` set (``--endpoint URL``): an ``EndpointStore`` on that server;
* else the persistent derived store (``argkb.store.derived``), brought up to date with the files and
  opened read-only; with ``--data`` files, a private copy-on-write snapshot with them loaded on top;
* else, when the cache folder cannot be written or stays locked, or ``ARGKB_STORE=memory``,
  an in-memory pyoxigraph store loaded from the files.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import time
import weakref
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from argkb.errors import UsageError
from argkb.store.base import OxigraphStore
from argkb.store.views import VIEWS

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # pragma: no cover
    from argkb.kb.folder import KnowledgeBase

ENV_STORE = "ARGKB_STORE"


def derived_store(kb: KnowledgeBase):
    from argkb.store.derived import DerivedStore

    return DerivedStore(
        kb.root, [kb.ontology_file, *kb.data_files()], kb.cache_dir / "store", kb.superseded()
    )


def refresh_derived_store(kb: KnowledgeBase) -> str | None:
    """Bring the derived store up to date right after a write (called under the writers' lock).

    The files stay the truth: if this fails, the store is stale but says so (its manifest no
    longer matches the files) and the next command brings it up to date. Returns a note or None.
    """
    if kb.endpoint or os.environ.get(ENV_STORE, "disk") == "memory":
        return None
    from argkb.kb.folder import KnowledgeBase

    try:
        derived_store(KnowledgeBase(kb.root)).update()
    except (OSError, TimeoutError) as exc:
        return f"derived store not refreshed now ({exc}); the next command brings it up to date"
    return None


def open_store(kb: KnowledgeBase):
    """The Store every read of ``kb`` goes through, opened once per KnowledgeBase object:
    the persistent derived store, brought up to date with the files; an ``EndpointStore``
    when ``kb.endpoint`` is set; in memory when the cache cannot be used."""
    if kb._store is None:
        kb._store = _open(kb)
    return kb._store


def _open(kb: KnowledgeBase):
    if kb.endpoint:
        if kb.extra:
            raise UsageError(
                "--data cannot be combined with --endpoint: push the file to the server "
                "(argkb push), or read it with the embedded store"
            )
        from argkb.store.endpoint import EndpointStore

        return EndpointStore(kb.endpoint, kb.update_endpoint)
    mode = os.environ.get(ENV_STORE, "disk")
    if mode not in ("disk", "memory"):
        raise UsageError(f"{ENV_STORE}={mode!r}: expected 'disk' or 'memory'")
    if mode == "memory":
        log.debug("%s=memory: reading the files into memory", ENV_STORE)
        return OxigraphStore.from_kb(kb)
    derived = derived_store(kb)
    started = time.perf_counter()
    try:
        ox, _manifest = derived.open()
    except (OSError, TimeoutError) as exc:
        log.warning(f"derived store unavailable ({exc}); reading the files into memory")
        store = OxigraphStore.from_kb(kb)
        store.backend = "memory (derived store unavailable)"
        return store
    log.debug(
        "derived store %s opened in %.3f s%s",
        derived.folder,
        time.perf_counter() - started,
        "".join(f"; {note}" for note in derived.notes),
    )
    if not kb.extra:
        store = OxigraphStore(ox, union=True, backend=f"disk {derived.folder}")
        # a committed database is never written again: views computed from it alone may be kept
        store.views_folder, store.db = derived.folder / VIEWS, _manifest.db
        return store
    del ox
    return _with_extra(kb, derived)


def _with_extra(kb: KnowledgeBase, derived):
    """The derived store plus the --data files, in a private snapshot removed when done."""
    import pyoxigraph

    from argkb.rdf.parse import USER_MAX_BYTES, parse_file
    from argkb.store.derived import GRAPH_BASE

    graphs = [
        parse_file(path, allow_network=kb.allow_network, max_bytes=USER_MAX_BYTES)
        for path in kb.extra
    ]
    path = derived.snapshot()
    try:
        store = SnapshotStore(
            pyoxigraph.Store(str(path)), union=True, backend=f"disk snapshot {path}"
        )
        store.path = path
        for i, graph in enumerate(graphs):
            store.add_graph(graph, f"{GRAPH_BASE}extra/{i}/{quote(Path(kb.extra[i]).name)}")
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)
        raise
    _OPEN_SNAPSHOTS.add(store)
    return store


class SnapshotStore(OxigraphStore):
    """A private writable copy of the derived store; its folder is removed when it is closed or
    dropped."""

    path: Path | None = None

    def close(self) -> None:
        ox, self.ox = self.ox, None
        del ox  # the last reference: RocksDB closes here, before its folder goes
        if self.path is not None:
            shutil.rmtree(self.path, ignore_errors=True)
            self.path = None

    def __del__(self):
        self.close()


_OPEN_SNAPSHOTS: weakref.WeakSet[SnapshotStore] = weakref.WeakSet()


@atexit.register
def _close_snapshots() -> None:
    for store in list(_OPEN_SNAPSHOTS):
        store.close()


def store_status(kb: KnowledgeBase, verify: bool = False) -> dict:
    """Whether the derived store matches the files (without updating it), and what it holds."""
    derived = derived_store(kb)
    changes = derived.scan(verify)
    manifest = derived.manifest()
    if changes.fresh:
        state = "fresh"
    elif changes.rebuild_reason:
        state = "needs rebuild"
    else:
        state = "stale"
    files = manifest.files if manifest else {}
    return {
        "folder": str(derived.folder),
        "state": state,
        "reason": changes.rebuild_reason,
        "engine": manifest.engine if manifest else None,
        "database": manifest.db if manifest else None,
        "triples": manifest.triples if manifest else 0,
        "added": changes.added,
        "changed": changes.changed,
        "removed": changes.removed,
        "files": {
            k: {"sha256": e.sha256, "triples": e.triples, "graph": e.graph}
            for k, e in sorted(files.items())
        },
    }
