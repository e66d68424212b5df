"""The statuses and strengths the argument map shows (``argkb.export.model``): IN / OUT / UNDEC of
each argument and claim, and the graded strength of each implication, overall and under each lens,
from one argument graph of the whole knowledge base.

They are set on the map's nodes as soon as these are made (their types and labels), before the
map's other scans are needed: those are read ahead on other threads meanwhile
(``argkb.export.scan``)."""

from __future__ import annotations

from typing import Any

from rdflib import URIRef

from argkb.export.style import STATUS_ATTRS, STRENGTH_ATTRS

_ABSENT: Any = object()  # a sentinel: "not in node_of" (None is "no node")


def set_statuses(store, nodes: dict[URIRef, Any], semantics: str, scanner=None):
    """IN / OUT / UNDEC of each argument and claim, and the strength of each implication, overall
    and under each lens (one argument graph, which is returned). ``scanner``: the map's reader,
    whose scans of ``GRAPH_PROPERTIES`` the argument graph reuses (none decoded twice)."""
    from argkb.assess import framework as argumentation
    from argkb.assess.load import keep_strengths
    from argkb.assess.strength_view import view_strengths

    graph = argumentation.load(store, shared=scanner, later=True)  # kept by keep_strengths
    node_of = _node_of(graph, nodes)
    # the strengths the map shows: the implications' (the others are computed as far as these need)
    graph_iri = {str(iri): iri for iri in node_of}
    implications = [
        graph_iri.get(str(iri), iri) for iri, node in nodes.items() if node.type == "implication"
    ]
    for lens, attr in STATUS_ATTRS.items():
        ev = argumentation.evaluate(
            graph, None if lens == "overall" else argumentation.lens_iri(lens), semantics
        )
        for found in (ev.arguments, ev.claims):  # a claim's status after an argument's of one IRI
            for iri, status in found.items():
                node = node_of.get(iri, _ABSENT)  # one look-up: a million of them
                if node is _ABSENT:
                    node = nodes.get(iri)
                if node is not None:
                    node.attrs[attr] = status
        strength_attr = STRENGTH_ATTRS[lens]
        for iri, value in view_strengths(graph, ev.lens, ev.view, ev.gradual, implications).items():
            node = node_of.get(iri, _ABSENT)
            if node is _ABSENT:
                node = nodes.get(iri)
            if node is not None and node.type == "implication":
                node.attrs[strength_attr] = f"{value:.3f}"
    keep_strengths(
        store, graph
    )  # the next export (or lenses) on this database reads the strengths' index back
    return graph


def _node_of(graph, nodes: dict) -> dict:
    """The graph's own IRI objects -> the map's nodes, matched once (comparing two URIRef objects
    runs rdflib's __eq__; the same object, as the map's reader shares with the graph, is found by
    identity); any other term by its text."""
    by_text: dict | None = None
    node_of: dict = {}
    for iri in (*graph.arguments, *graph.claims):
        if type(iri) is URIRef:
            node_of[iri] = nodes.get(iri)
        else:
            if by_text is None:
                by_text = {str(key): node for key, node in nodes.items()}
            node_of[iri] = by_text.get(str(iri))
    return node_of
