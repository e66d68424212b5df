"""What ``argkb draft`` proposes for a consequence from the knowledge base: affected actors and triggering moves.

Proposals are made from words, never decided: an actor is proposed as affected when one of its
names occurs in the sentence (its ``rdfs:label`` or a ``skos:altLabel``, with or without a
leading "the", plural or not; for a leader also the last word of the name, "Trump" for
"Donald Trump"); a move is proposed as a trigger when its own label occurs, or when both its
actor and its lever are named in the sentence (and, when the sentence says which way — *ease*,
*reduce*, *strengthen*, *maintain* … — only the moves in that direction).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import URIRef

from argkb.vocab import ARGKB
from argkb.author.queries import TERMS_QUERY

#: words that say which way a move goes -> its argkb:direction
DIRECTION_WORDS = {
    ARGKB.Decrease: r"eas(?:e|es|ing)|lift(?:s|ing)?|reduc(?:e|es|ing)|withdraw(?:s|ing)?|cut(?:s|ting)?|"
                    r"weaken(?:s|ing)?|lower(?:s|ing)?|soften(?:s|ing)?|abandon(?:s|ing)?|end(?:s|ing)?|drop(?:s|ping)?",
    ARGKB.Increase: r"increas(?:e|es|ing)|strengthen(?:s|ing)?|rais(?:e|es|ing)|boost(?:s|ing)?|renew(?:s|ed|ing)?|"
                    r"tighten(?:s|ing)?|expand(?:s|ing)?|step(?:s|ping)? up|harden(?:s|ing)?",
    ARGKB.Maintain: r"maintain(?:s|ing)?|keep(?:s|ing)?|sustain(?:s|ing)?|stand(?:s|ing)? firm|continu(?:e|es|ing)",
}


@dataclass
class Term:
    """An actor, lever or move of the knowledge base with the patterns its names are found by."""

    node: URIRef
    kind: URIRef
    names: set[str] = field(default_factory=set)
    actor: URIRef | None = None
    lever: URIRef | None = None
    direction: URIRef | None = None
    leader: bool = False

    def pattern(self) -> re.Pattern | None:
        names = set(self.names)
        if self.leader:
            names |= {n.split()[-1] for n in self.names if len(n.split()) > 1}
        variants = sorted({re.sub(r"^the\s+", "", n.strip(), flags=re.I) for n in names if n.strip()}, key=len, reverse=True)
        if not variants:
            return None
        alternatives = "|".join(r"\s+".join(map(re.escape, v.split())) + r"(?:s|es)?" for v in variants)
        return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I)


@dataclass
class Proposal:
    """What the draft proposes for one sentence, each with the words that led to it."""

    affects: list[tuple[URIRef, str]] = field(default_factory=list)    # (actor, the words found)
    triggers: list[tuple[URIRef, str]] = field(default_factory=list)   # (move, why)


class Vocabulary:
    """The actors, levers and moves of a knowledge base, ready to be found in sentences."""

    def __init__(self, store):
        terms: dict[URIRef, Term] = {}
        for row in store.query(TERMS_QUERY).dicts():
            node = row["node"]
            if not isinstance(node, URIRef):
                continue
            term = terms.setdefault(node, Term(node, row["kind"]))
            term.names.add(str(row["name"]))
            term.actor = term.actor or row.get("actor")
            term.lever = term.lever or row.get("lever")
            term.direction = term.direction or row.get("direction")
            term.leader = term.leader or row.get("leader") is not None
        self.terms = sorted(terms.values(), key=lambda t: str(t.node))
        self._patterns = {t.node: t.pattern() for t in self.terms}

    def _found(self, kind: URIRef, sentence: str) -> dict[URIRef, str]:
        found = {}
        for term in self.terms:
            pattern = self._patterns[term.node]
            if term.kind == kind and pattern is not None:
                match = pattern.search(sentence)
                if match:
                    found[term.node] = match.group(0)
        return found

    def propose(self, sentence: str) -> Proposal:
        actors = self._found(ARGKB.Actor, sentence)
        levers = self._found(ARGKB.Lever, sentence)
        moves = self._found(ARGKB.Move, sentence)
        directions = {d for d, words in DIRECTION_WORDS.items() if re.search(rf"\b(?:{words})\b", sentence, re.I)}
        triggers = [(move, f'its label occurs ("{words}")') for move, words in moves.items()]
        for term in self.terms:
            if (term.kind == ARGKB.Move and term.node not in moves and term.actor in actors and term.lever in levers
                    and (not directions or term.direction in directions)):
                triggers.append((term.node, f'its actor ("{actors[term.actor]}") and lever ("{levers[term.lever]}") occur'))
        movers = {term.actor for term in self.terms if term.node in {m for m, _ in triggers}}
        # the actor who makes a proposed move is its author, not (by default) one it affects
        return Proposal(affects=[(a, w) for a, w in sorted(actors.items()) if a not in movers], triggers=triggers)
