"""The lenses (perspectives) argkb ships, and the names users type for them: the one place that says
so.

They come from the ontology (``argkb:Perspective`` individuals, ``skos:notation``,
``skos:altLabel``), through ``argkb.vocab._lenses``, generated from it. A knowledge base may declare
more (``argkb.store.perspectives`` reads those from its store, next to these). Nothing else in argkb
writes a lens's name.

``NAMES`` is text; the tables of terms (``BUILT_IN``, ``NOTATION``, ``SHORT``, ``PERSPECTIVES``) are
made when first asked for, so that a command that only shows the names does not import rdflib.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from argkb.vocab._lenses import BUILT_IN_LENSES

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import URIRef

    #: the built-in lenses, in the ontology's order
    BUILT_IN: tuple[URIRef, ...]
    #: lens -> the name users type and JSON keys use (its skos:notation)
    NOTATION: dict[URIRef, str]
    #: lens -> its short name, for column headers (its first skos:altLabel, else its notation)
    SHORT: dict[URIRef, str]
    #: what users may type for a built-in lens -> its term: its notation, the notation without
    #: hyphens, its altLabels
    PERSPECTIVES: dict[str, URIRef]

#: the built-in lenses' names as users type them, in order
NAMES: tuple[str, ...] = tuple(notation for _name, notation, _alt in BUILT_IN_LENSES)


def _tables() -> dict:
    from argkb.vocab._argkb import ARGKB

    lenses = [(getattr(ARGKB, name), notation, alt) for name, notation, alt in BUILT_IN_LENSES]
    typed: dict = {}
    for term, notation, alt in lenses:
        for name in (notation, notation.replace("-", ""), *alt):
            typed.setdefault(name, term)
    return {
        "BUILT_IN": tuple(term for term, _notation, _alt in lenses),
        "NOTATION": {term: notation for term, notation, _alt in lenses},
        "SHORT": {term: (alt[0] if alt else notation) for term, notation, alt in lenses},
        "PERSPECTIVES": typed,
    }


def __getattr__(name: str):
    if name not in ("BUILT_IN", "NOTATION", "SHORT", "PERSPECTIVES"):
        raise AttributeError(f"module 'argkb.vocab.lenses' has no attribute {name!r}")
    tables = _tables()
    globals().update(tables)
    return tables[name]


def local_name(term) -> str:
    """A lens's local name in the ontology (``argkb:Name`` -> ``Name``)."""
    return str(term).rsplit("#", 1)[-1]


__all__ = ["BUILT_IN", "NOTATION", "SHORT", "NAMES", "PERSPECTIVES", "local_name"]
