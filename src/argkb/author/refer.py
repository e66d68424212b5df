"""Whom a consequence is about when its words do not name them: references and salience.

``argkb draft`` proposes the affected actors of a consequence in this order
(``Vocabulary.propose``):

1. **named**: the actors the sentence names (less the trigger's actor, unless the consequence
   names it too);
2. **referred to**: a pronoun or a definite description that opens the consequence clause ("they
   would …", "the country would …", "the bloc is unlikely …", "its leaders …") is resolved to the
   actor it most plausibly refers to, and added; one elsewhere in the consequence ("… the
   government's revenue") only when nothing is named. The antecedent is the first fitting
   mention before it in the sentence, else in the preceding sentences, nearest first, the main
   clause's subject before the rest; a description fits by kind ("the country", "the government"
   a state; "the bloc", "the alliance" an alliance or organisation; a pronoun anything);
3. **the condition's actors**: when the consequence names and refers to no one, the actors of the
   condition clause (the trigger's actor) or of the sentence's subject;
4. **the article's most salient actor**: as a last resort, the actor named in the most sentences
   of the article, proposed as a weaker guess (its note says so).

Every one of them is a proposal (``argkb:proposed``) with a note saying which step found it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol, TypeVar

from argkb.vocab import ARGKB


class ActorRef(Protocol):
    """An actor found in a text (``argkb.author.propose.ActorRef``, a frozen dataclass)."""

    @property
    def words(self) -> str: ...

    @property
    def ident(self) -> Any: ...

    @property
    def entry(self) -> Any: ...


A = TypeVar("A", bound=ActorRef)

_STATE = {ARGKB.State, ARGKB.Leader}
_GROUP = {ARGKB.Alliance, ARGKB.Organisation}
#: definite descriptions and the kinds of actor they can stand for (None: any)
_DESCRIPTIONS = [
    (
        r"the (?:country|government|state|regime|administration|authorities|nation|kingdom|republic"
        r"|capital|leadership|president|prime minister)(?:['’]s)?",
        _STATE,
    ),
    (
        r"the (?:bloc|alliance|union|organi[sz]ation|coalition|group|movement|council|fund|agency"
        r"|militants|rebels|insurgents)(?:['’]s)?",
        _GROUP,
    ),
]
# "it" is left out: opening a consequence, it mostly stands for an event ("if X signals Y, it …")
_PRONOUN = r"its|they|their"
_REFERENCE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(f"(?P<d{i}>{p})" for i, (p, _) in enumerate(_DESCRIPTIONS))
    + rf"|(?P<p>{_PRONOUN}))(?![\w-])",
    re.I,
)
LOOK_BACK = 3  # preceding sentences searched for an antecedent


@dataclass(frozen=True)
class Context:
    """What the draft knows of the article around one sentence."""

    before: tuple[str, ...] = ()  # the preceding sentences, nearest last
    salient: tuple[tuple[Any, int], ...] = ()  # the most salient actor, with its count


def salient(mentions: Sequence[Sequence[A]]) -> tuple[tuple[A, int], ...]:
    """The article's most salient actor: named in the most sentences (a tie: the first named)."""
    counts: Counter = Counter()
    first: dict = {}
    for actors in mentions:
        for actor in actors:
            counts[actor.ident] += 1
            first.setdefault(actor.ident, actor)
    if not counts:
        return ()
    key, n = counts.most_common(1)[0]  # a tie goes to the actor named first
    return ((first[key], n),)


def references(text: str, opening_only: bool) -> list[tuple[re.Match, set | None]]:
    """The pronouns and definite descriptions of ``text`` (only one that opens it, when asked)."""
    found = []
    for match in _REFERENCE.finditer(text):
        if opening_only and text[: match.start()].strip(" ,").lower() not in ("", "even", "then"):
            break
        if match.group("p") and opening_only is False:
            continue  # a pronoun only as the clause's subject
        kinds = next((k for i, (_, k) in enumerate(_DESCRIPTIONS) if match.group(f"d{i}")), None)
        found.append((match, kinds))
        if opening_only:
            break
    return found


def _fits(actor: ActorRef, kinds: set | None) -> bool:
    return kinds is None or actor.entry is None or actor.entry.kind in kinds


def _ranked(actors: Callable[[str], list[A]], sentence: str, subject: str) -> list[A]:
    """A sentence's actors, those of its main clause's subject first."""
    head = actors(subject) if subject else []
    rest = actors(sentence)
    return head + [a for a in rest if a.ident not in {h.ident for h in head}]


def resolve(
    actors: Callable[[str], list[A]],
    subject_of: Callable[[str], str],
    sentence: str,
    at: int,
    kinds: set | None,
    context: Context,
) -> A | None:
    """The actor the reference at offset ``at`` of ``sentence`` most plausibly refers to."""
    earlier = [a for a in actors(sentence[:at]) if _fits(a, kinds)]
    if earlier:
        return earlier[0]
    opening = references(sentence[:at], True)  # "The bloc …, and it is unlikely …"
    if opening and opening[0][0].start() < at:
        match, first_kinds = opening[0]
        found = resolve(actors, subject_of, sentence, match.start(), first_kinds, context)
        if found is not None and _fits(found, kinds):
            return found
    for before in reversed(context.before[-LOOK_BACK:]):
        candidates = [a for a in _ranked(actors, before, subject_of(before)) if _fits(a, kinds)]
        if candidates:
            return candidates[0]
    return None


def noted(actor: A, how: str) -> A:
    """The actor with a note saying how it was found."""
    return replace(actor, how=how)  # type: ignore[type-var]


def fallback(condition: list[A], context: Context) -> list[A]:
    """Steps 3 and 4: the condition's (trigger's, subject's) actors, else the most salient ones."""
    if condition:
        return [
            noted(
                a,
                f"the consequence names no actor: the condition's or trigger's actor "
                f'("{a.words}")',
            )
            for a in condition
        ]
    return [
        noted(
            a,
            f"weaker: the sentence names no actor; the article's most salient actor "
            f'("{a.words}", named in {n} sentences)',
        )
        for a, n in context.salient
    ]
