"""GraphML and GEXF written as a stream (``argkb.export.xmlstream``): the same document networkx's
own writer makes, read back; the pieces join to ``render``'s text; the file is replaced only once
whole; and the map read by scans on pyoxigraph (``argkb.export.scan``) gives the queries' very
rows."""

from __future__ import annotations

import io

import networkx as nx
import pytest

from argkb.cli.main import cli
from argkb.errors import UsageError
from argkb.export import render, sparql, stream
from argkb.export.graphml import edge_attributes, node_attributes
from argkb.export.model import EDGE_PROPERTIES, LITERAL_ATTRS, NODE_CLASSES, TERM_ATTRS
from argkb.export.scan import Scanner
from argkb.export.select import build_map
from argkb.rdf.atomic import atomic_write_chunks
from argkb.store import open_store
from export_support import mini_kb_copy, schema, xmllint


@pytest.fixture(scope="module")
def amap(tmp_path_factory):
    return build_map(mini_kb_copy(tmp_path_factory.mktemp("export-stream"), hostile=True))


def networkx_document(amap) -> bytes:
    """The map as networkx writes GraphML (what the export wrote before it streamed)."""
    g = nx.MultiDiGraph(name=amap.title)
    for node in amap.nodes.values():
        g.add_node(node.id, **node_attributes(node))
    for edge in amap.edges:
        g.add_edge(edge.source, edge.target, key=edge.id, **edge_attributes(edge))
    out = io.BytesIO()
    nx.write_graphml(g, out, encoding="utf-8")
    return out.getvalue()


def as_read(document: bytes):
    g = nx.read_graphml(io.BytesIO(document))
    return (
        g.graph,
        dict(g.nodes(data=True)),
        sorted((u, v, sorted(d.items())) for u, v, d in g.edges(data=True)),
    )


@pytest.mark.parametrize("which", ["mini", "seed"])
def test_streamed_graphml_reads_back_as_networkx_writes_it(amap, repo_kb, tmp_path, which):
    the_map = amap if which == "mini" else build_map(repo_kb)
    text = render(the_map, "graphml")
    assert as_read(text.encode("utf-8")) == as_read(networkx_document(the_map))
    path = tmp_path / "map.graphml"
    path.write_text(text, encoding="utf-8")
    result = xmllint("--schema", str(schema("graphml", "graphml.xsd")), str(path))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "dot"])
def test_the_pieces_join_to_the_rendered_text(amap, fmt):
    pieces = list(stream(amap, fmt))
    assert "".join(pieces) == render(amap, fmt)
    if fmt != "dot":
        assert len(pieces) >= 1 and all(pieces)


def test_large_documents_come_in_several_pieces(amap, monkeypatch):
    from argkb.export import xmlstream

    monkeypatch.setattr(xmlstream, "CHUNK", 1000)
    pieces = list(stream(amap, "graphml"))
    assert len(pieces) > 5 and "".join(pieces) == render(amap, "graphml")


def test_the_cli_writes_the_streamed_document(amap, runner, tmp_path):
    kb = mini_kb_copy(tmp_path / "kb", hostile=True)
    out = tmp_path / "map.graphml"
    result = runner.invoke(
        cli,
        [
            "export",
            "--kb",
            str(kb.root),
            "--data",
            str(kb.extra[0]),
            "--format",
            "graphml",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == render(build_map(kb), "graphml")
    assert f"GraphML, {out.stat().st_size / 1000:.0f} KB" in result.output


def test_a_stream_that_fails_leaves_the_file_as_it_was(tmp_path):
    target = tmp_path / "map.graphml"
    target.write_bytes(b"before")

    def pieces():
        yield b"<graphml>"
        raise UsageError("stopped half way")

    with pytest.raises(UsageError, match="stopped half way"):
        atomic_write_chunks(target, pieces())
    assert target.read_bytes() == b"before"
    assert [p.name for p in tmp_path.iterdir()] == ["map.graphml"]  # no temporary file left
    assert atomic_write_chunks(target, iter([b"a", b"bc"])) == 3 and target.read_bytes() == b"abc"


def test_the_scans_give_the_queries_rows(repo_kb):
    store = open_store(repo_kb)
    scanner = Scanner(store)
    asked = [(sparql.NODES, {"_class": cls}) for _, cls in NODE_CLASSES]
    asked += [(sparql.LINKS, {"_property": prop}) for _, prop, _ in EDGE_PROPERTIES]
    asked += [(sparql.VALUES, {"_property": prop}) for prop in LITERAL_ATTRS.values()]
    asked += [(sparql.TERMS, {"_property": prop}) for prop in TERM_ATTRS.values()]
    asked += [(sparql.ATTRIBUTION, None)]
    answered = 0
    for query, bindings in asked:
        got, want = scanner.rows(query, bindings), store.query(query, bindings).rows
        assert set(got) == set(want), (query[-80:], bindings)
        answered += bool(got)
    assert answered >= len(asked) - 3  # the seed uses all but the inverse properties
    quotes = store.query(sparql.QUOTES).rows
    assert scanner.rows(sparql.QUOTES) == quotes and len(quotes) > 50  # in the query's order


@pytest.mark.parametrize(
    "value", ["plain", "a & b <c> \"d\" 'e'", "line\nbreak\ttab\rreturn", "&amp; already", ""]
)
def test_escaped_text_and_attributes_read_back_as_they_were(value):
    import xml.etree.ElementTree as ET

    from argkb.export import xmlstream

    root = ET.fromstring(f"<r{xmlstream.attrs({'v': value})}>{xmlstream.text(value)}</r>")
    assert root.get("v") == value
    assert (root.text or "") == value


@pytest.mark.parametrize(
    "lexical, language", [("plain", None), ("Grüße", "de"), ("x\ny", "en-gb"), ("", None)]
)
def test_literals_read_from_pyoxigraph_are_the_ones_rdflibs_constructor_makes(lexical, language):
    import pyoxigraph
    from rdflib import Literal

    from argkb.rdf.strict import from_ox

    made = from_ox(pyoxigraph.Literal(lexical, language=language))
    expected = Literal(lexical, lang=language)
    assert made == expected and hash(made) == hash(expected)
    assert [getattr(made, slot) for slot in Literal.__slots__] == [
        getattr(expected, slot) for slot in Literal.__slots__
    ]
