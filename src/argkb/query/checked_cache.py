"""A memo of the queries that passed ``argkb.query.library.checked``, so a command does not import
and run rdflib's SPARQL parser (~0.2 s of start-up) to check again a query it checked before.

An entry is a file in the user's cache (``$XDG_CACHE_HOME/argkb/checked-queries/``, never in a
knowledge base, so a shared knowledge base cannot bring entries of its own) named by the SHA-256 of
the query as checked (the standard prologue and the canonical text), whether the network was
allowed, rdflib's installation (its package file's path, size and time) and the source of the
checking module; it holds the query's form. Only queries that passed are kept: a refused or broken
query is parsed every time, and says what it says. An unreadable or unwritable cache is no cache.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

FORMS = ("select", "ask", "construct", "describe")
#: the module whose ``checked`` the entries vouch for (its source is part of every entry's name)
CHECKER = Path(__file__).with_name("library.py")


def _entry(text: str, allow_network: bool) -> Path:
    from argkb.kb.folder import user_cache_dir

    digest = hashlib.sha256(f"{_checker_version()}\0{allow_network}\0".encode())
    digest.update(CHECKER.read_bytes())  # another checker: other entries
    digest.update(text.encode("utf-8"))
    return user_cache_dir() / "checked-queries" / digest.hexdigest()


def _checker_version() -> str:
    """Which rdflib checks: its installed package's file, size and time, read without importing it
    (~0.1 s of start-up that a command whose query passed before would pay for nothing)."""
    import importlib.util
    import os

    spec = importlib.util.find_spec("rdflib")
    if spec is None or spec.origin is None:
        raise RuntimeError("rdflib is not installed")
    st = os.stat(spec.origin)
    return f"{spec.origin}\0{st.st_size}\0{st.st_mtime_ns}"


def recall(text: str, allow_network: bool) -> str | None:
    """The form of ``text`` if it passed the check before (with the same ``allow_network``), else
    None."""
    try:
        form = _entry(text, allow_network).read_text("ascii").strip()
    except (
        OSError,
        UnicodeDecodeError,
        RuntimeError,
    ):  # (RuntimeError: no home folder to be found)
        return None
    return form if form in FORMS else None


def remember(text: str, allow_network: bool, form: str) -> None:
    """Record that ``text`` passed the check; silently nothing when the cache cannot be written."""
    from argkb.rdf.atomic import atomic_write_text

    try:
        entry = _entry(text, allow_network)
        entry.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(entry, form + "\n")
    except (OSError, RuntimeError):
        pass
