"""The SHACL shapes compiled to set-based SPARQL: one query per constraint over all focus nodes.

pySHACL evaluates every constraint once per focus node, in Python; at a million triples
that takes minutes. Here each constraint of ``ontology/shapes.ttl`` becomes ONE SELECT
that finds every violating focus node at once, run on pyoxigraph (or any ``Store``):

* SHACL-SPARQL constraints keep their own text, read from the shapes file, with ``$this``
  turned into a free variable ``?this`` joined with the shape's targets;
* SHACL Core constraints (min/maxCount, class, in, pattern, minLength, nodeKind, datatype,
  minInclusive, lessThan, or) are written as the equivalent SPARQL filters.

The shapes file stays the source of truth. A shape using anything this compiler does not
know raises ``Unsupported``, and ``argkb.validation.validate`` falls back to pySHACL. The test suite
checks that both give the same results. ``run(store, focus)`` restricts every query to the
given focus nodes (``argkb.store.focus``), which is how contributions are validated.
"""
from __future__ import annotations

import re
from contextlib import nullcontext
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

from argkb.errors import UsageError
from argkb.vocab.namespaces import ARGKB
from argkb.store.base import where_brace, term_sparql
from argkb.store.focus import focus_pattern, mostly

SUBCLASSES = re.compile(r"#SUBCLASSES (<[^>]*>)#")
_RULE_NUMBER = re.compile(r"Rule(\d+)$")
_THIS = re.compile(r"\$this\b")
_CASTABLE = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.boolean, XSD.dateTime, XSD.date}
# shape predicates that are not constraints (or that the compiler reads itself)
_NON_CONSTRAINT = {RDF.type, RDFS.label, RDFS.comment, SH.group, SH.message, SH.severity, SH.path, SH.name,
                   SH.description, SH.order, SH.property, SH.targetClass, SH.targetSubjectsOf,
                   SH.targetObjectsOf, SH.targetNode, SH.sparql, SH.deactivated}
_RANGES = {SH.minInclusive: (">=", SH.MinInclusiveConstraintComponent),
           SH.maxInclusive: ("<=", SH.MaxInclusiveConstraintComponent),
           SH.minExclusive: (">", SH.MinExclusiveConstraintComponent),
           SH.maxExclusive: ("<", SH.MaxExclusiveConstraintComponent)}
_VALUE_KEYS = {SH["class"], SH["in"], SH.pattern, SH.flags, SH.minLength, SH.maxLength, SH.nodeKind, SH.datatype,
               *_RANGES, SH["or"], SH.lessThan, SH.minCount, SH.maxCount, SH.uniqueLang}
_SEVERITIES = {SH.Violation, SH.Warning, SH.Info}
_NODE_KINDS = {SH.Literal: "isLiteral(?v)", SH.IRI: "isIRI(?v)", SH.BlankNode: "isBlank(?v)",
               SH.BlankNodeOrIRI: "(isBlank(?v) || isIRI(?v))", SH.IRIOrLiteral: "(isIRI(?v) || isLiteral(?v))",
               SH.BlankNodeOrLiteral: "(isBlank(?v) || isLiteral(?v))"}


class Unsupported(UsageError):
    """The shapes use a SHACL feature this compiler does not translate (pySHACL is used instead)."""

    def __init__(self, feature: str):
        super().__init__(f"the fast validation engine does not compile {feature}; "
                         "use --engine auto (it falls back to pySHACL) or --engine pyshacl")


@dataclass(frozen=True)
class Check:
    """One constraint of one shape, as a query selecting ``?this`` (and ``?value`` …) for each violation."""

    shape: object              # the sh:sourceShape
    severity: str              # Violation | Warning | Info
    message: str               # sh:message, with {?var} placeholders
    path: object               # sh:resultPath (URIRef, or BNode for a complex path), or None
    query: str                 # SELECT text; TARGET is substituted by ``targeted``
    target: str                # SPARQL pattern binding ?this to the shape's focus nodes
    value_is_focus: bool       # a node-level constraint: sh:value defaults to the focus node
    rule: int | None = None    # the design contract's rule (from sh:group)
    rule_label: str = ""
    prefixes: str = ""         # PREFIX lines the query needs
    component: URIRef = SH.SPARQLConstraintComponent   # the sh:sourceConstraintComponent
    described: tuple = ()      # triples describing the blank nodes it names (a complex path, a property shape)
    message_lang: str | None = None
    severity_term: URIRef | None = None   # when not one of SHACL's three
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


class CompiledShapes:
    def __init__(self, checks: list[Check]):
        self.checks = checks

    def run(self, store, focus: Iterable | None = None, checks: Iterable[Check] | None = None) -> list[RawResult]:
        """Every violation of ``checks`` (default: all) in ``store``, optionally only for ``focus`` nodes."""
        focus = None if focus is None else sorted({f for f in focus if isinstance(f, URIRef)})
        if focus is not None and not focus:
            return []
        if focus is not None and mostly(store, focus):   # filtering the whole store's results costs less
            keep = set(focus)
            return [r for r in self.run(store, checks=checks) if r.focus in keep]
        closure = subclass_closure(store)
        out: list[RawResult] = []
        with nullcontext("") if focus is None else focus_pattern(store, focus) as values:
            for check in (self.checks if checks is None else checks):
                query = SUBCLASSES.sub(lambda m: " ".join(closure(m.group(1))), check.targeted(values))
                out.extend(_results_of(check, store.query(query).dicts()))
        return out


def subclass_closure(store):
    """``closure("<C>")``: C and every class below it through ``rdfs:subClassOf`` in ``store`` (as SPARQL terms).

    Targets and ``sh:class`` count instances of subclasses; listing the subclasses in a VALUES
    block lets the engine use its indexes instead of walking ``rdf:type/rdfs:subClassOf*`` per node.
    """
    below: dict[str, set[str]] = {}
    for sub, sup in store.query(f"SELECT ?a ?b WHERE {{ ?a <{RDFS.subClassOf}> ?b }}").rows:
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            below.setdefault(term_sparql(sup), set()).add(term_sparql(sub))
    cache: dict[str, list[str]] = {}

    def closure(cls: str) -> list[str]:
        if cls not in cache:
            seen, todo = {cls}, [cls]
            while todo:
                for sub in below.get(todo.pop(), ()):
                    if sub not in seen:
                        seen.add(sub)
                        todo.append(sub)
            cache[cls] = sorted(seen)
        return cache[cls]
    return closure


def _results_of(check: Check, rows: list[dict]) -> list[RawResult]:
    """Rows to results as pySHACL makes them: defaults for sh:value, message templates, no duplicates."""
    seen: set = set()
    out = []
    for row in rows:
        row = {k: v for k, v in row.items() if v is not None}
        this, path, value = row.pop("this", None), row.pop("path", None), row.pop("value", None)
        if this is None:
            continue
        key = (this, path, value, tuple(sorted(row.items())))
        if key in seen:
            continue
        seen.add(key)
        if value is None and check.value_is_focus:
            value = this
        out.append(RawResult(check, this, path if path is not None else check.path, value,
                             format_message(check.message, {**row, "this": this, "path": path, "value": value})))
    return out


def format_message(message: str, bound: dict) -> str:
    if "{" not in message:
        return message   # no placeholder
    for var, val in bound.items():
        if val is not None:
            message = re.sub("{{[?$]{}}}".format(var), lambda _m, v=str(val): v, message)
    return message


# ------------------------------------------------------------------ compile ---
@lru_cache(maxsize=8)
def _compiled_cached(path: Path, _mtime: int, cache_dir: Path | None) -> CompiledShapes:
    from argkb.rdf.parse import parse_file
    from argkb.validation import prebinding

    verdicts = cache_dir / "sparql-constraint-verdicts.json" if cache_dir is not None else None
    known = prebinding.load_verdicts(verdicts) if verdicts is not None else 0
    try:
        return compile_shapes(parse_file(path))
    finally:
        if verdicts is not None and len(prebinding.VERDICTS) > known:
            prebinding.save_verdicts(verdicts)


def compiled_for(shapes_file: Path, cache_dir: Path | None = None) -> CompiledShapes:
    """The compiled shapes of a shapes file (cached while the file is unchanged); ``cache_dir`` keeps
    the SPARQL constraints' pre-binding verdicts between processes."""
    return _compiled_cached(Path(shapes_file), Path(shapes_file).stat().st_mtime_ns, cache_dir)


