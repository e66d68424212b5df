"""What a verdict rests on: the region it depends on, its recomputation, and its cruxes.

A claim's status under a view depends only on the arguments that conclude or attack it and on
their attackers, back to arguments nothing attacks (grounded and preferred semantics are
directional: Baroni & Giacomin 2007); under stable semantics the whole view is taken. A **crux**
is a minimal set of arguments whose removal changes the verdict: removing it changes the status
(or leaves the lens silent), and removing any proper part of it does not. Cruxes are found by
recomputation, smallest first, up to three arguments each.
"""

from __future__ import annotations

from collections import deque
from itertools import combinations

from rdflib import URIRef

from argkb.assess.dung import labels
from argkb.assess.framework import claim_status, framework
from argkb.assess.graph import ArgumentGraph

#: how many recomputations a crux search may make before it stops and says it is incomplete
BUDGET = 20_000
MAX_SIZE = 3


def region(graph: ArgumentGraph, claim: URIRef, view, semantics: str = "grounded") -> list[URIRef]:
    """The arguments in ``view`` the claim's status depends on, nearest first."""
    if semantics == "stable":
        return sorted(view, key=str)
    start = [
        a for a in (*graph.concluding.get(claim, ()), *graph.rebutting.get(claim, ())) if a in view
    ]
    dist = {a: 0 for a in start}
    queue = deque(start)
    while queue:
        a = queue.popleft()
        for b in graph.attackers_of.get(a, ()):
            if b in view and b not in dist and not graph.arguments[b].weakens:
                dist[b] = dist[a] + 1
                queue.append(b)
    return sorted(dist, key=lambda a: (dist[a], str(a)))


def argues(graph: ArgumentGraph, lens: URIRef | None, claim: URIRef, arguments) -> bool:
    """Does ``lens`` (None: overall) conclude or attack the claim with one of ``arguments``?"""
    return lens is None or any(
        a in arguments and graph.arguments[a].perspective == lens
        for a in (*graph.concluding.get(claim, ()), *graph.rebutting.get(claim, ()))
    )


def verdict(
    graph: ArgumentGraph, lens: URIRef | None, claim: URIRef, arguments, semantics: str = "grounded"
) -> str | None:
    """The claim's status when only ``arguments`` exist (None: the lens is silent on an
    implication)."""
    arguments = set(arguments)
    info = graph.claims.get(claim)
    if (
        lens is not None
        and info is not None
        and info.implication
        and not argues(graph, lens, claim, arguments)
    ):
        return None
    arg_labels, _ = labels(framework(graph, arguments), semantics)
    return claim_status(graph, lens, claim, arguments, arg_labels)


def cruxes(
    graph: ArgumentGraph,
    lens: URIRef | None,
    claim: URIRef,
    view,
    semantics: str = "grounded",
    max_size: int = MAX_SIZE,
    budget: int = BUDGET,
) -> tuple[list[list[URIRef]], bool]:
    """The minimal sets of up to ``max_size`` arguments whose removal changes the verdict, smallest
    first, each verified by recomputation; and whether the search was complete (within
    ``budget``)."""
    candidates = region(graph, claim, view, semantics)
    everything = set(candidates)
    before = verdict(graph, lens, claim, everything, semantics)
    found: list[frozenset] = []
    checks = 0
    for size in range(1, max_size + 1):
        for combo in combinations(candidates, size):
            chosen = frozenset(combo)
            if any(f <= chosen for f in found):
                continue
            checks += 1
            if checks > budget:
                return [list(c) for c in _ordered(found, candidates)], False
            if verdict(graph, lens, claim, everything - chosen, semantics) != before:
                found.append(chosen)
    return [list(c) for c in _ordered(found, candidates)], True


def _ordered(found, candidates) -> list[tuple[URIRef, ...]]:
    rank = {a: i for i, a in enumerate(candidates)}
    return sorted(
        (tuple(sorted(f, key=rank.__getitem__)) for f in found),
        key=lambda t: (len(t), [rank[a] for a in t]),
    )
