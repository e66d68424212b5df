"""What the compiled shapes are made of: a ``Check`` (one constraint of one shape, as a SELECT
finding its violations), a ``RawResult`` (one violation, before the report names its rule and file),
and ``Unsupported`` (a shape the compiler does not translate: pySHACL validates instead). See
``argkb.validation.compiled``."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib.namespace import SH
from rdflib.term import Node

from argkb.errors import UsageError
from argkb.vocab.namespaces import ARGKB


class Unsupported(UsageError):
    """The shapes use a SHACL feature this compiler does not translate (pySHACL is used instead)."""

    def __init__(self, feature: str):
        super().__init__(
            f"the fast validation engine does not compile {feature}; "
            "use --engine auto (it falls back to pySHACL) or --engine pyshacl"
        )


@dataclass(frozen=True)
class Check:
    """One constraint of one shape, as a query selecting ``?this`` (and ``?value`` …) for each
    violation."""

    shape: object  # the sh:sourceShape
    severity: str  # Violation | Warning | Info
    message: str  # sh:message, with {?var} placeholders
    path: object  # sh:resultPath (URIRef, or BNode for a complex path), or None
    query: str  # SELECT text; TARGET is substituted by ``targeted``
    target: str  # SPARQL pattern binding ?this to the shape's focus nodes
    value_is_focus: bool  # a node-level constraint: sh:value defaults to the focus node
    rule: int | None = None  # the design contract's rule (from sh:group)
    rule_label: str = ""
    prefixes: str = ""  # PREFIX lines the query needs
    component: Node | None = SH.SPARQLConstraintComponent  # the sh:sourceConstraintComponent
    # triples describing the blank nodes it names (a complex path, a property shape)
    described: tuple = ()
    message_lang: str | None = None
    severity_term: Node | None = None  # when not one of SHACL's three
    constraint: object = None  # the sh:sourceConstraint (a SPARQL-based constraint's node)

    @property
    def needs_text(self) -> bool:
        """Reads ``argkb:text`` (source texts, which only validation adds to the data)."""
        return str(ARGKB.text) in self.query or "argkb:text" in self.query

    def targeted(self, values: str = "") -> str:
        """The query; ``values``: a ``VALUES ?this {…}`` block restricting the focus nodes."""
        return self.prefixes + self.query.replace("#TARGET#", values + self.target, 1)


@dataclass(frozen=True)
class RawResult:
    check: Check
    focus: object
    path: object
    value: object
    message: str
