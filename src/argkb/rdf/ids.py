"""Turning what users type into RDF terms: full IRIs, CURIEs (``kb:x``) or bare local names (``x``).

Unknown ids raise a UsageError (exit 2) naming the nearest existing ids.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from argkb.errors import UsageError
from argkb.rdf.text import check_text
from argkb.vocab import lenses
from argkb.vocab.lenses import NAMES
from argkb.vocab.namespaces import PREFIXES

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import URIRef
    from rdflib.term import Node

    #: what users may type for a perspective -> its term (``argkb.vocab.lenses``, from the ontology)
    PERSPECTIVES: dict[str, URIRef]

#: characters no IRI may hold (control characters, any whitespace, and
#: <>"{}|^`\); also checked by argkb.store
IRI_FORBIDDEN = re.compile(r'[\s\x00-\x20<>"{}|^`\\]')

_CURIE = re.compile(r"^([A-Za-z][\w.-]*):([^\s<>\"{}|^`\\]*)$")


def __getattr__(name: str):
    """``PERSPECTIVES``: ``argkb.vocab.lenses.PERSPECTIVES``, made (with rdflib) when first asked
    for."""
    if name == "PERSPECTIVES":
        return lenses.PERSPECTIVES
    raise AttributeError(f"module 'argkb.rdf.ids' has no attribute {name!r}")


def to_iri(text: str) -> URIRef:
    """The IRI a user means: ``<iri>``, ``http…``, ``prefix:local`` or a bare ``local`` in ``kb:``.

    Never builds query text: the result is an RDF term, bound as a parameter.
    """
    from rdflib import URIRef

    text = check_text(text, f"the id {text.encode('utf-8', 'backslashreplace').decode()!r}").strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    if not text:
        raise UsageError("empty id")
    if "://" in text or text.startswith("urn:"):
        if IRI_FORBIDDEN.search(text):
            raise UsageError(f"not a valid IRI: {text!r}")
        return URIRef(text)
    match = _CURIE.match(text)
    if match and match.group(1) in PREFIXES:
        return URIRef(PREFIXES[match.group(1)] + match.group(2))
    if match:
        raise UsageError(
            f"unknown prefix {match.group(1)!r} in {text!r}; known prefixes: {', '.join(PREFIXES)}"
        )
    if IRI_FORBIDDEN.search(text):
        raise UsageError(f"not a valid id: {text!r}")
    return URIRef(PREFIXES["kb"] + text)


def resolve(text: str, known: Iterable[URIRef], what: str = "id") -> URIRef:
    """``to_iri`` checked against the ids that exist; unknown ids name the nearest ones."""
    iri = to_iri(text)
    known = set(known)
    if iri in known:
        return iri
    raise UsageError(unknown_message(text, known, what))


def unknown_message(text: str, known: Iterable[URIRef], what: str = "id") -> str:
    return f"unknown {what} {text!r}{did_you_mean(text, known)}"


def did_you_mean(text: str, known: Iterable[URIRef], n: int = 5) -> str:
    """``"; did you mean kb:a, kb:b?"`` naming the ids in ``known`` nearest to ``text``, or
    ``""``."""
    names = {short(k): k for k in known}
    guess = text.strip().strip("<>")
    guess = guess.split("/")[-1].split("#")[-1].split(":")[-1]
    close = difflib.get_close_matches(guess, [n.split(":", 1)[-1] for n in names], n=n, cutoff=0.5)
    by_local = {n.split(":", 1)[-1]: n for n in names}
    return f"; did you mean {', '.join(by_local[c] for c in close)}?" if close else ""


def short(iri: Node | str) -> str:
    """An IRI as a CURIE of argkb's prefixes, else in angle brackets."""
    s = str(iri)
    for prefix, ns in PREFIXES.items():
        if s.startswith(ns) and s[len(ns) :]:
            return f"{prefix}:{s[len(ns) :]}"
    return f"<{s}>"


@lru_cache(maxsize=1)
def _bare() -> dict:
    """The datatypes Turtle writes bare (858, 2.5, 1.0e3, true), with the lexical forms that keep
    their type."""
    from rdflib.namespace import XSD

    return {
        XSD.integer: re.compile(r"[+-]?\d+"),
        XSD.decimal: re.compile(r"[+-]?\d*\.\d+"),
        XSD.double: re.compile(r"[+-]?(\d+\.\d*|\.?\d+)[eE][+-]?\d+"),
        XSD.boolean: re.compile(r"true|false"),
    }


def show(term) -> str:
    """A term as a person writes it in Turtle: CURIEs for IRIs; ``858``, not ``"858"^^<…#integer>``;
    ``"text"@en``; ``"2025-01-01"^^xsd:date``; ``_:b`` for a blank node."""
    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import XSD

    if isinstance(term, URIRef):
        return short(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    if not isinstance(term, Literal):
        return str(term)
    bare = _bare().get(term.datatype)
    if bare is not None and bare.fullmatch(str(term)):
        return str(term)
    quoted = Literal(str(term)).n3()
    if term.language:
        return f"{quoted}@{term.language}"
    if term.datatype is None or term.datatype == XSD.string:
        return quoted
    return f"{quoted}^^{short(term.datatype)}"


def perspective(text: str, declared: dict[str, URIRef] | None = None) -> URIRef:
    """A perspective by name (``realism``, ``diplomatic-practice``), CURIE or IRI.

    ``declared``: the names a knowledge base gives its lenses (``argkb.store.perspectives``),
    the built-in ones included; without it only the five built-in lenses are known.
    """
    from rdflib import URIRef

    builtin = lenses.PERSPECTIVES
    known = declared or builtin
    key = text.strip().lower().replace(" ", "-").replace("_", "-")
    if key in known:
        return known[key]
    try:
        iri = to_iri(text) if ":" in text else URIRef(PREFIXES["argkb"] + text)
    except UsageError:
        iri = None
    if iri is not None and iri in known.values():
        return iri
    extra = sorted({k for k, v in known.items() if v not in builtin.values()})
    choices = ", ".join([*NAMES, *extra])
    close = difflib.get_close_matches(key, list(known), n=1)
    hint = f"; did you mean {close[0]}?" if close else ""
    raise UsageError(f"unknown perspective {text!r} (choose from {choices}){hint}")
