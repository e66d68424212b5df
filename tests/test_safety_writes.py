"""Issue 14, item 1: nothing accepted may brick the knowledge base.

Whatever ``argkb add`` accepts is written by a serialiser that follows the Turtle grammar and
re-read by a strict parser (pyoxigraph) before the commit point; the same for the log's
``-m``, ``--author`` and ``--reason``. Every test reads the knowledge base back with
pyoxigraph's parser, which is stricter than rdflib's.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from argkb.cli.main import cli
from argkb.kb.folder import KnowledgeBase
from argkb.kb.log import read_log
from argkb.rdf.serialize import turtle_bytes
from conftest import make_kb

pytestmark = pytest.mark.slow  # the slowest 10 % of cases (docs/contributing.md, Tests)

KB_NS = "https://w3id.org/argkb/id/"
HEAD = (
    "@prefix kb: <https://w3id.org/argkb/id/> .\n"
    "@prefix argkb: <https://w3id.org/argkb/ontology#> .\n"
    "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
)


def strictly_readable(kb_dir: Path) -> None:
    """Every Turtle file of the knowledge base parses with pyoxigraph (the grammar, strictly)."""
    for path in sorted((kb_dir / "data").rglob("*.ttl")):
        list(ox.parse(path.read_bytes(), ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()))


def claim(local: str, statement_literal: str) -> str:
    return (
        HEAD + f'<{KB_NS}{local}> a argkb:Claim ; rdfs:label "claim" ;\n'
        f"    argkb:statement {statement_literal} ;\n    prov:wasAttributedTo kb:argkb-editors .\n"
    )


def usable(runner, kb_dir: Path, node: str) -> None:
    """The commands the issue saw fail on a bricked knowledge base all still work."""
    for args in (
        ["validate"],
        ["trace", node],
        ["query", "attributed-claims", "--format", "csv"],
        ["export", "--format", "turtle"],
        ["diff", str(kb_dir / "data" / "mini.ttl")],
    ):
        result = runner.invoke(cli, [*args[:1], "--kb", str(kb_dir), *args[1:]])
        assert result.exit_code in (0, 1), (args, result.output)
        assert not isinstance(result.exception, Exception) or isinstance(
            result.exception, SystemExit
        ), args


TRICKY = {
    "a literal with a line break ending in a backslash and a quote": (
        "claim-backslash",
        r'"first line\nends in \\\""',
    ),
    "a NUL character": ("claim-nul", '"nul \\u0000 inside"'),
    "local names Turtle forbids unescaped": ("claim-µ²½①", '"unicode local name"'),
    "a quote ending a long string": ("claim-quote", "'''she said \"no\"'''"),
}


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_accepted_tricky_text_leaves_the_knowledge_base_readable(runner, tmp_path, name):
    kb_dir = make_kb(tmp_path / "kb")
    local, literal = TRICKY[name]
    source = tmp_path / "c.ttl"
    source.write_text(claim(local, literal), encoding="utf-8")
    result = runner.invoke(
        cli, ["add", "--kb", str(kb_dir), str(source), "-m", 'why """\\', "--author", 'A "B" \\']
    )
    assert result.exit_code == 0, result.output
    strictly_readable(kb_dir)
    usable(runner, kb_dir, f"<{KB_NS}{local}>")
    # what was written holds exactly what was given
    given_graph = Graph().parse(source)
    written = Graph()
    for path in (kb_dir / "data" / "contributions").glob("*.ttl"):
        written.parse(path)
    assert set(given_graph) <= set(written)
    [entry] = read_log(kb_dir / "data")
    assert entry.message == 'why """\\' and entry.author == 'A "B" \\'
    result = runner.invoke(
        cli, ["retract", "--kb", str(kb_dir), entry.id, "--reason", 'because \\"\n\\']
    )
    assert result.exit_code == 0, result.output
    strictly_readable(kb_dir)
    assert read_log(kb_dir / "data")[0].retraction_reason == 'because \\"\n\\'


def test_the_serialiser_output_is_re_parsed_strictly_and_compared():
    graph = Graph()
    node = URIRef(KB_NS + "x")
    for text in ("a\n\\", "\x00", '"""', "\r\n\t\b\f", "é€𝄞"):
        graph.add((node, RDFS.label, Literal(text)))
    graph.add((URIRef(KB_NS + "µ½"), RDFS.label, Literal("x", lang="en-GB")))
    data = turtle_bytes(graph)
    parsed = {
        (str(t.subject.value), str(t.object.value)) for t in ox.parse(data, ox.RdfFormat.TURTLE)
    }
    assert parsed == {(str(s), str(o)) for s, _p, o in graph}


