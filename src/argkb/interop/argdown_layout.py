"""The layout of an Argdown document, before its grammar: comments and front matter blanked out
(offsets kept, so errors point at the right line and column), and physical lines joined into
items — a hard-wrapped line continues the item above it."""
from __future__ import annotations

import re
from dataclasses import dataclass

_COMMENT = re.compile(r"<!--.*?-->|/\*.*?\*/|(?:(?<=\s)|^)//[^\n]*", re.S | re.M)
#: what starts a new item: a relation, a numbered premise or conclusion, an inference line, a heading
_STARTS = re.compile(r"^(?:(?:\+>|->|<\+|<-|_>|<_|><|\+|-)\s|\(\d+\)|-{2,}(?:\s|$)|#+(?:\s|$))")
_DASHES_ONLY = re.compile(r"^-{2,}\s*$")


@dataclass
class Item:
    text: str            # the joined lines
    line: int            # 1-based line of its first line
    indent: int          # columns before its first character
    offsets: list[tuple[int, int, int]]   # (index in text, line, column) where each joined line starts


def blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def clean(text: str) -> str:
    """Comments and the front matter (``===`` … ``===``) replaced by spaces, line breaks kept."""
    text = _COMMENT.sub(blank, text.replace("\r\n", "\n").replace("\t", "    "))
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].strip() == "===":
        end = next((i for i in range(first + 1, len(lines)) if lines[i].strip() == "==="), None)
        if end is not None:
            for i in range(first, end + 1):
                lines[i] = " " * len(lines[i])
    return "\n".join(lines)


def items(text: str) -> list[Item]:
    out: list[Item] = []
    current: Item | None = None
    in_rule = False                       # between the two "--" lines of a multi-line inference
    for number, raw in enumerate(clean(text).split("\n"), 1):
        stripped = raw.strip()
        if not stripped:
            current = None
            continue
        column = len(raw) - len(raw.lstrip()) + 1
        if in_rule:
            current.offsets.append((len(current.text) + 1, number, column))
            current.text += " " + stripped
            in_rule = not _DASHES_ONLY.match(stripped)
            continue
        if current is None or _STARTS.match(stripped):
            current = Item(stripped, number, column - 1, [(0, number, column)])
            out.append(current)
            in_rule = bool(_DASHES_ONLY.match(stripped)) and len(stripped) < 4 and not _next_is_pcs(text, number)
            continue
        current.offsets.append((len(current.text) + 1, number, column))
        current.text += " " + stripped
    return out


def _next_is_pcs(text: str, number: int) -> bool:
    rest = [line.strip() for line in text.split("\n")[number:] if line.strip()]
    return not rest or bool(re.match(r"^\(\d+\)", rest[0]))


def position(item: Item, index: int) -> tuple[int, int]:
    """Line and column in the file of character ``index`` of the item's text."""
    start, line, column = max((o for o in item.offsets if o[0] <= index), key=lambda o: o[0])
    return line, column + index - start
