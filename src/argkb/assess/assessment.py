"""Lens-by-lens assessment: which claims stand overall and under each perspective.

``assess`` labels every argument and claim in one or more views; ``lenses`` puts each
implication's status under the five lenses side by side and picks out where they part ways;
``scenario`` follows one or more moves to every implication they trigger, transitively, with
its status per lens. All read the knowledge base through ``open_store(kb)`` (see
argkb.assess.framework).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from rdflib import URIRef

from argkb.assess.dung import SEMANTICS
from argkb.assess.forked import FAILED, beside
from argkb.assess.framework import LENSES, ArgumentGraph, Evaluation, evaluate, lens_iri, load
from argkb.assess.graph import _sorted
from argkb.assess.load import keep_strengths
from argkb.assess.queries import MOVES_Q, TRIGGERS_Q
from argkb.assess.strength_view import has_strength_index
from argkb.errors import UsageError
from argkb.store import open_store
from argkb.store.perspectives import declared_perspectives
from argkb.store.perspectives import lenses as all_lenses
from argkb.vocab.namespaces import ARGKB

ALL_LENSES: tuple[URIRef, ...] = tuple(ARGKB[name] for name in LENSES)
SILENT = "-"  # the lens neither concludes nor attacks the implication


def _check_semantics(semantics: str) -> None:
    if semantics not in SEMANTICS:
        raise UsageError(f"unknown semantics {semantics!r} (choose from {', '.join(SEMANTICS)})")


def _lenses(perspectives, store) -> list[URIRef]:
    """The lenses named (built-in or declared by the knowledge base), in order, without repeats."""
    declared = declared_perspectives(store) if perspectives else None
    named = (lens_iri(p, declared) for p in perspectives)
    return list(
        dict.fromkeys(iri for iri in named if iri is not None)
    )  # (a name gives an IRI, never None)


@dataclass
class Assessment:
    """Labelled views of one knowledge base: overall (lens None) and/or chosen lenses."""

    graph: ArgumentGraph
    semantics: str
    views: list[Evaluation]


def assess(
    kb, perspectives=(), semantics: str = "grounded", overall: bool | None = None
) -> Assessment:
    """Label arguments and claims overall (no perspectives) or under each perspective given.

    ``overall=True`` adds the overall view in front of the lenses.
    """
    _check_semantics(semantics)
    store = open_store(kb)
    graph = load(store)
    lenses: list[URIRef | None] = list(_lenses(perspectives, store))
    if overall or not lenses:
        lenses.insert(0, None)
    return Assessment(graph, semantics, [evaluate(graph, lens, semantics) for lens in lenses])


@dataclass
class LensRow:
    """One implication: its status overall and under each lens (SILENT where the lens says
    nothing)."""

    claim: URIRef
    overall: str
    by_lens: dict[URIRef, str]
    deciding: dict[URIRef, list[tuple[URIRef, str, str]]] = field(default_factory=dict)
    strength: dict[URIRef | None, float | None] = field(default_factory=dict)  # None key: overall

    @property
    def divergent(self) -> bool:
        return len({s for s in self.by_lens.values() if s != SILENT}) > 1


@dataclass
class LensComparison:
    graph: ArgumentGraph
    semantics: str
    lenses: list[URIRef]
    rows: list[LensRow]
    gradual: str = "df-quad"

    @property
    def divergent(self) -> list[LensRow]:
        return [r for r in self.rows if r.divergent]


def _lens_rows(
    graph: ArgumentGraph, claims, lenses, semantics, gradual: str = "df-quad", strengths=None
) -> list[LensRow]:
    """The rows of ``claims``. ``strengths``: a function giving ``_strengths(graph, claims,
    lenses, gradual)`` computed elsewhere (by a child process, ``lenses``) or None, asked once the
    labellings are done; else (or given None) they are computed here."""
    claims = list(claims)
    # the statuses of the rows' claims only, and their strengths only as far as they depend on
    overall = evaluate(graph, None, semantics, gradual, only=claims)
    views = {lens: evaluate(graph, lens, semantics, gradual, only=claims) for lens in lenses}
    argued = {lens: {c for c in claims if ev.argues(c)} for lens, ev in views.items()}
    strengths = strengths() if strengths is not None else None
    if strengths is None:
        strengths = _strengths(graph, claims, lenses, gradual)
    rows = []
    for k, c in enumerate(claims):
        by_lens = {
            lens: (ev.claims.get(c, SILENT) if c in argued[lens] else SILENT)
            for lens, ev in views.items()
        }
        row = LensRow(c, overall.claims.get(c, SILENT), by_lens)
        row.strength = {None: _rounded(strengths[None][k])}
        row.strength.update(
            {
                lens: None if by_lens[lens] == SILENT else _rounded(strengths[lens][k])
                for lens in lenses
            }
        )
        if row.divergent:
            row.deciding = {
                lens: views[lens].deciding(c) for lens, s in by_lens.items() if s != SILENT
            }
        rows.append(row)
    return rows


def _strengths(graph: ArgumentGraph, claims: list, lenses, gradual: str) -> dict:
    """lens (None: overall) -> the strength of each of ``claims`` in its view, in their order (None
    where it has none: outside the view, or a lens that does not argue it). Strengths depend on
    which arguments a view counts, not on their labels: this runs apart from the labellings."""
    from argkb.assess.strength_view import view_strengths

    out = {}
    for lens in (None, *lenses):
        own, view = graph.lens_arguments(lens)
        ev = Evaluation(graph, lens, "grounded", own, view, {}, {}, 0, gradual)
        targets = claims if lens is None else [c for c in claims if ev.argues(c)]
        found = view_strengths(graph, lens, view, gradual, targets=targets)
        out[lens] = [found.get(c) for c in claims]
    return out


def _rounded(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def lenses(
    kb, semantics: str = "grounded", perspectives=(), gradual: str = "df-quad"
) -> LensComparison:
    """Every implication under each lens (the five built-in ones and any the knowledge base
    declares, unless ``perspectives`` names some)."""
    _check_semantics(semantics)
    store = open_store(kb)
    graph = load(store, labels=False, later=True)  # it shows the implications' labels alone
    chosen = _lenses(perspectives, store) or all_lenses(store)
    implications = _sorted(c for c, info in graph.claims.items() if info.implication)
    # the strengths beside the labellings, in a child process, which then keeps the strengths'
    # index in the graph's view on a first run on this database (built there, not here)
    kept = has_strength_index(graph)
    child = beside(
        lambda: _strengths(graph, implications, chosen, gradual),
        None if kept else lambda: keep_strengths(store, graph),
    )
    sent: list = []

    def strengths():
        sent.append(child.value() if child is not None else FAILED)
        return None if sent[0] is FAILED else sent[0]

    rows = _lens_rows(graph, implications, chosen, semantics, gradual, strengths)
    written = child is not None and child.wait() and sent[0] is not FAILED
    if not written:
        keep_strengths(store, graph)  # the next command on this database reads the index back
    return LensComparison(graph, semantics, chosen, rows, gradual)


@dataclass
class Reached:
    """An implication a scenario reaches: how far from the moves, and by which step."""

    claim: URIRef
    depth: int
    via: tuple[
        URIRef, ...
    ]  # (move,) for a direct trigger; (premise implication, argument) otherwise


@dataclass
class Scenario:
    moves: list[URIRef]
    comparison: LensComparison
    reached: dict[URIRef, Reached]


def scenario(kb, moves, perspectives=(), semantics: str = "grounded") -> Scenario:
    """Every implication the moves trigger, directly or through arguments whose premise one of
    them is, with its status overall and per lens."""
    _check_semantics(semantics)
    if not moves:
        raise UsageError("give at least one --move")
    from argkb.rdf.ids import resolve

    store = open_store(kb)
    known = {row[0] for row in store.query(MOVES_Q).rows}
    chosen_moves = list(dict.fromkeys(resolve(m, known, "move") for m in moves))
    graph = load(store, labels=False)  # it shows the implications' labels alone
    triggered: dict[URIRef, list[URIRef]] = {}
    for move, impl in store.query(TRIGGERS_Q).rows:
        triggered.setdefault(move, []).append(impl)
    reached = follow(graph, chosen_moves, triggered)
    chosen = _lenses(perspectives, store) or all_lenses(store)
    order = sorted(reached, key=lambda c: (reached[c].depth, str(c)))
    comparison = LensComparison(
        graph, semantics, chosen, _lens_rows(graph, order, chosen, semantics)
    )
    return Scenario(chosen_moves, comparison, reached)


def follow(
    graph: ArgumentGraph, moves, triggered: dict[URIRef, list[URIRef]]
) -> dict[URIRef, Reached]:
    """Breadth-first: implications the moves trigger, then those argued from them (any lens)."""
    leads: dict[URIRef, list[tuple[URIRef, URIRef]]] = {}
    for a in sorted(graph.arguments.values(), key=lambda a: str(a.iri)):
        conclusion = a.conclusion
        target = graph.claims.get(conclusion) if conclusion is not None else None
        if conclusion is not None and target is not None and target.implication:
            for p in a.premises:
                leads.setdefault(p, []).append((conclusion, a.iri))
    reached: dict[URIRef, Reached] = {}
    todo: deque[URIRef] = deque()
    for move in moves:
        for impl in sorted(triggered.get(move, ())):
            if impl not in reached:
                reached[impl] = Reached(impl, 1, (move,))
                todo.append(impl)
    while todo:
        c = todo.popleft()
        for nxt, arg in leads.get(c, ()):
            if nxt not in reached:
                reached[nxt] = Reached(nxt, reached[c].depth + 1, (c, arg))
                todo.append(nxt)
    return reached
