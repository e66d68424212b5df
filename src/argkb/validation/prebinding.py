"""When joining a SPARQL constraint with its targets is the same as pre-binding ``$this``.

SHACL evaluates a SPARQL-based constraint once per focus node with ``$this`` pre-bound
(substituted) to it. The compiler instead runs the query once, with the shape's targets
joined in at the start of the WHERE group: ``{ TARGETS  original pattern }``. The two agree
only for some queries; ``check(query)`` accepts exactly those this module can argue for and
raises ``NotEquivalent`` for every other (validation then falls back to pySHACL).

The analysis reads the query's algebra (rdflib's parser) with the targets in place, standing
for one triple pattern that binds ``?this``. Every part of it is then evaluated on its own and
joined, so each must satisfy ``join(t, P) = P[this := t]``: true of basic graph patterns and
kept by join and union; a ``FILTER``, ``BIND`` or ``OPTIONAL`` that reads ``?this`` needs
``?this`` certainly bound by the pattern it applies to (otherwise substitution would see a
value the join does not: the W3C ``pre-binding`` tests); a subquery must select ``?this``;
aggregates must ``GROUP BY ?this``; ``LIMIT``/``OFFSET``, ``VALUES``, ``MINUS``, ``GRAPH``,
``SERVICE`` and ``AS ?this`` are refused, as is a query that does not select ``?this``.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import OWL, SH
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Variable

from argkb.store.sparql_terms import term_sparql

THIS = Variable("this")
_SENTINEL = "urn:argkb:validation:targets"
_MODIFIERS = ("Project", "Distinct", "Reduced", "OrderBy")
_REFUSED = ("Slice", "Minus", "Graph", "ServiceGraphPattern", "values", "ToMultiSet_values")


class NotEquivalent(Exception):
    """The query's meaning with targets joined in may differ from pre-binding ``$this``."""


#: verdicts already reached, by ``_key(query)``: "" (equivalent) or the reason it is not
VERDICTS: dict[str, str] = {}


def load_verdicts(path: Path) -> int:
    """Remember the verdicts saved in ``path`` (parsing queries with rdflib costs seconds per
    process)."""
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    if isinstance(saved, dict):
        VERDICTS.update(
            {k: v for k, v in saved.items() if isinstance(k, str) and isinstance(v, str)}
        )
    return len(VERDICTS)


def save_verdicts(path: Path) -> None:
    from argkb.rdf.atomic import atomic_write_text

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps(VERDICTS, sort_keys=True))
    except OSError:
        pass  # a cache: not having it only costs time


def _key(query: str) -> str:
    """The query and this module's own text: a changed analysis never reuses an old verdict."""
    return hashlib.sha256(
        Path(__file__).read_bytes() + query.encode("utf-8", "surrogatepass")
    ).hexdigest()


def check(query: str) -> None:
    """Raise ``NotEquivalent`` unless joining targets into ``query`` equals pre-binding ``$this``
    (remembered)."""
    key = _key(query)
    if key not in VERDICTS:
        try:
            _check(query)
            VERDICTS[key] = ""
        except NotEquivalent as why:
            VERDICTS[key] = str(why)
    if VERDICTS[key]:
        raise NotEquivalent(VERDICTS[key])


def _check(query: str) -> None:
    """Raise ``NotEquivalent`` unless joining targets into ``query`` equals pre-binding ``$this``.

    ``query`` holds ``#TARGET#`` where the targets will be joined; for the analysis it stands for
    one triple pattern binding ``?this``, so the algebra has the targets where the query will.
    """
    from rdflib.plugins.sparql import prepareQuery

    try:
        algebra = prepareQuery(
            query.replace("#TARGET#", f" ?this <{_SENTINEL}> ?this . ", 1)
        ).algebra
    except Exception as error:  # the parser raises many kinds of error
        raise NotEquivalent(f"the query does not parse: {error}") from None
    if algebra.name != "SelectQuery":
        raise NotEquivalent("not a SELECT query")
    if THIS not in (algebra.PV or []):
        raise NotEquivalent("the query does not select $this")
    where = _below_aggregation(algebra.p)
    if not _binds(where):
        raise NotEquivalent("the targets are not joined at the top of the query")
    _nested(where)


