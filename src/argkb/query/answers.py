"""Answers of the shipped named queries kept beside the committed database they were computed on.

A committed database of the derived store is never written again (``argkb.store.views``), so the
answer of a query that reads nothing but the database stays true as long as the manifest names the
database. ``argkb query`` keeps the SELECT and ASK answers of the queries shipped in argkb's library
as views of the database (``answer-…``, named by a digest of the query as run, its parameters, the
prefixes it may use, and this module's code), and reads them back instead of asking Oxigraph again:
at a million triples, ``lever-perspective-summary`` costs Oxigraph ~0.3 s of CPU and its view ~1 ms.

Not kept: answers holding blank nodes (their labels belong to one run), answers of queries that call
``NOW``, ``RAND``, ``UUID``, ``STRUUID`` or ``BNODE`` (not the database's alone), answers of any
other query (a file, standard input, a knowledge base's own queries), and any answer where the store
is not a committed database (``--data``, ``--endpoint``, memory). A view is a cache: losing it costs
one query.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from argkb.store.views import read_view, view_path, write_view

#: the views' encoding (a change renames them)
VIEW = "answer-1"
#: functions whose value is not the database's alone: their queries' answers are not kept
_VOLATILE = re.compile(r"\b(NOW|RAND|UUID|STRUUID|BNODE)\s*\(", re.IGNORECASE)
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def shipped(query) -> bool:
    """Whether ``query`` is one of argkb's own library (not a file, standard input or a KB's own
    query)."""
    from argkb.kb.folder import bundled_root

    root = bundled_root()
    return (
        query.path is not None
        and root is not None
        and Path(query.path).resolve().parent == (root / "queries").resolve()
    )


def name(text: str, bindings: dict, prefixes: dict) -> str:
    """The view's name for ``text`` run with ``bindings`` (parameter -> term) and ``prefixes``."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for part in (
        text,
        *(f"{k}={_key(v)}" for k, v in sorted(bindings.items())),
        *(f"{k}:{v}" for k, v in sorted(prefixes.items())),
    ):
        digest.update(b"\0" + part.encode("utf-8"))
    return f"{VIEW}-{digest.hexdigest()[:20]}"


def _key(term) -> str:
    """A parameter's term, written without doubt (an rdflib term: its N-Triples form)."""
    return term.n3() if hasattr(term, "n3") else str(term)


def keeps(store, query, text: str) -> bool:
    """Whether answers of ``query`` (checked text ``text``) on ``store`` are kept as views."""
    return view_path(store, VIEW) is not None and shipped(query) and not _VOLATILE.search(text)


def recall(store, view: str):
    """The kept answer (a ``QueryResult`` of pyoxigraph terms), or None."""
    from argkb.store.base import QueryResult

    value = read_view(store, view)
    try:
        if isinstance(value, tuple) and value[0] == "ask":
            return QueryResult("ask", boolean=bool(value[1]))
        if isinstance(value, tuple) and value[0] == "select":
            return QueryResult(
                "select", vars=list(value[1]), rows=[tuple(map(_decode, row)) for row in value[2]]
            )
    except (TypeError, ValueError, IndexError):  # not what this module writes: asked again
        return None
    return None


def remember(store, view: str, result) -> None:
    """Keep ``result`` (native pyoxigraph terms) as view ``view``, unless it holds a blank node."""
    if result.kind == "ask":
        write_view(store, view, ("ask", bool(result.boolean)))
        return
    if result.kind != "select":
        return
    try:
        rows = [tuple(map(_encode, row)) for row in result.rows]
    except TypeError:  # a blank node, or a term of another library
        return
    write_view(store, view, ("select", tuple(result.vars), rows))


def _encode(term):
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        return (
            term.value,
            term.language or "",
            "" if term.language or datatype == _XSD_STRING else datatype,
        )
    raise TypeError(f"not kept: {term!r}")


def _decode(value):
    import pyoxigraph as ox

    if value is None:
        return None
    if isinstance(value, str):
        return ox.NamedNode(value)
    text, language, datatype = value
    if language:
        return ox.Literal(text, language=language)
    return ox.Literal(text, datatype=ox.NamedNode(datatype)) if datatype else ox.Literal(text)
