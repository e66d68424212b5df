"""Answers of argkb's own named queries kept beside the derived store's database
(argkb.query.answers): the same output as a query asked of Oxigraph, read back when kept, and not
kept where they may not be."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox

from argkb.cli.main import cli
from argkb.kb.folder import KnowledgeBase
from argkb.query import answers
from argkb.query.library import check, library
from argkb.store.backends import open_store
from argkb.store.base import QueryResult
from argkb.store.views import view_path, write_view

FORMATS = ("json", "csv", "tsv", "table")


def _copy_seed(repo_kb, folder: Path) -> Path:
    shutil.copytree(repo_kb.root / "ontology", folder / "ontology")
    shutil.copytree(repo_kb.root / "data", folder / "data")
    return folder


def _query(runner, kb_dir: Path, *args: str, env: dict | None = None) -> str:
    result = runner.invoke(cli, ["--kb", str(kb_dir), "query", *args], env=env or {})
    assert result.exit_code == 0, result.output
    return result.output


def _kept(kb_dir: Path) -> list[Path]:
    return sorted((kb_dir / ".argkb-cache" / "store" / "views").glob("*.answer-*"))


def test_kept_answers_print_as_the_engine_answers(repo_kb, runner, tmp_path):
    kb_dir = _copy_seed(repo_kb, tmp_path / "kb")
    plain = [
        q.name
        for q in library().values()
        if not any(not p.optional for p in q.params) and check(q.text) in ("select", "ask")
    ]
    assert "lever-perspective-summary" in plain
    for name in plain:
        # in memory: no derived store, so nothing kept; rdflib's terms
        engine = {
            fmt: _query(runner, kb_dir, name, "--format", fmt, env={"ARGKB_STORE": "memory"})
            for fmt in FORMATS
        }
        first = {fmt: _query(runner, kb_dir, name, "--format", fmt) for fmt in FORMATS}
        again = {fmt: _query(runner, kb_dir, name, "--format", fmt) for fmt in FORMATS}
        assert first == engine, name
        assert again == engine, name
    assert len(_kept(kb_dir)) >= len(plain)


def test_a_kept_answer_is_what_is_read(repo_kb, runner, tmp_path):
    kb_dir = _copy_seed(repo_kb, tmp_path / "kb")
    _query(runner, kb_dir, "lever-perspective-summary", "--format", "csv")
    [path] = _kept(kb_dir)
    store = open_store(KnowledgeBase.locate(kb_dir))
    [query] = [q for q in library().values() if q.name == "lever-perspective-summary"]
    name = path.name.split(".", 1)[1]
    assert view_path(store, name) == path
    planted = QueryResult(
        "select", vars=["lever"], rows=[(ox.NamedNode("https://w3id.org/argkb/id/x"),)]
    )
    answers.remember(store, name, planted)
    assert _query(runner, kb_dir, "lever-perspective-summary", "--format", "csv").splitlines() == [
        "lever",
        "https://w3id.org/argkb/id/x",
    ]
    assert answers.keeps(store, query, query.text)
    # a view that is not an answer is asked again, and the answer kept again
    write_view(store, name, ["not", "an", "answer"])
    again = _query(runner, kb_dir, "lever-perspective-summary", "--format", "csv")
    assert len(again.splitlines()) > 2
    assert answers.recall(store, name) is not None


def test_the_row_cap_holds_for_kept_answers(repo_kb, runner, tmp_path):
    kb_dir = _copy_seed(repo_kb, tmp_path / "kb")
    _query(runner, kb_dir, "lever-perspective-summary", "--format", "csv")
    assert _kept(kb_dir)
    result = runner.invoke(
        cli, ["--kb", str(kb_dir), "query", "lever-perspective-summary", "--max-rows", "3"]
    )
    assert result.exit_code == 2 and "more than 3 rows" in result.output


def test_what_is_not_kept(repo_kb, runner, tmp_path):
    kb_dir = _copy_seed(repo_kb, tmp_path / "kb")
    [query] = [q for q in library().values() if q.name == "lever-perspective-summary"]
    own = tmp_path / "mine.rq"
    own.write_text(query.text, encoding="utf-8")
    _query(runner, kb_dir, str(own), "--format", "csv")  # a file: not argkb's own
    _query(runner, kb_dir, query.name, "--labels", "--format", "csv")  # labels: rdflib's terms
    assert _kept(kb_dir) == []
    store = open_store(KnowledgeBase.locate(kb_dir))
    assert answers.keeps(store, query, query.text)
    # not the database's alone
    assert not answers.keeps(store, query, "SELECT (NOW() AS ?t) WHERE {}")
    assert not answers.keeps(_memory(kb_dir), query, query.text)  # no committed database
    blank = QueryResult("select", vars=["x"], rows=[(ox.BlankNode(),)])
    answers.remember(store, "answer-1-blank", blank)
    assert not (view_path(store, "answer-1-blank")).exists()


def _memory(kb_dir: Path):
    from argkb.store.base import OxigraphStore

    return OxigraphStore.from_kb(KnowledgeBase.locate(kb_dir))


_RUN = """import atexit, sys
atexit.register(lambda: print("rdflib imported" if "rdflib" in sys.modules else "no rdflib",
                              file=sys.stderr))
from argkb.cli.main import main
main(["--kb", sys.argv[1], "query", "lever-perspective-summary", "--format", "csv"])
"""


def test_a_kept_answer_is_printed_without_rdflib(repo_kb, tmp_path):
    """Start-up (issue 23): rdflib costs ~0.1 s to import, and a kept answer needs none of it."""
    import os
    import subprocess
    import sys

    kb_dir = _copy_seed(repo_kb, tmp_path / "kb")
    env = {**os.environ, "PYTHONPATH": str(Path(answers.__file__).resolve().parents[2])}
    runs = [
        subprocess.run(
            [sys.executable, "-c", _RUN, str(kb_dir)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        for _ in range(2)
    ]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr
    assert runs[0].stdout == runs[1].stdout and runs[1].stdout.count("\n") > 2
    assert runs[1].stderr.strip().endswith("no rdflib"), runs[1].stderr


def test_the_prefixes_are_rdflib_namespaces():
    """``PREFIXES`` is written as text (read without rdflib): the same IRIs as the namespaces."""
    from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

    from argkb.vocab import namespaces
    from argkb.vocab._argkb import ARGKB

    assert namespaces.PREFIXES == {
        "argkb": str(ARGKB),
        "kb": str(namespaces.KB),
        "oa": str(namespaces.OA),
        "prov": str(PROV),
        "skos": str(SKOS),
        "dcterms": str(DCTERMS),
        "rdf": str(RDF),
        "rdfs": str(RDFS),
        "owl": str(OWL),
        "xsd": str(XSD),
        "sh": str(SH),
    }
    assert str(namespaces.AIF) == "http://www.arg.dundee.ac.uk/aif#"
