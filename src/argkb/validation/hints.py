"""Messages an author can act on: a post-processing step on the results of ``validate``.

The shapes say what rule is broken; this step adds what the author needs to fix it, looked up
in the knowledge base and the files validated:

* a reference to a node of the wrong kind names the value, what it is (or that nothing defines
  it) and the nearest existing id of the right kind: "premise kb:claim-europe-exposd is not an
  argkb:Claim (nothing defines it); did you mean kb:claim-europe-exposed?";
* an undeclared perspective lists the perspectives there are;
* a quote whose offsets are wrong says where its exact text really occurs, or the closest passage;
* a draft implication (``argkb draft``) with open ``argkb:todo``\\ s is reported by its TODOs alone,
  one violation each: the rule-2 results they stand for (no trigger yet, no argument yet) are
  folded into them.

The rules and their engines are untouched: only ``Result.message`` changes, and rule-2 results
on nodes with open TODOs are dropped.
"""
from __future__ import annotations

import difflib
import re

from rdflib import Graph, URIRef

from argkb.rdf.ids import did_you_mean
from argkb.validation.report import Result, curie
from argkb.vocab.namespaces import ARGKB, OA

_SHAPES = "https://w3id.org/argkb/shapes#"
#: the property -> the classes its values must have (as the shapes say)
EXPECTED = {
    ARGKB.premise: (ARGKB.Claim,), ARGKB.conclusion: (ARGKB.Claim,), ARGKB.attacks: (ARGKB.Claim, ARGKB.Argument),
    ARGKB.trigger: (ARGKB.Move,), ARGKB.affects: (ARGKB.Actor,), ARGKB.evidence: (ARGKB.Quote,),
    ARGKB.actor: (ARGKB.Actor,), ARGKB.lever: (ARGKB.Lever,), OA.hasSource: (ARGKB.Source,),
}
_SUB = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"


class _Lookup:
    """Small bound queries over the knowledge base's store and the files being validated, rows unioned."""

    def __init__(self, kb, extra: Graph | None):
        from argkb.store import open_store
        from argkb.store.base import RdflibStore

        self.stores = [open_store(kb)] + ([RdflibStore(extra)] if extra is not None and len(extra) else [])
        self.kb = kb

    def rows(self, sparql: str, **bindings) -> set[tuple]:
        out: set[tuple] = set()
        for store in self.stores:
            out |= {tuple(row) for row in store.query(sparql, {f"_{k}": v for k, v in bindings.items()}).rows}
        return out

    def types(self, node: URIRef) -> list[URIRef]:
        found = {t for (t,) in self.rows("SELECT ?t WHERE { ?_node a ?t }", node=node)}
        mine = sorted(t for t in found if str(t).startswith(str(ARGKB)))
        # the most specific: drop a class when a subclass of it is there too (Implication over Claim)
        return [t for t in mine if not any(o != t and (o, t) in _SUBCLASS_PAIRS for o in mine)] or sorted(found)

    def instances(self, cls: URIRef) -> set[URIRef]:
        return {n for (n,) in self.rows(f"SELECT ?n WHERE {{ ?n a/{_SUB}* ?_cls }}", cls=cls) if isinstance(n, URIRef)}


_SUBCLASS_PAIRS = {(ARGKB.Implication, ARGKB.Claim), (ARGKB.State, ARGKB.Actor), (ARGKB.Leader, ARGKB.Actor),
                   (ARGKB.Alliance, ARGKB.Actor), (ARGKB.Organisation, ARGKB.Actor), (ARGKB.Population, ARGKB.Actor)}


def enrich(results: list[Result], kb, extra: Graph | None = None) -> list[Result]:
    """The results with actionable messages, and the rule-2 results that open TODOs stand for folded into them."""
    results = _fold_todos(results)
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
                r.message = r.message + _where_quote_occurs(URIRef(r.focus), lookup)
        except Exception as exc:  # a hint is a courtesy: never lose the result for it
            r.message += f" (no further hint: {type(exc).__name__})"
    return results