def _below_aggregation(node: CompValue) -> CompValue:
    """Peel solution modifiers and, for an aggregate query, its HAVING and aggregates: the pattern
    below."""
    while node.name in _MODIFIERS or node.name in _REFUSED:
        if node.name in _REFUSED:
            raise NotEquivalent(f"{node.name} is not compiled")
        node = node.p
    below = node
    while below.name in ("Filter", "Extend"):
        below = below.p
    if below.name != "AggregateJoin":
        return node
    while node.name in ("Filter", "Extend"):
        if node.name == "Extend" and not (node.var == THIS and str(node.expr).startswith("__agg_")):
            _no_rebinding(
                node
            )  # (rdflib itself rebinds ?this to SAMPLE(?this) when grouping by it)
        node = node.p
    group = node.p
    if not group.expr or THIS not in group.expr:
        raise NotEquivalent("an aggregate not grouped by $this")
    return group.p


def _nested(node: CompValue) -> None:
    """``node`` is evaluated on its own and then joined: require join(t, node) = node[this := t]."""
    if not _mentions(node) and not _uses(node, ("Project",)):
        if _uses(node, _REFUSED):
            raise NotEquivalent("VALUES, MINUS, GRAPH, SERVICE or LIMIT are not compiled")
        return
    name = node.name
    if name == "BGP":
        return
    if name in ("Join", "Union"):
        _nested(node.p1)
        _nested(node.p2)
    elif name == "LeftJoin":
        _nested(node.p1)
        _nested(node.p2)
        if not _binds(node.p1) and (_mentions(node.p2) or _mentions(node.expr)):
            raise NotEquivalent("OPTIONAL reads $this before it is bound")
        _exists_patterns(node.expr)
    elif name in ("Filter", "Extend"):
        if name == "Extend":
            _no_rebinding(node)
        _nested(node.p)
        if _mentions(node.expr) and not _binds(node.p):
            raise NotEquivalent("FILTER or BIND reads $this in a group that does not bind it")
        _exists_patterns(node.expr)
    elif name == "ToMultiSet" and node.p.name == "Project":
        _subquery(node.p)
    else:
        raise NotEquivalent(f"{name} reading $this is not compiled")


def _subquery(project: CompValue) -> None:
    if THIS not in (project.PV or []):
        raise NotEquivalent("a subquery uses $this without selecting it")
    inner = _below_aggregation(project)
    _nested(inner)


def _binds(node: CompValue) -> bool:
    """Does every solution of ``node`` bind ``?this``?"""
    name = node.name
    if name == "BGP":
        return any(THIS in (s, o) for s, _p, o in node.triples)
    if name == "Join":
        return _binds(node.p1) or _binds(node.p2)
    if name in ("LeftJoin",):
        return _binds(node.p1)
    if name in ("Filter", "Extend"):
        return _binds(node.p)
    if name == "Union":
        return _binds(node.p1) and _binds(node.p2)
    if name == "ToMultiSet" and node.p.name == "Project":
        return THIS in (node.p.PV or []) and _binds(_below_aggregation(node.p))
    return False


def _no_rebinding(extend: CompValue) -> None:
    if extend.var == THIS:
        raise NotEquivalent("the query binds $this with AS")


def _exists_patterns(expr) -> None:
    """EXISTS patterns get ``?this`` substituted in both readings; their own content must still be
    safe."""
    for node in _walk(expr):
        if isinstance(node, CompValue) and node.name in ("Builtin_EXISTS", "Builtin_NOTEXISTS"):
            graph = node.graph
            if (
                graph.name == "GroupGraphPatternSub"
            ):  # rdflib leaves some EXISTS patterns untranslated
                from rdflib.plugins.sparql.algebra import translateGroupGraphPattern

                graph = translateGroupGraphPattern(graph)
            _nested(graph)


def _mentions(node) -> bool:
    return any(item == THIS for item in _walk(node))


def _uses(node, names) -> bool:
    return any(isinstance(item, CompValue) and item.name in names for item in _walk(node))


def _walk(node):
    stack, seen = [node], set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set)):
            stack.extend(item)


def prefix_lines(shapes, constraint) -> str:
    """PREFIX lines from the constraint's sh:prefixes, following owl:imports inside the shapes
    graph."""
    lines = ["PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>"]
    todo, seen = list(shapes.objects(constraint, SH.prefixes)), set()
    while todo:
        ontology = todo.pop()
        if ontology in seen:
            continue
        seen.add(ontology)
        todo += shapes.objects(ontology, OWL.imports)
        for decl in shapes.objects(ontology, SH.declare):
            prefix, namespace = shapes.value(decl, SH.prefix), shapes.value(decl, SH.namespace)
            if (
                prefix is None
                or namespace is None
                or not re.fullmatch(r"[A-Za-z][\w.-]*|", str(prefix))
            ):
                raise NotEquivalent(
                    f"a prefix declaration of {ontology} is incomplete or malformed"
                )
            lines.append(f"PREFIX {prefix}: {term_sparql(URIRef(str(namespace)))}")
    return "\n".join(lines) + "\n"
