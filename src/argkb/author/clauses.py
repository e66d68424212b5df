"""A consequence sentence taken apart: its condition clause, its consequence clause.

``parts(sentence)`` finds the condition (the clause opened by *if*, *unless*, *when*, *once*,
*as long as*, *without*, or an inverted *should*/*were*/*had*, at the start of the sentence,
after a reporting frame such as "Saudi Arabia has said that", or trailing the main clause) and
the consequence: the rest, without discourse markers ("For instance,", "However,", "Conversely,"
…), without "but", quotation marks and the reporting frame, reduced to the clause that holds the
modal when ";", ":" or ", but" join two. ``subject``, ``event`` and ``acts`` read a clause's
subject, an event it names and whether it reads as an action. The labels made from the
consequence: ``argkb.author.clause_labels``; ids: ``argkb.author.slugs``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from argkb.author.detect import MODAL

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
_NOT_GERUNDS = set(
    "according during nothing something anything everything morning evening king thing ring "
    "spring string wing".split()
)
# the names that open the subject ("Russia and China")
_NAMES = re.compile(r"(?:[A-Z][\w'’.-]*)(?:\s+(?:and\s+|,\s*)?[A-Z][\w'’.-]*)*")
_IRREGULAR = {"be": "is", "have": "has", "do": "does", "go": "goes"}
# a consequence embedded in a report of what has shown it ("… have shown how quickly X can …")
_EMBEDDED = re.compile(
    r"\b(?:shown|shows?|showed|demonstrated?|demonstrates|proved?|proves|"
    r"reveals?|revealed)\s+(?:how(?:\s+(?:quickly|easily|far|much|fast))?|that)"
    r"\s+",
    re.I,
)


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
