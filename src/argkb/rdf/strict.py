"""The strict side of RDF: every term and every byte argkb writes is checked by pyoxigraph's parser.

rdflib accepts (and writes) things the RDF and Turtle grammars forbid: IRIs with spaces,
``{``, ``\\`` or ``%zz``, lone UTF-16 surrogates, malformed language tags. pyoxigraph does
not. ``check_graph`` refuses such terms in what a user gives (an ``InputError`` naming the
term and how to fix it); ``check_turtle`` re-parses bytes about to be written and proves they
hold exactly the intended triples.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from argkb.errors import ArgkbError, InputError, UsageError
from argkb.rdf.text import check_text  # noqa: F401 - re-exported: read from here too


class UnsafeWrite(ArgkbError):
    """Bytes about to be written would not read back as the intended triples (nothing was
    written)."""


def ox_named_node(iri: str) -> ox.NamedNode:
    check_text(iri, f"the IRI <{iri.encode('utf-8', 'backslashreplace').decode()}>")
    try:
        return ox.NamedNode(iri)
    except ValueError as exc:
        raise UsageError(
            f"not a valid IRI <{iri}>: {exc}; percent-encode or remove the character"
        ) from None


def ox_literal(value: str, language: str | None = None, datatype: str | None = None) -> ox.Literal:
    check_text(value, "a literal")
    try:
        if language:
            return ox.Literal(value, language=language)
        if datatype:
            return ox.Literal(value, datatype=ox_named_node(datatype))
        return ox.Literal(value)
    except ValueError as exc:
        raise UsageError(
            f"not a valid language tag {language!r}: {exc}; use a BCP 47 tag such as en or en-GB"
        ) from None


def ox_term(term, skolem: dict | None = None):
    """The pyoxigraph term for an rdflib one (a UsageError when RDF forbids it)."""
    if isinstance(term, URIRef):
        return ox_named_node(str(term))
    if isinstance(term, Literal):
        return ox_literal(str(term), term.language, str(term.datatype) if term.datatype else None)
    if isinstance(term, BNode):
        if skolem is None:
            return ox.BlankNode()
        return skolem.setdefault(term, ox.BlankNode())
    raise UsageError(f"not an RDF term: {term!r}")


def from_ox(term):
    """A pyoxigraph term as an rdflib term; plain strings stay plain (no xsd:string), as rdflib
    reads them."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return iri_of(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        language = term.language
        return literal_of(term.value, language, "" if language else term.datatype.value)
    raise TypeError(f"unexpected term {term!r}")


def iri_of(text: str) -> URIRef:
    """``URIRef(text)`` for an IRI pyoxigraph holds, without URIRef's check: it only warns, and
    pyoxigraph's IRIs passed a stricter one."""
    return _new_str(URIRef, text)


def literal_of(value: str, language: str | None, datatype: str) -> Literal:
    """The rdflib literal ``from_ox`` makes of a pyoxigraph literal with this lexical form,
    language tag (empty or None for none) and datatype IRI (read only without a tag)."""
    if language:
        return _string_literal(value, language)
    if datatype == _XSD_STRING:
        return _string_literal(value, None)
    return Literal(value, datatype=URIRef(datatype))


_XSD_STRING = str(XSD.string)
_new_str = str.__new__


def _string_literal(value: str, language: str | None) -> Literal:
    """``Literal(value, lang=language)`` as rdflib's constructor makes it for a plain or
    language-tagged string (the same four fields), without its checks: pyoxigraph's strings and tags
    passed stricter ones. At a million triples the map reads some 360,000 literals; the constructor
    cost 13 µs each."""
    literal = _new_str(Literal, value)
    literal._language = language
    literal._datatype = None
    literal._value = value
    literal._ill_typed = None
    return literal


def to_nt(term) -> str:
    """A term in N-Triples syntax: one line whatever the text holds (the log records replaced values
    so)."""
    return str(ox_term(term))


def from_nt(text: str):
    """The rdflib term written ``text`` in N-Triples syntax (``to_nt``'s inverse)."""
    try:
        (triple,) = ox.parse(f"<urn:s> <urn:p> {text} .\n".encode(), ox.RdfFormat.N_TRIPLES)
    except (SyntaxError, ValueError) as exc:
        raise UsageError(f"not an RDF term in N-Triples syntax: {text!r} ({exc})") from None
    return from_ox(triple.object)


def ox_triples(graph: Graph) -> set:
    seen: dict = {}
    iris: dict = {}  # an IRI is checked and converted once, however often it occurs

    def term(t):
        if isinstance(t, URIRef):
            found = iris.get(t)
            if found is None:
                found = iris[t] = ox_term(t)
            return found
        return ox_term(t, seen)

    return {ox.Triple(term(s), term(p), term(o)) for s, p, o in graph}


def check_graph(graph: Graph, path: Path | str) -> Graph:
    """``graph`` unchanged when every term is one RDF allows; else an InputError naming the first
    bad one."""
    seen: dict = {}
    checked: set = set()
    for triple in graph:
        for term in triple:
            if term in checked:
                continue
            try:
                ox_term(term, seen)
            except UsageError as exc:
                raise InputError(path, str(exc)) from None
            checked.add(term)
    return graph


def check_turtle(data: bytes, graph: Graph, name: str) -> None:
    """Raise UnsafeWrite unless ``data`` parses strictly as Turtle holding exactly ``graph``'s
    triples."""
    try:
        parsed = {q.triple for q in ox.parse(data, ox.RdfFormat.TURTLE, base_iri="urn:argkb:check")}
    except SyntaxError as exc:
        raise UnsafeWrite(
            f"{name}: refusing to write Turtle that does not parse ({exc}); nothing was written; "
            "please report this as a bug in argkb"
        ) from None
    if any(isinstance(t, BNode) for triple in graph for t in triple):
        same = len(parsed) == len(graph)
    else:
        same = parsed == ox_triples(graph)
    if not same:
        raise UnsafeWrite(
            f"{name}: refusing to write Turtle that would not read back as the same triples; "
            "nothing was written; please report this as a bug in argkb"
        )
