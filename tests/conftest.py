"""Shared fixtures: the repository's knowledge base, and a tiny one built in a temporary folder."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from argkb.kb import KnowledgeBase

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def repo_kb() -> KnowledgeBase:
    """The knowledge base of this repository (ontology + the seed article)."""
    return KnowledgeBase.locate(REPO)


def make_kb(folder: Path) -> Path:
    """A writable copy of the tiny test knowledge base: the real ontology plus tests/data/kb/data."""
    shutil.copytree(REPO / "ontology", folder / "ontology")
    shutil.copytree(DATA / "kb" / "data", folder / "data")
    return folder


@pytest.fixture
def mini_kb_dir(tmp_path) -> Path:
    return make_kb(tmp_path / "kb")


@pytest.fixture
def mini_kb(mini_kb_dir) -> KnowledgeBase:
    return KnowledgeBase.locate(mini_kb_dir)
