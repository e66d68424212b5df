"""Finishing or undoing what a killed writer left behind (run under the lock before every change).

A change is written in three steps: (1) the new files under temporary names
(``data/contributions/ID.ttl.pending``, ``data/NAME.ttl.amend-ID``, and for ``argkb source add``
``data/sources/NAME.txt.amend-ID``), (2) the log,
atomically — the commit point — and (3) the renames to the real names. Readers never
read a pending name. So, after a crash: a pending file whose contribution is in the log
is renamed into place (the change was committed); one whose contribution is not is
removed (it never happened). Leftover temporary files of interrupted atomic writes are removed.
"""

from __future__ import annotations

import os
from pathlib import Path

from argkb.kb.log import CONTRIB_DIR, read_log
from argkb.rdf.atomic import fsync_dir

PENDING = ".pending"
AMEND = ".amend-"


def pending_name(final: Path) -> Path:
    return final.with_name(final.name + PENDING)


def amend_name(final: Path, cid: str) -> Path:
    return final.with_name(f"{final.name}{AMEND}{cid}")


def recover(data_dir: Path) -> list[str]:
    """Bring ``data_dir`` to a committed state; returns what was done, one line per file."""
    data_dir = Path(data_dir)
    contrib = data_dir / CONTRIB_DIR
    done: list[str] = []
    folders = [d for d in (data_dir, contrib, data_dir / "sources") if d.is_dir()]
    leftovers = [p for d in folders for p in d.iterdir() if PENDING in p.name or AMEND in p.name]
    leftovers += [p for d in folders for p in d.glob(".*.tmp")]
    if not leftovers:
        return done
    entries = read_log(data_dir)
    committed_files = {Path(c.content_file).name for c in entries}
    committed_ids = {c.id for c in entries}
    for path in sorted(leftovers):
        if path.name.endswith(".tmp"):
            path.unlink(missing_ok=True)
            done.append(f"removed {path.name} (an interrupted write)")
        elif path.name.endswith(PENDING):
            final = path.with_name(path.name[: -len(PENDING)])
            _finish_or_drop(path, final, final.name in committed_files, done)
        else:
            name, cid = path.name.split(AMEND, 1)
            _finish_or_drop(path, path.with_name(name), cid in committed_ids, done)
    for folder in folders:
        fsync_dir(folder)
    return done


def _finish_or_drop(path: Path, final: Path, committed: bool, done: list[str]) -> None:
    if committed:
        os.replace(path, final)
        done.append(f"completed {final.name} (committed before an interruption)")
    else:
        path.unlink(missing_ok=True)
        done.append(f"removed {path.name} (never committed)")


def finish(data_dir: Path, renames: list[tuple[Path, Path]]) -> None:
    """Step 3 of a change: the renames, then the folders' fsync."""
    for source, target in renames:
        os.replace(source, target)
    for folder in {t.parent for _s, t in renames} | {Path(data_dir)}:
        fsync_dir(folder)
