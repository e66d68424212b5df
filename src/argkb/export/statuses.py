"""The statuses and strengths the argument map shows (``argkb.export.model``): IN / OUT / UNDEC of
each argument and claim, and the graded strength of each implication, overall and under each lens,
from one argument graph of the whole knowledge base.

Once the map's scans are read (and the reader's threads have ended), the strengths are computed in a
forked child beside the labellings (``argkb.assess.forked``, as ``argkb lenses`` does), which then
keeps the strengths' index in the argument graph's view; where the process may not fork, or the
child fails, they are computed here. The output is the same either way."""

from __future__ import annotations

from typing import Any

from rdflib import URIRef

from argkb.export.style import STATUS_ATTRS, STRENGTH_ATTRS

_ABSENT: Any = object()  # a sentinel: "not in node_of" (None is "no node")


def set_statuses(
    store, nodes: dict[URIRef, Any], semantics: str, scanner=None, finish: list | None = None
):
    """IN / OUT / UNDEC of each argument and claim, and the strength of each implication, overall
    and under each lens (one argument graph, which is returned). ``scanner``: the map's reader,
    whose scans of ``GRAPH_PROPERTIES`` the argument graph reuses (none decoded twice); its threads
    are ended here. ``finish``: where to leave the wait for the child that keeps the graph's view
    (a callable), for the caller to run once it has done what it can meanwhile; None: now."""
    from argkb.assess import framework as argumentation
    from argkb.assess.forked import FAILED, beside
    from argkb.assess.load import keep_strengths

    graph = argumentation.load(store, shared=scanner, later=True)  # kept by keep_strengths
    if scanner is not None:
        scanner.close()  # every scan is read: no thread of ours runs beside a forked child
    node_of = _node_of(graph, nodes)
    # the strengths the map shows: the implications' (the others are computed as far as these need)
    graph_iri = {str(iri): iri for iri in node_of}
    implications = [
        graph_iri.get(str(iri), iri) for iri, node in nodes.items() if node.type == "implication"
    ]
    lenses = [
        (attr, None if lens == "overall" else argumentation.lens_iri(lens))
        for lens, attr in STATUS_ATTRS.items()
    ]
    child = beside(
        lambda: _strengths(graph, [lens for _, lens in lenses], implications),
        lambda: keep_strengths(store, graph),
    )
    for attr, lens in lenses:
        ev = argumentation.evaluate(graph, lens, semantics)
        for found in (ev.arguments, ev.claims):  # a claim's status after an argument's of one IRI
            for iri, status in found.items():
                node = node_of.get(iri, _ABSENT)  # one look-up: a million of them
                if node is _ABSENT:
                    node = nodes.get(iri)
                if node is not None:
                    node.attrs[attr] = status
    sent: Any = child.value() if child is not None else FAILED
    received = sent is not FAILED
    if not received:
        sent = _strengths(graph, [lens for _, lens in lenses], implications)
    for attr, values in zip(STRENGTH_ATTRS.values(), sent):
        for iri, value in zip(implications, values):
            node = node_of.get(iri, _ABSENT)
            if node is _ABSENT:
                node = nodes.get(iri)
            if value is not None and node is not None and node.type == "implication":
                node.attrs[attr] = f"{value:.3f}"

    def settle() -> None:
        """Wait for the child's end; keep the strengths' index here if it did not."""
        if not (child is not None and child.wait() and received):
            keep_strengths(store, graph)  # the next export (or lenses) on this database reads it

    if finish is None:
        settle()
    else:
        finish.append(settle)
    return graph


def _strengths(graph, lenses: list, implications: list) -> list[list[float | None]]:
    """Per lens, the strength of each implication in its view (None where it has none): what
    ``evaluate``'s view gives ``view_strengths`` (it depends on which arguments a view counts, not
    on their labels)."""
    from argkb.assess.strength_view import view_strengths

    out = []
    for lens in lenses:
        _own, view = graph.lens_arguments(lens)
        found = view_strengths(graph, lens, view, "df-quad", implications)
        out.append([found.get(iri) for iri in implications])
    return out


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
