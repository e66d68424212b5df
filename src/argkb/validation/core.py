"""SHACL Core constraints written as SPARQL: the checks of a property shape (counts, values, unique
languages, ``sh:lessThan``) and the conditions a value node violates (class, in, pattern, lengths,
node kind, datatype, ranges, or), with the severity and message each result carries. Anything else
raises ``Unsupported``. Used by ``argkb.validation.compiled``, which compiles whole shapes files."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from argkb.store.sparql_terms import term_sparql
from argkb.validation.checks import Check, Unsupported

_CASTABLE = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.boolean, XSD.dateTime, XSD.date}
# shape predicates that are not constraints (or that the compiler reads itself)
_NON_CONSTRAINT = {
    RDF.type,
    RDFS.label,
    RDFS.comment,
    SH.group,
    SH.message,
    SH.severity,
    SH.path,
    SH.name,
    SH.description,
    SH.order,
    SH.property,
    SH.targetClass,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.targetNode,
    SH.sparql,
    SH.deactivated,
}
_RANGES = {
    SH.minInclusive: (">=", SH.MinInclusiveConstraintComponent),
    SH.maxInclusive: ("<=", SH.MaxInclusiveConstraintComponent),
    SH.minExclusive: (">", SH.MinExclusiveConstraintComponent),
    SH.maxExclusive: ("<", SH.MaxExclusiveConstraintComponent),
}
_VALUE_KEYS = {
    SH["class"],
    SH["in"],
    SH.pattern,
    SH.flags,
    SH.minLength,
    SH.maxLength,
    SH.nodeKind,
    SH.datatype,
    *_RANGES,
    SH["or"],
    SH.lessThan,
    SH.minCount,
    SH.maxCount,
    SH.uniqueLang,
}
_SEVERITIES = {SH.Violation, SH.Warning, SH.Info}
_NODE_KINDS: dict[Node, str] = {
    SH.Literal: "isLiteral(?v)",
    SH.IRI: "isIRI(?v)",
    SH.BlankNode: "isBlank(?v)",
    SH.BlankNodeOrIRI: "(isBlank(?v) || isIRI(?v))",
    SH.IRIOrLiteral: "(isIRI(?v) || isLiteral(?v))",
    SH.BlankNodeOrLiteral: "(isBlank(?v) || isLiteral(?v))",
}


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
    if isinstance(inverse, URIRef) and set(shapes.predicate_objects(path)) == {
        (SH.inversePath, inverse)
    }:
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
    severity, message, lang = (
        _severity(shapes, prop),
        _message(shapes, prop),
        _message_lang(shapes, prop),
    )
    checks = []

    def add(component: URIRef, query: str) -> None:
        checks.append(
            Check(
                prop,
                severity,
                message,
                path_node,
                query,
                target,
                False,
                component=component,
                described=blank_descriptions(shapes, prop, path_node),
                message_lang=lang,
            )
        )

    low, high = shapes.value(prop, SH.minCount), shapes.value(prop, SH.maxCount)
    if low is not None and int(low) > 0:
        add(
            SH.MinCountConstraintComponent,
            f"SELECT ?this WHERE {{ #TARGET# OPTIONAL {{ ?this {path} ?v }} }} "
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {int(low)})",
        )
    if high is not None:
        add(
            SH.MaxCountConstraintComponent,
            f"SELECT ?this WHERE {{ #TARGET# ?this {path} ?v }} "
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {int(high)})",
        )
    for component, condition in _value_conditions(shapes, prop):
        add(
            component,
            f"SELECT DISTINCT ?this ?value WHERE {{ #TARGET# ?this {path} ?v FILTER ({condition}) "
            "BIND(?v AS ?value) }",
        )
    for unique in shapes.objects(prop, SH.uniqueLang):
        if not (isinstance(unique, Literal) and unique.datatype == XSD.boolean):
            raise Unsupported(f"sh:uniqueLang {unique!r} on {prop}: expected a boolean")
        if (
            str(unique) == "true"
        ):  # only "true" activates it (W3C uniqueLang-002); one result per repeated tag
            add(
                SH.UniqueLangConstraintComponent,
                f"SELECT DISTINCT ?this ?_lang WHERE {{ #TARGET# ?this {path} ?v . ?this {path} ?w "
                'FILTER (!sameTerm(?v, ?w) && LANG(?v) != "" && LCASE(LANG(?v)) = '
                f"LCASE(LANG(?w))) BIND (LCASE(LANG(?v)) AS ?_lang) }}",
            )
    for other in shapes.objects(
        prop, SH.lessThan
    ):  # one result per pair (value, other value) that fails
        add(
            SH.LessThanConstraintComponent,
            f"SELECT DISTINCT ?this ?value ?_other WHERE {{ #TARGET# ?this {path} ?v . ?this "
            f"{_path_sparql(shapes, other)} ?_other FILTER (!COALESCE(?v < ?_other, false)) "
            f"BIND(?v AS ?value) }}",
        )
    return checks


def _value_conditions(shapes: Graph, shape) -> list[tuple[URIRef, str]]:
    """(component, SPARQL condition true when value node ?v VIOLATES it) for each value constraint
    of ``shape``."""
    conditions = []
    for cls in shapes.objects(shape, SH["class"]):
        conditions.append((SH.ClassConstraintComponent, f"!{_instance_of('?v', cls)}"))
    for values in shapes.objects(shape, SH["in"]):
        members = Collection(shapes, values)
        conditions.append(
            (
                SH.InConstraintComponent,
                "!("
                + (" || ".join(f"sameTerm(?v, {term_sparql(m)})" for m in members) or "false")
                + ")",
            )
        )
    for pattern in shapes.objects(shape, SH.pattern):
        flags = shapes.value(shape, SH.flags)
        args = f"STR(?v), {Literal(str(pattern)).n3()}" + (
            f", {Literal(str(flags)).n3()}" if flags else ""
        )
        conditions.append((SH.PatternConstraintComponent, f"(isBlank(?v) || !REGEX({args}))"))
    for n in shapes.objects(shape, SH.minLength):
        conditions.append(
            (SH.MinLengthConstraintComponent, f"(isBlank(?v) || STRLEN(STR(?v)) < {int(str(n))})")
        )
    for n in shapes.objects(shape, SH.maxLength):
        conditions.append(
            (SH.MaxLengthConstraintComponent, f"(isBlank(?v) || STRLEN(STR(?v)) > {int(str(n))})")
        )
    for kind in shapes.objects(shape, SH.nodeKind):
        if kind not in _NODE_KINDS:
            raise Unsupported(f"sh:nodeKind {kind}")
        conditions.append((SH.NodeKindConstraintComponent, f"!{_NODE_KINDS[kind]}"))
    for datatype in shapes.objects(shape, SH.datatype):
        if datatype not in _CASTABLE and datatype not in (XSD.string, RDF.langString):
            raise Unsupported(
                f"sh:datatype {datatype}: which of its literals are well-formed is not compiled"
            )
        dt = term_sparql(datatype)
        well_formed = (
            f" && COALESCE(STRLEN(STR({dt}(STR(?v)))) >= 0, false)" if datatype in _CASTABLE else ""
        )
        conditions.append(
            (
                SH.DatatypeConstraintComponent,
                f"!(isLiteral(?v) && sameTerm(DATATYPE(?v), {dt}){well_formed})",
            )
        )
    for key, (operator, component) in _RANGES.items():  # an incomparable value violates too
        for bound in shapes.objects(shape, key):
            if not isinstance(bound, Literal):
                raise Unsupported(f"{key} {bound} on {shape}: expected a literal")
            conditions.append((component, f"!COALESCE(?v {operator} {bound.n3()}, false)"))
    for alternatives in shapes.objects(shape, SH["or"]):
        conditions.append(
            (
                SH.OrConstraintComponent,
                "("
                + " && ".join(f"!{_conforms(shapes, m)}" for m in Collection(shapes, alternatives))
                + ")",
            )
        )
    return conditions


def _instance_of(var: str, cls) -> str:
    return (
        f"EXISTS {{ VALUES ?_cls {{ #SUBCLASSES {term_sparql(cls)}# }} {var} <{RDF.type}> ?_cls }}"
    )


def _conforms(shapes: Graph, member) -> str:
    """A SPARQL condition true when ?v conforms to the sh:or member shape ``member`` (a small
    subset)."""
    keys = set(shapes.predicates(member, None)) - {RDF.type}
    path = shapes.value(member, SH.path)
    if (
        path is not None
        and keys <= {SH.path, SH.minCount}
        and shapes.value(member, SH.minCount) == Literal(1)
    ):
        return f"EXISTS {{ ?v {_path_sparql(shapes, path)} [] }}"
    if keys == {SH["class"]}:
        return _instance_of("?v", shapes.value(member, SH["class"]))
    raise Unsupported(f"sh:or member {member}")
