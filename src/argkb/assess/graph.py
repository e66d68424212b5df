"""The knowledge base's arguments and claims as an argument graph, and what each lens counts.

Arguments are the ``argkb:Argument`` nodes. Argument B attacks argument A when
  * B undercuts A:   ``B argkb:attacks A``;
  * B rebuts A:      ``B argkb:attacks C`` and ``A argkb:conclusion C``;
  * B undermines A:  ``B argkb:attacks C`` and ``A argkb:premise C``.
An attack refutes unless its argument says ``argkb:force argkb:Weaken``: only refuting attacks
are defeats in the IN/OUT reading (ASPIC+'s attacks that succeed); weakening ones lower the
graded strength only (``argkb.assess.strength``).

What a lens counts (``../shared/design.md``, "Reading through a lens"): under lens L, L's own
arguments count, and another lens's argument counts when L grants all its premises. L grants
shared ground (a claim no lens holds, ``argkb:heldBy``) and the claims L holds itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from rdflib import URIRef

WEAKEN = URIRef("https://w3id.org/argkb/ontology#Weaken")
#: the base score of an implication whose qualifier has none (argkb:Could's)
DEFAULT_IMPLICATION_BASE = 0.5
#: the base score of every other claim: taken as given unless attacked, as in the IN/OUT reading
PREMISE_BASE = 1.0


@dataclass
class Argument:
    iri: URIRef
    label: str = ""
    perspective: URIRef | None = None
    conclusion: URIRef | None = None
    attacks: URIRef | None = None
    premises: list[URIRef] = field(default_factory=list)
    weakens: bool = False  # argkb:force argkb:Weaken: lowers strength, never defeats


@dataclass
class Claim:
    iri: URIRef
    label: str = ""
    implication: bool = False
    held_by: frozenset = frozenset()  # the lenses whose theory states it; empty: shared ground
    base: float | None = None  # the qualifier's argkb:baseScore (implications)

    @property
    def base_score(self) -> float:
        if self.implication:
            return DEFAULT_IMPLICATION_BASE if self.base is None else self.base
        return PREMISE_BASE


def grants(claim: Claim | None, lens: URIRef | None) -> bool:
    """Does ``lens`` grant the claim? Overall (None) grants everything; a lens grants shared ground
    and the claims it holds. A claim the graph does not know is shared ground."""
    return lens is None or claim is None or not claim.held_by or lens in claim.held_by


@dataclass
class ArgumentGraph:
    """Arguments, claims, and the attacks between arguments with their kind."""

    arguments: dict[URIRef, Argument]
    claims: dict[URIRef, Claim]

    @cached_property
    def concluding(self) -> dict[URIRef, list[URIRef]]:
        """claim -> the arguments that conclude it (an index, so lookups never scan every
        argument)."""
        index: dict[URIRef, list[URIRef]] = {}
        for a in self.arguments.values():
            if a.conclusion is not None:
                index.setdefault(a.conclusion, []).append(a.iri)
        return index

    @cached_property
    def using(self) -> dict[URIRef, list[URIRef]]:
        """claim -> the arguments that reason from it."""
        index: dict[URIRef, list[URIRef]] = {}
        for a in self.arguments.values():
            for p in a.premises:
                index.setdefault(p, []).append(a.iri)
        return index

    @cached_property
    def rebutting(self) -> dict[URIRef, list[URIRef]]:
        """claim -> the arguments that attack it (refuting or weakening)."""
        index: dict[URIRef, list[URIRef]] = {}
        for a in self.arguments.values():
            if a.attacks is not None and a.attacks not in self.arguments:
                index.setdefault(a.attacks, []).append(a.iri)
        return index

    @cached_property
    def undercutting(self) -> dict[URIRef, list[URIRef]]:
        """argument -> the arguments that attack it directly."""
        index: dict[URIRef, list[URIRef]] = {}
        for a in self.arguments.values():
            if a.attacks is not None and a.attacks in self.arguments:
                index.setdefault(a.attacks, []).append(a.iri)
        return index

    @cached_property
    def attacks(self) -> dict[tuple[URIRef, URIRef], str]:
        """(attacker, attacked) -> "undercut" | "rebut" | "undermine", weakening attacks
        included."""
        out: dict[tuple[URIRef, URIRef], str] = {}
        for b in self.arguments.values():
            t = b.attacks
            if t is None:
                continue
            if t in self.arguments:
                out[(b.iri, t)] = "undercut"
                continue
            for a in self.using.get(t, ()):
                out[(b.iri, a)] = "undermine"
            for a in self.concluding.get(t, ()):
                out[(b.iri, a)] = "rebut"
        return out

    @cached_property
    def defeats(self) -> list[tuple[URIRef, URIRef]]:
        """The attacks that refute: every attack but those of weakening arguments."""
        return [(a, b) for a, b in self.attacks if not self.arguments[a].weakens]

    @cached_property
    def attackers_of(self) -> dict[URIRef, list[URIRef]]:
        """argument -> the arguments attacking it (refuting or weakening)."""
        result: dict[URIRef, list[URIRef]] = {}
        for a, b in self.attacks:
            result.setdefault(b, []).append(a)
        return result

    @cached_property
    def needs(self) -> dict[URIRef, frozenset | None]:
        """argument -> the lenses that grant all its premises (None: every lens, all shared
        ground)."""
        out: dict[URIRef, frozenset | None] = {}
        for a in self.arguments.values():
            need: frozenset | None = None
            for p in a.premises:
                claim = self.claims.get(p)
                if claim is not None and claim.held_by:
                    need = claim.held_by if need is None else need & claim.held_by
            out[a.iri] = need
        return out

    @cached_property
    def by_perspective(self) -> dict[URIRef | None, list[URIRef]]:
        """perspective -> the arguments made from it."""
        out: dict[URIRef | None, list[URIRef]] = {}
        for a in self.arguments.values():
            out.setdefault(a.perspective, []).append(a.iri)
        return out

    @cached_property
    def sorted_arguments(self) -> list[URIRef]:
        """Every argument, in rdflib's order of terms (``sorted``), sorted once."""
        return _sorted(self.arguments)

    def own_arguments(self, lens: URIRef | None) -> frozenset:
        """The arguments made from ``lens`` (a set looked up by identity, kept per lens)."""
        cache = self.__dict__.setdefault("_own_arguments", {})
        if lens not in cache:
            cache[lens] = frozenset(self.by_perspective.get(lens, ()))
        return cache[lens]

    @cached_property
    def sorted_claims(self) -> list[URIRef]:
        """Every claim, in rdflib's order of terms (``sorted``), sorted once."""
        return _sorted(self.claims)

    @cached_property
    def touched(self) -> dict[URIRef, tuple]:
        """argument -> the claims it concludes, attacks or reasons from (``touching`` turned
        round)."""
        claims = self.claims
        return {
            key: tuple(c for c in (a.conclusion, a.attacks, *a.premises) if c in claims)
            for key, a in self.arguments.items()
        }

    @cached_property
    def touching(self) -> dict[URIRef, list[URIRef]]:
        """claim -> the arguments that conclude it, attack it or reason from it."""
        out: dict[URIRef, list[URIRef]] = {}
        claims = self.claims
        for a in self.arguments.values():
            for c in (a.conclusion, a.attacks, *a.premises):
                if c in claims:
                    out.setdefault(c, []).append(a.iri)
        return out

    def counts(self, lens: URIRef | None, arg: URIRef) -> bool:
        """Does the argument count under ``lens``: its own, or one whose premises the lens all
        grants?"""
        if lens is None:
            return True
        need = self.needs[arg]
        return self.arguments[arg].perspective == lens or need is None or lens in need

    def lens_arguments(self, lens: URIRef | None) -> tuple[set[URIRef], set[URIRef]]:
        """(the arguments the lens makes, the arguments it counts): all of them when lens is
        None."""
        if lens is None:
            everything = set(self.arguments)
            return everything, everything
        own = set(self.own_arguments(lens))
        # every argument but those resting on a premise the lens does not grant, unless its own
        view = set(self.arguments)
        view.difference_update(
            [a for a, need in self.needs.items() if need is not None and lens not in need]
        )
        view |= own
        return own, view

    def ungranted(self, lens: URIRef | None, arg: URIRef) -> list[URIRef]:
        """The premises of ``arg`` that ``lens`` does not grant (why it does not count under it)."""
        return [p for p in self.arguments[arg].premises if not grants(self.claims.get(p), lens)]


def supporters(graph: ArgumentGraph, lens: URIRef | None, claim: URIRef, view) -> list[URIRef]:
    """Support that counts for ``claim`` in ``view``: under a lens an implication has only the
    lens's own."""
    own_only = (
        lens is not None and (info := graph.claims.get(claim)) is not None and info.implication
    )
    return _sorted(
        a
        for a in graph.concluding.get(claim, ())
        if a in view and (not own_only or graph.arguments[a].perspective == lens)
    )


def _sorted(terms) -> list:
    """``sorted(terms)``: rdflib's order of terms, which for IRIs alone is their strings' order
    (faster)."""
    terms = list(terms)
    if len(terms) < 2:
        return terms
    if set(map(type, terms)) == _IRI_ONLY:
        return sorted(terms, key=str)
    return sorted(terms)


_IRI_ONLY = {URIRef}


def _score(term) -> float | None:
    try:
        value = float(term.toPython())
    except (TypeError, ValueError):
        return None
    return min(1.0, max(0.0, value))