# ------------------------------------------------------------- draft TODOs

def _fold_todos(results: list[Result]) -> list[Result]:
    todo_foci = {r.focus for r in results if r.shape == _SHAPES + "OpenTodoShape"}
    return [r for r in results if not (r.focus in todo_foci and r.rule == 2 and r.shape != _SHAPES + "OpenTodoShape")]


# ------------------------------------------------------------ wrong kind

def _kind_check(r: Result) -> bool:
    return bool(r.path_iri and URIRef(r.path_iri) in EXPECTED and r.value and "://" in r.value)


def _wrong_kind(r: Result, lookup: _Lookup) -> str | None:
    value, classes = URIRef(r.value), EXPECTED[URIRef(r.path_iri)]
    types = lookup.types(value)
    if any(t in classes for t in types):
        return None
    wanted = " or ".join(_a(curie(c)) for c in classes)
    what = f"it is {' and '.join(_a(curie(t)) for t in types)}" if types else "nothing defines it"
    known = set().union(*(lookup.instances(c) for c in classes))
    hint = did_you_mean(curie(value), known, n=3)
    return f"{r.path.split(':')[-1] if r.path else 'value'} {curie(value)} is not {wanted} ({what}){hint}"


def _a(name: str) -> str:
    return ("an " if name[:1].lower() in "aeiou" else "a ") + name


# ----------------------------------------------------------- perspectives

def _perspective_check(r: Result) -> bool:
    return r.rule == 3 and bool(r.value) and "not a declared argkb:Perspective" in r.message


def _perspective(r: Result) -> str:
    from argkb.rdf.ids import PERSPECTIVES

    terms = sorted({curie(t) for t in PERSPECTIVES.values()})
    value = URIRef(r.value) if "://" in r.value else r.value
    hint = did_you_mean(curie(value), PERSPECTIVES.values(), n=1)
    return f"{curie(value)} is not a perspective; the perspectives are {', '.join(terms)}{hint}"


# ------------------------------------------------------------------ quotes

def _quote_check(r: Result) -> bool:
    return r.rule == 6 and r.message.startswith("oa:exact is not the text at")


def _where_quote_occurs(quote: URIRef, lookup: _Lookup) -> str:
    rows = lookup.rows(f"SELECT ?exact ?source WHERE {{ ?_q <{OA.exact}> ?exact ; <{OA.hasSource}> ?source }}", q=quote)
    if not rows:
        return ""
    exact, source = next(iter(rows))
    text = lookup.kb.source_text(source)
    if text is None:
        return ""
    exact = str(exact)
    spans = [m.start() for m in re.finditer(re.escape(exact), text)]
    if len(spans) == 1:
        return f"; the exact text occurs at [{spans[0]}, {spans[0] + len(exact)}): set oa:start {spans[0]} and oa:end {spans[0] + len(exact)}"
    if spans:
        at = ", ".join(f"[{s}, {s + len(exact)})" for s in spans[:5])
        return f"; the exact text occurs {len(spans)} times, at {at}: set the offsets of the one you mean"
    start, end, ratio = closest_passage(exact, text)
    if ratio < 0.5:
        return "; the exact text does not occur in the source, nor anything close to it"
    return (f"; the exact text does not occur in the source; the closest passage ({ratio:.0%} alike) is at "
            f"[{start}, {end}): {text[start:end][:120]!r}")


def closest_passage(exact: str, text: str) -> tuple[int, int, float]:
    """The passage of ``text`` most like ``exact`` (windows of its length starting at word starts)."""
    best = (0, 0, 0.0)
    size = len(exact)
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(exact)
    for m in re.finditer(r"\b\w", text):
        window = text[m.start():m.start() + size]
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() <= best[2] or matcher.quick_ratio() <= best[2]:
            continue
        ratio = matcher.ratio()
        if ratio > best[2]:
            best = (m.start(), m.start() + len(window), ratio)
    return best


__all__ = ["enrich", "closest_passage", "EXPECTED"]
