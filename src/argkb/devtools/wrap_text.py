"""The text operations of ``argkb.devtools.long_lines``: a string literal split into implicitly
concatenated parts, a comment or docstring line whose last words go onto the next line, a line of a
triple-quoted string continued with a backslash. None of them changes a string's value (docstrings
aside, whose words stay the same).
"""

from __future__ import annotations

import re
import tokenize
from collections.abc import Callable

#: a list item: ``- ``, ``* ``, ``+ ``, ``1. ``, ``1) ``, ``(a) ``
LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)]|\([a-z0-9]+\))\s+")
#: what a wrapped line must not start with (it would read as a list item, a heading, a quote or a
#: table)
BAD_START = re.compile(r"^([-*+#>|]|\d+[.)](\s|$)|=+|``` )")
#: a string literal's prefix and opening quotes
OPENING = re.compile(r"^([a-zA-Z]*)('''|\"\"\"|'|\")")


def split_points(body: str, fstring: bool) -> list[int]:
    """Where ``body`` (a literal's text between its quotes) may be cut: after a space, after a
    ``\\n`` escape, after a ``|`` (not in an f-string); never inside an f-string's ``{…}``."""
    points = []
    depth = 0
    i = 0
    while i < len(body):
        c = body[i]
        if fstring and c in "{}":
            if i + 1 < len(body) and body[i + 1] == c and depth == 0:
                i += 2
                continue
            depth += 1 if c == "{" else -1
        elif c == "\\" and depth == 0:
            if body[i + 1 : i + 2] == "n" and i + 2 < len(body):
                points.append(i + 2)
            i += 2
            continue
        elif depth == 0 and i + 1 < len(body):
            if (c == " " and body[i + 1] != " ") or (c == "|" and not fstring):
                points.append(i + 1)
        i += 1
    return points


def _paren_depths(body: str) -> list[int]:
    """The depth of ``(`` … ``)`` (unescaped) at each character of a regular expression."""
    depths, depth, escaped = [], 0, False
    for c in body:
        if not escaped and c == "(":
            depth += 1
        elif not escaped and c == ")":
            depth -= 1
        depths.append(depth)
        escaped = c == "\\" and not escaped
    return depths


def split_string(literal: str, width: int) -> str | None:
    """``literal`` (one single-quoted literal) as parts of at most ``width`` characters, joined by
    spaces: one part per ``\\n`` line, long lines cut at spaces (in a raw string, at ``|`` first,
    outside parentheses where that is not much shorter). None when it needs no cut or has none."""
    match = OPENING.match(literal)
    assert match is not None
    prefix, quote = match.group(1), match.group(2)
    body = literal[len(prefix) + 1 : -1]
    fstring = "f" in prefix.lower()
    raw = "r" in prefix.lower()
    points = split_points(body, fstring)
    depths = _paren_depths(body) if raw else []
    room = width - len(prefix) - 2
    lines, start = [], 0
    for p in (p for p in points if body[p - 2 : p] == "\\n"):
        lines.append((start, p))
        start = p
    lines.append((start, len(body)))
    parts = []
    for a, b in lines:
        start = a
        while b - start > room:
            cuts = [p for p in points if start < p < b and p - start <= room]
            if raw and any(body[p - 1] == "|" for p in cuts):
                cuts = [p for p in cuts if body[p - 1] == "|"]
                top = [p for p in cuts if depths[p - 1] == 0]
                if top and top[-1] - start > room // 2:
                    cuts = top
            cuts = cuts or [p for p in points if start < p < b][:1]
            if not cuts:
                break
            parts.append(body[start : cuts[-1]])
            start = cuts[-1]
        parts.append(body[start:b])
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return None
    out = []
    for part in parts:
        own = prefix
        if fstring and "{" not in part and "}" not in part:
            own = prefix.replace("f", "").replace("F", "")
        out.append(own + quote + part + quote)
    return " ".join(out)


def join_group(group: list[tokenize.TokenInfo]) -> str | None:
    """An implicit concatenation of single-quoted literals as one literal, or None where the parts
    differ in quotes, rawness or bytes (an f-string part makes the whole an f-string: the other
    parts' braces doubled)."""
    parts = []
    for token in group:
        match = OPENING.match(token.string)
        if match is None or len(match.group(2)) == 3:
            return None
        parts.append(
            (match.group(1).lower(), match.group(2), token.string[len(match.group(0)) : -1])
        )
    if len({q for _, q, _ in parts}) > 1 or len({("r" in p, "b" in p) for p, _, _ in parts}) > 1:
        return None
    any_f = any("f" in p for p, _, _ in parts)
    body = "".join(
        b if "f" in p or not any_f else b.replace("{", "{{").replace("}", "}}") for p, _, b in parts
    )
    prefix = parts[0][0].replace("f", "") + ("f" if any_f else "")
    return prefix + parts[0][1] + body + parts[0][1]


