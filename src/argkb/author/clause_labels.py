"""A short label for a consequence: its consequence clause in at most twelve words, its modal kept.

``label`` shortens a sentence's consequence clause (``argkb.author.clauses.parts``), ``shorten``
a clause, ``clause_label`` makes a move's label from its clause.
"""

from __future__ import annotations

import re

from argkb.author.clauses import _DANGLING, _NAMES, _strip_attribution, parts
from argkb.author.detect import MODAL

MAX_WORDS = 12
_CUTS = re.compile(
    r",\s+(?:but|while|which|whether|because|since|although|though|as|with all)\b|;|"
    r"\s+(?:who|whom|whose)\s+|,\s+and\s+(?=\w+\s+(?:could|might|may|would|will|can)\b)| – | — ",
    re.I,
)
_TAIL = set(
    "the a an of to and or on in its their for with by at from as than that which between "
    "into both either any more his her our is are was were be been neither so very them will "
    "would could might may can not no while when if who whom whose has have had this these "
    "those each every among through over under without against such but nor because since "
    "whether where then even only it".split()
)


# trailing adjuncts a label can lose: a clause after a comma, "as long as …", "so far from …",
# a relative or subordinate clause, a prepositional phrase ("of" phrases stay: "a stretch of coast")
_ADJUNCT = re.compile(
    r",\s|\s+(?:only\s+)?as long as\b|\s+so far from\b|\s+(?:that|which|who|whom|whose|where"
    r"|while|whether|because|since|although|though|unless|until|before|after|once|if|even if"
    r"|than|as)\s|\s+(?:in|on|at|for|from|with|without|by|through|across|along|between|among"
    r"|towards?|into|against|over|under|within|during|around|beyond|near|like|about|via)\s",
    re.I,
)
# an inner parenthetical: ", for their part,", ", for instance,", ", however,"
_PARENTHETICAL = re.compile(
    r",\s+(?:for (?:their|its|his|her|our) part|for (?:example|instance)"
    r"|however|in turn|in other words|of course|above all),(?=\s)",
    re.I,
)
# a coordinated predicate before the modal ("… reject snapback as illegitimate and are")
_COORDINATED = re.compile(r"\s+and\s+(are|is|was|were|has|have|had)\s*$")
# the words that end a phrase well once an adjunct is cut ("many more", "took from them")
_CLOSED = _TAIL - {"more", "it", "them", "then", "only", "even", "so"}

_SUBJECT_CUT = set("of between in on for to with that who which from over along".split())


def _trim(text: str, limit: int, keep: int) -> str:
    """``text`` less its trailing adjuncts (from the last), until it has at most ``limit`` words;
    never cut before offset ``keep``, nor so much that fewer than six words and less than half
    of them are left ("It could also be seen"): then ``text``."""
    trimmed = text
    while len(trimmed.split()) > limit:
        cuts = [m.start() for m in _ADJUNCT.finditer(trimmed) if m.start() >= keep]
        if not cuts:
            break
        trimmed = " ".join(_untailed(trimmed[: cuts[-1]].rstrip(" ,;:").split(), _CLOSED))
    left = len(trimmed.split())
    return trimmed if left >= 6 or 2 * left >= len(text.split()) else text


def _untailed(words: list[str], tail: set[str] = _TAIL) -> list[str]:
    """The words without the function words they end in ("… for a continent that")."""
    while (
        len(words) > 3
        and words[-1].lower().strip(",") in tail
        and not (MODAL.fullmatch(words[-1]) or MODAL.fullmatch(words[-2]))
    ):
        words = words[:-1]  # "will be", "could" stay: the modal is kept
    return words


def _close(words: list[str], cut: bool) -> str:
    """The words as a label: no trailing function word when cut, a capital first."""
    label = " ".join(_untailed(words) if cut else words).rstrip(",;:")
    return label[:1].upper() + label[1:]


def shorten(text: str, limit: int = MAX_WORDS) -> str:
    """``text`` in at most ``limit`` words: cut at a clause boundary after the modal, then its
    trailing adjuncts dropped ("… for a naval base", "… as long as neither is tested"), then
    (as a last resort) its subject reduced to its head and the words cut, never after a
    function word."""
    modal = MODAL.search(text)
    after = modal.end() if modal else 0
    cut = _CUTS.search(text, after)
    if cut and len(text[: cut.start()].split()) >= 3:
        text = text[: cut.start()]
    keep = after + len(text[after:]) - len(text[after:].lstrip()) + 1
    keep = text.find(" ", keep) if text.find(" ", keep) > 0 else len(text)  # the modal's next word
    text = _trim(_PARENTHETICAL.sub("", text), limit, keep)
    words = text.split()
    if len(words) > limit and modal and (at := MODAL.search(text)):
        before = text[: at.start()]
        joined = _COORDINATED.search(before)  # "Russia and China reject X and are unlikely …"
        if joined and (names := _NAMES.match(before)):
            before = f"{names.group(0)} {joined.group(1)} "
        head = before.split()  # the subject: its head noun phrase
        stop = next((i for i, w in enumerate(head[1:], 1) if w.lower() in _SUBJECT_CUT), len(head))
        words = head[: min(stop, 6)] + text[at.start() :].split()
    return _close(words[:limit], len(words) > limit)


def clause_label(text: str, limit: int = MAX_WORDS) -> str:
    """A move's label from its clause: without an opening attribution, parentheticals or a
    dangling auxiliary at its end ("… and are"), its trailing adjuncts dropped to fit."""
    text = _strip_attribution(_PARENTHETICAL.sub("", " ".join(text.split())))
    text = _DANGLING.sub("", text)
    text = _trim(text, limit, text.find(" ", text.find(" ") + 1) + 1 or len(text))
    words = text.split()
    return _close(words[:limit], len(words) > limit)


def label(sentence: str) -> str:
    """A short label (at most twelve words) for a consequence sentence, made from its consequence
    clause."""
    return shorten(parts(sentence).consequence)
