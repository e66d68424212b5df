"""The lenses (perspectives) argkb ships, and the names users type for them: the one place that says
so.

They come from the ontology (``argkb:Perspective`` individuals, ``skos:notation``,
``skos:altLabel``), through ``argkb.vocab._lenses``, generated from it. A knowledge base may declare
more (``argkb.store.perspectives`` reads those from its store, next to these). Nothing else in argkb
writes a lens's name.
"""
from __future__ import annotations

from rdflib import URIRef

from argkb.vocab._lenses import BUILT_IN_LENSES

#: the built-in lenses, in the ontology's order
BUILT_IN: tuple[URIRef, ...] = tuple(term for term, _notation, _alt in BUILT_IN_LENSES)

#: lens -> the name users type and JSON keys use (its skos:notation)
NOTATION: dict[URIRef, str] = {term: notation for term, notation, _alt in BUILT_IN_LENSES}

#: lens -> its short name, for column headers (its first skos:altLabel, else its notation)
SHORT: dict[URIRef, str] = {term: (alt[0] if alt else notation) for term, notation, alt in BUILT_IN_LENSES}

#: the built-in lenses' names as users type them, in order
NAMES: tuple[str, ...] = tuple(NOTATION[term] for term in BUILT_IN)


def _typed() -> dict[str, URIRef]:
    names: dict[str, URIRef] = {}
    for term, notation, alt in BUILT_IN_LENSES:
        for name in (notation, notation.replace("-", ""), *alt):
            names.setdefault(name, term)
    return names


#: what users may type for a built-in lens -> its term: its notation, the notation without hyphens,
#: its altLabels
PERSPECTIVES: dict[str, URIRef] = _typed()


def local_name(term) -> str:
    """A lens's local name in the ontology (``argkb:Name`` -> ``Name``)."""
    return str(term).rsplit("#", 1)[-1]


__all__ = ["BUILT_IN", "NOTATION", "SHORT", "NAMES", "PERSPECTIVES", "local_name"]
