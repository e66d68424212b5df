"""Bounds on a SPARQL query's size and shape, checked on its text before any parser sees it.

Oxigraph's parser and evaluator recurse over the query: 5,000 nested ``{`` or a filter of
10,000 ``||`` terms overflow the native stack and kill the process (a segmentation fault, not
an error), and rdflib's parser takes minutes on such text. ``check_bounds`` refuses them
first, by a single scan that skips strings, IRIs and comments:

* at most ``MAX_QUERY_BYTES`` bytes of UTF-8;
* brackets ``{ ( [`` nested at most ``MAX_NESTING`` deep;
* at most ``MAX_OPERATORS`` operators and pattern combinators (``|| && = != < > <= >= + - * / ! ^ |``,
  ``UNION``, ``OPTIONAL``, ``MINUS``, ``FILTER``, ``BIND``), each one a level of the trees the engines recurse on.

Every named query of the library stays far below these numbers; measured crash points of
pyoxigraph 0.5 are above 500 nested groups and above 3,000 chained ``||``.
"""
from __future__ import annotations

import re

from argkb.errors import UsageError
from argkb.store.base import _skip_string

MAX_QUERY_BYTES = 64 * 1024
MAX_NESTING = 128
MAX_OPERATORS = 1000
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_KEYWORD = re.compile(r"(?i)(UNION|OPTIONAL|MINUS|FILTER|BIND)\b")
_OPERATOR = re.compile(r"\|\||&&|!=|<=|>=|[=<>+\-*/!^|]")


def check_bounds(text: str, origin: str = "query") -> None:
    """Raise ``UsageError`` (naming the limit and how to stay under it) if ``text`` exceeds a bound."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_QUERY_BYTES:
        raise UsageError(f"{origin}: the query is {size:,} bytes; the limit is {MAX_QUERY_BYTES:,}: "
                         "split it, or bind long lists of values with --param / a VALUES block")
    depth = operators = 0
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if c in "\"'":
            i = _skip_string(text, i)
            continue
        if c == "<" and (iri := _IRI.match(text, i)):
            i = iri.end()
            continue
        if c in "{([":
            depth += 1
            if depth > MAX_NESTING:
                raise UsageError(f"{origin}: brackets nested more than {MAX_NESTING} deep: "
                                 "flatten the query (groups and parentheses that hold one element can go)")
        elif c in "})]":
            depth -= 1
        elif c == "-" and i > 0 and (text[i - 1].isalpha() or text[i - 1] == "_"):
            pass  # inside a name (kb:impl-strain), not a minus
        elif (op := _OPERATOR.match(text, i)) or ((i == 0 or not _name_char(text[i - 1])) and
                                                   (op := _KEYWORD.match(text, i))):
            operators += 1
            if operators > MAX_OPERATORS:
                raise UsageError(f"{origin}: more than {MAX_OPERATORS:,} operators (||, &&, =, +, UNION, "
                                 "FILTER …): test many values with IN (…) or a VALUES block instead of a chain")
            i = op.end()
            continue
        i += 1


def _name_char(c: str) -> bool:
    return c.isalnum() or c in "_:?$"
