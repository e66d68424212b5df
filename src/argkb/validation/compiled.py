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
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from argkb.store.focus import focus_pattern, mostly
from argkb.store.sparql_terms import term_sparql, where_brace

# what checks are (argkb.validation.checks) and how SHACL Core constraints become SPARQL
# (argkb.validation.core), re-exported:
# ``from argkb.validation.compiled import Check, Unsupported, blank_descriptions`` keeps working
from argkb.validation.checks import Check, RawResult, Unsupported  # noqa: F401
from argkb.validation.core import (  # noqa: F401
    _VALUE_KEYS,
    _message,
    _message_lang,
    _property_checks,
    _refuse_unknown,
    _severity,
    _value_conditions,
    blank_descriptions,
)

SUBCLASSES = re.compile(r"#SUBCLASSES (<[^>]*>)#")
_RULE_NUMBER = re.compile(r"Rule(\d+)$")
_THIS = re.compile(r"\$this\b")


class CompiledShapes:
    def __init__(self, checks: list[Check]):
        self.checks = checks

    def run(
        self, store, focus: Iterable | None = None, checks: Iterable[Check] | None = None
    ) -> list[RawResult]:
        """Every violation of ``checks`` (default: all) in ``store``, optionally only for ``focus``
        nodes."""
        focus = None if focus is None else sorted({f for f in focus if isinstance(f, URIRef)})
        if focus is not None and not focus:
            return []
        if focus is not None and mostly(
            store, focus
        ):  # filtering the whole store's results costs less
            keep = set(focus)
            return [r for r in self.run(store, checks=checks) if r.focus in keep]
        closure = subclass_closure(store)
        out: list[RawResult] = []
        with nullcontext("") if focus is None else focus_pattern(store, focus) as values:
            for check in self.checks if checks is None else checks:
                query = SUBCLASSES.sub(
                    lambda m: " ".join(closure(m.group(1))), check.targeted(values)
                )
                out.extend(_results_of(check, store.query(query).dicts()))
        return out


def subclass_closure(store):
    """``closure("<C>")``: C and every class below it through ``rdfs:subClassOf`` in ``store`` (as
    SPARQL terms).

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
    """Rows to results as pySHACL makes them: defaults for sh:value, message templates, no
    duplicates."""
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
        out.append(
            RawResult(
                check,
                this,
                path if path is not None else check.path,
                value,
                format_message(check.message, {**row, "this": this, "path": path, "value": value}),
            )
        )
    return out


def format_message(message: str, bound: dict) -> str:
    if "{" not in message:
        return message  # no placeholder
    for var, val in bound.items():
        if val is not None:
            message = re.sub(f"{{[?$]{var}}}", _replacement(str(val)), message)
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
    """The compiled shapes of a shapes file (cached while the file is unchanged); ``cache_dir``
    keeps the SPARQL constraints' pre-binding verdicts between processes."""
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


def _replacement(text: str) -> Callable[[re.Match[str]], str]:
    """``text`` as re.sub's replacement, taken as it is (no group references or escapes read in
    it)."""
    return lambda _match: text


def _shapes_with_targets(shapes: Graph) -> list:
    found: set[Node] = set()
    for predicate in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode):
        found.update(shapes.subjects(predicate, None))
    for kind in (SH.NodeShape, SH.PropertyShape):
        for shape in shapes.subjects(RDF.type, kind):
            if (shape, RDF.type, RDFS.Class) in shapes or (shape, RDF.type, OWL.Class) in shapes:
                raise Unsupported(f"implicit class target on {shape}")
    return sorted(found, key=str)


def _target_pattern(shapes: Graph, shape) -> str:
    parts = [
        f"{{ VALUES ?_tc {{ #SUBCLASSES {term_sparql(c)}# }} ?this <{RDF.type}> ?_tc }}"
        for c in sorted(shapes.objects(shape, SH.targetClass), key=str)
    ]
    parts += [
        f"{{ ?this {term_sparql(p)} [] }}"
        for p in sorted(shapes.objects(shape, SH.targetSubjectsOf), key=str)
    ]
    parts += [
        f"{{ [] {term_sparql(p)} ?this }}"
        for p in sorted(shapes.objects(shape, SH.targetObjectsOf), key=str)
    ]
    parts += [
        f"{{ VALUES ?this {{ {term_sparql(n)} }} }}"
        for n in sorted(shapes.objects(shape, SH.targetNode), key=str)
    ]
    return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(parts) + " } }"


def _shape_checks(shapes: Graph, shape, target: str) -> list[Check]:
    checks: list[Check] = []
    is_property = shapes.value(shape, SH.path) is not None
    if is_property:
        checks += _property_checks(shapes, shape, target)
    else:
        _refuse_unknown(
            shapes,
            shape,
            allowed=_VALUE_KEYS - {SH.minCount, SH.maxCount, SH.lessThan, SH.uniqueLang},
        )
        for component, condition in _value_conditions(shapes, shape):
            checks.append(
                Check(
                    shape,
                    _severity(shapes, shape),
                    _message(shapes, shape),
                    None,
                    "SELECT DISTINCT ?this ?value WHERE { #TARGET# BIND(?this AS ?v) "
                    f"FILTER ({condition}) BIND(?v AS ?value) }}",
                    target,
                    True,
                    component=component,
                    described=blank_descriptions(shapes, shape),
                    message_lang=_message_lang(shapes, shape),
                )
            )
        for prop in shapes.objects(shape, SH.property):
            checks += _property_checks(shapes, prop, target)
        for constraint in shapes.objects(shape, SH.sparql):
            if shapes.value(constraint, SH.deactivated) != Literal(True):
                checks.append(_sparql_check(shapes, shape, constraint, target))
    return checks


def _sparql_check(shapes: Graph, shape, constraint, target: str) -> Check:
    """A SPARQL-based constraint of a node shape, kept as written, when joining targets equals
    pre-binding."""
    from argkb.validation.prebinding import NotEquivalent, check, prefix_lines

    select = shapes.value(constraint, SH.select)
    if (
        select is None
        or re.search(r"\$(?!this\b)\w+", str(select))
        or re.search(r"[?$]failure\b", str(select))
    ):
        raise Unsupported(f"SPARQL constraint {constraint}")
    query = _THIS.sub("?this", str(select))
    at = where_brace(query)
    if at is None or re.match(r"\s*(PREFIX|BASE)\b", query, re.IGNORECASE):
        raise Unsupported(f"SPARQL constraint {constraint}: expected a plain SELECT")
    query = query[: at + 1] + " #TARGET# " + query[at + 1 :]
    try:
        prefixes = prefix_lines(shapes, constraint)
        check(prefixes + query)
    except NotEquivalent as why:
        raise Unsupported(f"SPARQL constraint {constraint}: {why}") from None
    return Check(
        shape,
        _severity(shapes, shape),
        _message(shapes, constraint),
        None,
        query,
        target,
        True,
        prefixes=prefixes,
        constraint=constraint,  # (no message_lang: pySHACL drops it here too)
        described=blank_descriptions(shapes, shape, constraint),
    )
