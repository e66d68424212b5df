"""The statuses and strengths the argument map shows (``argkb.export.model``): IN / OUT / UNDEC of
each argument and claim, and the graded strength of each implication, overall and under each lens,
from one argument graph of the whole knowledge base.

They are computed (``compute``) from the map's node types alone, before the map's other scans are
needed, so those scans are read ahead on other threads meanwhile (``argkb.export.scan``), and set
on the map's nodes once they are built (``apply``)."""

from __future__ import annotations

from typing import Any

from rdflib import URIRef

from argkb.export.style import STATUS_ATTRS, STRENGTH_ATTRS

_ABSENT: Any = object()  # a sentinel: "not in node_of" (None is "no node")


def compute(store, types: dict[URIRef, str], semantics: str, scanner=None) -> tuple[Any, list]:
    """The argument graph and, per lens, ``(status attribute, strength attribute, the arguments'
    statuses, the claims', the implications' strengths)``; ``types``: the map's node -> its type.
    ``scanner``: the map's reader, whose scans of ``GRAPH_PROPERTIES`` the argument graph reuses
    (none decoded twice)."""
    from argkb.assess import framework as argumentation
    from argkb.assess.load import keep_strengths
    from argkb.assess.strength_view import view_strengths

    graph = argumentation.load(store, shared=scanner, later=True)  # kept by keep_strengths
    # the strengths the map shows: the implications' (the others are computed as far as these need)
    graph_iri = {str(iri): iri for iri in dict.fromkeys((*graph.arguments, *graph.claims))}
    implications = [graph_iri.get(str(iri), iri) for iri, t in types.items() if t == "implication"]
    found = []
    for lens, attr in STATUS_ATTRS.items():
        ev = argumentation.evaluate(
            graph, None if lens == "overall" else argumentation.lens_iri(lens), semantics
        )
        strengths = view_strengths(graph, ev.lens, ev.view, ev.gradual, implications)
        found.append((attr, STRENGTH_ATTRS[lens], ev.arguments, ev.claims, strengths))
    keep_strengths(
        store, graph
    )  # the next export (or lenses) on this database reads the strengths' index back
    return graph, found


def apply(nodes: dict[URIRef, Any], graph, found: list) -> None:
    """Set ``compute``'s statuses and strengths on the map's nodes."""
    # the graph's own IRI objects -> the map's nodes, matched once (comparing two URIRef objects
    # runs rdflib's __eq__; the same object, as the map's reader shares with the graph, is found by
    # identity); any other term by its text
    by_text: dict | None = None
    node_of: dict = {}
    for iri in (*graph.arguments, *graph.claims):
        if type(iri) is URIRef:
            node_of[iri] = nodes.get(iri)
        else:
            if by_text is None:
                by_text = {str(key): node for key, node in nodes.items()}
            node_of[iri] = by_text.get(str(iri))
    for attr, strength_attr, arguments, claims, strengths in found:
        for statuses in (arguments, claims):  # a claim's status after an argument's of one IRI
            for iri, status in statuses.items():
                node = node_of.get(iri, _ABSENT)  # one look-up: a million of them
                if node is _ABSENT:
                    node = nodes.get(iri)
                if node is not None:
                    node.attrs[attr] = status
        for iri, value in strengths.items():
            node = node_of.get(iri, _ABSENT)
            if node is _ABSENT:
                node = nodes.get(iri)
            if node is not None and node.type == "implication":
                node.attrs[strength_attr] = f"{value:.3f}"
