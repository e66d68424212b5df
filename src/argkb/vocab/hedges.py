"""The one list of hedge words (``argkb:hedgeWord`` in the ontology, generated into
``_argkb.HEDGE_WORDS``).

``argkb draft`` proposes an implication's qualifier from them (``QUALIFIER_OF``, ``modal_pattern``),
``argkb review`` finds a label that drops the source's hedge by them
(``queries/review-dropped-hedge.rq`` reads ``argkb:hedgeWord`` from the ontology in the store), and
the shapes' list of qualifiers is the qualifiers they name (``tests/test_hedges.py`` proves the
three agree).
"""

from __future__ import annotations

import re

from rdflib import URIRef

from argkb.vocab._argkb import ARGKB, HEDGE_WORDS

#: hedge word -> the argkb qualifier it states
QUALIFIER_OF: dict[str, URIRef] = {word: getattr(ARGKB, q) for word, q in HEDGE_WORDS.items()}


def _alternative(word: str) -> str:
    body = r"\s+".join(re.escape(w).replace("'", "['’]") for w in word.split())
    if word in {"risk", "risks"}:
        return body + r"(?=\s+\w+ing\b)"  # "risks being seen", not "the risks of"
    if word == "bound to":
        return r"(?:(?:is|are)\s+)?" + body
    return body


def modal_pattern() -> re.Pattern:
    """A pattern whose group 1 is any hedge word of the list, as a whole word (longest first)."""
    words = sorted(HEDGE_WORDS, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(_alternative(w) for w in words) + r")\b", re.I)


def cue_key(cue: str) -> str:
    """The hedge word a matched cue stands for ("is bound to" -> "bound to", "won’t" -> "won't")."""
    cue = " ".join(cue.lower().replace("’", "'").split())
    return "bound to" if cue.endswith("bound to") else cue


__all__ = ["QUALIFIER_OF", "modal_pattern", "cue_key", "HEDGE_WORDS"]
