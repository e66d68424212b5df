"""Parameters bound as SPARQL text, for engines that cannot bind them: an RDF term written as
SPARQL, escaped (``term_sparql``), and the VALUES block placed first in a query's WHERE pattern
(``with_values``), found by a scan that skips comments, strings and IRIs (``where_brace``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

from argkb.rdf.ids import IRI_FORBIDDEN

if TYPE_CHECKING:  # pragma: no cover
    from rdflib.term import Node


def checked_term(term: Node) -> Node:
    """``term`` if it may be bound as a parameter (an IRI with no forbidden character, a
    literal)."""
    term_sparql(term)
    return term


def term_sparql(term: Node) -> str:
    """An RDF term written as SPARQL, escaped; refuses what cannot be an IRI rather than pasting
    it."""
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        if IRI_FORBIDDEN.search(str(term)):
            raise ValueError(f"not a valid IRI: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    raise TypeError(f"cannot bind {term!r} as a parameter")


def with_values(sparql: str, bindings: Mapping[str, Node]) -> str:
    """The query with a VALUES block binding the parameters, placed first in its WHERE pattern.

    The block is built from RDF terms (``term_sparql``), never from user text, so a
    parameter cannot change the query; placing it first lets the engine start there.
    """
    # one single-variable block per parameter (the same one-row table): Virtuoso 7.2 fails to
    # compile a multi-variable VALUES row binding a predicate variable
    block = (
        " "
        + " ".join(f"VALUES ?{k.lstrip('?$')} {{ {term_sparql(v)} }}" for k, v in bindings.items())
        + " "
    )
    at = where_brace(sparql)
    if at is None:
        return sparql + "\n" + block
    return sparql[: at + 1] + block + sparql[at + 1 :]


@lru_cache(maxsize=1024)
def where_brace(sparql: str) -> int | None:
    """Index of the ``{`` opening the query's WHERE pattern (skipping comments, strings and IRIs).

    Memoised: the walks of ``trace`` and ``impacts`` bind the same few query texts thousands of
    times, and this scan, in Python, cost them as much as parsing the query in Oxigraph."""
    i, n = 0, len(sparql)
    seen_where = False
    upper = sparql.upper()
    is_construct = re.search(r"\bCONSTRUCT\b", _strip_noise(sparql), re.IGNORECASE) is not None
    while i < n:
        c = sparql[i]
        if c == "#":
            i = sparql.find("\n", i)
            if i < 0:
                return None
            continue
        if c in "\"'":
            i = _skip_string(sparql, i)
            continue
        if c == "<" and re.match(r"<[^\s<>\"{}|^`\\]*>", sparql[i:]):
            i = sparql.index(">", i) + 1
            continue
        if upper.startswith("WHERE", i) and (i == 0 or not sparql[i - 1].isalnum()):
            seen_where = True
        if c == "{":
            if seen_where or not is_construct:
                return i
            # a CONSTRUCT template: skip to its end
            end = _matching_brace(sparql, i)
            if end is None:
                return None
            i = end
            continue
        i += 1
    return None


def _strip_noise(sparql: str) -> str:
    return re.sub(r"#[^\n]*", "", sparql)


def _skip_string(text: str, i: int) -> int:
    # the index after the string starting at text[i]; escapes are honoured in long strings too
    # (a long string ending in an escaped quote ends after its fourth quote, as Oxigraph reads it)
    quote = text[i]
    delimiter = quote * 3 if text.startswith(quote * 3, i) else quote
    j, n = i + len(delimiter), len(text)
    while j < n:
        if text[j] == "\\":
            j += 2
        elif text.startswith(delimiter, j):
            return j + len(delimiter)
        else:
            j += 1
    return n


def _matching_brace(text: str, i: int) -> int | None:
    depth = 0
    while i < len(text):
        c = text[i]
        if c in "\"'":
            i = _skip_string(text, i)
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None
