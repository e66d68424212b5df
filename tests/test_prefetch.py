"""Scans read ahead on worker threads (``argkb.store.prefetch``): the same rows as the query, in
its order, whatever the number of threads; a packed scan gives up (None) on any value that is not
an IRI, and the argument graph read through it is the one its row-by-row reading gives."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from argkb.assess.load import _load_scans
from argkb.store.base import OxigraphStore
from argkb.store.prefetch import ENV_THREADS, Prefetch, workers
from argkb.store.queries import packed_query

P = "http://example.org/p#"
N = ox.NamedNode


def _store(*quads) -> OxigraphStore:
    store = OxigraphStore(union=True)
    graph = N("http://example.org/g")
    for s, p, o in quads:
        store.ox.add(ox.Quad(s, N(P + p), o, graph))
    return store


def _iris(n: int):
    return [N(f"http://example.org/id/n{i:03d}") for i in range(n)]


NODES = _iris(40)
PAIRS = [(NODES[i], "to", NODES[(i * 7) % 40]) for i in range(40)]


def _body(prop: str, columns=("node", "value")) -> str:
    return f"SELECT {' '.join('?' + c for c in columns)} WHERE {{ ?node p:{prop} ?value }}"


@pytest.mark.parametrize("threads", [0, 1, 2])
def test_packed_rows_are_the_querys_rows_in_its_order(threads):
    store = _store(*PAIRS, (NODES[3], "to", NODES[3]))
    with Prefetch(store, {"p": P}, threads=threads) as ahead:
        ahead.ahead_packed(_body("to"), ("node", "value"))
        ahead.ahead_packed(_body("to", ("node",)), ("node",))
        rows = [
            tuple(t.value for t in row)
            for row in store.ox.query(
                f"PREFIX p: <{P}> " + _body("to"), use_default_graph_as_union=True
            )
        ]
        assert ahead.packed(_body("to"), ("node", "value")) == rows
        assert ahead.packed(_body("to", ("node",)), ("node",)) == [(n,) for n, _ in rows]
        assert len(rows) == 41


@pytest.mark.parametrize(
    "odd",
    [
        ox.Literal("http://example.org/id/n001"),  # a literal that reads as an IRI
        ox.Literal("x", language="en"),
        ox.Literal("1", datatype=N("http://www.w3.org/2001/XMLSchema#integer")),
        ox.BlankNode(),
    ],
)
def test_a_value_that_is_no_iri_makes_the_packed_scan_give_up(odd):
    store = _store(*PAIRS, (NODES[0], "to", odd))
    ahead = Prefetch(store, {"p": P}, threads=0)
    assert ahead.packed(_body("to"), ("node", "value")) is None
    # the subjects alone are all IRIs
    assert len(ahead.packed(_body("to", ("node",)), ("node",))) == 41


def test_a_blank_subject_makes_the_packed_scan_give_up():
    store = _store(*PAIRS, (ox.BlankNode(), "to", NODES[1]))
    assert Prefetch(store, {"p": P}, threads=0).packed(_body("to", ("node",)), ("node",)) is None


def test_no_rows_and_rows_taken_once_per_ahead():
    store = _store(*PAIRS)
    ahead = Prefetch(store, {"p": P}, threads=2)
    assert ahead.packed(_body("none"), ("node", "value")) == []
    text = f"PREFIX p: <{P}> " + _body("to")
    ahead.ahead(text, text)
    first, second = ahead.rows(text), ahead.rows(text)
    assert [tuple(r) for r in first] == [tuple(r) for r in second] and len(first) == 40
    assert ahead._queued == {}
    ahead.close()


def test_an_error_reaches_the_caller():
    ahead = Prefetch(_store(*PAIRS), threads=2)
    ahead.ahead("SELECT ?x WHERE { ?x undeclared:p ?y }")
    with pytest.raises(SyntaxError):
        ahead.rows("SELECT ?x WHERE { ?x undeclared:p ?y }")
    ahead.close()


def test_the_packed_query_is_one_aggregate_over_the_scan_as_a_subquery():
    text = packed_query(_body("to"), ("node", "value"))
    assert text.startswith("SELECT (COUNT(*) AS ?rows) (GROUP_CONCAT(")
    assert text.endswith("WHERE { " + _body("to") + " }")
    assert "LANG(?value)" in text and "LANG(?node)" not in text


def test_workers_from_the_environment(monkeypatch):
    monkeypatch.setenv(ENV_THREADS, "0")
    assert workers() == 0
    monkeypatch.setenv(ENV_THREADS, "3")
    assert workers() == 3
    monkeypatch.delenv(ENV_THREADS)
    assert 1 <= workers() <= 2


ARGKB = "https://w3id.org/argkb/ontology#"


def _argument_store(premise) -> OxigraphStore:
    store = OxigraphStore(union=True)
    graph, a, kind = (
        N("http://example.org/g"),
        lambda x: N(ARGKB + x),
        N("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
    )
    claim, arg = N("http://example.org/id/c"), N("http://example.org/id/a")
    for s, p, o in [
        (claim, kind, a("Implication")),
        (arg, kind, a("Argument")),
        (arg, a("perspective"), a("Realism")),
        (arg, a("conclusion"), claim),
        (arg, a("premise"), premise),
    ]:
        store.ox.add(ox.Quad(s, p, o, graph))
    return store


@pytest.mark.parametrize("threads", ["0", "2"])
def test_the_argument_graph_is_the_same_packed_or_not(monkeypatch, threads):
    monkeypatch.setenv(ENV_THREADS, threads)
    graph = _load_scans(_argument_store(N("http://example.org/id/p")), labels=False)
    (argument,) = graph.arguments.values()
    assert [str(p) for p in argument.premises] == ["http://example.org/id/p"]
    assert str(argument.perspective) == ARGKB + "Realism"
    # a literal premise: the packed scan gives up, and the row-by-row reading gives up too
    assert _load_scans(_argument_store(ox.Literal("http://example.org/id/p")), labels=False) is None
