"""Shared by the export tests: the fixture knowledge bases, the real clients, the schemas."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from argkb.kb.folder import KnowledgeBase
from conftest import DATA, REPO, make_kb, program, unavailable

SCHEMAS = REPO.parent / "shared" / "schemas"
HOSTILE = DATA / "export" / "hostile.ttl"
ARTIFACTS = REPO / "test-artifacts"
need = program


def schema(*parts: str) -> Path:
    path = SCHEMAS.joinpath(*parts)
    if not path.is_file():
        unavailable(f"schema {path} is missing (shared/schemas is expected beside the repository)")
    return path


def mini_kb_copy(folder: Path, hostile: bool = False) -> KnowledgeBase:
    root = make_kb(folder)
    return KnowledgeBase.locate(root, extra=[HOSTILE] if hostile else [])


def xmllint(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [need("xmllint"), "--noout", *args], capture_output=True, text=True, timeout=60
    )


def chromium(url: str, user_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    binary = shutil.which("chromium") or shutil.which("chromium-browser") or need("chromium")
    return subprocess.run(
        [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={user_dir}",
            "--virtual-time-budget=5000",
            *extra,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
