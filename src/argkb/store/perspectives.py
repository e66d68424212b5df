"""The perspectives a knowledge base declares: the five built-in lenses and any it adds.

A knowledge base may declare further lenses (neoclassical realism, feminist IR, …) as
``argkb:Perspective`` + ``skos:Concept`` in its own scheme; every command that takes a lens by
name reads them from the store with ``declared_perspectives(store)`` and treats them exactly as
the built-in ones.
"""

from __future__ import annotations

import re

from rdflib import URIRef

from argkb.store.queries import PERSPECTIVES_QUERY
from argkb.vocab.lenses import BUILT_IN, PERSPECTIVES


def _key(text: str) -> str:
    """``Feminist IR`` -> ``feminist-ir``; ``NeoclassicalRealism`` -> ``neoclassical-realism``."""
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", text.strip())
    return re.sub(r"[\s_]+", "-", text).lower()


def declared_perspectives(store) -> dict[str, URIRef]:
    """Every name a user may type for a lens -> its IRI: the built-in names, then each declared
    perspective's skos:notation, label and local name (a built-in name is never taken over)."""
    names = dict(PERSPECTIVES)
    for row in sorted(
        store.query(PERSPECTIVES_QUERY).dicts(),
        key=lambda r: tuple(str(v) for v in r.values() if v is not None),
    ):
        iri = row["perspective"]
        if not isinstance(iri, URIRef) or iri in BUILT_IN:
            continue
        local = re.split(r"[#/]", str(iri))[-1]
        for text in (row.get("notation"), row.get("label"), local):
            if text is not None and str(text).strip():
                names.setdefault(_key(str(text)), iri)
    return names


def lenses(store) -> list[URIRef]:
    """The lenses of a knowledge base in order: the five built-in ones, then the declared ones by
    IRI."""
    extra = sorted(
        {iri for iri in declared_perspectives(store).values() if iri not in BUILT_IN}, key=str
    )
    return [*BUILT_IN, *extra]
