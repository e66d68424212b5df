"""Parameters and prefixes reach the embedded store as pyoxigraph options (``substitutions=``,
``prefixes=``), not as text spliced into the query; a SELECT that does not project a parameter
(SEP-0007 binds only projected variables) falls back to a VALUES block of escaped terms. Either way
the answer is the answer of the same query on rdflib with ``initBindings``."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from argkb.store import base
from argkb.store.base import OxigraphStore, RdflibStore

EX = "http://example.org/"
HOSTILE = 'x" } ; DROP ALL ; SELECT * { "'


@pytest.fixture
def stores():
    g = Graph()
    g.add((URIRef(EX + "a"), URIRef(EX + "says"), Literal(HOSTILE)))
    g.add((URIRef(EX + "b"), URIRef(EX + "says"), Literal("plain")))
    ox = OxigraphStore()
    ox.add_graph(g)
    return ox, RdflibStore(g)


@pytest.mark.parametrize(
    "query, substituted",
    [
        ("SELECT ?s ?_text WHERE { ?s ex:says ?_text }", True),  # projected: pyoxigraph binds it
        ("SELECT ?s WHERE { ?s ex:says ?_text }", False),  # not projected: a VALUES block
        ("ASK { ?s ex:says ?_text }", True),
    ],
)
def test_a_bound_literal_matches_exactly_what_rdflib_binds(stores, query, substituted):
    ox, rd = stores
    bindings, prefixes = {"_text": Literal(HOSTILE)}, {"ex": EX}
    got, want = (
        ox.query(query, bindings, prefixes=prefixes),
        rd.query(query, bindings, prefixes=prefixes),
    )
    assert (got.rows, got.boolean) == (want.rows, want.boolean)
    assert got.rows or got.boolean
    assert (query not in base._NOT_SUBSTITUTABLE) is substituted


def test_a_prefix_the_query_declares_wins_over_a_default(stores):
    ox, _ = stores
    query = "PREFIX ex: <http://nowhere.example/> SELECT ?s WHERE { ?s ex:says ?o }"
    assert ox.query(query, prefixes={"ex": EX}).rows == []
    assert len(ox.query("SELECT ?s WHERE { ?s ex:says ?o }", prefixes={"ex": EX}).rows) == 2


def test_an_iri_that_cannot_be_one_is_refused_not_bound(stores):
    ox, _ = stores
    with pytest.raises(ValueError):
        ox.query("SELECT ?s ?_o WHERE { ?s ?p ?_o }", {"_o": URIRef(EX + "a> } ; DROP ALL ; <x")})
