"""The manifest of a derived store (``argkb.store.derived``): for each of the knowledge base's
files, its SHA-256, its triple count, the stat signature seen when it was hashed, its named graph
(``graph_iri``) and the fingerprint of the facts amendments replaced in it; and the changes found
between the files and the manifest (``Changes``).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote

FORMAT = 2  # 2: entries record the fingerprint of what amendments replaced in the file
#: named graphs of the knowledge base's files: this prefix + the file's path inside the KB
GRAPH_BASE = "https://w3id.org/argkb/graph/"


def graph_iri(root: Path, path: Path) -> str:
    """The named graph holding ``path``: GRAPH_BASE + its path relative to the KB root."""
    return _graph_iri(Path(root).resolve(), Path(path).resolve(), Path(path).name)


def _graph_iri(real_root: Path, real_path: Path, name: str) -> str:
    try:
        rel = real_path.relative_to(real_root).as_posix()
    except ValueError:
        rel = "external/" + hashlib.sha256(str(real_path).encode()).hexdigest()[:16] + "/" + name
    return GRAPH_BASE + quote(rel, safe="/-._~")


def engine_version() -> str:
    import pyoxigraph

    return f"pyoxigraph {getattr(pyoxigraph, '__version__', '?')}"


@dataclass
class FileEntry:
    sha256: str
    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int
    hashed_ns: int
    triples: int
    graph: str
    superseded: str = ""  # argkb.kb.supersede.digest of the facts left out of this file

    def same_stat(self, st: os.stat_result) -> bool:
        return (self.size, self.mtime_ns, self.ctime_ns, self.ino) == (
            st.st_size,
            st.st_mtime_ns,
            st.st_ctime_ns,
            st.st_ino,
        )


_ENTRY_FIELDS = frozenset(FileEntry.__dataclass_fields__)


def _entry(fields: dict) -> FileEntry:
    """``FileEntry(**fields)``; an entry with every field (as this version writes them) is adopted
    as it is, without the dataclass's ``__init__`` (a cold start reads thousands of them)."""
    if fields.keys() != _ENTRY_FIELDS:
        return FileEntry(**fields)
    entry = object.__new__(FileEntry)
    entry.__dict__ = fields
    return entry


@dataclass
class Manifest:
    db: str
    files: dict[str, FileEntry] = field(default_factory=dict)
    engine: str = ""
    format: int = FORMAT

    def to_json(self) -> str:
        data = {
            "format": self.format,
            "engine": self.engine,
            "db": self.db,
            "files": {k: asdict(v) for k, v in sorted(self.files.items())},
        }
        return json.dumps(data, indent=1) + "\n"

    @classmethod
    def read(cls, path: Path) -> Manifest | None:
        """The manifest, or None when missing, unreadable, corrupt or from another format/engine."""
        try:
            data = json.loads(path.read_text("utf-8"))
            if data.get("format") != FORMAT or data.get("engine") != engine_version():
                return None
            db = data["db"]
            if not isinstance(db, str) or not db.startswith("db-") or "/" in db:
                return None
            return cls(db, {k: _entry(v) for k, v in data["files"].items()}, data["engine"])
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None

    @property
    def triples(self) -> int:
        return sum(e.triples for e in self.files.values())


@dataclass
class Changes:
    """What differs between the files and the manifest (file keys are paths relative to the KB)."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    rebuild_reason: str | None = None  # the whole store must be rebuilt, and why
    entries: dict[str, FileEntry] = field(default_factory=dict)  # fresh entries (hash known)
    content: dict[str, bytes] = field(default_factory=dict)  # bytes read while hashing
    restat: bool = False  # unchanged files whose stat signature needs recording
    manifest: Manifest | None = None  # the manifest compared with

    @property
    def fresh(self) -> bool:
        return self.rebuild_reason is None and not (self.added or self.changed or self.removed)
