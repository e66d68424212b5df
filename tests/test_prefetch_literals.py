"""Packed scans of literals (``Prefetch.literals``): the same lexical forms, language tags and
datatypes as the query's rows, in its order; None when a subject is not an IRI, a value not a
literal, or a text holds one of the separators; and a queued scan no worker has started is handed
back to its caller (``Prefetch.unstarted``)."""

from __future__ import annotations

import threading

import pyoxigraph as ox
import pytest

from argkb.store.base import OxigraphStore
from argkb.store.prefetch import Prefetch
from argkb.store.queries import FIELD_SEPARATOR, ROW_SEPARATOR, packed_terms_query

P = "http://example.org/p#"
N = ox.NamedNode
XSD = "http://www.w3.org/2001/XMLSchema#"
BODY = f"SELECT ?node ?value WHERE {{ ?node <{P}says> ?value }}"
NODES = [N(f"http://example.org/id/n{i:03d}") for i in range(30)]
LITERALS = [
    ox.Literal("plain"),
    ox.Literal("tagged", language="en"),
    ox.Literal("getaggt", language="de-ch"),
    ox.Literal("7", datatype=N(XSD + "integer")),
    ox.Literal("2026-01-01", datatype=N(XSD + "date")),
    ox.Literal(""),
    ox.Literal('two\nlines, a "quote" and a tab\t'),
]


def _store(*triples) -> OxigraphStore:
    store = OxigraphStore(union=True)
    for s, o in triples:
        store.ox.add(ox.Quad(s, N(P + "says"), o, N("http://example.org/g")))
    return store


def _rows(store) -> list[list[str]]:
    """The query's rows as ``Prefetch.literals`` gives them."""
    out = []
    for s, o in store.ox.query(BODY, use_default_graph_as_union=True):
        out.append([s.value, o.value, o.language or "", o.datatype.value])
    return out


PAIRS = [(NODES[i], LITERALS[i % len(LITERALS)]) for i in range(len(NODES))]


@pytest.mark.parametrize("threads", [0, 2])
def test_packed_literals_are_the_querys_rows_in_its_order(threads):
    store = _store(*PAIRS)
    with Prefetch(store, threads=threads) as ahead:
        ahead.ahead_literals(BODY, "node", "value")
        found = ahead.literals(BODY, "node", "value")
    assert found == _rows(store) and len(found) == len(NODES)
    tags = {(row[2], row[3]) for row in found}
    assert ("en", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString") in tags
    assert ("", XSD + "integer") in tags and ("", XSD + "string") in tags


def test_no_rows():
    assert (
        Prefetch(_store(*PAIRS), threads=0).literals(BODY.replace("says", "none"), "node", "value")
        == []
    )


@pytest.mark.parametrize(
    "odd",
    [
        (NODES[0], N("http://example.org/id/an-iri")),  # an IRI where literals are read
        (NODES[0], ox.BlankNode()),  # a blank value
        (ox.BlankNode(), ox.Literal("x")),  # a blank subject
        (NODES[0], ox.Literal(f"a{ROW_SEPARATOR}b")),  # a text holding a separator
        (NODES[0], ox.Literal(f"a{FIELD_SEPARATOR}b", language="en")),
        (NODES[0], ox.Literal(f"{FIELD_SEPARATOR}{ROW_SEPARATOR}")),
    ],
)
def test_what_the_packed_text_cannot_carry_gives_none(odd):
    store = _store(*PAIRS, odd)
    assert Prefetch(store, threads=0).literals(BODY, "node", "value") is None


def test_a_separator_on_each_side_of_a_row_is_still_told_apart():
    # one text with a row separator and another with two field separators: the totals are off
    store = _store(
        (NODES[0], ox.Literal(f"x{FIELD_SEPARATOR}{FIELD_SEPARATOR}")),
        (NODES[1], ox.Literal(f"y{ROW_SEPARATOR}")),
    )
    assert Prefetch(store, threads=0).literals(BODY, "node", "value") is None


def test_the_query_is_one_aggregate_with_four_fields_a_row():
    text = packed_terms_query(BODY, "node", "value")
    assert text.startswith("SELECT (COUNT(*) AS ?rows) (GROUP_CONCAT(CONCAT(STR(?node), ")
    assert "LANG(?value)" in text and "STR(DATATYPE(?value))" in text
    assert text.endswith("WHERE { " + BODY + " }")


def test_a_scan_no_worker_started_is_handed_back():
    store = _store(*PAIRS)
    ahead = Prefetch(store, threads=1)
    gate = threading.Event()
    ahead._queue("block", gate.wait)  # the one worker waits here: nothing after it starts
    ahead.ahead_literals(BODY, "node", "value")
    assert ahead.unstarted(BODY, "node", "value")  # dropped: the caller reads it itself
    assert ahead._queued.get((BODY, "node", "value")) is None
    assert ahead.unstarted(BODY, "node", "value")  # none queued: the same answer
    gate.set()
    ahead.ahead_literals(BODY, "node", "value")
    ahead._take("block").result()
    # started (or done) now: not handed back, and its rows are there
    future = ahead._queued[(BODY, "node", "value")][0]
    for _ in range(1000):  # the worker picks it up at once; a loaded machine may take a while
        if future.running() or future.done():
            break
        threading.Event().wait(0.01)
    assert not ahead.unstarted(BODY, "node", "value")
    assert ahead.literals(BODY, "node", "value") == _rows(store)
    ahead.close()
