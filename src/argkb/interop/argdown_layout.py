"""The layout of an Argdown document, before its grammar: comments and front matter blanked out
(offsets kept, so errors point at the right line and column), and physical lines joined into
items — a hard-wrapped line continues the item above it."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: where a comment may start: ``<!--`` … ``-->``, ``/*`` … ``*/``, ``//`` to the end of the line
#: (after a space)
_OPENER = re.compile(r"<!--|/\*|(?:(?<=\s)|^)//", re.M)
_CLOSER = {"<!--": "-->", "/*": "*/"}
#: what starts a new item: a relation, a numbered premise or conclusion, an inference line, a
#: heading
_STARTS = re.compile(r"^(?:(?:\+>|->|<\+|<-|_>|<_|><|\+|-)\s|\(\d+\)|-{2,}(?:\s|$)|#+(?:\s|$))")
_DASHES_ONLY = re.compile(r"^-{2,}\s*$")


@dataclass
class Item:
    text: str  # the joined lines
    line: int  # 1-based line of its first line
    indent: int  # columns before its first character
    offsets: list[
        tuple[int, int, int]
    ]  # (index in text, line, column) where each joined line starts


def blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def without_comments(text: str) -> str:
    """``text`` with its comments blanked, in one pass: an opener whose closer never comes is plain
    text (as it always was), and once a closer is known to be missing it is not looked for again, so
    40,000 unclosed ``/*`` cost one search, not 40,000 searches to the end."""
    out: list[str] = []
    at = 0
    unclosed: set[str] = set()
    search = 0
    while True:
        opener = _OPENER.search(text, search)
        if opener is None:
            break
        kind, start = opener.group(), opener.start()
        if kind == "//":
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
        elif kind in unclosed:
            search = start + 1
            continue
        else:
            close = text.find(_CLOSER[kind], start + len(kind))
            if close < 0:
                unclosed.add(kind)
                search = start + 1
                continue
            end = close + len(_CLOSER[kind])
        out.append(text[at:start])
        out.append(_blank(text[start:end]))
        at = search = end
    out.append(text[at:])
    return "".join(out)


def clean(text: str) -> str:
    """Comments and the front matter (``===`` … ``===``) replaced by spaces, line breaks kept."""
    text = without_comments(text.replace("\r\n", "\n").replace("\t", "    "))
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].strip() == "===":
        end = next((i for i in range(first + 1, len(lines)) if lines[i].strip() == "==="), None)
        if end is not None:
            for i in range(first, end + 1):
                lines[i] = " " * len(lines[i])
    return "\n".join(lines)


def front_matter(text: str) -> tuple[str, int] | None:
    """The YAML between the document's opening ``===`` lines and the line it starts on, or None."""
    lines = without_comments(text.replace("\r\n", "\n")).split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip() != "===":
        return None
    end = next((i for i in range(first + 1, len(lines)) if lines[i].strip() == "==="), None)
    return None if end is None else ("\n".join(lines[first + 1 : end]), first + 2)


def items(text: str) -> list[Item]:
    out: list[Item] = []
    current: Item | None = None
    parts: list[str] = []  # the current item's lines (joined once, at its end)
    length = 0
    in_rule = False  # between the two "--" lines of a multi-line inference
    raw_lines = text.split("\n")

    def close() -> None:
        if current is not None:
            current.text = " ".join(parts)

    for number, raw in enumerate(clean(text).split("\n"), 1):
        stripped = raw.strip()
        if not stripped:
            close()
            current = None
            continue
        column = len(raw) - len(raw.lstrip()) + 1
        if in_rule and current is not None:
            current.offsets.append((length + 1, number, column))
            parts.append(stripped)
            length += 1 + len(stripped)
            in_rule = not _DASHES_ONLY.match(stripped)
            continue
        if current is None or _STARTS.match(stripped):
            close()
            current = Item(stripped, number, column - 1, [(0, number, column)])
            parts, length = [stripped], len(stripped)
            out.append(current)
            in_rule = (
                bool(_DASHES_ONLY.match(stripped))
                and len(stripped) < 4
                and not _next_is_pcs(raw_lines, number)
            )
            continue
        current.offsets.append((length + 1, number, column))
        parts.append(stripped)
        length += 1 + len(stripped)
    close()
    return out


def _next_is_pcs(lines: list[str], number: int) -> bool:
    """Whether the first non-blank line after line ``number`` (1-based) is a numbered statement (or
    none is left): reads only up to that line (the whole text was split again for every inference
    line)."""
    for i in range(number, len(lines)):
        stripped = lines[i].strip()
        if stripped:
            return bool(re.match(r"^\(\d+\)", stripped))
    return True


def position(item: Item, index: int) -> tuple[int, int]:
    """Line and column in the file of character ``index`` of the item's text."""
    start, line, column = max((o for o in item.offsets if o[0] <= index), key=lambda o: o[0])
    return line, column + index - start
