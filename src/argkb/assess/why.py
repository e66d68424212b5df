"""``argkb why``: why a claim has its verdict, overall or under a lens, in words, with its cruxes.

* OUT: the standing attacks that defeat it, back to their grounds (their premises).
* IN: each objection and what answers it.
* UNDEC: the arguments that hold each other in check (the cycle).
* For every premise on the way: whether the lens grants it, and why (quoted from a source,
  shared ground, or held by which lens).
Objections the lens does not count are listed too, with the premise it does not grant: that is
where lenses part. Only the claim's neighbourhood is read (``argkb.assess.local``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.term import Node

from argkb.assess.crux import BUDGET, argues, cruxes, region
from argkb.assess.dung import IN, OUT, SEMANTICS, UNDEC, labels
from argkb.assess.framework import claim_status, framework, lens_iri, supporters
from argkb.assess.graph import ArgumentGraph, grants
from argkb.assess.local import load_local
from argkb.assess.queries import ALL_CLAIMS_Q, GROUNDS_Q, IS_CLAIM_Q
from argkb.assess.strength import MODELS
from argkb.assess.strength_view import view_strengths
from argkb.errors import UsageError
from argkb.rdf.ids import short, to_iri, unknown_message

#: how deep the explanation follows attacks on attacks (deeper links are named, not unfolded)
DEPTH = 4


@dataclass
class Why:
    """The verdict of one claim in one view and what it rests on."""

    claim: URIRef
    label: str
    lens: URIRef | None
    semantics: str
    gradual: str
    status: str | None  # None: the lens is silent on the implication
    strength: float | None
    because: list[dict] = field(default_factory=list)
    cruxes: list[list[URIRef]] = field(default_factory=list)
    complete: bool = True
    cycle: list[URIRef] = field(default_factory=list)
    between: list[dict] = field(default_factory=list)  # --between: one entry per lens compared
    difference: list[dict] = field(default_factory=list)
    held_by: list[URIRef] = field(default_factory=list)  # the lenses whose theory states the claim
    granted: bool = True  # does the lens grant the claim itself?


class Reader:
    """One view of a local argument graph, labelled and graded, that explains what it holds."""

    def __init__(
        self, graph: ArgumentGraph, store, lens, semantics: str, gradual: str, grounds: bool = True
    ):
        self.graph, self.store, self.lens, self.semantics = graph, store, lens, semantics
        self.with_grounds = grounds  # False: premises by id only (no query per premise)
        self.own, self.view = graph.lens_arguments(lens)
        self.labels, _ = labels(framework(graph, self.view), semantics)
        self.strength = view_strengths(graph, lens, self.view, gradual)
        self._grounds: dict[URIRef, str] = {}

    def premise(self, p: URIRef) -> dict:
        if not self.with_grounds:
            return {"id": short(p)}
        info = self.graph.claims.get(p)
        held = sorted(str(x) for x in (info.held_by if info else ()))
        granted = grants(info, self.lens)
        return {
            "id": short(p),
            "label": info.label if info else "",
            "granted": granted,
            "held_by": held,
            "grounds": self.grounds(p),
        }

    def grounds(self, p: URIRef) -> str:
        """Where the claim comes from: quoted, the editors' (citing …), or attributed to whom."""
        if p not in self._grounds:
            quotes: set[Node] = set()
            agents: set[Node] = set()
            refs: set[Node] = set()
            for row in self.store.query(GROUNDS_Q, {"node": p}).dicts():
                for key, acc in (("quote", quotes), ("agent", agents), ("reference", refs)):
                    if row[key] is not None:
                        acc.add(row[key])
            if quotes:
                text = "quoted from the source"
            elif agents:
                text = "attributed to " + ", ".join(sorted(short(a) for a in agents))
            else:
                text = "unsourced"
            if refs:
                text += " (cites " + ", ".join(sorted(short(r) for r in refs)) + ")"
            self._grounds[p] = text
        return self._grounds[p]

    def argument(self, a: URIRef, role: str, depth: int = 0, seen: frozenset = frozenset()) -> dict:
        """An argument with its status, its premises and (while depth allows) the attacks on it."""
        arg = self.graph.arguments[a]
        counted = a in self.view
        item: dict[str, object] = {
            "argument": short(a),
            "label": arg.label,
            "role": role,
            "lens": str(arg.perspective) if arg.perspective else None,
            "force": "weaken" if arg.weakens else "refute",
            "counted": counted,
            "status": self.labels.get(a) if counted else None,
            "strength": _round(self.strength.get(a)) if counted else None,
            "premises": [self.premise(p) for p in arg.premises],
        }
        if not counted:
            item["not_counted_because"] = [short(p) for p in self.graph.ungranted(self.lens, a)]
            return item
        if depth < DEPTH and a not in seen:
            # a supporter's rebuttals attack the claim itself: they are listed once, beside it
            item["attacked_by"] = [
                self.argument(b, self.graph.attacks[(b, a)] + "s", depth + 1, seen | {a})
                for b in sorted(self.graph.attackers_of.get(a, ()), key=str)
                if not (role.startswith("supports") and self.graph.attacks[(b, a)] == "rebut")
            ]
        return item

    def claim_reasons(self, claim: URIRef) -> list[dict]:
        g = self.graph
        rows = [self.argument(a, "supports") for a in supporters(g, self.lens, claim, self.view)]
        others = [
            a
            for a in g.concluding.get(claim, ())
            if a in self.view and a not in supporters(g, self.lens, claim, self.view)
        ]
        rows += [
            self.argument(a, "supports (another lens's: not this lens's case)", DEPTH)
            for a in sorted(others, key=str)
        ]
        rows += [
            self.argument(a, "rebuts" if not g.arguments[a].weakens else "weakens")
            for a in sorted(g.rebutting.get(claim, ()), key=str)
        ]
        return rows

    def cycle(self, claim: URIRef) -> list[URIRef]:
        """The undecided arguments in the claim's region that attack one another."""
        undec = [
            a
            for a in region(self.graph, claim, self.view, self.semantics)
            if self.labels.get(a) == UNDEC
        ]
        inside = set(undec)
        return [
            a
            for a in undec
            if any(
                b in inside
                for b in self.graph.attackers_of.get(a, ())
                if not self.graph.arguments[b].weakens
            )
        ]


def why(
    kb,
    claim: str,
    perspective=None,
    semantics: str = "grounded",
    gradual: str = "df-quad",
    between: tuple = (),
    crux_size: int = 3,
) -> Why:
    """Explain ``claim``'s verdict under ``perspective`` (None: overall), or compare two lenses."""
    from argkb.store import open_store
    from argkb.store.perspectives import declared_perspectives

    if semantics not in SEMANTICS:
        raise UsageError(f"unknown semantics {semantics!r} (choose from {', '.join(SEMANTICS)})")
    if gradual not in MODELS:
        raise UsageError(f"unknown gradual semantics {gradual!r} (choose from {', '.join(MODELS)})")
    store = open_store(kb)
    iri = _claim_iri(store, claim)
    declared = declared_perspectives(store) if (perspective or between) else None
    lens = lens_iri(perspective, declared)
    graph = load_local(store, iri)
    if semantics == "stable":  # not directional: the whole knowledge base decides
        from argkb.assess.load import load

        graph = load(store)
    result = explain(graph, store, iri, lens, semantics, gradual, crux_size)
    if between:
        if len(between) != 2:
            raise UsageError("--between takes two lenses, e.g. --between realism liberalism")
        pair = [lens_iri(x, declared) for x in between]
        result.between = [
            _summary(explain(graph, store, iri, x, semantics, gradual, crux_size)) for x in pair
        ]
        result.difference = difference(graph, iri, pair[0], pair[1], semantics)
    return result


def explain(
    graph,
    store,
    iri,
    lens,
    semantics,
    gradual,
    crux_size=3,
    reader: Reader | None = None,
    budget: int = BUDGET,
    search_cruxes: bool = True,
) -> Why:
    """The verdict of ``iri`` in one view and what it rests on. A ``reader`` labels and grades the
    view once for many claims (the map explains every implication with one per lens); ``budget``
    bounds the crux search's recomputations, and ``search_cruxes=False`` skips it (marked
    incomplete)."""
    reader = reader or Reader(graph, store, lens, semantics, gradual)
    info = graph.claims.get(iri)
    if (
        lens is not None
        and info is not None
        and info.implication
        and not argues(graph, lens, iri, reader.view)
    ):
        status = None  # the lens is silent on it
    else:  # the view's labelling decides the claim as its region's would (crux.verdict)
        status = claim_status(graph, lens, iri, reader.view, reader.labels)
    if (
        info is not None
        and not info.implication
        and not grants(info, lens)
        and not argues(graph, lens, iri, reader.view)
    ):
        status = None  # another lens's theory, which this lens neither grants nor argues about
    # a claim no argument in view touches keeps its base score
    strength = (
        _round(reader.strength.get(iri, info.base_score if info else None))
        if status is not None
        else None
    )
    result = Why(iri, info.label if info else "", lens, semantics, gradual, status, strength)
    result.because = reader.claim_reasons(iri)
    if info is not None:
        result.held_by, result.granted = sorted(info.held_by, key=str), grants(info, lens)
    if status == UNDEC:
        result.cycle = reader.cycle(iri)
    if not search_cruxes:
        result.complete = False
    elif status is not None:
        result.cruxes, result.complete = cruxes(
            graph, lens, iri, reader.view, semantics, crux_size, budget
        )
    return result


def difference(graph: ArgumentGraph, claim: URIRef, a, b, semantics: str) -> list[dict]:
    """The arguments in the claim's region that one lens counts and the other does not."""
    own_a, view_a = graph.lens_arguments(a)
    own_b, view_b = graph.lens_arguments(b)
    rows = []
    for arg in region(graph, claim, view_a | view_b, semantics):
        in_a, in_b = arg in view_a, arg in view_b
        if in_a == in_b:
            continue
        counted_by, not_by = (a, b) if in_a else (b, a)
        rows.append(
            {
                "argument": short(arg),
                "label": graph.arguments[arg].label,
                "counted_by": str(counted_by),
                "not_by": str(not_by),
                "because": [short(p) for p in graph.ungranted(not_by, arg)],
            }
        )
    return rows


def _summary(w: Why) -> dict:
    return {
        "lens": str(w.lens) if w.lens else "overall",
        "status": w.status,
        "strength": w.strength,
        "cruxes": [[short(a) for a in c] for c in w.cruxes],
    }


def _claim_iri(store, text: str) -> URIRef:
    iri = to_iri(text)
    if store.query(IS_CLAIM_Q, {"node": iri}).rows:
        return iri
    known = [r[0] for r in store.query(ALL_CLAIMS_Q).rows]  # the error path only
    raise UsageError(unknown_message(text, known, "claim"))


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


__all__ = ["Why", "why", "explain", "difference", "IN", "OUT", "UNDEC"]
