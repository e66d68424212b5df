"""Cached views of one committed database of the derived store.

A committed database (``argkb.store.derived``: ``db-<id>``) is never written again, so anything
computed from it alone stays true as long as the manifest names it. A capability may keep such a
computation beside it, under ``<kb>/.argkb-cache/store/views/<db>.<name>``: the argument graph
``argkb lenses`` reads (``argkb.assess.snapshot``) is one. The file is a cache: it is written
atomically, read only when the database it names is the one the store was opened on, removed with
that database (``DerivedStore._collect``), and ignored when unreadable, so losing it costs only
the time to compute it again.
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path

VIEWS = "views"
#: the bytes a view file starts with, before its marshalled payload (a format change renames it)
MAGIC = b"argkb-view 1\n"


def view_path(store, name: str) -> Path | None:
    """The file of view ``name`` of the database ``store`` reads, or None when the store is not a
    committed database of a derived store (memory, an endpoint, a snapshot with --data files)."""
    folder, db = getattr(store, "views_folder", None), getattr(store, "db", None)
    if folder is None or db is None:
        return None
    return Path(folder) / f"{db}.{name}"


def read_view(store, name: str):
    """The value stored for view ``name``, or None (no such view, another format, unreadable)."""
    path = view_path(store, name)
    if path is None:
        return None
    try:
        data = (
            path.read_bytes()
        )  # marshal.loads of the bytes: marshal.load(file) reads object by object
        if not data.startswith(MAGIC):
            return None
        return marshal.loads(memoryview(data)[len(MAGIC) :])
    except (OSError, EOFError, ValueError, TypeError):
        return None


def write_view(store, name: str, value) -> bool:
    """Store ``value`` (built of marshal's types: str, int, float, bool, None, tuples, lists, dicts)
    as view ``name``. Best effort: False, and nothing left behind, when the folder cannot be written
    (a read-only checkout, a full disk)."""
    path = view_path(store, name)
    if path is None:
        return False
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(exist_ok=True)
        tmp.write_bytes(MAGIC + marshal.dumps(value))
        os.replace(tmp, path)
        return True
    except (OSError, ValueError):
        try:
            tmp.unlink()
        except OSError:
            pass
        return False


#: the view naming what a database added to its predecessor (``derived``: written at commit time)
LINEAGE = "lineage"


def write_lineage(folder: Path, db: str, predecessor: str, graphs: list[str]) -> None:
    """Record, beside database ``db``, that it is database ``predecessor`` plus triples in the
    named graphs ``graphs`` only (new files, and changed files that kept every triple they had,
    such as the appended contributions log): ``argkb.assess.incremental`` derives a view from the
    predecessor's then. Best effort, as every view."""
    store = _At(Path(folder) / VIEWS, db)
    write_view(store, LINEAGE, {"predecessor": predecessor, "graphs": list(graphs)})


def read_lineage(store) -> tuple[str, list[str]] | None:
    """``(predecessor, added graphs)`` recorded for the store's database, or None."""
    value = read_view(store, LINEAGE)
    try:
        predecessor, graphs = value["predecessor"], value["graphs"]
    except (TypeError, KeyError):
        return None
    if not isinstance(predecessor, str) or not all(isinstance(g, str) for g in graphs):
        return None
    return predecessor, list(graphs)


def predecessor_store(store, db: str):
    """Something ``read_view`` reads the views of database ``db`` (beside the store's) through."""
    return _At(getattr(store, "views_folder", None), db)


class _At:
    """The folder and database name ``view_path`` asks a store for."""

    def __init__(self, folder, db: str):
        self.views_folder, self.db = folder, db


def collect_views(folder: Path, keep: set[str]) -> None:
    """Remove the views of databases not in ``keep`` (and temporary files of crashed writers)."""
    try:
        children = list((Path(folder) / VIEWS).iterdir())
    except OSError:
        return
    for child in children:
        db = child.name.lstrip(".").split(".", 1)[0]
        if db not in keep or child.name.startswith("."):
            if child.name.startswith(".") and _writer_alive(child.name):
                continue
            try:
                child.unlink()
            except OSError:
                pass


def _writer_alive(name: str) -> bool:
    from argkb.kb.processes import pid_alive

    parts = name.split(".")  # .<db>.<name>.<pid>.tmp
    pid = parts[-2] if len(parts) >= 3 and parts[-1] == "tmp" else ""
    return pid.isdigit() and pid_alive(int(pid))
