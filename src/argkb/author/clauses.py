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
# "Somali leaders have said they will …": a reporting frame without "that"
_SAID = re.compile(r"^(?P<who>[^,;:]{1,60}?)\s+(?:has|have|had) said\s+(?=(?:it|they)\s)", re.I)
_OPENING = re.compile(
    r"^(?P<cond>(?:if|unless|when|whenever|once|as long as|so long as|without|in case|"
    r"in the event(?: that)?|provided(?: that)?|should|were|had)\b[^;:]*?),\s+"
    r"(?P<rest>.+)$",
    re.I | re.S,
)
# an opening clause or adverbial before the main clause ("While X, …", "With Russia watching, …")
_CONCESSIVE = re.compile(
    r"^(?:while|although|though|whereas|because|whether|with|given|despite|amid|after|before|"
    r"in|for|over|by|as|under|without|since)\b[^;:,]{0,80},\s+(?=\S)",
    re.I,
)
_SEQUEL_OPENING = re.compile(r"^(?:but\s+|and\s+)?(?:in that case|if so|then)\b", re.I)
_SEQUEL = re.compile(r"\b(?:would|could|might|may|will|can|cannot)\s+(?:\w+\s+)?then\b", re.I)
# an event named by a noun between actors ("a confrontation among Ethiopia, Somalia and Egypt"):
# the verb phrase its actors' move reads as
EVENTS = {
    "confrontation": "confront each other",
    "clash": "clash",
    "clashes": "clash",
    "war": "go to war",
    "talks": "hold talks",
    "discussions": "hold discussions",
    "negotiations": "negotiate",
    "meeting": "meet",
    "summit": "hold a summit",
    "rapprochement": "draw closer",
    "dialogue": "hold a dialogue",
}
_EVENT = re.compile(
    r"\b(?:the|a|an|any)\s+(?:[\w-]+\s+){0,2}?(?P<noun>"
    + "|".join(EVENTS)
    + r")\s+(?:between|among)\s+(?P<who>.+)$",
    re.I,
)
# an attribution opening the clause ("according to Somaliland's leaders, it would …"): dropped
_ACCORDING = re.compile(r"^according to [^,;:]{1,60},\s+(?=\S)", re.I)
_ACCORDING_ANYWHERE = re.compile(r"\baccording to [^,;:]{1,60}(?=,)", re.I)
_TRAILING = re.compile(
    r"\s+(?P<cond>(?:if|unless|once|as long as|provided that|in case)"
    r"\s+[^,;:]+?)\s*$",
    re.I,
)
# a plural's possessive apostrophe ("the Houthis' attacks") stays
_QUOTES = re.compile(r"[\"“”„«»]|(?<!\w)['‘’]|(?<![sS])['‘’](?!\w)")
_CUTS = re.compile(
    r",\s+(?:but|while|which|whether|because|since|although|though|as|with all)\b|;|"
    r"\s+(?:who|whom|whose)\s+|,\s+and\s+(?=\w+\s+(?:could|might|may|would|will|can)\b)| – | — ",
    re.I,
)
_STOP = {
    "the",
    "a",
    "an",
    "of",
    "to",
    "and",
    "or",
    "on",
    "in",
    "its",
    "their",
    "for",
    "with",
    "by",
    "at",
    "from",
    "as",
    "than",
    "that",
    "which",
    "is",
    "are",
    "be",
    "been",
    "also",
    "even",
    "far",
    "much",
    "more",
    "very",
    "it",
    "they",
    "this",
    "these",
    "there",
    "then",
    "will",
    "would",
    "could",
    "might",
    "may",
    "can",
    "cannot",
    "likely",
    "unlikely",
    "probably",
    "bound",
    "tends",
    "tend",
    "risks",
    "once",
    "own",
    "any",
    "some",
    "such",
    "yet",
    "another",
    "further",
    "still",
    "just",
    "only",
    "either",
    "both",
    "each",
    "not",
    "no",
    "eventually",
    "significantly",
    "easily",
    "actually",
    "quickly",
    "considerably",
}
_TAIL = {
    "the",
    "a",
    "an",
    "of",
    "to",
    "and",
    "or",
    "on",
    "in",
    "its",
    "their",
    "for",
    "with",
    "by",
    "at",
    "from",
    "as",
    "than",
    "that",
    "which",
    "between",
    "into",
    "both",
    "either",
    "any",
    "more",
    "his",
    "her",
    "our",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "neither",
    "so",
    "very",
    "them",
    "will",
    "would",
    "could",
    "might",
    "may",
    "can",
    "not",
    "no",
    "while",
    "when",
    "if",
    "who",
    "whom",
    "whose",
    "has",
    "have",
    "had",
    "this",
    "these",
    "those",
    "each",
    "every",
    "among",
    "through",
    "over",
    "under",
    "without",
    "against",
    "such",
    "but",
    "nor",
    "because",
    "since",
    "whether",
    "where",
    "then",
    "even",
    "only",
    "it",
}


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
# a clause's end that leaves it hanging: "Egypt is", "… as illegitimate and are"
_DANGLING = re.compile(
    r"(?:,?\s+(?:and|or|but))?\s+(?:is|are|was|were|has|have|had|be|been)"
    r"\s*$",
    re.I,
)
_FINITE = re.compile(
    r"\b(?:has|have|had|is|are|was|were|does|did|cannot|can't|won't|will not"
    r"|(?:that|who|which)\s+\w+(?:s|ed))\s+\w",
    re.I,
)
_NOT_GERUNDS = {
    "according",
    "during",
    "nothing",
    "something",
    "anything",
    "everything",
    "morning",
    "evening",
    "king",
    "thing",
    "ring",
    "spring",
    "string",
    "wing",
}
# a coordinated predicate before the modal ("… reject snapback as illegitimate and are"), and the
# names that open the subject ("Russia and China")
_COORDINATED = re.compile(r"\s+and\s+(are|is|was|were|has|have|had)\s*$")
_NAMES = re.compile(r"(?:[A-Z][\w'’.-]*)(?:\s+(?:and\s+|,\s*)?[A-Z][\w'’.-]*)*")
_IRREGULAR = {"be": "is", "have": "has", "do": "does", "go": "goes"}
# a consequence embedded in a report of what has shown it ("… have shown how quickly X can …")
_EMBEDDED = re.compile(
    r"\b(?:shown|shows?|showed|demonstrated?|demonstrates|proved?|proves|"
    r"reveals?|revealed)\s+(?:how(?:\s+(?:quickly|easily|far|much|fast))?|that)"
    r"\s+",
    re.I,
)
# the words that end a phrase well once an adjunct is cut ("many more", "took from them")
_CLOSED = _TAIL - {"more", "it", "them", "then", "only", "even", "so"}

