"""`argkb diff` shows literals as a person writes them in Turtle (``858``, ``"text"@en``,
``"…"^^xsd:date``)."""

from __future__ import annotations

import json

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from argkb.cli.main import cli
from argkb.rdf.ids import show


@pytest.mark.parametrize(
    "term, written",
    [
        (Literal(858), "858"),
        (Literal("-3", datatype=XSD.integer), "-3"),
        (Literal("1.5", datatype=XSD.decimal), "1.5"),
        (Literal("5", datatype=XSD.decimal), '"5"^^xsd:decimal'),  # bare 5 would read as an integer
        (
            Literal("2.5", datatype=XSD.double),
            '"2.5"^^xsd:double',
        ),  # bare 2.5 would read as a decimal
        (Literal(True), "true"),
        (Literal("abc", datatype=XSD.integer), '"abc"^^xsd:integer'),  # ill-typed: kept as written
        (Literal("Russia", lang="en"), '"Russia"@en'),
        (Literal("plain"), '"plain"'),
        (Literal("s", datatype=XSD.string), '"s"'),
        (Literal('say "hi"'), '"say \\"hi\\""'),
        (Literal("2025-01-01", datatype=XSD.date), '"2025-01-01"^^xsd:date'),
        (URIRef("https://w3id.org/argkb/id/russia"), "kb:russia"),
        (BNode("b1"), "_:b1"),
    ],
)
def test_show_writes_terms_as_turtle_does(term, written):
    assert show(term) == written


def test_diff_conflict_and_links_show_plain_numbers(runner, mini_kb_dir, tmp_path):
    contribution = tmp_path / "offsets.ttl"
    contribution.write_text(
        "@prefix oa: <http://www.w3.org/ns/oa#> .\n@prefix kb: <https://w3id.org/argkb/id/> .\n"
        "@prefix ex: <https://example.org/> .\n"
        "kb:quote-doubt oa:start 858 .\nkb:russia ex:population 143 .\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["diff", "--kb", str(mini_kb_dir), str(contribution)])
    assert "kb:quote-doubt already has oa:start 64; the contribution gives 858" in result.output
    assert "kb:russia <https://example.org/population> 143" in result.output
    assert "^^" not in result.output
    data = json.loads(
        runner.invoke(
            cli, ["diff", "--kb", str(mini_kb_dir), "--format", "json", str(contribution)]
        ).output
    )
    assert data["conflicts"][0]["new"] == "858" and data["conflicts"][0]["old"] == ["64"]
