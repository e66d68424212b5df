"""The validation report: what ``validate()`` returns and the CLI renders.

One ``Result`` per SHACL result, with the rule it breaks and the file (and line)
that defines its focus node. Renders as text (grouped by focus node), JSON, or
Turtle (a standard ``sh:ValidationReport``).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from argkb.vocab.namespaces import PREFIXES

VIOLATION, WARNING, INFO = "Violation", "Warning", "Info"


def curie(term) -> str:
    """A readable name for a term: ``kb:x`` for known namespaces, else ``<iri>`` or the literal."""
    if isinstance(term, URIRef):
        iri = str(term)
        for prefix, ns in PREFIXES.items():
            if (
                iri.startswith(ns)
                and iri[len(ns) :]
                and "/" not in iri[len(ns) :]
                and "#" not in iri[len(ns) :]
            ):
                return f"{prefix}:{iri[len(ns) :]}"
        return f"<{iri}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


@dataclass
class Result:
    focus: str  # the focus node's IRI (or blank node id)
    focus_name: str  # the same as a CURIE
    rule: int | None  # the design contract's rule number (0: vocabulary structure)
    rule_label: str  # what the rule says
    message: str
    severity: str  # Violation | Warning | Info
    path: str | None = None  # the property (as a CURIE), where the rule is about one
    path_iri: str | None = None
    value: str | None = None
    shape: str | None = None
    file: str | None = None  # the file that defines the focus node
    line: int | None = None
    #: the RDF terms behind the strings above, for the ``sh:ValidationReport`` (not in JSON):
    #: focus, value, shape, path, component, constraint, message_lang, described (blank nodes'
    #: triples)
    terms: dict = field(default_factory=dict, repr=False, compare=False)

    def where(self) -> str:
        if not self.file:
            return "(no file defines this node)"
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass
class Checked:
    knowledge_base: str
    bundled: bool
    endpoint: str | None
    files: list[
        str
    ]  # the files validated: the contribution's, else the knowledge base's data files
    contribution: bool  # FILES were given: they were checked in the knowledge base's context
    nodes: int  # kb: nodes checked (with FILES: the nodes the files describe)
    rules: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    def to_text(self) -> str:
        where = (
            f"the knowledge base bundled with argkb ({self.knowledge_base})"
            if self.bundled
            else f"knowledge base {self.knowledge_base}"
        )
        if self.endpoint:
            where += f" through the SPARQL server {self.endpoint}"
        rules = _rule_span(self.rules)
        files = f"{len(self.files)} file{'s' * (len(self.files) != 1)}"
        if self.contribution:
            return (
                f"checked {files} ({', '.join(self.files)}): {self.nodes} "
                f"node{'s' * (self.nodes != 1)} against {rules}, in the context of {where}"
            )
        return (
            f"checked {where}: {len(self.files)} data file{'s' * (len(self.files) != 1)}, "
            f"{self.nodes} node{'s' * (self.nodes != 1)}, {rules}"
        )


def _rule_span(rules: list[int]) -> str:
    if not rules:
        return "the rules of ontology/shapes.ttl"
    span = (
        f"{rules[0]}–{rules[-1]}"
        if rules == list(range(rules[0], rules[-1] + 1))
        else ", ".join(map(str, rules))
    )
    return f"{len(rules)} rule{'s' * (len(rules) != 1)} ({span})"


@dataclass
class ValidationReport:
    results: list[Result] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # what was validated
    #: the data graph, when at hand: blank-node focus nodes and values are described from it in
    #: ``to_graph``
    data: Graph | None = field(default=None, repr=False, compare=False)
    checked: Checked | None = None  # which knowledge base, files, nodes, rules

    @property
    def violations(self) -> list[Result]:
        return [r for r in self.results if r.severity == VIOLATION]

    @property
    def warnings(self) -> list[Result]:
        return [r for r in self.results if r.severity == WARNING]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def counts(self) -> dict[str, int]:
        return {
            "violations": len(self.violations),
            "warnings": len(self.warnings),
            "infos": len(self.results) - len(self.violations) - len(self.warnings),
        }

    def sorted_results(self) -> list[Result]:
        order = {VIOLATION: 0, WARNING: 1, INFO: 2}
        return sorted(
            self.results,
            key=lambda r: (order.get(r.severity, 3), r.focus_name, r.rule or 0, r.message),
        )

    # ------------------------------------------------------------- renderings
    def summary(self) -> str:
        c = self.counts()
        verdict = "conforms" if self.conforms else "does not conform"
        return (
            f"{verdict}: {c['violations']} violation{'s' * (c['violations'] != 1)}, "
            f"{c['warnings']} warning{'s' * (c['warnings'] != 1)}"
        )

    def to_text(self) -> str:
        lines: list[str] = [self.checked.to_text(), ""] if self.checked is not None else []
        by_focus: dict[str, list[Result]] = {}
        for r in self.sorted_results():
            by_focus.setdefault(r.focus_name, []).append(r)
        for focus, results in by_focus.items():
            lines.append(f"{focus}  ({results[0].where()})")
            for r in results:
                path = f" [{r.path}]" if r.path else ""
                rule = f"rule {r.rule}" if r.rule is not None else "rule ?"
                lines.append(f"  {r.severity}: {rule}{path}: {r.message}")
            lines.append("")
        lines.append(self.summary())
        return "\n".join(lines)

    def to_dict(self) -> dict:
        """The report as JSON values (what ``to_json`` writes)."""
        checked = self.checked.to_dict() if self.checked is not None else None
        return {
            "conforms": self.conforms,
            **self.counts(),
            "files": list(self.files),
            "checked": checked,
            "results": [_public(r) for r in self.sorted_results()],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def to_graph(self) -> Graph:
        """A SHACL ``sh:ValidationReport``: ``sh:conforms`` is true only when there is no result at
        all."""
        g = Graph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        report = BNode()
        g.add((report, RDF.type, SH.ValidationReport))
        g.add((report, SH.conforms, Literal(not self.results)))
        for r in self.sorted_results():
            node = BNode()
            terms = r.terms
            g.add((report, SH.result, node))
            g.add((node, RDF.type, SH.ValidationResult))
            g.add(
                (
                    node,
                    SH.focusNode,
                    terms.get(
                        "focus", BNode(r.focus[2:]) if r.focus.startswith("_:") else URIRef(r.focus)
                    ),
                )
            )
            g.add((node, SH.resultSeverity, terms.get("severity") or SH[r.severity]))
            if r.message:
                g.add((node, SH.resultMessage, Literal(r.message, lang=terms.get("message_lang"))))
            path = terms.get("path", URIRef(r.path_iri) if r.path_iri else None)
            if path is not None:
                g.add((node, SH.resultPath, path))
            value = terms.get("value", None if r.value is None else Literal(r.value))
            if value is not None:
                g.add((node, SH.value, value))
            shape = terms.get("shape", URIRef(r.shape) if r.shape else None)
            if shape is not None:
                g.add((node, SH.sourceShape, shape))
            if terms.get("component") is not None:
                g.add((node, SH.sourceConstraintComponent, terms["component"]))
            if terms.get("constraint") is not None:
                g.add((node, SH.sourceConstraint, terms["constraint"]))
            for triple in terms.get("described", ()):
                g.add(triple)
            for term in (terms.get("focus"), value):
                if isinstance(term, BNode) and self.data is not None:
                    for triple in described(self.data, term):
                        g.add(triple)
        return g

    def to_turtle(self) -> str:
        return self.to_graph().serialize(format="turtle")

    def render(self, fmt: str) -> str:
        return {"text": self.to_text, "json": self.to_json, "turtle": self.to_turtle}[fmt]()


def described(graph: Graph, node) -> list:
    """The triples describing ``node`` and the blank nodes it points to (a path, an RDF list, a
    value)."""
    out, todo, seen = [], [node], set()
    while todo:
        subject = todo.pop()
        if subject in seen:
            continue
        seen.add(subject)
        for triple in graph.triples((subject, None, None)):
            out.append(triple)
            if isinstance(triple[2], BNode):
                todo.append(triple[2])
    return out


_PUBLIC = [f.name for f in fields(Result) if f.name != "terms"]


def _public(result: Result) -> dict:
    """A result as JSON: its strings, without the RDF terms (every field but ``terms`` is a string,
    a number or None: no deep copy is needed, and ``asdict`` would copy the terms only to drop
    them)."""
    return {name: getattr(result, name) for name in _PUBLIC}