_SUBJECT_CUT = {
    "of",
    "between",
    "in",
    "on",
    "for",
    "to",
    "with",
    "that",
    "who",
    "which",
    "from",
    "over",
    "along",
}


@dataclass(frozen=True)
class Parts:
    """A sentence's condition clause (without its conjunction, or None) and its consequence
    clause."""

    condition: str | None
    consequence: str
    # "Saudi Arabia" of "Saudi Arabia has said that …", "China" of "For China, …"
    frame_subject: str | None = None
    # a sequel to the sentence before: "In that case, …", "X would then …" (its condition holds)
    sequel: bool = False
    # the attribution the label drops: "according to Somaliland's leaders", "Riyadh fears that"
    attribution: str | None = None


def _flat(text: str) -> str:
    return " ".join(_QUOTES.sub("", text).split()).rstrip(".!?")


def _strip_marker(text: str) -> str:
    return _MARKER.sub("", text).strip()


def _strip_attribution(text: str) -> str:
    """``text`` without the discourse markers and "according to X," that open it."""
    while (stripped := _ACCORDING.sub("", _strip_marker(text))) != text:
        text = stripped
    return text


def _modal_part(text: str, separator: str) -> str:
    """Of the parts ``separator`` joins, the first that holds a modal cue (else the first)."""
    pieces = [p.strip() for p in re.split(separator, text) if p.strip()]
    return next((p for p in pieces if MODAL.search(p)), pieces[0] if pieces else text)