# ----------------------------------------------------------------- property test
_text = st.text(
    st.characters(blacklist_categories=("Cs",))
    | st.sampled_from(["\\", '"', "\n", "\x00", "\ud800"]),
    max_size=12,
)
_local = st.text(
    st.characters(codec="utf-8") | st.sampled_from(list("%{}|\\^`<> ")), min_size=1, max_size=8
)
_lang = st.one_of(
    st.none(),
    st.sampled_from(["en", "en-GB", "de-CH-1901", "x", "e n", "-", "12"]),
    st.text(alphabet="abcXYZ-19", min_size=1, max_size=6),
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(local=_local, label=_text, statement=_text, lang=_lang)
def test_whatever_is_given_the_knowledge_base_stays_readable_and_valid(
    runner, tmp_path_factory, local, label, statement, lang
):
    kb_dir = make_kb(tmp_path_factory.mktemp("fuzz") / "kb")
    node = KB_NS + "claim-" + local
    value = {"@value": statement, **({"@language": lang} if lang else {})}
    doc = {
        "@id": node,
        "@type": "https://w3id.org/argkb/ontology#Claim",
        "http://www.w3.org/2000/01/rdf-schema#label": label or "x",
        "https://w3id.org/argkb/ontology#statement": value,
        "http://www.w3.org/ns/prov#wasAttributedTo": {"@id": KB_NS + "argkb-editors"},
    }
    source = kb_dir.parent / "c.jsonld"
    source.write_text(
        json.dumps(doc), encoding="utf-8"
    )  # ensure_ascii: lone surrogates arrive as \ud800
    result = runner.invoke(cli, ["add", "--kb", str(kb_dir), str(source), "-m", label])
    assert result.exit_code in (0, 1, 2), result.output
    event(f"add exit {result.exit_code}")
    assert isinstance(result.exception, (SystemExit, type(None))), (
        result.output
    )  # never a traceback
    if result.exit_code == 2:
        assert result.output.startswith("argkb: error:") or "argkb: error:" in result.output
    strictly_readable(kb_dir)
    assert not list((kb_dir / "data").rglob("*.pending"))
    entries = read_log(kb_dir / "data")
    if result.exit_code == 0:
        [entry] = entries
        usable(runner, kb_dir, f"<{node}>")
        assert KnowledgeBase.locate(kb_dir).graph().value(URIRef(node), RDFS.label) is not None
        result = runner.invoke(
            cli, ["retract", "--kb", str(kb_dir), entry.id, "--reason", label or "r"]
        )
        assert result.exit_code in (0, 2), result.output
        strictly_readable(kb_dir)
    else:
        assert entries == []
    check = runner.invoke(cli, ["validate", "--kb", str(kb_dir)])
    assert check.exit_code == 0, check.output


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_amending_tricky_text_records_it_exactly_and_retracting_brings_it_back(
    runner, tmp_path, name
):
    """The log records the value an amendment supersedes in N-Triples syntax, whatever it holds, and
    reads it back as the same RDF term: retracting the amendment restores it exactly."""
    from argkb.rdf.strict import from_nt

    kb_dir = make_kb(tmp_path / "kb")
    local, literal = TRICKY[name]
    source = tmp_path / "c.ttl"
    source.write_text(claim(local, literal), encoding="utf-8")
    assert runner.invoke(cli, ["add", "--kb", str(kb_dir), str(source)]).exit_code == 0
    node = URIRef(KB_NS + local)
    statement = URIRef("https://w3id.org/argkb/ontology#statement")
    original = KnowledgeBase.locate(kb_dir).graph().value(node, statement)
    fix = tmp_path / "fix.ttl"
    fix.write_text(HEAD + f'<{KB_NS}{local}> argkb:statement "plain" .\n', encoding="utf-8")
    result = runner.invoke(cli, ["add", "--kb", str(kb_dir), str(fix), "--amend"])
    assert result.exit_code == 0, result.output
    strictly_readable(kb_dir)
    amendment = read_log(kb_dir / "data")[-1]
    assert [from_nt(r.object) for r in amendment.replaced] == [original]
    assert KnowledgeBase.locate(kb_dir).graph().value(node, statement) == Literal("plain")
    usable(runner, kb_dir, f"<{node}>")
    result = runner.invoke(cli, ["retract", "--kb", str(kb_dir), amendment.id, "--reason", "undo"])
    assert result.exit_code == 0, result.output
    assert list(KnowledgeBase.locate(kb_dir).graph().objects(node, statement)) == [original]


def test_rdf_type_as_an_object_is_written_out_not_as_a():
    """``a`` is Turtle for rdf:type as a predicate only: ``argkb:proposed a`` (what a draft's stub
    says) does not parse; the serialiser writes ``argkb:proposed rdf:type``."""
    from rdflib import Graph
    from rdflib.namespace import RDF

    from argkb.rdf.serialize import to_turtle
    from argkb.vocab.namespaces import ARGKB, KB

    g = Graph()
    g.add((KB.stub, RDF.type, ARGKB.Move))
    g.add((KB.stub, ARGKB.proposed, RDF.type))
    text = to_turtle(g)
    assert "argkb:proposed rdf:type" in text
    assert len(Graph().parse(data=text, format="turtle") ^ g) == 0