def compile_shapes(shapes: Graph) -> CompiledShapes:
    checks: list[Check] = []
    for shape in _shapes_with_targets(shapes):
        if shapes.value(shape, SH.deactivated) == Literal(True):
            continue
        target = _target_pattern(shapes, shape)
        for check in _shape_checks(shapes, shape, target):
            rule, label = rule_of(shapes, check.shape)
            checks.append(replace(check, rule=rule, rule_label=label))
    return CompiledShapes(checks)


def rule_of(shapes: Graph, shape) -> tuple[int | None, str]:
    """The rule a shape belongs to: its sh:group, or its parent node shape's."""
    candidates = [shape, *shapes.subjects(SH.property, shape)] if shape is not None else []
    for candidate in candidates:
        group = shapes.value(candidate, SH.group)
        if group is not None:
            match = _RULE_NUMBER.search(str(group))
            label = str(shapes.value(group, RDFS.label) or group)
            return (int(match.group(1)) if match else None), label
    return None, "unnamed rule"


def _shapes_with_targets(shapes: Graph) -> list:
    found = set()
    for predicate in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode):
        found.update(shapes.subjects(predicate, None))
    for kind in (SH.NodeShape, SH.PropertyShape):
        for shape in shapes.subjects(RDF.type, kind):
            if (shape, RDF.type, RDFS.Class) in shapes or (shape, RDF.type, OWL.Class) in shapes:
                raise Unsupported(f"implicit class target on {shape}")
    return sorted(found, key=str)


def _target_pattern(shapes: Graph, shape) -> str:
    parts = [f"{{ VALUES ?_tc {{ #SUBCLASSES {term_sparql(c)}# }} ?this <{RDF.type}> ?_tc }}"
             for c in sorted(shapes.objects(shape, SH.targetClass))]
    parts += [f"{{ ?this {term_sparql(p)} [] }}" for p in sorted(shapes.objects(shape, SH.targetSubjectsOf))]
    parts += [f"{{ [] {term_sparql(p)} ?this }}" for p in sorted(shapes.objects(shape, SH.targetObjectsOf))]
    parts += [f"{{ VALUES ?this {{ {term_sparql(n)} }} }}" for n in sorted(shapes.objects(shape, SH.targetNode))]
    return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(parts) + " } }"


def _severity(shapes: Graph, shape) -> str:
    return str(shapes.value(shape, SH.severity) or SH.Violation).rsplit("#", 1)[-1]


def _message(shapes: Graph, node) -> str:
    message = shapes.value(node, SH.message)
    return str(message) if message is not None else ""


def _message_lang(shapes: Graph, node) -> str | None:
    message = shapes.value(node, SH.message)
    return message.language if isinstance(message, Literal) else None


def blank_descriptions(graph: Graph, *nodes) -> tuple:
    """The triples describing those of ``nodes`` that are blank nodes (for the report graph)."""
    from argkb.validation.report import described

    return tuple(t for node in nodes if isinstance(node, BNode) for t in described(graph, node))


def _shape_checks(shapes: Graph, shape, target: str) -> list[Check]:
    checks: list[Check] = []
    is_property = shapes.value(shape, SH.path) is not None
    if is_property:
        checks += _property_checks(shapes, shape, target)
    else:
        _refuse_unknown(shapes, shape, allowed=_VALUE_KEYS - {SH.minCount, SH.maxCount, SH.lessThan, SH.uniqueLang})
        for component, condition in _value_conditions(shapes, shape):
            checks.append(Check(shape, _severity(shapes, shape), _message(shapes, shape), None,
                                "SELECT DISTINCT ?this ?value WHERE { #TARGET# BIND(?this AS ?v) "
                                f"FILTER ({condition}) BIND(?v AS ?value) }}", target, True, component=component,
                                described=blank_descriptions(shapes, shape), message_lang=_message_lang(shapes, shape)))
        for prop in shapes.objects(shape, SH.property):
            checks += _property_checks(shapes, prop, target)
        for constraint in shapes.objects(shape, SH.sparql):
            if shapes.value(constraint, SH.deactivated) != Literal(True):
                checks.append(_sparql_check(shapes, shape, constraint, target))
    return checks


def _refuse_unknown(shapes: Graph, shape, allowed: set) -> None:
    for p in set(shapes.predicates(shape, None)):
        if p not in _NON_CONSTRAINT and p not in allowed:
            raise Unsupported(f"{p} on {shape}")
    if any(s not in _SEVERITIES for s in shapes.objects(shape, SH.severity)):
        raise Unsupported(f"a severity other than sh:Violation, sh:Warning or sh:Info on {shape}")
    if len(set(shapes.objects(shape, SH.path))) > 1:
        raise Unsupported(f"more than one sh:path on {shape}")