def parts(sentence: str) -> Parts:
    """The condition and the consequence of a consequence sentence."""
    text = _strip_marker(_flat(sentence))
    text = _modal_part(text, r";\s+|:\s+")
    text = _modal_part(_strip_marker(text), r",\s+(?:but|yet)\s+")
    text = _modal_part(
        text,
        r",\s+and\s+(?=(?:the|a|an|its|their|this|that|these|those|[A-Z])"
        r"\w*\s|(?:it|they)\s+(?:is|are|was|were|has|have|had)?\b)",
    )
    text = _strip_attribution(text)
    frame = _FRAME.match(text) or _SAID.match(text)
    who = None
    if frame and not re.match(r"^(?:if|when|unless|should)\b", frame.group("who"), re.I):
        who, text = frame.group("who"), text[frame.end() :]
        who = _strip_marker(who)
    condition, opener = None, None
    opening = _OPENING.match(text)
    if opening:
        condition, text = opening.group("cond"), opening.group("rest")
    elif (concession := _CONCESSIVE.match(text)) and MODAL.search(text[concession.end() :]):
        if concession.group(0).lower().startswith("for "):  # "For China, allowing … would …"
            opener = concession.group(0)[4:].strip(" ,")
        text = _strip_attribution(text[concession.end() :])
    else:
        trailing = _TRAILING.search(text)
        if trailing and MODAL.search(text[: trailing.start()]):
            condition, text = trailing.group("cond"), text[: trailing.start()]
    if condition is not None:
        inverted = re.match(r"should\s+", condition, re.I) is not None
        condition = re.sub(
            r"^(?:if|unless|when|whenever|once|as long as|so long as|without|"
            r"in case|in the event(?: that)?|provided(?: that)?|should|"
            r"were|had)\s+",
            "",
            condition,
            flags=re.I,
        )
        condition = _indicative(condition) if inverted else condition
    text = _strip_marker(text)
    if (shown := _EMBEDDED.search(subject(text))) is not None:
        text = text[shown.end() :]  # "… have shown how quickly trouble can reach …"
    if who and text.split() and text.split()[0].lower() in {"it", "they"} and len(who.split()) <= 4:
        text = (
            who + " " + " ".join(text.split()[1:])
        )  # "it will seek one" -> "Saudi Arabia will seek one"
    sequel = bool(_SEQUEL_OPENING.match(_flat(sentence)) or _SEQUEL.search(text))
    according = _ACCORDING_ANYWHERE.search(_flat(sentence))
    attributed = [a.group(0).strip(" ,") for a in (frame if who else None, according) if a]
    return Parts(
        condition, text, who or opener, sequel and condition is None, "; ".join(attributed) or None
    )


def _indicative(clause: str) -> str:
    """An inverted condition's clause with its verb agreeing with a singular name or pronoun
    ("Should Addis Ababa abandon the deal" -> "Addis Ababa abandons the deal")."""
    names = _NAMES.match(clause) or re.match(r"(?:it|he|she)\b", clause, re.I)
    if names is None or re.search(r"\band\b|,", names.group(0)):
        return clause
    rest = clause[names.end() :].split()
    adverb = rest[:1] if rest and rest[0].endswith("ly") else []
    words = [clause[: names.end()], *adverb, _indicative_verb(rest[len(adverb) :])]
    return " ".join(w for w in words if w)


def _indicative_verb(words: list[str]) -> str:
    """The words with the first, a verb's base form, in the third person singular."""
    if not words or not re.fullmatch(r"[a-z]+", words[0]) or re.search(r"[^s]s$", words[0]):
        # not a verb's base form: "Egyptian troops deploy" (an adjective, then a plural)
        return " ".join(words)
    verb = words[0]
    verb = _IRREGULAR.get(verb) or (
        verb[:-1] + "ies"
        if re.search(r"[^aeiou]y$", verb)
        else verb + "es"
        if re.search(r"(?:s|sh|ch|x|z|o)$", verb)
        else verb + "s"
    )
    return " ".join([verb, *words[1:]])


def subject(consequence: str) -> str:
    """The words of a consequence clause before its modal cue (its subject, roughly)."""
    modal = MODAL.search(consequence)
    return consequence[: modal.start()].strip() if modal else ""


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


def event(clause: str) -> tuple[str, str] | None:
    """``(who, verb phrase)`` of a clause that names an event by a noun between its parties
    ("the discussions between Trump and Putin" -> "Trump and Putin", "hold discussions")."""
    match = _EVENT.search(" ".join(clause.split()))
    return (match.group("who"), EVENTS[match.group("noun").lower()]) if match else None


def acts(clause: str) -> bool:
    """Whether a clause that is no condition reads as an action: it opens with a gerund
    ("cutting all aid …") or holds a finite auxiliary before more words ("drones have hit …",
    "a government that seeks …")."""
    words = clause.lower().split()
    if words and words[0].endswith("ing") and words[0] not in _NOT_GERUNDS:
        return True
    return bool(_FINITE.search(_DANGLING.sub("", " ".join(clause.split()))))


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
    content = [
        w
        for w in re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'s", ""))
        if w not in _STOP
    ]
    base = "-".join([prefix, *content[:words]]) if content else prefix
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate
