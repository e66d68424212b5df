"""Deterministic Turtle that follows the grammar: the same triples always give the same bytes.

Prefixes first (only those used), then one block per subject in sorted order; within a
block ``a`` first, then ``rdfs:label``, then the other predicates sorted, objects sorted.
Blank nodes are refused (contributions are skolemised before they get here), unless
``blank_nodes=True`` asks for them as ``_:bN`` labels (files an author keeps editing, e.g.
``argkb anchor``).

Every term is written by pyoxigraph (``argkb.rdf.strict``), which escapes what Turtle
requires (quotes, backslashes, line breaks, control characters) and refuses IRIs and
language tags the grammar forbids; a prefixed name is used only when its local part is
plain ASCII the grammar certainly allows. ``turtle_bytes`` then re-parses the exact bytes
with pyoxigraph's strict parser and compares them with the graph: what it returns is safe
to write.
"""

from __future__ import annotations

import re

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from argkb.rdf.strict import check_turtle, ox_literal, ox_named_node
from argkb.vocab.namespaces import PREFIXES

_TYPE = RDF.type
_FIRST = {RDF.type: "0", RDFS.label: "1"}
#: datatypes Turtle writes bare (when the lexical form is already the bare one)
_NATIVE = {
    XSD.integer: re.compile(r"^[+-]?[0-9]+$").match,
    XSD.boolean: re.compile(r"^(true|false)$").match,
}
#: local names written as prefix:local: an ASCII subset of Turtle's PN_LOCAL (no escapes, no final
#: dot)
_PLAIN_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$").match


def _iri(iri: str) -> tuple[str, str | None]:
    """An IRI as Turtle writes it, and the prefix that takes (None: written in full)."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and _PLAIN_LOCAL(iri[len(ns) :]):
            return f"{prefix}:{iri[len(ns) :]}", prefix
    return str(ox_named_node(iri)), None


def _name(
    term,
    used: set[str],
    blanks: dict | None = None,
    iris: dict | None = None,
    predicate: bool = False,
) -> str:
    """``term`` as Turtle (``iris``: IRIs already written, and how, so each is worked out once);
    ``a`` stands for rdf:type only as a predicate (as an object, ``argkb:proposed rdf:type``, it is
    written out)."""
    if isinstance(term, BNode) and blanks is not None:
        return blanks.setdefault(term, f"_:b{len(blanks) + 1}")
    if isinstance(term, URIRef):
        if term == _TYPE and predicate:
            return "a"
        written = iris.get(term) if iris is not None else None
        if written is None:
            written = _iri(str(term))
            if iris is not None:
                iris[term] = written
        if written[1] is not None:
            used.add(written[1])
        return written[0]
    if isinstance(term, Literal):
        if term.datatype in _NATIVE and _NATIVE[term.datatype](str(term)):
            return str(term)
        quoted = str(ox_literal(str(term)))
        if term.language:
            ox_literal(str(term), language=term.language)  # refuses a tag the grammar forbids
            return f"{quoted}@{term.language}"
        if term.datatype is not None:
            return f"{quoted}^^{_name(term.datatype, used, iris=iris)}"
        return quoted
    if isinstance(term, BNode):
        raise ValueError("blank nodes must be skolemised before serialising")
    raise ValueError(f"cannot write {term!r} as Turtle")


def term_turtle(term, used: set[str]) -> str:
    """One IRI or literal as Turtle, written by pyoxigraph (``used`` collects the prefixes it
    takes); rdf:type is ``a``, as a predicate (a caller writing it as an object writes ``rdf:type``
    itself)."""
    return _name(term, used, predicate=True)


def comment_text(text: str, limit: int = 300) -> str:
    """``text`` made safe inside a ``#`` comment: line breaks and other control characters become
    spaces (a comment ends at a line break, and what follows it would be read as Turtle), runs of
    spaces one, at most ``limit`` characters."""
    flat = " ".join(_CONTROL.sub(" ", text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _sort_key(term) -> tuple:
    return (
        0 if isinstance(term, URIRef) else 1,
        str(term),
        str(getattr(term, "datatype", "") or ""),
        str(getattr(term, "language", "") or ""),
    )


def to_turtle(graph: Graph, header: str = "", blank_nodes: bool = False) -> str:
    """The graph as sorted, prefixed Turtle (``header`` lines are written as comments first)."""
    used: set[str] = set()
    blanks: dict | None = {} if blank_nodes else None
    iris: dict = {}
    blocks: list[str] = []
    by_subject: dict = {}
    for s, p, o in graph:
        by_subject.setdefault(s, {}).setdefault(p, []).append(o)
    for subject in sorted(by_subject, key=_sort_key):
        preds = sorted(by_subject[subject], key=lambda p: (_FIRST.get(p, "2"), str(p)))
        lines = []
        for pred in preds:
            objects = sorted(by_subject[subject][pred], key=_sort_key)
            rendered = ", ".join(_name(o, used, blanks, iris) for o in objects)
            lines.append(f"    {_name(pred, used, iris=iris, predicate=True)} {rendered}")
        blocks.append(_name(subject, used, blanks, iris) + "\n" + " ;\n".join(lines) + " .\n")
    out = [f"# {line}".rstrip() for line in header.splitlines()]
    out += [f"@prefix {p}: <{PREFIXES[p]}> ." for p in PREFIXES if p in used]
    return "\n".join(out) + "\n\n" + "\n".join(blocks)


def turtle_bytes(graph: Graph, header: str = "", name: str = "output") -> bytes:
    """``to_turtle`` as UTF-8 bytes, re-parsed by the strict parser and compared with ``graph``
    first."""
    data = to_turtle(graph, header).encode("utf-8")
    check_turtle(data, graph, name)
    return data
