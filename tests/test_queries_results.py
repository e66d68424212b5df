"""Result formats: SPARQL 1.1 CSV / TSV / JSON, the table, and graphs as Turtle / JSON-LD."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from argkb.errors import UsageError
from argkb.query.results import default_format, render
from argkb.store.base import QueryResult

ROW = (
    URIRef("https://w3id.org/argkb/id/x"),
    Literal('a "quoted",\ttabbed\nline', lang="en"),
    Literal(3),
    BNode("b0"),
    None,
)
RESULT = QueryResult("select", vars=["s", "text", "n", "b", "missing"], rows=[ROW])


def test_csv_is_sparql_csv():
    rows = list(csv.reader(io.StringIO(render(RESULT, "csv"), newline="")))
    assert rows == [
        ["s", "text", "n", "b", "missing"],
        ["https://w3id.org/argkb/id/x", 'a "quoted",\ttabbed\nline', "3", "_:b0", ""],
    ]


def test_tsv_is_sparql_tsv_one_line_per_row():
    lines = render(RESULT, "tsv").splitlines()
    assert lines[0] == "?s\t?text\t?n\t?b\t?missing"
    assert len(lines) == 2
    fields = lines[1].split("\t")
    assert fields[0] == "<https://w3id.org/argkb/id/x>" and fields[2] == f'"3"^^<{XSD.integer}>'
    assert (
        fields[1].startswith('"a \\"quoted\\",') and fields[1].endswith("@en") and fields[4] == ""
    )


def test_json_is_sparql_results_json():
    doc = json.loads(render(RESULT, "json"))
    (binding,) = doc["results"]["bindings"]
    assert doc["head"]["vars"] == ["s", "text", "n", "b", "missing"]
    assert binding["s"] == {"type": "uri", "value": "https://w3id.org/argkb/id/x"}
    assert binding["text"]["xml:lang"] == "en" and binding["n"]["datatype"] == str(XSD.integer)
    assert binding["b"] == {"type": "bnode", "value": "b0"} and "missing" not in binding


def test_table_uses_curies_and_counts_rows():
    table = render(RESULT, "table", width=200)
    assert "kb:x" in table and "1 row" in table and "\x1b[" not in table


def test_ask_everywhere():
    ask = QueryResult("ask", boolean=True)
    assert render(ask, "table") == "true"
    assert render(ask, "csv").split() == ["boolean", "true"]
    assert render(ask, "tsv").split() == ["?boolean", "true"]
    assert json.loads(render(ask, "json")) == {"head": {}, "boolean": True}


def test_graphs():
    g = Graph()
    g.add(
        (
            URIRef("https://w3id.org/argkb/id/a"),
            URIRef("https://w3id.org/argkb/ontology#premise"),
            URIRef("https://w3id.org/argkb/id/b"),
        )
    )
    result = QueryResult("graph", graph=g)
    ttl = render(result, "turtle")
    assert "kb:a argkb:premise kb:b" in ttl
    assert isomorphic(Graph().parse(data=render(result, "jsonld"), format="json-ld"), g)
    with pytest.raises(UsageError):
        render(result, "table")
    with pytest.raises(UsageError):
        render(RESULT, "turtle")


def test_default_format():
    assert default_format("select", True) == "table" and default_format("select", False) == "csv"
    assert default_format("graph", True) == "turtle"
