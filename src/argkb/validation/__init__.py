"""Validation against ``ontology/shapes.ttl``: the rules of the design contract.

- ``argkb.validation.validate`` — ``validate(kb, files=()) -> ValidationReport``: the whole
  knowledge base (compiled shapes on the store) or contributions in its context (incremental);
- ``argkb.validation.graphs`` — ``validate_graphs(data, shapes, engine)``: any data graph, any
  shapes graph;
- ``argkb.validation.compiled`` — the shapes compiled to set-based SPARQL, refusing what it cannot
  prove exact (``checks``: what a compiled check and a raw result are; ``core``: SHACL Core
  constraints as SPARQL);
- ``argkb.validation.canonical`` — data whose literals the fast engine's store would rewrite (it
  falls back);
- ``argkb.validation.prebinding`` — when joining a SPARQL constraint with its targets equals
  pre-binding ``$this``;
- ``argkb.validation.incremental`` — a contribution plus the neighbourhood it needs, checked by
  pySHACL;
- ``argkb.validation.raw_results`` — either engine's raw results (pySHACL's read as the compiled
  engine's) as a report;
- ``argkb.validation.report`` — the report object the CLI renders as text, JSON or Turtle.
"""

from argkb.validation.graphs import validate_graphs
from argkb.validation.report import Result, ValidationReport
from argkb.validation.validate import validate

__all__ = ["validate", "validate_graphs", "ValidationReport", "Result"]
