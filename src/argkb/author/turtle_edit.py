"""Editing a Turtle file's quote offsets in its own text, so ``argkb anchor --write`` keeps its
comments and layout.

Re-serialising a graph loses every comment and the author's layout. Instead, for each quote
``anchor`` changed, ``patch`` finds the ``oa:exact`` literal in the file's text (the one holding the
quote's old wording; a wording written twice is not guessed at), and within that subject's
statements replaces the objects of ``oa:start``, ``oa:end`` and ``oa:exact``, or adds
``oa:start``/``oa:end`` after ``oa:exact`` when they were missing. Every value is written by the
strict serialiser. The patched text is parsed back and must give exactly the anchored graph;
otherwise ``patch`` returns ``None`` and the caller falls back to re-serialising.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Graph, Literal
from rdflib.compare import isomorphic

from argkb.rdf.parse import parse_text
from argkb.rdf.serialize import term_turtle

OA_NS = "http://www.w3.org/ns/oa#"

_TOKEN = re.compile(
    r'''
    (?P<comment>\#[^\n]*)
  | (?P<string>(?:"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
                (?:@[A-Za-z0-9-]+|\^\^(?:<[^>]*>|[^\s;,.\[\]()]*))?)
  | (?P<iri><[^>\s]*>)
  | (?P<punct>[\[\]();,])
  | (?P<word>[^\s\[\]();,"'<#]+)
  | (?P<space>\s+)
''',  # noqa: E501 (a verbose regex: its long line is one alternative)
    re.X | re.S,
)


@dataclass
class Token:
    kind: str
    text: str
    start: int
    end: int
    depth: int


@dataclass
class Change:
    """A quote's old wording, and its new offsets and wording."""

    old_exact: str
    start: int
    end: int
    exact: str


def _tokens(text: str) -> list[Token] | None:
    tokens, depth, pos = [], 0, 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            return None
        kind, value = (
            m.lastgroup or "",
            m.group(0),
        )  # (every alternative of the pattern is a named group)
        if (
            kind == "word"
            and value.endswith(".")
            and not re.fullmatch(r"[+-]?\d*\.\d+(?:[eE][+-]?\d+)?", value)
        ):
            value, kind = value[:-1], "word"  # "kb:x." is "kb:x" then the statement's "."
            if value:
                tokens.append(Token("word", value, pos, pos + len(value), depth))
            tokens.append(Token("punct", ".", pos + len(value), pos + len(value) + 1, depth))
            pos += len(value) + 1
            continue
        if value in "])":
            depth -= 1
        if kind not in ("space", "comment"):
            tokens.append(Token(kind, value, pos, m.end(), depth))
        if value in "[(":
            depth += 1
        pos = m.end()
    return tokens


def _spellings(text: str, local: str) -> set[str]:
    prefixes = re.findall(
        r"(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*|):\s*<" + re.escape(OA_NS) + ">", text, re.I
    )
    return {f"{p}:{local}" for p in prefixes} | {f"<{OA_NS}{local}>"}


def _literal_value(token: str) -> str | None:
    try:
        g = parse_text(f"<urn:s> <urn:p> {token} .", "literal")
    except Exception:  # noqa: BLE001 - not a literal we can read: no match
        return None
    return str(next(iter(g.objects()), ""))


def _group(tokens: list[Token], i: int) -> tuple[int, int]:
    """The token range [a, b) of the statements of the subject token ``i`` belongs to (same bracket
    depth)."""
    d = tokens[i].depth
    a = i
    while (
        a > 0
        and not (tokens[a - 1].depth == d and tokens[a - 1].text == ".")
        and not (tokens[a - 1].depth == d - 1 and tokens[a - 1].text == "[")
    ):
        a -= 1
    b = i
    while (
        b < len(tokens)
        and not (tokens[b].depth == d and tokens[b].text == ".")
        and not (tokens[b].depth == d - 1 and tokens[b].text == "]")
    ):
        b += 1
    return a, b


def patch(text: str, changes: list[Change], expected: Graph, where: str) -> str | None:
    """``text`` with the quotes' offsets and wording changed in place, or None when that cannot be
    done safely."""
    tokens = _tokens(text)
    if tokens is None:
        return None
    exact_p, start_p, end_p = (_spellings(text, n) for n in ("exact", "start", "end"))
    edits: list[tuple[int, int, str]] = []
    used: set[str] = set()
    for change in changes:
        hits = [
            i
            for i in range(len(tokens) - 1)
            if tokens[i].text in exact_p
            and tokens[i + 1].kind == "string"
            and _literal_value(tokens[i + 1].text) == change.old_exact
        ]
        if len(hits) != 1:
            return None
        i = hits[0]
        a, b = _group(tokens, i)
        found = {}
        for j in range(a, b - 1):
            if tokens[j].depth == tokens[i].depth and tokens[j].text in start_p | end_p:
                found["start" if tokens[j].text in start_p else "end"] = tokens[j + 1]
        exact_token = tokens[i + 1]
        edits.append((exact_token.start, exact_token.end, term_turtle(Literal(change.exact), used)))
        if set(found) == {"start", "end"}:
            for name, value in (("start", change.start), ("end", change.end)):
                edits.append(
                    (found[name].start, found[name].end, term_turtle(Literal(value), used))
                )
        elif not found:
            line_start = text.rfind("\n", 0, tokens[i].start) + 1
            inline = a > 0 and tokens[a - 1].text == "[" and tokens[a - 1].start >= line_start
            blank = re.match(r"[ \t]*", text[line_start:])
            indent = (blank.group(0) if blank else "") or "    "
            joint = " ; " if inline else f" ;\n{indent}"
            start_name, end_name = (
                min(p, key=lambda s: (s.startswith("<"), s)) for p in (start_p, end_p)
            )
            edits.append(
                (
                    exact_token.end,
                    exact_token.end,
                    f"{joint}{start_name} {change.start}{joint}{end_name} {change.end}",
                )
            )
        else:
            return None
    out = text
    for start, end, new in sorted(edits, reverse=True):
        out = out[:start] + new + out[end:]
    try:
        return out if isomorphic(parse_text(out, where), expected) else None
    except Exception:  # noqa: BLE001 - a patch that does not parse is never written: the caller falls back
        return None
