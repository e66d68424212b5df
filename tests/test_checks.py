"""The checks CI runs: `ruff format --check`, `ruff check` and `mypy`, each with no arguments (their
settings live in pyproject.toml: the formatter and ruff's rule set, lines of at most 100 characters
included, over the repository; mypy over src/), report nothing."""

from __future__ import annotations

import os
import subprocess

import pytest

from conftest import REPO, program

pytestmark = pytest.mark.slow


def _run(command: list[str], **env: str) -> subprocess.CompletedProcess:
    # caches go to the test's own folder: nothing is written into the repository, and parallel runs
    # do not share
    return subprocess.run(
        [program(command[0]), *command[1:]],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **env},
    )


def test_ruff_format_is_clean(tmp_path):
    done = _run(["ruff", "format", "--check"], RUFF_CACHE_DIR=str(tmp_path / "ruff"))
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_is_clean(tmp_path):
    done = _run(["ruff", "check"], RUFF_CACHE_DIR=str(tmp_path / "ruff"))
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_is_clean(tmp_path):
    done = _run(["mypy"], MYPY_CACHE_DIR=str(tmp_path / "mypy"))
    assert done.returncode == 0 and "Success: no issues found" in done.stdout, (
        done.stdout + done.stderr
    )