def _path_sparql(shapes: Graph, path) -> str:
    if isinstance(path, URIRef):
        return term_sparql(path)
    inverse = shapes.value(path, SH.inversePath)
    if isinstance(inverse, URIRef) and set(shapes.predicate_objects(path)) == {(SH.inversePath, inverse)}:
        return "^" + term_sparql(inverse)
    raise Unsupported(f"property path {path}")  # (a list, or a node mixing path kinds)


def _property_checks(shapes: Graph, prop, target: str) -> list[Check]:
    """The checks of a property shape; a property shape holding shapes of its own (sh:property,
    sh:sparql) is refused: those apply to its value nodes, which these queries do not follow."""
    _refuse_unknown(shapes, prop, allowed=_VALUE_KEYS)
    for nested in (SH.property, SH.sparql):
        if (prop, nested, None) in shapes:
            raise Unsupported(f"{nested} inside the property shape {prop}")
    if shapes.value(prop, SH.deactivated) == Literal(True):
        return []
    path_node = shapes.value(prop, SH.path)
    path = _path_sparql(shapes, path_node)
    severity, message, lang = _severity(shapes, prop), _message(shapes, prop), _message_lang(shapes, prop)
    checks = []

    def add(component: URIRef, query: str) -> None:
        checks.append(Check(prop, severity, message, path_node, query, target, False, component=component,
                            described=blank_descriptions(shapes, prop, path_node), message_lang=lang))

    low, high = shapes.value(prop, SH.minCount), shapes.value(prop, SH.maxCount)
    if low is not None and int(low) > 0:
        add(SH.MinCountConstraintComponent, f"SELECT ?this WHERE {{ #TARGET# OPTIONAL {{ ?this {path} ?v }} }} "
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {int(low)})")
    if high is not None:
        add(SH.MaxCountConstraintComponent, f"SELECT ?this WHERE {{ #TARGET# ?this {path} ?v }} "
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {int(high)})")
    for component, condition in _value_conditions(shapes, prop):
        add(component, f"SELECT DISTINCT ?this ?value WHERE {{ #TARGET# ?this {path} ?v FILTER ({condition}) "
            "BIND(?v AS ?value) }")
    for unique in shapes.objects(prop, SH.uniqueLang):
        if not (isinstance(unique, Literal) and unique.datatype == XSD.boolean):
            raise Unsupported(f"sh:uniqueLang {unique!r} on {prop}: expected a boolean")
        if str(unique) == "true":  # only "true" activates it (W3C uniqueLang-002); one result per repeated tag
            add(SH.UniqueLangConstraintComponent, f"SELECT DISTINCT ?this ?_lang WHERE {{ #TARGET# ?this {path} ?v . "
                f"?this {path} ?w FILTER (!sameTerm(?v, ?w) && LANG(?v) != \"\" && LCASE(LANG(?v)) = LCASE(LANG(?w))) "
                "BIND (LCASE(LANG(?v)) AS ?_lang) }")
    for other in shapes.objects(prop, SH.lessThan):  # one result per pair (value, other value) that fails
        add(SH.LessThanConstraintComponent, f"SELECT DISTINCT ?this ?value ?_other WHERE {{ #TARGET# ?this {path} ?v . "
            f"?this {_path_sparql(shapes, other)} ?_other FILTER (!COALESCE(?v < ?_other, false)) BIND(?v AS ?value) }}")
    return checks


