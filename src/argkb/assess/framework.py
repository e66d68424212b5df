"""The knowledge base as an abstract argumentation framework, overall and lens by lens.

The argument graph (arguments, claims, attacks and what each lens counts) is built in
``argkb.assess.graph``; this module labels it. Only refuting attacks are defeats here: an
argument with ``argkb:force argkb:Weaken`` lowers the graded strength of what it attacks
(``argkb.assess.strength``) but never makes it OUT.

Under lens L the framework holds the arguments L counts: its own, and every other lens's
argument whose premises L all grants (shared ground and the claims L holds, ``argkb:heldBy``).
Facts bind every lens; a theory binds only the lenses that hold it. The overall view counts
every argument.

A claim's status follows from the argument labelling: OUT if a refuting IN argument attacks it;
otherwise, if arguments in view support it, IN when one of them is IN, OUT when all are OUT,
else UNDEC. Under a lens an implication has only the lens's own arguments as support: it stands
when one of them stands, and a lens that argues only against it leaves it UNDEC when its attack
fails (unsupported is not IN). Another claim nothing supports is UNDEC when an UNDEC argument
attacks it, and IN otherwise: a premise taken as given.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from rdflib import URIRef

from argkb.assess.dung import IN, OUT, UNDEC, Framework, labels
from argkb.assess.graph import Argument, ArgumentGraph, Claim, _sorted, grants, supporters  # noqa: F401  (the API)
from argkb.assess.load import load  # noqa: F401  (the API)
from argkb.store import open_store
from argkb.vocab.lenses import BUILT_IN, local_name

LENSES = tuple(
    local_name(term) for term in BUILT_IN
)  # the built-in lenses' local names (argkb.vocab.lenses)


def framework(graph: ArgumentGraph, view) -> Framework:
    """The Dung framework of the arguments in ``view``: the refuting attacks among them. A view much
    smaller than the graph (a crux search's region, recomputed hundreds of times) is read from its
    own arguments' attackers, not from every attack of the graph."""
    members = view if isinstance(view, (set, frozenset, dict)) else set(view)
    if _small(graph, members):
        arguments, attackers = graph.arguments, graph.attackers_of
        defeats = {
            (a, b)
            for b in members
            for a in attackers.get(b, ())
            if a in members and not arguments[a].weakens
        }
    else:
        defeats = {(a, b) for a, b in graph.defeats if a in members and b in members}
    return Framework(_in_order(graph, members), defeats)


def _small(graph: ArgumentGraph, members) -> bool:
    return len(members) * 8 < len(graph.arguments)


def _in_order(graph: ArgumentGraph, view) -> list:
    """``sorted(view)``: the graph's arguments sorted once, kept when in ``view`` (a small view
    sorted alone)."""
    members = view if isinstance(view, (set, frozenset, dict)) else set(view)
    if _small(graph, members):
        return _sorted(members)
    ordered = [a for a in graph.sorted_arguments if a in members]
    return ordered if len(ordered) == len(view) else _sorted(view)


def _claims_in_order(graph: ArgumentGraph, claims: set) -> list:
    """``sorted(claims)``: the graph's claims sorted once, kept when in ``claims`` (a few sorted
    alone)."""
    if len(claims) * 8 < len(graph.claims):
        return _sorted(claims)
    return [c for c in graph.sorted_claims if c in claims]


def _labels(graph: ArgumentGraph, view, semantics: str) -> tuple[dict, int]:
    """``labels(framework(graph, view), semantics)``. Under grounded semantics an argument's label
    depends only on its attackers, back to the unattacked: the framework of the arguments some
    refuting attack in view touches is labelled alone, every other argument is IN (nothing attacks
    it)."""
    if semantics != "grounded":
        return labels(framework(graph, view), semantics)
    defeats = {(a, b) for a, b in graph.defeats if a in view and b in view}
    involved = {x for pair in defeats for x in pair}
    found, count = labels(Framework(_sorted(involved), defeats), semantics)
    result = dict.fromkeys(_in_order(graph, view), IN)
    result.update(found)
    return result, count


@dataclass
class Evaluation:
    """The labelling of one view (overall, or one lens) of the argument graph."""

    graph: ArgumentGraph
    lens: URIRef | None
    semantics: str
    own: set[URIRef]
    view: set[URIRef]
    arguments: dict[URIRef, str]
    claims: dict[URIRef, str]
    extensions: int
    gradual: str = "df-quad"

    def supporters(self, claim: URIRef) -> list[URIRef]:
        """The arguments in view that support the claim: under a lens, only its own for an
        implication."""
        return supporters(self.graph, self.lens, claim, self.view)

    def claim_attackers(self, claim: URIRef, weakening: bool = False) -> list[URIRef]:
        """The refuting arguments in view that attack the claim (``weakening=True``: the weakening
        ones)."""
        return _sorted(
            a
            for a in self.graph.rebutting.get(claim, ())
            if a in self.view and self.graph.arguments[a].weakens == weakening
        )

    def argues(self, claim: URIRef) -> bool:
        """Does this view conclude or attack the claim (rather than only reason from it)?"""
        return claim in self._argued

    @cached_property
    def _argued(self) -> set:
        """What the lens's own arguments conclude, and the claims they attack (not arguments)."""
        arguments = self.graph.arguments
        out = set()
        for a in self.own:
            arg = arguments[a]
            if arg.conclusion is not None:
                out.add(arg.conclusion)
            if arg.attacks is not None and arg.attacks not in arguments:
                out.add(arg.attacks)
        return out

    @cached_property
    def strength(self) -> dict[URIRef, float]:
        """The graded strength in [0, 1] of every argument and claim in view
        (``argkb.assess.strength``)."""
        from argkb.assess.strength_view import view_strengths

        return view_strengths(self.graph, self.lens, self.view, self.gradual)

    def deciding(self, claim: URIRef) -> list[tuple[URIRef, str, str]]:
        """The arguments that decide the claim's status here: (argument, role, status).

        Its supporters, the arguments attacking it (refuting, then those that only weaken it), and
        the IN or UNDEC attackers of its supporters.
        """
        rows = [(a, "supports", self.arguments[a]) for a in self.supporters(claim)]
        rows += [(a, "attacks", self.arguments[a]) for a in self.claim_attackers(claim)]
        rows += [
            (a, "weakens", self.arguments[a]) for a in self.claim_attackers(claim, weakening=True)
        ]
        seen = {r[0] for r in rows}
        for s in self.supporters(claim):
            for b in _sorted(self.graph.attackers_of.get(s, ())):
                if (
                    b in self.view
                    and b not in seen
                    and self.arguments[b] != OUT
                    and not self.graph.arguments[b].weakens
                ):
                    rows.append(
                        (b, f"{self.graph.attacks[(b, s)]}s {_local(s)}", self.arguments[b])
                    )
                    seen.add(b)
        return rows


def evaluate(
    graph: ArgumentGraph,
    lens: URIRef | None = None,
    semantics: str = "grounded",
    gradual: str = "df-quad",
    only=None,
) -> Evaluation:
    """Label the arguments ``lens`` counts (None: all of them) and derive the claims' statuses.

    ``only``: derive the statuses of these claims alone (those in view), not of every claim in view.
    """
    own, view = graph.lens_arguments(lens)
    arg_labels, count = _labels(graph, view, semantics)
    if only is not None:
        touching = graph.touching
        in_scope = {
            c
            for c in only
            if c in graph.claims and (lens is None or any(a in view for a in touching.get(c, ())))
        }
    elif lens is None:
        in_scope = set(graph.claims)
    else:
        touched = graph.touched
        in_scope = set()
        for a in view:
            in_scope.update(touched[a])
    ev = Evaluation(graph, lens, semantics, own, view, arg_labels, {}, count, gradual)
    for c in _claims_in_order(graph, in_scope):
        info = graph.claims[c]
        if lens is not None and info.implication and not ev.argues(c):
            continue  # the lens is silent on an implication it neither concludes nor attacks
        ev.claims[c] = claim_status(graph, lens, c, view, arg_labels)
    return ev


def claim_status(graph: ArgumentGraph, lens: URIRef | None, claim: URIRef, view, arg_labels) -> str:
    """A claim's status from the labels of the arguments in ``view`` (see the module's
    docstring)."""
    arguments = graph.arguments
    attackers = [
        arg_labels[a]
        for a in graph.rebutting.get(claim, ())
        if a in view and not arguments[a].weakens
    ]
    if IN in attackers:
        return OUT
    info = graph.claims.get(claim)
    if lens is not None and info is not None and info.implication:  # ``supporters``, unsorted
        own = graph.own_arguments(lens)
        support = [arg_labels[a] for a in graph.concluding.get(claim, ()) if a in view and a in own]
    else:
        support = [arg_labels[a] for a in graph.concluding.get(claim, ()) if a in view]
    if support:
        return IN if IN in support else OUT if all(s == OUT for s in support) else UNDEC
    if UNDEC in attackers:
        return UNDEC
    if lens is not None and info is not None and info.implication:
        return UNDEC  # the lens argues against it, or only reasons from it: unsupported is not IN
    return IN


def lens_iri(name: str | URIRef | None, declared: dict | None = None) -> URIRef | None:
    """A lens by user name (``realism``, or one the knowledge base declares: ``declared``), CURIE
    or IRI; None stays None (overall)."""
    if name is None or isinstance(name, URIRef):
        return name
    from argkb.rdf.ids import perspective

    return perspective(name, declared)


def statuses(kb, perspective=None, semantics: str = "grounded") -> dict[URIRef, str]:
    """IN / OUT / UNDEC of every argument and claim in view, overall or under one lens.

    ``perspective``: None (all arguments), a user name such as ``"realism"``, or a perspective IRI.
    Claims outside the lens's view are absent from the result.
    """
    return graded(kb, perspective, semantics)[0]


def graded(
    kb, perspective=None, semantics: str = "grounded", gradual: str = "df-quad"
) -> tuple[dict[URIRef, str], dict[URIRef, float]]:
    """``statuses`` and the strength in [0, 1] of every claim in view
    (``argkb.assess.strength``)."""
    from argkb.store.perspectives import declared_perspectives

    store = open_store(kb)
    declared = declared_perspectives(store) if isinstance(perspective, str) else None
    ev = evaluate(load(store), lens_iri(perspective, declared), semantics, gradual)
    return {**ev.arguments, **ev.claims}, {c: ev.strength[c] for c in ev.claims if c in ev.strength}


def _local(iri: URIRef) -> str:
    from argkb.rdf.ids import short

    return short(iri)
