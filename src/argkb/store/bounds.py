"""A SPARQL query's text made canonical, and bounds on its size and shape, checked before any parser
sees it.

**One text for the check and the run.** rdflib (argkb's check) and Oxigraph (which runs the
query) read some text differently: Oxigraph ends a comment at a carriage return, rdflib at the
next line feed; rdflib expands ``\\uXXXX`` escapes everywhere before parsing (and reads eight hex
digits after ``\\u``), Oxigraph only inside strings and IRIs, as code points that never end a
string. Each gap could hide a SERVICE, a FROM or deep nesting from the check. ``canonical``
rewrites the query, following Oxigraph's reading, into a text both read alike, and that text
is checked and run:

* comments are dropped (up to, not including, their line end);
* a carriage return outside a string is a line end (``\\r\\n`` and ``\\r`` become ``\\n``); inside a
  ``\"\"\"…\"\"\"`` string it is written ``\\r``;
* ``\\u``/``\\U`` escapes inside strings become the character (or ``\\"``, ``\\'``, ``\\\\``,
  ``\\n``, ``\\r``), inside IRIs the character (refused if an IRI may not hold it); anywhere else
  they are refused;
* a line break inside a ``"…"`` / ``'…'`` string is refused (SPARQL forbids it).

The result holds no carriage return and nothing rdflib would expand as an escape.

**Bounds.** Oxigraph's parser and evaluator recurse over the query: 5,000 nested ``{`` or a filter
of 10,000 ``||`` terms overflow the native stack and kill the process (a segmentation fault, not
an error), and rdflib's parser takes minutes on such text. ``check_bounds`` refuses them
first, by a single scan of the canonical text that skips strings, IRIs and escaped characters:

* at most ``MAX_QUERY_BYTES`` bytes of UTF-8;
* brackets ``{ ( [`` nested at most ``MAX_NESTING`` deep (parentheses and brackets inside what looks
  like an IRI count too: ``?a <((…))> 2`` is a comparison to Oxigraph);
* at most ``MAX_OPERATORS`` operators and pattern combinators
  (``|| && = != < > <= >= + - * / ! ^ |``, ``UNION``, ``OPTIONAL``, ``MINUS``, ``FILTER``,
  ``BIND``), each one a level of the trees the engines recurse on.

Every named query of the library stays far below these numbers; measured crash points of
pyoxigraph 0.5 are above 500 nested groups and above 3,000 chained ``||``.
"""

from __future__ import annotations

import re

from argkb.errors import InputError, UsageError
from argkb.store.sparql_terms import _skip_string

MAX_QUERY_BYTES = 64 * 1024
MAX_NESTING = 128
MAX_OPERATORS = 1000
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_IRI_ESCAPED = re.compile(r"<(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>")
_IRI_FORBIDDEN = re.compile(r"[<>\"{}|^`\\\x00-\x20]")
#: a "<" followed by one of these is a comparison, not an IRI (``?a<?b``, ``?n<3``), as Oxigraph
#: reads it: reading ``?a<?b)#>`` as an IRI hid the comment that follows from argkb's scan
_OPERAND_START = frozenset("?$0123456789(!+-.'")
_CODE_POINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
#: what rdflib's parser expands before parsing (4 or 8 hex digits after \u, any case)
_RDFLIB_ESCAPE = re.compile(r"\\u[0-9a-f]{4}", re.IGNORECASE)
_PLAIN = re.compile(r"[^#\r\"'<\\]+")
_LINE_END = re.compile(r"[\r\n]")
_KEYWORD = re.compile(r"(?i)(UNION|OPTIONAL|MINUS|FILTER|BIND)\b")
_OPERATOR = re.compile(r"\|\||&&|!=|<=|>=|[=<>+\-*/!^|]")
_AS_ECHAR = {'"': '\\"', "'": "\\'", "\\": "\\\\", "\n": "\\n", "\r": "\\r"}


def _where(text: str, i: int) -> tuple[int, int]:
    line = text.count("\n", 0, i) + text.count("\r", 0, i) - text.count("\r\n", 0, i) + 1
    start = max(text.rfind("\n", 0, i), text.rfind("\r", 0, i)) + 1
    return line, i - start + 1


def _refuse(text: str, i: int, origin: str, reason: str):
    line, column = _where(text, i)
    return InputError(origin, reason, line, column)


def _code_point(text: str, match: re.Match, origin: str) -> str:
    value = int(match.group(1) or match.group(2), 16)
    if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        raise _refuse(
            text,
            match.start(),
            origin,
            f"{match.group()} is not a Unicode character: "
            "write the character you mean, or drop the escape",
        )
    return chr(value)