def _value_conditions(shapes: Graph, shape) -> list[tuple[URIRef, str]]:
    """(component, SPARQL condition true when value node ?v VIOLATES it) for each value constraint of ``shape``."""
    conditions = []
    for cls in shapes.objects(shape, SH["class"]):
        conditions.append((SH.ClassConstraintComponent, f"!{_instance_of('?v', cls)}"))
    for values in shapes.objects(shape, SH["in"]):
        members = Collection(shapes, values)
        conditions.append((SH.InConstraintComponent, "!(" + (" || ".join(f"sameTerm(?v, {term_sparql(m)})" for m in members) or "false") + ")"))
    for pattern in shapes.objects(shape, SH.pattern):
        flags = shapes.value(shape, SH.flags)
        args = f"STR(?v), {Literal(str(pattern)).n3()}" + (f", {Literal(str(flags)).n3()}" if flags else "")
        conditions.append((SH.PatternConstraintComponent, f"(isBlank(?v) || !REGEX({args}))"))
    for n in shapes.objects(shape, SH.minLength):
        conditions.append((SH.MinLengthConstraintComponent, f"(isBlank(?v) || STRLEN(STR(?v)) < {int(n)})"))
    for n in shapes.objects(shape, SH.maxLength):
        conditions.append((SH.MaxLengthConstraintComponent, f"(isBlank(?v) || STRLEN(STR(?v)) > {int(n)})"))
    for kind in shapes.objects(shape, SH.nodeKind):
        if kind not in _NODE_KINDS:
            raise Unsupported(f"sh:nodeKind {kind}")
        conditions.append((SH.NodeKindConstraintComponent, f"!{_NODE_KINDS[kind]}"))
    for datatype in shapes.objects(shape, SH.datatype):
        if datatype not in _CASTABLE and datatype not in (XSD.string, RDF.langString):
            raise Unsupported(f"sh:datatype {datatype}: which of its literals are well-formed is not compiled")
        dt = term_sparql(datatype)
        well_formed = f" && COALESCE(STRLEN(STR({dt}(STR(?v)))) >= 0, false)" if datatype in _CASTABLE else ""
        conditions.append((SH.DatatypeConstraintComponent, f"!(isLiteral(?v) && sameTerm(DATATYPE(?v), {dt}){well_formed})"))
    for key, (operator, component) in _RANGES.items():  # an incomparable value violates too
        for bound in shapes.objects(shape, key):
            if not isinstance(bound, Literal):
                raise Unsupported(f"{key} {bound} on {shape}: expected a literal")
            conditions.append((component, f"!COALESCE(?v {operator} {bound.n3()}, false)"))
    for members in shapes.objects(shape, SH["or"]):
        conditions.append((SH.OrConstraintComponent, "(" + " && ".join(f"!{_conforms(shapes, m)}" for m in Collection(shapes, members)) + ")"))
    return conditions


def _instance_of(var: str, cls) -> str:
    return f"EXISTS {{ VALUES ?_cls {{ #SUBCLASSES {term_sparql(cls)}# }} {var} <{RDF.type}> ?_cls }}"


def _conforms(shapes: Graph, member) -> str:
    """A SPARQL condition true when ?v conforms to the sh:or member shape ``member`` (a small subset)."""
    keys = set(shapes.predicates(member, None)) - {RDF.type}
    path = shapes.value(member, SH.path)
    if path is not None and keys <= {SH.path, SH.minCount} and shapes.value(member, SH.minCount) == Literal(1):
        return f"EXISTS {{ ?v {_path_sparql(shapes, path)} [] }}"
    if keys == {SH["class"]}:
        return _instance_of("?v", shapes.value(member, SH["class"]))
    raise Unsupported(f"sh:or member {member}")


def _sparql_check(shapes: Graph, shape, constraint, target: str) -> Check:
    """A SPARQL-based constraint of a node shape, kept as written, when joining targets equals pre-binding."""
    from argkb.validation.prebinding import NotEquivalent, check, prefix_lines

    select = shapes.value(constraint, SH.select)
    if select is None or re.search(r"\$(?!this\b)\w+", str(select)) or re.search(r"[?$]failure\b", str(select)):
        raise Unsupported(f"SPARQL constraint {constraint}")
    query = _THIS.sub("?this", str(select))
    at = where_brace(query)
    if at is None or re.match(r"\s*(PREFIX|BASE)\b", query, re.IGNORECASE):
        raise Unsupported(f"SPARQL constraint {constraint}: expected a plain SELECT")
    query = query[: at + 1] + " #TARGET# " + query[at + 1:]
    try:
        prefixes = prefix_lines(shapes, constraint)
        check(prefixes + query)
    except NotEquivalent as why:
        raise Unsupported(f"SPARQL constraint {constraint}: {why}") from None
    return Check(shape, _severity(shapes, shape), _message(shapes, constraint), None, query, target, True,
                 prefixes=prefixes, constraint=constraint,  # (no message_lang: pySHACL drops it here too)
                 described=blank_descriptions(shapes, shape, constraint))
