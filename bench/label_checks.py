"""The checks ``bench/draft_accuracy.py`` makes of a proposal's labels: is a label ``usable`` (at
most 12 words, every annotated word, no opener, frame or quotation mark, not ``cut_mid_phrase``),
is a stub move ``junk`` (no verb, told by ``has_verb`` with the lemminflect lexicon, cut
mid-phrase, ``framed``, or where the annotation says the sentence states no trigger)."""

from __future__ import annotations

import re

import lemminflect

from argkb.author.clause_labels import MAX_WORDS

_OPENERS = re.compile(
    r"^(?:but|and|so|yet|however|moreover|conversely|similarly"
    r"|for (?:example|instance)|if|when|should)\b",
    re.I,
)
#: an attribution or a frame adverbial opening a label ("According to X, …", "In return, …",
#: "Under the deal, …", "For China, …"), or a reporting frame ("X has said that …")
_FRAME = re.compile(
    r"^(?:according to\b|(?:in|under|for|with|after|at|by|on|from|despite|given"
    r"|over|as|meanwhile|then)\b[^,]{0,40},)",
    re.I,
)
_REPORTING = re.compile(
    r"^(?:\S+\s+){0,6}?(?:has |have |had )?(?:said|says|argues?|argued|warns?"
    r"|warned|fears?|feared|estimates?|estimated|claims?|claimed)\s+that\b",
    re.I,
)
#: function words: a label that ends in one, or has one just before a modal, was cut mid-phrase
FUNCTION = set(
    "the a an of to as is are was were be been am and or but nor that which who whom whose "
    "than for with by at from into between among its their his her our your my this these "
    "those such if when while whether because since so has have had neither either both each "
    "every any no not would could might may will can shall should must".split()
)
#: words that cannot stand just before a modal ("That would" can: a demonstrative as subject)
_BEFORE_MODAL = set(
    "the a an of to as than is are was were be been its their his her our your my for with by "
    "at from into".split()
)
_MODALS = {"would", "could", "might", "may", "will", "can", "cannot", "shall", "should", "must"}
_DETERMINERS = set(
    "the a an this that these those its their his her our every each any some no such another "
    "even both".split()
)
_NUMBERS = {"two", "three", "both", "they", "we", "it", "he", "she"}
_PREPOSITIONS = set(
    "of to in on at by for with from among between into along through over under against "
    "across according".split()
)


def _tokens(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in re.findall(r"[\w'’-]+", text)]


def cut_mid_phrase(label: str) -> bool:
    """The label ends in a function word, or has one just before a modal ("… renounced the
    will")."""
    tokens = _tokens(label)
    return bool(tokens) and (
        tokens[-1] in FUNCTION
        or any(a in _BEFORE_MODAL and b in _MODALS for a, b in zip(tokens, tokens[1:]))
    )


def framed(label: str, reporting: bool = True) -> bool:
    """The label opens with an attribution or a frame adverbial (or a reporting frame)."""
    return bool(_FRAME.search(label) or reporting and _REPORTING.search(label))


def usable(label: str, words: list[str]) -> bool:
    """A label with at most 12 words, every annotated word (as a word's beginning), no opener,
    frame or quotation mark, not cut mid-phrase."""
    tokens = _tokens(label)
    return (
        len(label.split()) <= MAX_WORDS
        and not _OPENERS.search(label)
        and not re.search(r"[\"“”]", label)
        and not framed(label)
        and not cut_mid_phrase(label)
        and all(any(tok.startswith(w.lower()) for tok in tokens) for w in words)
    )


def has_verb(label: str) -> bool:
    """Whether a move's label holds a verb, read with the lemminflect lexicon: an auxiliary or a
    modal; a gerund opening it; a word only a verb ("recognises", "deploy"); or a word that can be
    a noun or a verb
    read as a verb after a name or a number ("Russia mines", "Addis Ababa abandon", "the two
    cool") or when it agrees with the noun before it ("those bans spread", "the war continues"),
    not inside a noun phrase ("a minor incident", "a single cut"). Adverbs in -ly are skipped."""
    tokens = [t for t in _tokens(label) if not t.endswith("ly")]
    if (
        tokens
        and tokens[0].endswith("ing")
        and tokens[0] != "according"
        and "VERB" in lemminflect.getAllLemmas(tokens[0])
    ):
        return True  # a gerund: "Cutting all aid to the juntas"
    for i, word in enumerate(tokens[1:], 1):
        before = tokens[i - 1]
        if word == "according" or before in _DETERMINERS | _PREPOSITIONS or "'" in word:
            continue
        readings = lemminflect.getAllLemmas(word)
        if "AUX" in readings or word in _MODALS | {"cannot"}:
            return True
        if "VERB" not in readings:
            continue
        if not {"NOUN", "ADJ", "PROPN"} & set(readings) or word.endswith("ed"):
            return True
        plural = before.endswith("s") and not before.endswith("ss")
        previous = lemminflect.getAllLemmas(before)
        if (
            not previous
            or "NUM" in previous
            or before in _NUMBERS
            or ("NOUN" in previous and plural != word.endswith("s"))
        ):
            return True
    return False


def junk(move, annotated: str) -> bool:
    """A stub move that is no trigger: no verb, cut mid-phrase, framed, or where the annotation
    says the sentence states no trigger (``-``)."""
    return move.node is None and (
        annotated == "-"
        or not has_verb(move.label)
        or cut_mid_phrase(move.label)
        or framed(move.label, False)
    )
