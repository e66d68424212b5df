"""Shared fixtures: the repository's knowledge base, and a tiny one built in a temporary folder."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from argkb.kb.folder import KnowledgeBase

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def unavailable(message: str, allow_module_level: bool = False):
    """Something a test needs is missing: in CI that fails the test, elsewhere it skips it, saying
    why."""
    if IN_CI:
        pytest.fail(message + " (required in CI)", pytrace=False)
    pytest.skip(message, allow_module_level=allow_module_level)


def module(name: str):
    """A module a test needs (a test dependency): imported, or unavailable (a failure in CI)."""
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError as exc:
        unavailable(f"{name} cannot be imported ({exc}); pip install -e '.[test]' (.ci/run does)")


def program(name: str) -> str:
    """The path of a program a test drives for real (beside this Python first, then on PATH)."""
    import sys

    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.is_file() else shutil.which(name)
    if not found:
        unavailable(f"{name} is not installed (.ci/run installs it)")
    return found


@pytest.fixture(scope="session", autouse=True)
def private_user_cache(tmp_path_factory):
    """Each test session, and each pytest-xdist worker of one, gets a user cache of its own (the
    derived store of the bundled knowledge base lives there): workers never share one, and the suite
    never writes into the user's ~/.cache. Subprocesses the tests start inherit it."""
    folder = tmp_path_factory.getbasetemp() / "user-cache"
    folder.mkdir(exist_ok=True)
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def repo_kb() -> KnowledgeBase:
    """The knowledge base of this repository (ontology + the seed article)."""
    return KnowledgeBase.locate(REPO)


def make_kb(folder: Path) -> Path:
    """A writable copy of the tiny test knowledge base: the real ontology plus
    tests/data/kb/data."""
    shutil.copytree(REPO / "ontology", folder / "ontology")
    shutil.copytree(DATA / "kb" / "data", folder / "data")
    return folder


def kb_files(folder: Path) -> dict[str, bytes]:
    """The bytes of every file of a knowledge base (ontology/ and data/), by relative path: a module
    that shares one copy among tests that only read it checks it is unchanged when it is done."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for top in ("ontology", "data")
        for p in sorted((folder / top).rglob("*"))
        if p.is_file()
    }


@contextmanager
def left_unchanged(folder: Path):
    """For a copy of a knowledge base that a module's tests share: they must only read it."""
    before = kb_files(folder)
    yield folder
    assert kb_files(folder) == before, f"a test wrote into {folder}, which its module's tests share"


@pytest.fixture(scope="module")
def shared_mini_kb_dir(tmp_path_factory) -> Path:
    """One copy of the tiny knowledge base for the tests of a module that only read it: its derived
    store and compiled shapes are built once, not once per test. A module whose tests all only read
    it overrides ``mini_kb_dir`` with this one."""
    with left_unchanged(make_kb(tmp_path_factory.mktemp("shared") / "kb")) as folder:
        yield folder


@pytest.fixture
def mini_kb_dir(tmp_path) -> Path:
    return make_kb(tmp_path / "kb")


@pytest.fixture
def mini_kb(mini_kb_dir) -> KnowledgeBase:
    return KnowledgeBase.locate(mini_kb_dir)


@pytest.fixture
def sparql_parsed_once(monkeypatch):
    """rdflib parses each SPARQL text once per test, not once per call. pySHACL sends the text of a
    SPARQL constraint once per focus node, and parsing it is most of a pySHACL run (85 % on a
    generated knowledge base). A prepared query is rdflib's own way to run one text many times with
    other initBindings, so the results are the same; pySHACL is only spared the re-parsing."""
    from rdflib.plugins.sparql import processor
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    prepared: dict = {}
    query = processor.SPARQLProcessor.query

    def once(self, text, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803
        if isinstance(text, str):
            key = (text, base, tuple(sorted((initNs or {}).items())))
            if key not in prepared:
                prepared[key] = translateQuery(parseQuery(text), base, initNs)
            text = prepared[key]
        return query(self, text, initBindings, initNs, base, DEBUG)

    monkeypatch.setattr(processor.SPARQLProcessor, "query", once)
    return prepared
