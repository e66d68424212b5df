"""The map's scans read ahead (``argkb.export.scan.Scanner.ahead``): packed scans of IRIs and of
literals give the same subject -> values as the row-by-row reading, with the same objects (one
URIRef per IRI, shared with the argument graph's reading), and fall back to the rows when a value
is not what the packed form carries: a literal where IRIs are read, blank nodes, a separator
character in a text. The exported map is then the one read row by row, byte for byte."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from argkb.assess.load_scans import PREFIXES, load_scans, queue_shared
from argkb.cli.main import cli
from argkb.export.model import GRAPH_PROPERTIES, NODE_CLASSES
from argkb.export.scan import LITERAL_VALUED, Scanner
from argkb.store.base import OxigraphStore
from argkb.store.prefetch import ENV_THREADS, Prefetch
from argkb.store.queries import FIELD_SEPARATOR, ROW_SEPARATOR
from argkb.vocab.namespaces import ARGKB, OA, RDFS

N = ox.NamedNode
XSD_INTEGER = N("http://www.w3.org/2001/XMLSchema#integer")
RDF_TYPE = N("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _iri(name: str) -> ox.NamedNode:
    return N(f"https://w3id.org/argkb/id/{name}")


def _a(term) -> ox.NamedNode:
    return N(str(term))


#: a small graph with what the packed forms must hand back to the rows
BASE = [
    (_iri("c1"), RDF_TYPE, _a(ARGKB.Claim)),
    (_iri("c2"), RDF_TYPE, _a(ARGKB.Implication)),
    (_iri("a1"), RDF_TYPE, _a(ARGKB.Argument)),
    (_iri("a1"), _a(ARGKB.conclusion), _iri("c2")),
    (_iri("a1"), _a(ARGKB.premise), _iri("c1")),
    (_iri("a1"), _a(ARGKB.perspective), _a(ARGKB.Realism)),
    (_iri("c1"), _a(RDFS.label), ox.Literal("one", language="en")),
    (_iri("c1"), _a(RDFS.label), ox.Literal("one")),
    (_iri("c2"), _a(RDFS.label), ox.Literal("0", datatype=XSD_INTEGER)),
    (_iri("a1"), _a(RDFS.label), ox.Literal("")),
    (_iri("q1"), _a(OA.start), ox.Literal("3", datatype=XSD_INTEGER)),
    (_iri("q1"), _a(OA.end), ox.Literal("3", datatype=XSD_INTEGER)),
    (_iri("q1"), _a(OA.exact), ox.Literal("words\nand more", language="en")),
]
#: one odd triple each: the property whose packed scan gives up on it
ODD = {
    "literal-premise": (_iri("a1"), _a(ARGKB.premise), ox.Literal("p")),
    "iri-label": (_iri("c1"), _a(RDFS.label), _iri("c2")),
    "blank-label": (ox.BlankNode(), _a(RDFS.label), ox.Literal("b")),
    "blank-premise": (_iri("a1"), _a(ARGKB.premise), ox.BlankNode()),
    "blank-claim": (ox.BlankNode(), RDF_TYPE, _a(ARGKB.Claim)),
    "row-separator": (_iri("c2"), _a(RDFS.label), ox.Literal(f"x{ROW_SEPARATOR}y")),
    "field-separator": (
        _iri("q1"),
        _a(OA.exact),
        ox.Literal(f"x{FIELD_SEPARATOR}y", language="en"),
    ),
}
PROPERTIES = [RDFS.label, ARGKB.premise, ARGKB.conclusion, ARGKB.perspective, OA.start, OA.end]
PROPERTIES.append(OA.exact)


def _store(*extra) -> OxigraphStore:
    store = OxigraphStore(union=True)
    graph = N("http://example.org/g")
    for s, p, o in (*BASE, *extra):
        store.ox.add(ox.Quad(s, p, o, graph))
    return store


def _shape(values: dict) -> list:
    """subject -> values, with each term's kind, text, tag and datatype (``==`` on rdflib terms
    would call a literal equal to another of another kind)."""
    return [
        (
            type(s),
            str(s),
            [
                (type(v), str(v), getattr(v, "language", None), getattr(v, "datatype", None))
                for v in vs
            ],
        )
        for s, vs in values.items()
    ]


def _spy(read, record: list):
    def spied(*args):
        found = read(*args)
        record.append(found)
        return found

    return spied


def _read(store, ahead: bool) -> tuple[Scanner, list, list]:
    scanner = Scanner(store)
    if ahead:
        scanner.ahead([cls for _, cls in NODE_CLASSES], PROPERTIES)
        for futures in scanner.prefetch._queued.values():  # all read: none handed back
            for future in futures:
                future.exception()
    members = [scanner.members(cls) for _, cls in NODE_CLASSES]
    pairs = [scanner.pairs(prop) for prop in PROPERTIES]
    scanner.close()
    return scanner, members, pairs


@pytest.mark.parametrize("threads", ["0", "2"])
@pytest.mark.parametrize("case", [None, *sorted(ODD)])
def test_read_ahead_or_row_by_row_the_same(monkeypatch, threads, case):
    monkeypatch.setenv(ENV_THREADS, threads)
    store = _store(*([ODD[case]] if case else []))
    packed: list = []  # what the packed scans gave: rows, or None (read row by row then)
    for name in ("packed", "literals"):
        read = getattr(Prefetch, name)
        monkeypatch.setattr(Prefetch, name, _spy(read, packed))
    _, rows_members, rows_pairs = _read(store, ahead=False)
    scanner, members, pairs = _read(store, ahead=True)
    assert [[str(m) for m in ms] for ms in members] == [[str(m) for m in ms] for ms in rows_members]
    assert [_shape(p) for p in pairs] == [_shape(p) for p in rows_pairs]
    # one object per IRI, whichever way it was read
    for found in pairs:
        for s, values in found.items():
            if isinstance(s, URIRef):
                assert scanner.iri(str(s)) is s is scanner.term(N(str(s)))
            for v in values:
                if isinstance(v, URIRef):
                    assert scanner.iri(str(v)) is v
    if threads == "0":
        assert packed == []  # nothing read ahead: every scan row by row
    else:
        assert len(packed) == len(PROPERTIES) + len(NODE_CLASSES)  # and the classes' scans
        assert (None in packed) == (case is not None)  # only the odd scan read row by row
    labels = dict(zip(PROPERTIES, pairs))[RDFS.label]
    assert Literal("0", datatype=URIRef(XSD_INTEGER.value)) in labels[scanner.iri(_iri("c2").value)]


def test_the_literal_valued_properties_are_read_as_literals():
    assert RDFS.label in LITERAL_VALUED and OA.start in LITERAL_VALUED
    assert ARGKB.premise not in LITERAL_VALUED


@pytest.mark.parametrize(
    "case", [None, "literal-premise", "blank-premise", "iri-label", "blank-claim"]
)
def test_the_argument_graph_shares_the_map_readers_iris(monkeypatch, case):
    monkeypatch.setenv(ENV_THREADS, "2")
    store = _store(*([ODD[case]] if case else []))
    alone = load_scans(store, True)
    scanner = Scanner(store)
    scanner.keep.update(GRAPH_PROPERTIES)
    scanner.ahead([cls for _, cls in NODE_CLASSES], GRAPH_PROPERTIES, PREFIXES)
    queue_shared(scanner.prefetch)  # as ``model.load`` does: its own scans on the same threads
    for prop in GRAPH_PROPERTIES:
        scanner.pairs(prop)
    for _, cls in NODE_CLASSES:  # the classes' instances too, which the graph takes when whole
        scanner.members(cls)
    whole = scanner.instances(ARGKB.Claim)
    assert (whole is None) == (case == "blank-claim")  # a blank instance: the graph reads its own
    assert scanner.instances(ARGKB.Argument) == [scanner.iri(_iri("a1").value)]
    graph = load_scans(store, True, scanner)
    scanner.close()
    assert (graph is None) == (alone is None)
    if graph is None:
        return
    assert list(graph.arguments.values()) == list(alone.arguments.values())
    assert list(graph.claims.values()) == list(alone.claims.values())
    for iri in (*graph.arguments, *graph.claims):  # (a blank claim is the graph's own BNode)
        assert scanner.iri(str(iri)) is iri or not isinstance(iri, URIRef)
    assert any(not isinstance(c, URIRef) for c in graph.claims) == (case == "blank-claim")


ODD_TTL = (
    "@prefix argkb: <https://w3id.org/argkb/ontology#> .\n"
    "@prefix kb: <https://w3id.org/argkb/id/> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    'kb:odd-c a argkb:Claim ; rdfs:label "a \\u001F b \\u001E c"@en .\n'
)


def test_the_export_with_a_separator_in_a_label_is_the_row_by_row_one(
    repo_kb, tmp_path, runner, monkeypatch
):
    kb_dir = tmp_path / "kb"
    shutil.copytree(repo_kb.root / "ontology", kb_dir / "ontology")
    shutil.copytree(repo_kb.root / "data", kb_dir / "data")
    (kb_dir / "data" / "odd.ttl").write_text(ODD_TTL)
    args = ["--kb", str(kb_dir), "export", "--format", "graphml"]
    monkeypatch.setenv(ENV_THREADS, "2")
    ahead = runner.invoke(cli, args)
    assert ahead.exit_code == 0, ahead.output
    assert "a  b  c" in ahead.output  # the label, its control characters left out
    shutil.rmtree(kb_dir / ".argkb-cache" / "store" / "views")
    monkeypatch.setenv(ENV_THREADS, "0")  # no worker: every scan read row by row
    rows = runner.invoke(cli, args)
    assert rows.exit_code == 0 and rows.output == ahead.output
