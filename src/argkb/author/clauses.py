"""A consequence sentence taken apart: its condition clause, its consequence clause, a short label,
an id.

``parts(sentence)`` finds the condition (the clause opened by *if*, *unless*, *when*, *once*,
*as long as*, *without*, or an inverted *should*/*were*/*had*, at the start of the sentence,
after a reporting frame such as "Saudi Arabia has said that", or trailing the main clause) and
the consequence: the rest, without discourse markers ("For instance,", "However,", "Conversely,"
…), without "but", quotation marks and the reporting frame, reduced to the clause that holds the
modal when ";", ":" or ", but" join two. ``label`` shortens the consequence to at most twelve
words and keeps its modal; ``slug`` makes a readable id from a label.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from argkb.author.detect import MODAL

MAX_WORDS = 12
PRONOUNS = {"it", "they", "this", "that", "these", "those", "such", "he", "she", "them", "there"}

_MARKERS = (
    r"for (?:example|instance)|moreover|however|conversely|similarly|on the other hand|"
    r"in that case|in the meantime|meanwhile|over time|yet|but|and|so|then|still|indeed|instead|"
    r"in turn|as a result|that is why|by contrast|at the same time|in short|finally|first|second|"
    r"above all|for their part"
)
_MARKER = re.compile(rf"^(?:(?:{_MARKERS})\b,?\s*)+", re.I)
_FRAME = re.compile(
    r"^(?P<who>[^,;:]{1,60}?)\s+(?:has |have |had )?(?:argues?|argued|says?|said|fears?|feared|"
    r"warns?|warned|believes?|believed|expects?|expected|points? out|pointed out|insists?|insisted|"
    r"notes?|noted|claims?|claimed|worries|worry|suggests?|suggested)\s+that\s+",
    re.I,
)
_OPENING = re.compile(
    r"^(?P<cond>(?:if|unless|when|whenever|once|as long as|without|in case|should|were|"
    r"had)\b[^;:]*?),\s+(?P<rest>.+)$",
    re.I | re.S,
)
# an opening clause or adverbial before the main clause ("While X, …", "With Russia watching, …")
_CONCESSIVE = re.compile(r"^(?:while|although|though|whereas|because|whether|with|given|despite|amid|after|before|"
                         r"in|for|over|by|as|under|without|since)\b[^;:,]{0,80},\s+(?=\S)", re.I)
_TRAILING = re.compile(r"\s+(?P<cond>(?:if|unless|once|as long as)\s+[^,;:]+?)\s*$", re.I)
_QUOTES = re.compile(r"[\"“”„«»]|(?<!\w)['‘’]|['‘’](?!\w)")
_CUTS = re.compile(
    r",\s+(?:but|while|which|whether|because|since|although|though|as|with all)\b|;|"
    r"\s+(?:who|whom|whose)\s+|,\s+and\s+(?=\w+\s+(?:could|might|may|would|will|can)\b)| – | — ",
    re.I,
)
_STOP = {"the", "a", "an", "of", "to", "and", "or", "on", "in", "its", "their", "for", "with", "by", "at", "from",
         "as", "than", "that", "which", "is", "are", "be", "been", "also", "even", "far", "much", "more", "very",
         "it", "they", "this", "these", "there", "then", "will", "would", "could", "might", "may", "can", "cannot",
         "likely", "unlikely", "probably", "bound", "tends", "tend", "risks", "once", "own", "any", "some", "such",
         "yet", "another", "further", "still", "just", "only", "either", "both", "each", "not", "no", "eventually",
         "significantly", "easily", "actually", "quickly", "considerably"}
_TAIL = {"the", "a", "an", "of", "to", "and", "or", "on", "in", "its", "their", "for", "with", "by", "at", "from", "as",
         "than", "that", "which", "between", "into", "both", "either", "any", "more", "his", "her", "our"}


_SUBJECT_CUT = {"of", "between", "in", "on", "for", "to", "with", "that", "who", "which", "from", "over", "along"}


@dataclass(frozen=True)
class Parts:
    """A sentence's condition clause (without its conjunction, or None) and its consequence
    clause."""

    condition: str | None
    consequence: str
    # "Saudi Arabia" of "Saudi Arabia has said that …", "China" of "For China, …"
    frame_subject: str | None = None


def _flat(text: str) -> str:
    return " ".join(_QUOTES.sub("", text).split()).rstrip(".!?")


def _strip_marker(text: str) -> str:
    return _MARKER.sub("", text).strip()


def _modal_part(text: str, separator: str) -> str:
    """Of the parts ``separator`` joins, the first that holds a modal cue (else the first)."""
    pieces = [p.strip() for p in re.split(separator, text) if p.strip()]
    return next((p for p in pieces if MODAL.search(p)), pieces[0] if pieces else text)


def parts(sentence: str) -> Parts:
    """The condition and the consequence of a consequence sentence."""
    text = _strip_marker(_flat(sentence))
    text = _modal_part(text, r";\s+|:\s+")
    text = _modal_part(_strip_marker(text), r",\s+(?:but|yet)\s+")
    text = _strip_marker(text)
    frame = _FRAME.match(text)
    who = None
    if frame and not re.match(r"^(?:if|when|unless|should)\b", frame.group("who"), re.I):
        who, text = frame.group("who"), text[frame.end():]
        who = _strip_marker(who)
    condition, opener = None, None
    opening = _OPENING.match(text)
    if opening:
        condition, text = opening.group("cond"), opening.group("rest")
    elif (concession := _CONCESSIVE.match(text)) and MODAL.search(text[concession.end():]):
        if concession.group(0).lower().startswith("for "):      # "For China, allowing … would …"
            opener = concession.group(0)[4:].strip(" ,")
        text = text[concession.end():]
    else:
        trailing = _TRAILING.search(text)
        if trailing and MODAL.search(text[:trailing.start()]):
            condition, text = trailing.group("cond"), text[:trailing.start()]
    if condition is not None:
        condition = re.sub(r"^(?:if|unless|when|whenever|once|as long as|without|in case|should|were|had)\s+", "", condition, flags=re.I)
    text = _strip_marker(text)
    if who and text.split() and text.split()[0].lower() in {"it", "they"} and len(who.split()) <= 4:
        text = who + " " + " ".join(text.split()[1:])       # "it will seek one" -> "Saudi Arabia will seek one"
    return Parts(condition, text, who or opener)


def subject(consequence: str) -> str:
    """The words of a consequence clause before its modal cue (its subject, roughly)."""
    modal = MODAL.search(consequence)
    return consequence[:modal.start()].strip() if modal else ""


def shorten(text: str, limit: int = MAX_WORDS) -> str:
    """``text`` in at most ``limit`` words: cut at a clause boundary after the modal, then
    trimmed."""
    modal = MODAL.search(text)
    after = modal.end() if modal else 0
    cut = _CUTS.search(text, after)
    if cut and len(text[:cut.start()].split()) >= 3:
        text = text[:cut.start()]
    words = text.split()
    if len(words) > limit and modal:
        head = text[:modal.start()].split()       # the subject: its head noun phrase, without what follows
        stop = next((i for i, w in enumerate(head[1:], 1) if w.lower() in _SUBJECT_CUT), len(head))
        head = head[:min(stop, 6)]
        words = head + text[modal.start():].split()
    words = words[:limit]
    while len(words) > 3 and words[-1].lower().strip(",") in _TAIL:
        words.pop()
    label = " ".join(words).rstrip(",;:")
    return label[:1].upper() + label[1:]


def label(sentence: str) -> str:
    """A short label (at most twelve words) for a consequence sentence, made from its consequence
    clause."""
    return shorten(parts(sentence).consequence)


class Taken(Protocol):
    """The ids already in use (a set, or ``argkb.author.stubs.Ids``, which also asks the knowledge
    base)."""

    def __contains__(self, local: str, /) -> bool: ...

    def add(self, local: str, /) -> None: ...


def slug(text: str, taken: Taken, prefix: str, words: int = 4) -> str:
    """A readable id ``PREFIX-word-word…`` from ``text``'s content words, not in ``taken`` (which it
    joins)."""
    content = [w for w in re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'s", "")) if w not in _STOP]
    base = "-".join([prefix, *content[:words]]) if content else prefix
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate
