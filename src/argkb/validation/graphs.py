"""Validate any data graph against any shapes graph: ``validate_graphs(data, shapes, engine)``.

The engines of ``argkb validate`` on plain rdflib graphs, without a knowledge base:

* ``"fast"`` — the shapes compiled to set-based SPARQL (``argkb.validation.compiled``), run on
  pyoxigraph; shapes the compiler cannot prove it translates exactly raise ``Unsupported``;
* ``"pyshacl"`` — pySHACL, the reference (no inference, no ``owl:imports``);
* ``"auto"`` — fast when the shapes compile, pySHACL otherwise.

The test suite runs the whole W3C SHACL test suite through this function.
"""
from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import XSD

from argkb.errors import UsageError
from argkb.validation.report import ValidationReport
from argkb.validation.validate import ENGINES


def validate_graphs(data: Graph, shapes: Graph, engine: str = "auto") -> ValidationReport:
    """The report of ``data`` against ``shapes``; neither graph is changed."""
    from argkb.validation.compiled import Unsupported, compile_shapes
    from argkb.validation.validate import pyshacl_raw, report_of, run_shacl

    if engine not in ENGINES:
        raise UsageError(f"unknown validation engine {engine!r}: use one of {', '.join(ENGINES)}")
    compiled = None
    if engine != "pyshacl":
        try:
            compiled = compile_shapes(shapes)
        except Unsupported:
            if engine == "fast":
                raise
    if compiled is not None and (rewritten := rewritten_literal(data)) is not None:
        if engine == "fast":
            raise Unsupported(f"data holding {rewritten.n3()}, which the engine's store rewrites to its canonical form")
        compiled = None
    if compiled is not None:
        from argkb.store.base import OxigraphStore

        store = OxigraphStore()
        store.add_graph(data)
        report = report_of(compiled.run(store))
    else:
        copy = Graph()
        copy += data
        report = report_of(list(pyshacl_raw(run_shacl(copy, shapes), shapes)))
    report.data = data
    return report


def rewritten_literal(data: Graph):
    """A literal of ``data`` that pyoxigraph stores in another form ("4.0"^^xsd:decimal as "4"), or None.

    SHACL compares terms as written (sh:in, counts of distinct values, sh:value); the store the
    compiled queries run on canonicalises numbers, booleans and dates, so such data is refused.
    """
    import pyoxigraph as ox

    from argkb.store.base import to_ox

    typed = {o for o in data.objects() if isinstance(o, Literal) and o.datatype is not None and o.datatype != XSD.string}
    typed |= {s for s in data.subjects() if isinstance(s, Literal)}
    if not typed:
        return None
    probe, anchor = ox.Store(), ox.NamedNode("urn:argkb:probe")
    literals = sorted(typed, key=str)
    probe.extend([ox.Quad(anchor, ox.NamedNode(f"urn:argkb:probe:{i}"), to_ox(lit)) for i, lit in enumerate(literals)])
    for quad in probe:
        written = literals[int(quad.predicate.value.rsplit(":", 1)[1])]
        if quad.object.value != str(written):
            return written
    return None
