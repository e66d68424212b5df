"""What ``argkb draft`` proposes for a consequence: a short label, its triggering moves, the actors
it affects.

Proposals are made from words, never decided:

- **Actors** are found by their names: an actor of the knowledge base by its ``rdfs:label`` or a
  ``skos:altLabel`` (with or without a leading "the", plural or not; a leader also by the last word
  of the name), else an entry of the gazetteer (``argkb.author.gazetteer``: pycountry's states with
  their capitals, adjectives and leaders, and a curated list of organisations), proposed as a new
  stub actor. So an empty knowledge base still gets proposals.
- **Triggers** come from the condition clause ("if Trump signals …", "should Europe fail to …"),
  or, with none, from the subject of the consequence ("tighter inspections … would raise costs");
  a pronoun ("it", "such a step") points to the previous sentence's trigger. A move of the
  knowledge base is proposed when its label occurs in that clause, or its actor and lever both do
  (in the direction the clause says, when it says one); otherwise a new stub move: the clause as
  its label, the first actor it names, a lever of the knowledge base or of the curated
  ``data/levers.tsv``, and a direction from its verb (*ease* → Decrease, *strengthen* → Increase,
  *keep* → Maintain, an event such as *attend*, *launch*, *mine* → Undertake).
- **Affected actors** are the actors the sentence names, less the trigger's actor unless the
  consequence clause names it too; then a pronoun or description opening the consequence ("the
  country would …") resolved to its antecedent; with none, the condition's actors, else the
  article's most salient actor as a weaker guess (``argkb.author.refer``; each with a note ``how``).
- **The label** is the consequence clause in at most twelve words (``argkb.author.clauses``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import URIRef

from argkb.author import clauses, gazetteer, refer
from argkb.author.queries import TERMS_QUERY
from argkb.vocab import ARGKB

#: words that say which way a move goes -> its argkb:direction (the first that matches decides)
DIRECTION_WORDS = {
    ARGKB.Decrease: (
        r"eas(?:e|es|ing)|lift(?:s|ing)?|reduc(?:e|es|ing)|withdraw(?:s|ing)?|cut(?:s|ting)?|"
        r"weaken(?:s|ing)?|lower(?:s|ing)?|soften(?:s|ing)?|abandon(?:s|ing)?|end(?:s|ing)?|"
        r"drop(?:s|ping)?|fail(?:s|ing)? to|waver(?:s|ing)?|disappear(?:s|ing)?|"
        r"stop(?:s|ped|ping)?|cool(?:s|ing)?"
    ),
    ARGKB.Increase: (
        r"increas(?:e|es|ing)|strengthen(?:s|ing)?|rais(?:e|es|ing)|boost(?:s|ing)?|"
        r"renew(?:s|ed|ing)?|tighten(?:s|ing)?|expand(?:s|ing)?|step(?:s|ping)? up|"
        r"harden(?:s|ing)?|escalat(?:e|es|ing)|consolidat(?:e|es|ing)|stand(?:s|ing)? firm|"
        r"determination"
    ),
    ARGKB.Maintain: (
        r"maintain(?:s|ed|ing)?|keep(?:s|ing)?|sustain(?:s|ing)?|continu(?:e|es|ing)|"
        r"stay(?:s|ing)?|hold(?:s|ing)?"
    ),
    ARGKB.Undertake: (
        r"attend(?:s|ing)?|launch(?:es|ing)?|meet(?:s|ing)?|visit(?:s|ing)?|sign(?:s|ing)?|"
        r"announc(?:e|es|ing)|strik(?:e|es|ing)|attack(?:s|ing)?|invad(?:e|es|ing)|mines?|mining|"
        r"tests?|testing|obtain(?:s|ing)?|acquir(?:e|es|ing)|find(?:s|ing)?|reach(?:es|ing)?|"
        r"reopen(?:s|ing)?|open(?:s|ing)?|close(?:s|ing)?|push(?:es|ing)?|seek(?:s|ing)?|"
        r"offer(?:s|ing)?|agree(?:s|ing)?|send(?:s|ing)?|arriv(?:e|es|ing)|suffer(?:s|ing)?|"
        r"express(?:es|ing)?|signal(?:s|ling)?|asks?|asking|request(?:s|ing)?|"
        r"hold(?:s|ing)? (?:a|an|the) \w+|call(?:s|ing)? for"
    ),
}
_SIGNAL = re.compile(
    r"\b(?:signal(?:s|ling)?|express(?:es|ing)?|warn(?:s|ing)?|threaten(?:s|ing)?|announc(?:e|es|ing)|"
    r"promis(?:e|es|ing)|willingness|perceive[sd]?)\b",
    re.I,
)


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
        return gazetteer.name_pattern(names, plural=True)


@dataclass(frozen=True)
class ActorRef:
    """An actor named in a sentence: of the knowledge base (``entry`` None) or a stub from the
    gazetteer."""

    node: URIRef | None
    words: str  # the words found
    start: int
    entry: gazetteer.Entry | None = None
    how: str = field(default="", compare=False)  # which step proposed it (``argkb.author.refer``)

    @property
    def key(self) -> str:
        return self.entry.key if self.entry else str(self.node)

    @property
    def ident(self):
        return self.node or self.entry.key


@dataclass(frozen=True)
class StubLever:
    name: str


@dataclass
class MoveRef:
    """A proposed trigger: a move of the knowledge base (``node``) or a new stub move with what was
    found of it."""

    why: str
    node: URIRef | None = None
    label: str = ""
    actor: ActorRef | None = None
    lever: URIRef | StubLever | None = None
    direction: URIRef | None = None
    kind: URIRef | None = None


@dataclass
class Proposal:
    """What the draft proposes for one sentence."""

    label: str = ""
    affects: list[ActorRef] = field(default_factory=list)
    triggers: list[MoveRef] = field(default_factory=list)
    attribution: str | None = None  # what the label dropped: "according to X", "X fears that"


@cache
def _stub_levers() -> tuple[tuple[str, re.Pattern], ...]:
    rows = (
        (Path(__file__).resolve().parent / "data" / "levers.tsv")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    cells = [[c for c in r.split("\t") if c] for r in rows if r.strip() and not r.startswith("#")]
    return tuple((c[0], re.compile(r"\b(?:" + "|".join(c[1:]) + r")\b", re.I)) for c in cells)


class Vocabulary:
    """The actors, levers and moves of a knowledge base (none for ``store=None``), ready to be found
    in sentences."""

    def __init__(self, store=None):
        terms: dict[URIRef, Term] = {}
        for row in store.query(TERMS_QUERY).dicts() if store is not None else []:
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
        self._names = {
            n.lower(): t.node for t in self.terms if t.kind == ARGKB.Actor for n in t.names
        }
        self._seen: dict[str, list[ActorRef]] = {}

    def _found(self, kind: URIRef, text: str) -> dict[URIRef, re.Match]:
        found = {}
        for term in self.terms:
            pattern = self._patterns[term.node]
            if term.kind == kind and pattern is not None and (match := pattern.search(text)):
                found[term.node] = match
        return found

    def actors(self, text: str) -> list[ActorRef]:
        """The actors ``text`` names, in order: the knowledge base's first, then the gazetteer's for
        the rest."""
        if text not in self._seen:
            if len(self._seen) > 4096:
                self._seen.clear()
            self._seen[text] = self._actors(text)
        return list(self._seen[text])

    def _actors(self, text: str) -> list[ActorRef]:
        found = [
            ActorRef(node, m.group(0), m.start())
            for node, m in self._found(ARGKB.Actor, text).items()
        ]
        spans = [(a.start, a.start + len(a.words)) for a in found]
        for entry, match in gazetteer.find(text):
            if any(s <= match.start() < e or match.start() <= s < match.end() for s, e in spans):
                continue
            known = next(
                (self._names[n.lower()] for n in entry.names if n.lower() in self._names), None
            )
            if known is not None:
                found.append(ActorRef(known, match.group(0), match.start()))
            else:
                found.append(ActorRef(None, match.group(0), match.start(), entry))
        unique: dict = {}
        for actor in sorted(found, key=lambda a: a.start):
            unique.setdefault(actor.ident, actor)
        return list(unique.values())

    def propose(
        self, sentence: str, previous: Proposal | None = None, context: refer.Context | None = None
    ) -> Proposal:
        """The label, triggers and affected actors proposed for a consequence ``sentence``.

        ``previous``: the proposal for the sentence just before, whose trigger a pronoun refers to;
        ``context``: the sentences before it, the article's salient actors (``refer.Context``)."""
        parts = clauses.parts(sentence)
        cause, anaphoric = self._cause(parts)
        if (anaphoric or parts.sequel) and previous is not None and previous.triggers:
            triggers = previous.triggers
        elif cause:
            triggers = (
                self._moves(cause)
                or self._moves(" ".join(sentence.split()))
                or self._stubs(cause, parts, (" ".join(sentence.split()), context))
            )
        else:
            triggers = []
        movers = {a.ident for t in triggers if t.node is None for a in self._joined(t.label)}
        movers |= {t.actor.ident for t in triggers if t.actor} | {
            self._term(t.node).actor for t in triggers if t.node
        }
        # the consequence's own words: after its subject, when the subject was read as the trigger
        # (unless the subject is an actor itself: "Russia and China … are unlikely to enforce …" is
        # about them)
        actor_subject = bool(cause) and any(a.start == 0 for a in self.actors(cause))
        said = (
            parts.consequence
            if parts.condition or anaphoric or actor_subject
            else parts.consequence[len(cause) :]
        )
        in_consequence = {a.ident for a in self.actors(said)}
        flat = " ".join(sentence.split())
        named = [
            refer.noted(a, f'named in the sentence ("{a.words}")')
            for a in self.actors(flat)
            if a.ident not in movers or a.ident in in_consequence
        ]
        named.sort(key=lambda a: a.ident not in in_consequence)  # the consequence's own first
        affects = self._affected(flat, parts, named, triggers, context or refer.Context())
        return Proposal(clauses.shorten(parts.consequence), affects, triggers, parts.attribution)

    def _affected(
        self,
        flat: str,
        parts: clauses.Parts,
        named: list[ActorRef],
        triggers: list[MoveRef],
        context: refer.Context,
    ) -> list[ActorRef]:
        """The named actors, those a reference opening the consequence stands for, else others."""
        consequence = parts.consequence
        offset = flat.find(consequence)
        offset = offset if offset >= 0 else max(len(flat) - len(consequence), 0)
        found = list(named)
        for opening in (True, False):
            if opening is False and found:
                break
            for match, kinds in refer.references(consequence, opening):
                actor = refer.resolve(
                    self.actors, _subject_of, flat, offset + match.start(), kinds, context
                )
                if actor is not None and actor.ident not in {a.ident for a in found}:
                    found.append(
                        refer.noted(
                            actor,
                            f'"{match.group(0)}" read as "{actor.words}", '
                            "its most plausible antecedent",
                        )
                    )
        if found:
            return found
        condition = [t.actor for t in triggers if t.actor is not None]
        condition += self.actors(parts.condition or "") + self.actors(clauses.subject(consequence))
        unique = {a.ident: a for a in reversed(condition)}
        order = dict.fromkeys(a.ident for a in condition)
        return refer.fallback([unique[k] for k in order], context)

    # ------------------------------------------------------------ triggers
    @staticmethod
    def _cause(parts: clauses.Parts) -> tuple[str, bool]:
        """The clause the trigger is read from, and whether it opens with a pronoun (an
        anaphora)."""
        text = parts.condition or clauses.subject(parts.consequence)
        text = re.sub(r"^(?:because|while|whether|although|though|where)\s+", "", text, flags=re.I)
        words = [w.lower() for w in text.split()]
        if words and all(w in clauses.PRONOUNS for w in words[:2]) and len(words) <= 2:
            return "", True  # "it", "they": only the previous sentence can say what
        return text, bool(words) and words[0] in clauses.PRONOUNS

    def _term(self, node: URIRef) -> Term:
        return next(t for t in self.terms if t.node == node)

    def _moves(self, text: str) -> list[MoveRef]:
        """Moves of the knowledge base the clause names by label, or by actor and lever (in its
        direction)."""
        moves = self._found(ARGKB.Move, text)
        found = [MoveRef(f'its label occurs ("{m.group(0)}")', node) for node, m in moves.items()]
        actors = {a.node: a.words for a in self.actors(text) if a.node is not None}
        levers = self._found(ARGKB.Lever, text)
        direction = _direction(text)
        for term in self.terms:
            if (
                term.kind == ARGKB.Move
                and term.node not in moves
                and term.actor in actors
                and term.lever in levers
                and (direction is None or term.direction == direction)
            ):
                found.append(
                    MoveRef(
                        f'its actor ("{actors[term.actor]}") and lever '
                        f'("{levers[term.lever].group(0)}") occur',
                        term.node,
                    )
                )
        return found

    def _joined(self, text: str) -> list[ActorRef]:
        """The actor the clause opens with and those joined to it ("Trump and Putin", "Washington
        and Taipei")."""
        actors = self.actors(" ".join(text.split()[:5]))
        joined = actors[:1]
        for actor in actors[1:]:
            between = text[joined[-1].start + len(joined[-1].words) : actor.start]
            if not re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*", between):
                break
            joined.append(actor)
        return joined

    def _stubs(
        self, cause: str, parts: clauses.Parts, within: tuple[str, refer.Context | None]
    ) -> list[MoveRef]:
        """A stub move for the condition clause, or for a subject that reads as an action
        ("cutting all aid …", "drones have hit …") or names an event between actors ("the
        discussions between Trump and Putin"); none for a bare noun phrase ("the militants",
        "even a minor incident"), whose move the analyst names (the implication keeps its TODO)."""
        if parts.condition is None and not clauses.acts(cause):
            named = clauses.event(cause)
            parties = self._joined(named[0]) if named else []
            if (
                not named
                or len(parties) < 2
                or named[0][parties[-1].start + len(parties[-1].words) :].strip()
            ):
                return []
            cause = f"{named[0]} {named[1]}"  # "Trump and Putin hold discussions"
        stub = self._stub(cause, parts.frame_subject, not parts.condition, within)
        return [stub] if len(stub.label.split()) >= 2 else []

    def _stub(
        self,
        text: str,
        frame: str | None = None,
        subject: bool = False,
        within: tuple[str, refer.Context | None] | None = None,
    ) -> MoveRef:
        """A new move read from the clause: its label, the actor its first words name (else, for a
        subject, any it names: "the perception of discord between the U.S. and Russia"; else the one
        who reports it or frames it: "Riyadh fears that …", "For China, …"; else the antecedent of a
        pronoun opening it: "should it push …"), its lever and direction, as far as named."""
        opening = " ".join(text.split()[:5])
        actors = self.actors(opening) or (self.actors(text) if subject else [])
        actors = actors or (self.actors(frame) if frame else [])
        context = within[1] if within is not None else None
        if (
            not actors
            and within is not None
            and context is not None
            and text.split()[0].lower() in ("it", "they")
        ):
            flat = within[0]
            at = max(flat.find(text), 0)
            actor = refer.resolve(self.actors, _subject_of, flat, at, None, context)
            if actor is not None:
                how = f'"{text.split()[0]}" read as "{actor.words}", its most plausible antecedent'
                actors = [refer.noted(actor, how)]
        levers = self._found(ARGKB.Lever, text)
        lever = next(iter(levers), None) or next(
            (StubLever(name) for name, p in _stub_levers() if p.search(text)), None
        )
        kind = ARGKB.Signal if _SIGNAL.search(text) else None
        return MoveRef(
            f'the condition or cause: "{" ".join(text.split())}"',
            None,
            clauses.clause_label(text),
            actors[0] if actors else None,
            lever,
            _direction(text),
            kind,
        )


def _subject_of(sentence: str) -> str:
    """The subject of a sentence's main clause (the words before its modal; empty without one)."""
    return clauses.subject(clauses.parts(sentence).consequence)


def _direction(text: str) -> URIRef | None:
    for direction, words in DIRECTION_WORDS.items():
        if re.search(rf"\b(?:{words})\b", text, re.I):
            return direction
    return None
