"""The (filtered) knowledge-base graph itself: Turtle, or JSON-LD with a compact context.

Holds everything said about each node of the map, and its quotes, read through the store;
a statement pointing at a node the filters left out (an argument of another lens) is dropped.
Every other knowledge-base node a kept statement points to (a quote's source, the agent a claim
is attributed to) is described too, so no ``oa:hasSource`` or ``prov:wasAttributedTo`` dangles.
"""

from __future__ import annotations

import json

from rdflib import Graph, URIRef

from argkb.export import sparql
from argkb.export.model import ArgumentMap
from argkb.kb.folder import new_graph
from argkb.vocab.namespaces import KB, PREFIXES

#: the prefixes the JSON-LD context declares
CONTEXT_PREFIXES = ("argkb", "kb", "oa", "prov", "dcterms", "rdfs", "skos", "xsd")


def graph_of(amap: ArgumentMap, full_universe: set[str] | None = None) -> Graph:
    """The triples describing the map's nodes, read through the map's store."""
    if amap.store is None:
        raise ValueError("this argument map has no store to read its triples from")
    kept = {URIRef(n.iri) for n in amap.nodes.values()}
    universe = _universe(amap) if full_universe is None else {URIRef(i) for i in full_universe}
    g = new_graph()
    described: set[URIRef] = set()
    todo = sorted(kept)
    while todo:
        iri = todo.pop()
        described.add(iri)
        for s, p, o in amap.store.query(sparql.DESCRIBE, {"_node": iri}).graph or ():
            if isinstance(o, URIRef) and o in universe and o not in kept:
                continue
            g.add((s, p, o))
            if isinstance(o, URIRef) and o.startswith(KB) and o not in described and o not in todo:
                todo.append(o)  # a source, an agent: described so nothing points into the void
    return g


def _universe(amap: ArgumentMap) -> set[URIRef]:
    """Every node the unfiltered map would hold (so a statement about a left-out node is
    recognised)."""
    from argkb.export.mapview import load

    return {URIRef(n.iri) for n in load(amap.store).nodes.values()}


def context() -> dict:
    return {p: PREFIXES[p] for p in CONTEXT_PREFIXES}


def to_turtle(amap: ArgumentMap, **_) -> str:
    return graph_of(amap).serialize(format="turtle")


def to_jsonld(amap: ArgumentMap, **_) -> str:
    text = graph_of(amap).serialize(format="json-ld", context=context(), auto_compact=True)
    return json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
