"""Ad-hoc queries get the standard prefixes they do not declare; CSV / TSV carry label columns on
request."""

from __future__ import annotations

import csv
import io

import pytest
from rdflib import RDFS, Graph, URIRef

from argkb.cli.main import cli

KB = "https://w3id.org/argkb/id/"


@pytest.fixture(scope="module")
def mini_kb_dir(shared_mini_kb_dir):
    """The tests here only read the tiny knowledge base: they share one copy (tests/conftest.py)."""
    return shared_mini_kb_dir


def mini_labels(kb_dir) -> dict[str, str]:
    g = Graph().parse(kb_dir / "data" / "mini.ttl")
    return {str(s): str(o) for s, o in g.subject_objects(RDFS.label) if isinstance(s, URIRef)}


def run(runner, kb_dir, text, *args):
    return runner.invoke(cli, ["query", "-", "--kb", str(kb_dir), *args], input=text)


def test_undeclared_standard_prefixes_are_supplied(runner, mini_kb_dir):
    body = "SELECT ?x ?l WHERE { ?x a argkb:Implication ; rdfs:label ?l } ORDER BY ?x"
    declared = (
        "PREFIX argkb: <https://w3id.org/argkb/ontology#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + body
    )
    bare, full = (
        run(runner, mini_kb_dir, body, "--format", "csv"),
        run(runner, mini_kb_dir, declared, "--format", "csv"),
    )
    assert bare.exit_code == full.exit_code == 0, bare.output
    assert bare.output == full.output and bare.output.count("\n") > 1


def test_a_declared_prefix_is_the_users(runner, mini_kb_dir):
    text = "PREFIX kb: <http://example.org/elsewhere/>\nASK { kb:russia ?p ?o }"
    result = run(runner, mini_kb_dir, text, "--format", "csv")
    assert result.exit_code == 0 and result.output.splitlines()[1] == "false"
    assert (
        run(runner, mini_kb_dir, "ASK { kb:russia ?p ?o }", "--format", "csv").output.splitlines()[
            1
        ]
        == "true"
    )


def test_syntax_errors_keep_the_users_line_and_column(runner, mini_kb_dir):
    result = run(runner, mini_kb_dir, "SELECT ?x WHERE { ?x rdfs:label }")
    assert result.exit_code == 2
    assert "<stdin>:1:19:" in result.output  # the pattern at column 19 of the user's line 1
    second = run(runner, mini_kb_dir, "SELECT ?x\nWHERE { ?x rdfs:label }")
    assert second.exit_code == 2 and "<stdin>:2:9:" in second.output  # the same pattern, on line 2


def test_label_columns_beside_iri_columns(runner, mini_kb_dir):
    text = "SELECT ?s ?o WHERE { ?s argkb:affects ?o } ORDER BY ?s ?o"
    result = run(runner, mini_kb_dir, text, "--format", "csv", "--labels")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0] == ["s", "s_label", "o", "o_label"]
    labels = mini_labels(mini_kb_dir)
    assert len(rows) > 1
    for s, s_label, o, o_label in rows[1:]:
        assert (s_label, o_label) == (labels.get(s, ""), labels.get(o, ""))


def test_tsv_labels_are_literals_and_plain_csv_has_none(runner, mini_kb_dir):
    text = "SELECT ?s WHERE { ?s a argkb:Implication } ORDER BY ?s"
    tsv = run(runner, mini_kb_dir, text, "--format", "tsv", "--labels").output.splitlines()
    assert tsv[0] == "?s\t?s_label"
    iri, label = tsv[1].split("\t")
    assert label.startswith('"') and mini_labels(mini_kb_dir)[iri.strip("<>")] in label
    assert run(runner, mini_kb_dir, text, "--format", "csv").output.splitlines()[0] == "s"
