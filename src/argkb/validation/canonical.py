"""Which data the fast engine's store would change: pyoxigraph keeps numbers, booleans and dates in
canonical form only, where SHACL compares RDF terms as written."""

from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import XSD


def rewritten_literal(data: Graph):
    """A literal of ``data`` that pyoxigraph stores in another form ("4.0"^^xsd:decimal as "4"), or
    None.

    SHACL compares terms as written (sh:in, counts of distinct values, sh:value); the store the
    compiled queries run on canonicalises numbers, booleans and dates, so such data is refused.
    """
    import pyoxigraph as ox

    from argkb.store.base import to_ox

    typed = {
        o
        for o in data.objects()
        if isinstance(o, Literal) and o.datatype is not None and o.datatype != XSD.string
    }
    typed |= {s for s in data.subjects() if isinstance(s, Literal)}
    if not typed:
        return None
    probe, anchor = ox.Store(), ox.NamedNode("urn:argkb:probe")
    literals = sorted(typed, key=str)
    probe.extend(
        [
            ox.Quad(anchor, ox.NamedNode(f"urn:argkb:probe:{i}"), to_ox(lit))
            for i, lit in enumerate(literals)
        ]
    )
    for quad in probe:
        written = literals[int(quad.predicate.value.rsplit(":", 1)[1])]
        if quad.object.value != str(written):
            return written
    return None
