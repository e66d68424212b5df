"""The SPARQL ``argkb add`` and ``argkb retract`` ask the store by hand (the axiom checks' own
queries are compiled from the ontology in ``argkb.contrib.axioms``): the one module of
``argkb.contrib`` that writes query text. Parameters are variables bound at run time, or node lists
in a ``VALUES ?n`` block (``describing``)."""

from __future__ import annotations

#: the quotes of ?source and the claims citing them as evidence (bound: source, hasSource, evidence)
QUOTING_CLAIMS = (
    "SELECT DISTINCT ?quote ?claim WHERE { ?quote ?hasSource ?source . ?claim ?evidence ?quote }"
)


def values_block(nodes) -> str:
    """A ``VALUES ?n`` block binding ``?n`` to ``nodes`` (SPARQL terms)."""
    return "VALUES ?n { " + " ".join(nodes) + " } "


def describing(values_block: str) -> str:
    """The triples of each ``?n`` of ``values_block``."""
    return "CONSTRUCT { ?n ?p ?o } WHERE { " + values_block + "?n ?p ?o }"


def pointing_at(values_block: str) -> str:
    """Each (``?n``, predicate pointing at it) of ``values_block``, once."""
    return "SELECT DISTINCT ?n ?q WHERE { " + values_block + "?s ?q ?n }"
