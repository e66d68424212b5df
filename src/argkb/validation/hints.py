"""Messages an author can act on: a post-processing step on the results of ``validate``.

The shapes say what rule is broken; this step adds what the author needs to fix it, looked up
in the knowledge base and the files validated:

* a reference to a node of the wrong kind names the value, what it is (or that nothing defines
  it) and the nearest existing id of the right kind: "premise kb:claim-europe-exposd is not an
  argkb:Claim (nothing defines it); did you mean kb:claim-europe-exposed?";
* an undeclared perspective lists the perspectives there are;
* a quote whose offsets are wrong says where its exact text really occurs, or the closest passage;
* a blank node (a quote written ``[ a argkb:Quote ; … ]``) is named by its content and by who
  refers to it, on the line of the file that writes it, not by a generated ``_:`` id;
* a draft implication (``argkb draft``) with open ``argkb:todo``\\ s is reported by its TODOs alone,
  one violation each: the rule-2 results they stand for (no trigger yet, no argument yet) are
  folded into them.

The rules and their engines are untouched: only ``Result.message`` changes, and rule-2 results
on nodes with open TODOs are dropped.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from argkb.rdf.ids import did_you_mean
from argkb.validation import queries
from argkb.validation.report import Result, curie
from argkb.vocab.namespaces import ARGKB, OA

_SHAPES = "https://w3id.org/argkb/shapes#"
#: the property -> the classes its values must have (as the shapes say)
EXPECTED = {
    ARGKB.premise: (ARGKB.Claim,),
    ARGKB.conclusion: (ARGKB.Claim,),
    ARGKB.attacks: (ARGKB.Claim, ARGKB.Argument),
    ARGKB.trigger: (ARGKB.Move,),
    ARGKB.affects: (ARGKB.Actor,),
    ARGKB.evidence: (ARGKB.Quote,),
    ARGKB.actor: (ARGKB.Actor,),
    ARGKB.lever: (ARGKB.Lever,),
    OA.hasSource: (ARGKB.Source,),
}


class _Lookup:
    """Small bound queries over the knowledge base's store and the files being validated, rows
    unioned."""

    def __init__(self, kb, extra: Graph | None):
        from argkb.store import open_store
        from argkb.store.base import RdflibStore

        self.stores = [open_store(kb)] + (
            [RdflibStore(extra)] if extra is not None and len(extra) else []
        )
        self.kb = kb

    def rows(self, sparql: str, **bindings) -> set[tuple]:
        out: set[tuple] = set()
        for store in self.stores:
            out |= {
                tuple(row)
                for row in store.query(sparql, {f"_{k}": v for k, v in bindings.items()}).rows
            }
        return out

    def types(self, node: URIRef) -> list[URIRef]:
        found = {t for (t,) in self.rows(queries.TYPES, node=node)}
        mine = sorted(t for t in found if str(t).startswith(str(ARGKB)))
        # the most specific: drop a class when a subclass of it is there too (Implication over
        # Claim)
        return [
            t for t in mine if not any(o != t and (o, t) in _SUBCLASS_PAIRS for o in mine)
        ] or sorted(found)

    def instances(self, cls: URIRef) -> set[URIRef]:
        return {n for (n,) in self.rows(queries.INSTANCES, cls=cls) if isinstance(n, URIRef)}


_SUBCLASS_PAIRS = {
    (ARGKB.Implication, ARGKB.Claim),
    (ARGKB.State, ARGKB.Actor),
    (ARGKB.Leader, ARGKB.Actor),
    (ARGKB.Alliance, ARGKB.Actor),
    (ARGKB.Organisation, ARGKB.Actor),
    (ARGKB.Population, ARGKB.Actor),
}


def enrich(results: list[Result], kb, extra: Graph | None = None, files=()) -> list[Result]:
    """The results with actionable messages, and the rule-2 results that open TODOs stand for folded
    into them."""
    results = _fold_todos(results)
    if extra is not None:
        for r in results:
            if r.focus.startswith("_:") and (BNode(r.focus[2:]), None, None) in extra:
                _name_blank_node(r, extra, [Path(f) for f in files])
    needs = [r for r in results if _kind_check(r) or _perspective_check(r) or _quote_check(r)]
    if not needs:
        return results
    lookup = _Lookup(kb, extra)
    for r in needs:
        try:
            if _kind_check(r):
                r.message = _wrong_kind(r, lookup) or r.message
            elif _perspective_check(r):
                r.message = _perspective(r)
            else:
                r.message = r.message + _where_quote_occurs(_term(r.focus), lookup, extra)
        except Exception as exc:  # a hint is a courtesy: never lose the result for it
            r.message += f" (no further hint: {type(exc).__name__})"
    return results


def _term(focus: str):
    return BNode(focus[2:]) if focus.startswith("_:") else URIRef(focus)


# ------------------------------------------------------------ blank nodes

#: what names a blank node best, in order
_NAMING = (OA.exact, ARGKB.statement, RDFS.label, ARGKB.warrant)


def _name_blank_node(r: Result, graph: Graph, files: list[Path]) -> None:
    """``[ a argkb:Quote ; oa:exact "…" ] (the argkb:evidence of kb:claim-x)`` and the line that
    writes it."""
    node = BNode(r.focus[2:])
    types = sorted(curie(t) for t in graph.objects(node, RDF.type))
    key = next(
        ((p, o) for p in _NAMING for o in graph.objects(node, p) if isinstance(o, Literal)), None
    )
    parts = [f"a {', '.join(types)}"] if types else []
    if key is not None:
        text = " ".join(str(key[1]).split())
        parts.append(f'{curie(key[0])} "{text[:60]}{"…" if len(text) > 60 else ""}"')
    referrer = next(iter(graph.subject_predicates(node)), None)
    of = f" (the {curie(referrer[1])} of {curie(referrer[0])})" if referrer else ""
    r.focus_name = "[ " + " ; ".join(parts) + " ]" + of
    r.file, r.line = _line_of(files, key[1] if key else None, referrer[0] if referrer else None)


def _line_of(files: list[Path], literal, referrer) -> tuple[str | None, int | None]:
    """The file and line that write ``literal`` (its first words), else the line of the referring
    node."""
    from argkb.kb.folder import relative
    from argkb.kb.locate import find_line

    probe = (
        str(literal)[:40].replace("\\", "\\\\").replace('"', '\\"').split("\n")[0]
        if literal is not None
        else None
    )
    for path in files:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        if probe:
            for number, line in enumerate(lines, 1):
                if probe in line:
                    return relative(path), number
        if isinstance(referrer, URIRef):
            found = find_line(path, referrer)
            if found is not None:
                return relative(path), found
    return None, None


# ------------------------------------------------------------- draft TODOs


def _fold_todos(results: list[Result]) -> list[Result]:
    todo_foci = {r.focus for r in results if r.shape == _SHAPES + "OpenTodoShape"}
    return [
        r
        for r in results
        if not (r.focus in todo_foci and r.rule in (0, 2) and r.shape != _SHAPES + "OpenTodoShape")
    ]


# ------------------------------------------------------------ wrong kind


def _kind_check(r: Result) -> bool:
    return bool(r.path_iri and URIRef(r.path_iri) in EXPECTED and r.value and "://" in r.value)


def _wrong_kind(r: Result, lookup: _Lookup) -> str | None:
    if r.value is None or r.path_iri is None:  # (_kind_check lets none of these through)
        return None
    value, classes = URIRef(r.value), EXPECTED[URIRef(r.path_iri)]
    types = lookup.types(value)
    if any(t in classes for t in types):
        return None
    wanted = " or ".join(_a(curie(c)) for c in classes)
    what = f"it is {' and '.join(_a(curie(t)) for t in types)}" if types else "nothing defines it"
    known = set().union(*(lookup.instances(c) for c in classes))
    hint = did_you_mean(curie(value), known, n=3)
    return (
        f"{r.path.split(':')[-1] if r.path else 'value'} {curie(value)} is not {wanted} "
        f"({what}){hint}"
    )


def _a(name: str) -> str:
    return ("an " if name[:1].lower() in "aeiou" else "a ") + name


# ----------------------------------------------------------- perspectives


def _perspective_check(r: Result) -> bool:
    return r.rule == 3 and bool(r.value) and "not a declared argkb:Perspective" in r.message


def _perspective(r: Result) -> str:
    from argkb.rdf.ids import PERSPECTIVES

    terms = sorted({curie(t) for t in PERSPECTIVES.values()})
    written = r.value or ""
    value = URIRef(written) if "://" in written else written
    hint = did_you_mean(curie(value), PERSPECTIVES.values(), n=1)
    return f"{curie(value)} is not a perspective; the perspectives are {', '.join(terms)}{hint}"


# ------------------------------------------------------------------ quotes


def _quote_check(r: Result) -> bool:
    return r.rule == 6 and r.message.startswith("oa:exact is not the text at")


def _where_quote_occurs(quote, lookup: _Lookup, extra: Graph | None) -> str:
    if (
        extra is not None and (quote, OA.exact, None) in extra
    ):  # a quote of the files (blank nodes too)
        rows = {(extra.value(quote, OA.exact), extra.value(quote, OA.hasSource))}
    elif isinstance(quote, URIRef):
        rows = lookup.rows(queries.QUOTE, q=quote)
    else:
        rows = set()
    if not rows:
        return ""
    exact, source = next(iter(rows))
    text = lookup.kb.source_text(source)
    if text is None:
        return ""
    exact = str(exact)
    spans = [m.start() for m in re.finditer(re.escape(exact), text)]
    if len(spans) == 1:
        return (
            f"; the exact text occurs at [{spans[0]}, {spans[0] + len(exact)}): set oa:start "
            f"{spans[0]} and oa:end {spans[0] + len(exact)}"
        )
    if spans:
        at = ", ".join(f"[{s}, {s + len(exact)})" for s in spans[:5])
        return (
            f"; the exact text occurs {len(spans)} times, at {at}: set the offsets of the one you "
            "mean"
        )
    start, end, ratio = closest_passage(exact, text)
    if ratio < 0.5:
        return "; the exact text does not occur in the source, nor anything close to it"
    return (
        f"; the exact text does not occur in the source; the closest passage ({ratio:.0%} alike) "
        f"is at [{start}, {end}): {text[start:end][:120]!r}"
    )


def closest_passage(exact: str, text: str) -> tuple[int, int, float]:
    """The passage of ``text`` most like ``exact`` (windows of its length starting at word
    starts)."""
    best = (0, 0, 0.0)
    size = len(exact)
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(exact)
    for m in re.finditer(r"\b\w", text):
        window = text[m.start() : m.start() + size]
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() <= best[2] or matcher.quick_ratio() <= best[2]:
            continue
        ratio = matcher.ratio()
        if ratio > best[2]:
            best = (m.start(), m.start() + len(window), ratio)
    return best


__all__ = ["enrich", "closest_passage", "EXPECTED"]