def push_words(
    lines: list[str],
    k: int,
    width: int,
    indent: str,
    joinable: Callable[[int], bool],
    keep: int,
) -> bool:
    """Move the last words of ``lines[k]`` (its first ``keep`` characters stay) onto the next line
    while it is over ``width``: joined to the next line where ``joinable``, else on a new line that
    starts with ``indent``. Never cuts inside a ``code`` span or before a list marker."""
    for _ in range(200):
        text = lines[k].rstrip("\n")
        if len(text) <= width:
            return True
        best = None
        spans = 0
        for i, c in enumerate(text):
            if c == "`" and (i == 0 or text[i - 1] != "`"):
                spans += 1
            if c != " " or i <= keep or text[i - 1] == " " or i + 1 >= len(text) or spans % 2:
                continue
            if BAD_START.match(text[i + 1 :]):
                continue
            if i <= width or best is None:
                best = i
            if i > width:
                break
        if best is None:
            return False
        head, rest = text[:best].rstrip(), text[best + 1 :].lstrip(" ")
        lines[k] = head + "\n"
        if k + 1 < len(lines) and joinable(k + 1):
            lines[k + 1] = indent + rest + " " + lines[k + 1][len(indent) :].lstrip(" ")
            if not lines[k + 1].endswith("\n"):
                lines[k + 1] += "\n"
        else:
            lines.insert(k + 1, indent + rest + "\n")
        k += 1
    return False


def wrap_comment(lines: list[str], k: int, col: int, width: int) -> bool:
    """Wrap the own-line comment starting at ``lines[k][col]`` to ``width``, into the comment lines
    that continue it (same column and marker, not a list item or a pragma)."""
    rule = re.match(r"^(#+ )(-{4,}|={4,})( .*)$", lines[k][col:].rstrip("\n"))
    if rule:  # a section rule: shorter, not wrapped
        dashes = len(rule.group(2)) - (len(lines[k].rstrip("\n")) - width)
        if dashes >= 3:
            lines[k] = (
                lines[k][:col] + rule.group(1) + rule.group(2)[0] * dashes + rule.group(3) + "\n"
            )
            return True
    marker = re.match(r"#+:? *", lines[k][col:])
    assert marker is not None
    indent = " " * col + marker.group(0)

    def joinable(j: int) -> bool:
        rest = lines[j][len(indent) :]
        if not lines[j].startswith(indent) or rest[:1] in (" ", "\n", ""):
            return False
        return not BAD_START.match(rest) and "noqa" not in rest and not rest.startswith("type:")

    return push_words(lines, k, width, indent, joinable, len(indent))


def wrap_docstring_line(lines: list[str], first: int, col: int, idx: int, width: int) -> bool:
    """Wrap line ``idx`` of the docstring that opens at ``lines[first][col]``: the paragraph or list
    item it belongs to takes its last words. Code (indented blocks, fences, ``$``/``>>>`` lines),
    tables and the paragraph after click's ``\\b`` are left as they are (False)."""
    closing = lines[first][col:].lstrip("rRuU")[:3]
    last = idx
    while last < len(lines) - 1 and not (
        lines[last].rstrip().endswith(closing) and (last > first or lines[last].count(closing) >= 2)
    ):
        last += 1
    if sum(1 for j in range(first, idx + 1) if lines[j].strip().startswith("```")) % 2:
        return False
    text = lines[idx]
    if text.strip().startswith(("$ ", ">>>", "|", "...")):
        return False
    start = idx
    while start > first and lines[start - 1].strip():
        start -= 1
    if start - 2 >= first and lines[start - 2].strip() == "\\b":
        return False
    here = len(text) - len(text.lstrip())
    item = None
    for j in range(idx, start - 1, -1):
        found = LIST_ITEM.match(lines[j]) if j != first else None
        if found:
            item = len(found.group(0)) if here >= len(found.group(0)) or j == idx else None
            break
        if len(lines[j]) - len(lines[j].lstrip()) < here:
            break
    para_indent = len(lines[start]) - len(lines[start].lstrip()) if start != first else col
    if item is None and start != first and here > col and para_indent > col:
        return False  # an indented block: code
    indent = " " * (item if item is not None else (col if idx == first else here))

    def joinable(j: int) -> bool:
        line = lines[j]
        if j > last or not line.strip() or line.strip().startswith(('"""', "'''")):
            return False
        if len(line) - len(line.lstrip()) != len(indent):
            return False
        return not LIST_ITEM.match(line) and not BAD_START.match(line.strip())

    if idx == first:
        keep = col + len(lines[first][col:]) - len(lines[first][col:].lstrip("rRuU")) + 3
    else:
        marker = LIST_ITEM.match(text)
        keep = len(marker.group(0)) if marker else here
    return push_words(lines, idx, width, indent, joinable, keep)


def continue_line(line: str, first_col: int, width: int, fstring: bool) -> str | None:
    """A line of a (not raw) triple-quoted string cut at spaces with backslash continuations, so
    that each piece is at most ``width``; the value is the same. None where it has no cut."""
    text = line.rstrip("\n")
    cuts, depth = [], 0
    for i, c in enumerate(text):
        if fstring and c in "{}":
            depth += 1 if c == "{" else -1
        if c == " " and depth == 0 and i > first_col and text[i - 1] != "\\":
            cuts.append(i + 1)
    pieces: list[str] = []
    room = width - 1
    while len(text) > room:
        fitting = [c for c in cuts if c <= room]
        if not fitting:
            break
        pieces.append(text[: fitting[-1]] + "\\")
        text = text[fitting[-1] :]
        cuts = [c - fitting[-1] for c in cuts if c > fitting[-1]]
    return "\n".join([*pieces, text]) + "\n" if pieces else None
