"""The words a proposed move is read from: which way it goes (``DIRECTION_WORDS``), whether it is a
signal, and the curated levers of ``data/levers.tsv`` for a stub move."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from rdflib import URIRef

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


@cache
def _stub_levers() -> tuple[tuple[str, re.Pattern], ...]:
    rows = (
        (Path(__file__).resolve().parent / "data" / "levers.tsv")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    cells = [[c for c in r.split("\t") if c] for r in rows if r.strip() and not r.startswith("#")]
    return tuple((c[0], re.compile(r"\b(?:" + "|".join(c[1:]) + r")\b", re.I)) for c in cells)


def _direction(text: str) -> URIRef | None:
    for direction, words in DIRECTION_WORDS.items():
        if re.search(rf"\b(?:{words})\b", text, re.I):
            return direction
    return None
