"""Finding a pasted passage in a stored source text, and the nearest passages when it is not there.

What people paste differs from what is stored in ways that do not change the words:
straight vs typographic quotes and apostrophes, hyphens vs dashes (with or without spaces
around them), ``...`` vs ``…``, any run of whitespace or line breaks, non-breaking and
other Unicode spaces, soft hyphens and zero-width characters. ``find_quote`` compares both
sides after folding these away, then maps every match back to code-point offsets into the
*stored* text, so ``text[m.start:m.end] == m.exact`` always holds: the stored words, never
the pasted ones, are what a Quote records.

``closest`` ranks passages of the text by fuzzy similarity (rapidfuzz) for when nothing matches.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

#: characters folded to one canonical character before comparing
_FOLD = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    "\u2026": "...",
}
#: characters that are dropped (invisible in print)
_DROP = set("\u00ad\u200b\u200c\u200d\u2060\ufeff")


@dataclass(frozen=True)
class Match:
    """A span of the stored text: ``text[start:end] == exact`` (code-point offsets, end
    exclusive)."""

    start: int
    end: int
    exact: str
    score: float | None = None  # similarity 0-100, for passages found by ``closest``

    def context(self, text: str, width: int = 40) -> str:
        """The match in its surroundings, on one line, the match itself in [brackets]."""
        lead = "…" if self.start > width else ""
        tail = "…" if self.end + width < len(text) else ""
        shown = (
            f"{text[max(0, self.start - width) : self.start]}[{self.exact}]"
            f"{text[self.end : self.end + width]}"
        )
        return lead + " ".join(shown.split()) + tail

    def to_dict(self) -> dict:
        out = {"start": self.start, "end": self.end, "exact": self.exact}
        if self.score is not None:
            out["score"] = round(self.score, 1)
        return out


#: a character folded to itself (not whitespace, a dash, a folded or a dropped one)
_SAME = "[^\\s" + re.escape("-" + "".join(_FOLD) + "".join(_DROP)) + "]"
#: words of such characters with single spaces between them (all folded to themselves), or any one
#: character
_RUN = re.compile(f"{_SAME}+(?: {_SAME}+)*|.", re.S)


def _folded(text: str, ignore_case: bool = False) -> tuple[str, array, array]:
    """``text`` folded, with, for each folded character, the [start, end) of the original it comes
    from.

    Whitespace runs become one space, runs of dashes one "-"; spaces next to a dash are dropped
    ("a — b" == "a--b" == "a-b");
    with ``ignore_case``, letters are lower-cased (where that keeps them one character).
    Runs of ordinary characters are copied whole, and the offsets are kept in arrays (4 bytes each,
    not a Python int): a 10 MB source folded in both cases used 1.8 GB as lists."""
    chars: list[str] = []
    kind = "i" if len(text) < 2**31 else "q"
    starts, ends = array(kind), array(kind)
    last = ""  # the last folded character
    for run in _RUN.finditer(text):
        i, piece = run.start(), run.group()
        ch = piece[0]
        if len(piece) > 1 or not (ch in _DROP or ch.isspace() or ch in _FOLD or ch == "-"):
            if ignore_case:
                piece = (
                    piece.lower()
                    if piece.isascii()
                    else "".join(c.lower() if len(c.lower()) == 1 else c for c in piece)
                )
            chars.append(piece)
            starts.extend(range(i, i + len(piece)))
            ends.extend(range(i + 1, i + 1 + len(piece)))
            last = piece[-1]
            continue
        if ch in _DROP:
            continue
        if ch.isspace():
            if last == " ":
                ends[-1] = i + 1
                continue
            if last == "-":
                continue
            chars.append(" ")
            starts.append(i)
            ends.append(i + 1)
            last = " "
            continue
        folded = _FOLD.get(ch, ch)
        if folded == "-" and last == " ":
            chars.pop()
            starts.pop()
            ends.pop()
            last = chars[-1][-1] if chars else ""
        if folded == "-" and last == "-":  # "--" typed for a dash
            ends[-1] = i + 1
            continue
        for part in folded:
            chars.append(part)
            starts.append(i)
            ends.append(i + 1)
        last = folded[-1]
    return "".join(chars), starts, ends


def normalise_needle(needle: str, ignore_case: bool = False) -> str:
    """What ``find_quote`` looks for: the needle in NFC, folded, trimmed."""
    return _folded(unicodedata.normalize("NFC", needle), ignore_case)[0].strip(" ")


def find_quote(text: str, needle: str) -> list[Match]:
    """Every place ``needle`` occurs in ``text`` (tolerantly, see the module), in order; overlapping
    occurrences are all listed. Case counts, unless the needle occurs in no other case (a quote
    pasted from mid-sentence may start lower-case). An empty or blank needle matches nothing."""
    return _find(text, needle, False) or _find(text, needle, True)


@lru_cache(maxsize=2)  # one text, in both cases
def _folded_text(text: str, ignore_case: bool) -> tuple[str, array, array]:
    """``_folded`` of a source text, kept for the next needle: `import --source` looks for every
    claim of a map in the same text (200 claims in a 1 MB text folded it 200 times: 104 s)."""
    return _folded(text, ignore_case)


def _find(text: str, needle: str, ignore_case: bool) -> list[Match]:
    wanted = normalise_needle(needle, ignore_case)
    if not wanted:
        return []
    folded, starts, ends = _folded_text(text, ignore_case)
    found: list[Match] = []
    at = folded.find(wanted)
    while at != -1:
        start, end = starts[at], ends[at + len(wanted) - 1]
        if not found or found[-1].start != start:
            found.append(Match(start, end, text[start:end]))
        at = folded.find(wanted, at + 1)
    return found


#: the most characters of a needle the fuzzy search compares (a longer needle is ranked by its
#: start): the search is linear in the text, quadratic in this; a 5,000-character needle took
#: minutes, a 100 KB one exhausted the memory
MAX_FUZZY_CHARS = 300
#: candidate passages scored at a time (their text is sliced per batch, never all at once)
_BATCH = 4096


def closest(text: str, needle: str, n: int = 3) -> list[Match]:
    """The ``n`` passages of ``text`` most like ``needle`` (fuzzy, rapidfuzz), best first, not
    overlapping.

    Candidates are word-aligned windows about as long as the needle; each carries its score (0-100).
    A needle over ``MAX_FUZZY_CHARS`` is ranked by its first ``MAX_FUZZY_CHARS`` characters (the
    passages shown still run as long as the needle), so time grows with the text's length only."""
    from rapidfuzz import fuzz, process

    wanted = normalise_needle(needle, True)
    folded, starts, ends = _folded_text(text, True)
    if not wanted or not folded.strip():
        return []
    probe = wanted[:MAX_FUZZY_CHARS]
    words = [i for i, ch in enumerate(folded) if ch != " " and (i == 0 or folded[i - 1] == " ")]
    word_ends = [
        i + 1
        for i, ch in enumerate(folded)
        if ch != " " and (i + 1 == len(folded) or folded[i + 1] == " ")
    ]

    def window(w: int, length: int) -> tuple[int, int]:
        k = bisect_left(word_ends, w + length)
        return w, word_ends[min(k, len(word_ends) - 1)]

    scored: list[tuple[float, int]] = []  # (score, word index), the best few of each batch
    keep = max(4 * n, 16)
    for first in range(0, len(words), _BATCH):
        batch = words[first : first + _BATCH]
        choices = [folded[a:b] for a, b in (window(w, len(probe)) for w in batch)]
        for _choice, score, index in process.extract(probe, choices, scorer=fuzz.ratio, limit=None):
            scored.append((score, first + index))
        scored.sort(key=lambda item: (-item[0], item[1]))
        del scored[keep * 64 :]  # enough to pick n non-overlapping ones from
    chosen: list[Match] = []
    for score, index in scored:
        a, b = window(words[index], len(wanted))
        start, end = starts[a], ends[b - 1]
        if any(start < m.end and m.start < end for m in chosen):
            continue
        chosen.append(Match(start, end, text[start:end], float(score)))
        if len(chosen) == n:
            break
    return chosen
