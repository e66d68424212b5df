"""Validate any data graph against any shapes graph: ``validate_graphs(data, shapes, engine)``.

The engines of ``argkb validate`` on plain rdflib graphs, without a knowledge base:

* ``"fast"`` — the shapes compiled to set-based SPARQL (``argkb.validation.compiled``), run on
  pyoxigraph; shapes the compiler cannot prove it translates exactly raise ``Unsupported``;
* ``"pyshacl"`` — pySHACL, the reference (no inference, no ``owl:imports``);
* ``"auto"`` — fast when the shapes compile, pySHACL otherwise.

The test suite runs the whole W3C SHACL test suite through this function.
"""

from __future__ import annotations

from rdflib import Graph

from argkb.errors import UsageError
from argkb.validation.canonical import rewritten_literal
from argkb.validation.report import ValidationReport
from argkb.validation.validate import ENGINES


def validate_graphs(data: Graph, shapes: Graph, engine: str = "auto") -> ValidationReport:
    """The report of ``data`` against ``shapes``; neither graph is changed."""
    from argkb.validation.compiled import Unsupported, compile_shapes
    from argkb.validation.raw_results import pyshacl_raw, report_of
    from argkb.validation.validate import run_shacl

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
            raise Unsupported(
                f"data holding {rewritten.n3()}, which the engine's store rewrites to its "
                "canonical form"
            )
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