def canonical(text: str, origin: str = "query") -> str:
    """The query as both rdflib and Oxigraph read it alike (see the module's description); refuses,
    with line and column, what cannot be made so (InputError)."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        plain = _PLAIN.match(text, i)
        if plain:
            out.append(plain.group())
            i = plain.end()
            continue
        c = text[i]
        if c == "#":  # a comment, to the next line end as Oxigraph reads it (CR or LF): dropped
            end = _LINE_END.search(text, i)
            i = n if end is None else end.start()
        elif c == "\r":
            out.append("\n")
            i += 2 if text.startswith("\r\n", i) else 1
        elif c in "\"'":
            i = _canonical_string(text, i, out, origin)
        elif (
            c == "<"
            and text[i + 1 : i + 2] not in _OPERAND_START
            and (iri := _IRI_ESCAPED.match(text, i))
        ):
            value = _CODE_POINT.sub(lambda m: _code_point(text, m, origin), iri.group()[1:-1])
            if forbidden := _IRI_FORBIDDEN.search(value):
                bad = forbidden.group()
                raise _refuse(
                    text,
                    i,
                    origin,
                    f"an escape in IRI {iri.group()[:60]!r} gives {bad!r}, which is not "
                    "allowed in an IRI: percent-encode it (%20 for a space)",
                )
            out.append(f"<{value}>")
            i = iri.end()
        elif c == "\\":
            following = text[i + 1 : i + 2]
            if following in ("u", "U"):
                raise _refuse(
                    text,
                    i,
                    origin,
                    f"a {text[i : i + 6]!r} escape outside a string or IRI: write the "
                    'character itself (escapes are read only inside "…" and <…>)',
                )
            # an escaped character of a prefixed name (kb:a\-b, kb:a\#b), else a syntax error for
            # the parser
            out.append("\\" + ("\n" if following == "\r" else following))
            i += 2
        else:  # a "<" that opens no IRI: an operator
            out.append(c)
            i += 1
    result = "".join(out)
    stray = _RDFLIB_ESCAPE.search(result)
    if stray:
        raise InputError(
            origin,
            f"a backslash followed by {stray.group()[1:]!r} (written \\\\{stray.group()[1:]} "
            "or made by an escape): SPARQL readers disagree on it; write the character "
            "itself, or split the string with CONCAT",
        )
    return result


def _canonical_string(text: str, i: int, out: list[str], origin: str) -> int:
    """Copy the string starting at ``text[i]`` to ``out``, escapes made plain; the index after
    it."""
    quote = text[i]
    long = text.startswith(quote * 3, i)
    delimiter = quote * 3 if long else quote
    out.append(delimiter)
    j, n = i + len(delimiter), len(text)
    while j < n:
        if text.startswith(delimiter, j):
            out.append(delimiter)
            return j + len(delimiter)
        c = text[j]
        if c == "\\":
            point = _CODE_POINT.match(text, j)
            if point:
                value = _code_point(text, point, origin)
                out.append(_AS_ECHAR.get(value, value))
                j = point.end()
                continue
            following = text[j + 1 : j + 2]
            out.append(
                "\\" + ("\n" if following == "\r" else following)
            )  # an ECHAR (\n, \", \\ …) or an error
            j += 2
            continue
        if c in "\r\n" and not long:
            raise _refuse(
                text,
                j,
                origin,
                f"a line break inside a {quote}…{quote} string: write \\n, or use a "
                f"{quote * 3}…{quote * 3} string",
            )
        out.append("\\r" if c == "\r" else c)
        j += 1
    return n  # unterminated: the parser says so


def check_size(text: str, origin: str = "query") -> None:
    """Raise ``UsageError`` if ``text`` is over ``MAX_QUERY_BYTES`` of UTF-8 (checked before
    anything reads it)."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_QUERY_BYTES:
        raise UsageError(
            f"{origin}: the query is {size:,} bytes; the limit is {MAX_QUERY_BYTES:,}: "
            "split it, or bind long lists of values with --param / a VALUES block"
        )


def check_bounds(text: str, origin: str = "query") -> None:
    """Raise ``UsageError`` (naming the limit and how to stay under it) if ``text`` exceeds a bound.

    ``text`` should be canonical (``canonical``): the scan reads comments to the line feed only."""
    check_size(text, origin)
    depth = operators = 0
    i, n = 0, len(text)

    def deeper(by: int) -> None:
        nonlocal depth
        depth += by
        if depth > MAX_NESTING:
            raise UsageError(
                f"{origin}: brackets nested more than {MAX_NESTING} deep: "
                "flatten the query (groups and parentheses that hold one element can go)"
            )

    while i < n:
        c = text[i]
        if c == "#":
            end = _LINE_END.search(text, i)
            i = n if end is None else end.end()
            continue
        if c in "\"'":
            i = _skip_string(text, i)
            continue
        if c == "\\":  # an escaped character of a prefixed name: kb:a\#b, kb:a\'b
            i += 2
            continue
        if c == "<" and text[i + 1 : i + 2] not in _OPERAND_START and (iri := _IRI.match(text, i)):
            for (
                b
            ) in iri.group():  # to Oxigraph this may be "<" then an expression: its brackets count
                if b in "([":
                    deeper(1)
                elif b in ")]":
                    depth -= 1
            i = iri.end()
            continue
        if c in "{([":
            deeper(1)
        elif c in "})]":
            depth -= 1
        elif c == "-" and i > 0 and (text[i - 1].isalpha() or text[i - 1] == "_"):
            pass  # inside a name (kb:impl-strain), not a minus
        elif (op := _OPERATOR.match(text, i)) or (
            (i == 0 or not _name_char(text[i - 1])) and (op := _KEYWORD.match(text, i))
        ):
            operators += 1
            if operators > MAX_OPERATORS:
                raise UsageError(
                    f"{origin}: more than {MAX_OPERATORS:,} operators (||, &&, =, +, UNION, "
                    "FILTER …): test many values with IN (…) or a VALUES block instead of a chain"
                )
            i = op.end()
            continue
        i += 1


def _name_char(c: str) -> bool:
    return c.isalnum() or c in "_:?$"
