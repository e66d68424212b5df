"""``argkb init DIR [--empty]``: a new, writable knowledge base folder, seeded from the one argkb
finds (``--empty``: its ontology, shapes and queries only).

The folder is assembled under a temporary name beside DIR and renamed into place, so
it appears whole or not at all. It holds ``ontology/``, ``data/`` (the seed data, its
source texts and any contributions with their log), ``queries/`` (when the source has
them), a README stub and a ``.gitignore`` for derived caches.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from argkb.contrib.lock import LOCK_NAME
from argkb.contrib.recover import AMEND, PENDING
from argkb.errors import UsageError
from argkb.kb.folder import KnowledgeBase

GITIGNORE = """\
# derived from the Turtle files; rebuilt on demand
.argkb-cache/
__pycache__/
# argkb's lock and interrupted writes (cleaned up by the next `argkb add`)
data/.argkb.lock
*.pending
*.amend-*
.*.tmp
"""

README = """\
# {name}: an argkb knowledge base

Made with `argkb init` from {origin}.

- `ontology/` — the vocabulary (`argkb.ttl`) and the rules (`shapes.ttl`).
- `data/` — the knowledge: one Turtle file per source analysed, the source texts in
  `data/sources/`, accepted contributions in `data/contributions/`, and who added
  what in `data/contributions.ttl`.
- `queries/` — named SPARQL queries.

Work inside this folder (or pass `--kb {name}`):

    argkb validate
    argkb diff my-analysis.ttl
    argkb add my-analysis.ttl --author "Your Name" --message "why"
    argkb contributions
"""


def _skip(folder: str, names: list[str]) -> set[str]:
    return {
        n
        for n in names
        if n == LOCK_NAME
        or n.endswith(".tmp")
        or PENDING in n
        or AMEND in n
        or n in ("__pycache__", ".argkb-cache")
    }


def init_kb(target: Path, source: KnowledgeBase, empty: bool = False) -> Path:
    """Make ``target`` a knowledge base copied from ``source``; ``empty``: the ontology, shapes and
    queries only — no data, no source texts, no contributions (for analysts bringing their own
    articles)."""
    target = Path(target).expanduser()
    if target.is_symlink():
        raise UsageError(
            f"{target}: is a symbolic link{' to a missing path' if not target.exists() else ''}; "
            "argkb init makes a new folder: give a path that does not exist yet"
        )
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"{target}: already exists and is not empty; choose a new folder")
    parent = target.resolve().parent
    if not parent.is_dir():
        raise UsageError(f"{parent}: no such folder")
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".init", dir=parent))
    try:
        shutil.copytree(source.ontology_dir, staging / "ontology", ignore=_skip)
        if empty:
            (staging / "data" / "sources").mkdir(parents=True)
        else:
            shutil.copytree(source.data_dir, staging / "data", ignore=_skip)
        if source.queries_dir.is_dir():
            shutil.copytree(source.queries_dir, staging / "queries", ignore=_skip)
        else:
            (staging / "queries").mkdir()
        origin = (
            f"the ontology, shapes and queries of {source.root} (no data)" if empty else source.root
        )
        (staging / "README.md").write_text(
            README.format(name=target.name, origin=origin), encoding="utf-8"
        )
        (staging / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
        if target.exists():
            target.rmdir()  # empty: checked above
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target.resolve()
