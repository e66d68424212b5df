"""Helpers shared by the contribution tests: fixtures' paths, a whole-tree digest, running argkb as
a process."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CONTRIB = Path(__file__).resolve().parent / "data" / "contrib"
VALID = CONTRIB / "valid"
INVALID = CONTRIB / "invalid"
ENV = {**os.environ, "PYTHONPATH": str(REPO / "src"), "ARGKB_AUTHOR": "Test Runner"}


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under root (relative name -> SHA-256 of its bytes): equal digests, equal trees.

    The derived store's cache (``.argkb-cache/``, rebuilt from the Turtle files on demand) is not
    knowledge-base content and is left out."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(Path(root).rglob("*"))
        if (p.is_file() or p.is_symlink()) and ".argkb-cache" not in p.relative_to(root).parts
    }


def argkb_cmd(*args) -> list[str]:
    return [sys.executable, "-m", "argkb", *map(str, args)]


def run_argkb(*args, env=None, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run(
        argkb_cmd(*args),
        env={**ENV, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
