"""Temporary folders inside the knowledge base's cache, never in the system's temporary folder.

``scratch(kb, "add")`` makes ``<cache>/tmp/add-<pid>-<random>/`` and removes it when done.
A process killed before it could clean up leaves its folder behind; the next ``scratch``
removes every folder whose process is no longer alive. ``system_temp_in(folder)`` sends what a
library writes to "the system's temporary folder" (``tempfile``: owlready2's reasoner input) into
such a folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from argkb.errors import UsageError
from argkb.kb.processes import pid_alive

SCRATCH = "tmp"


def scratch_root(cache_dir: Path) -> Path:
    return Path(cache_dir) / SCRATCH


def clean_stale(cache_dir: Path) -> list[str]:
    """Remove the scratch folders of processes that are gone; returns their names."""
    root = scratch_root(cache_dir)
    removed: list[str] = []
    if not root.is_dir():
        return removed
    for folder in root.iterdir():
        pid = _owner(folder.name)
        if pid is not None and pid != os.getpid() and not pid_alive(pid):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed


def _owner(name: str) -> int | None:
    parts = name.split("-")
    return int(parts[-2]) if len(parts) >= 3 and parts[-2].isdigit() else None


@contextmanager
def scratch(kb, purpose: str) -> Iterator[Path]:
    """A new empty folder for ``purpose`` in ``kb``'s cache, removed on exit (stale ones cleaned
    first)."""
    try:
        root = scratch_root(kb.cache_dir)
        root.mkdir(parents=True, exist_ok=True)
        clean_stale(kb.cache_dir)
        folder = Path(tempfile.mkdtemp(prefix=f"{purpose}-{os.getpid()}-", dir=root))
    except OSError as exc:
        raise UsageError(
            f"{kb.cache_dir}: cannot make a temporary folder: {exc.strerror or exc} "
            "(is the knowledge base read-only? argkb needs its .argkb-cache folder)"
        ) from None
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def system_temp_in(folder: Path) -> Iterator[Path]:
    """Within the block, ``tempfile`` (what libraries such as owlready2 call the system's temporary
    folder) creates its files in ``folder``: a scratch folder, removed after and recovered after a
    kill."""
    before = tempfile.tempdir
    tempfile.tempdir = str(folder)
    try:
        yield folder
    finally:
        tempfile.tempdir = before
