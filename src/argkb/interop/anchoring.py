"""Where an import finds its quotes: a registered source's text, and a passage's words in it."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import RDF

from argkb.errors import UsageError
from argkb.rdf.ids import to_iri
from argkb.vocab.namespaces import ARGKB


def find_words(text: str, words: str) -> tuple[int, int] | None:
    """Where ``words`` first occur in ``text`` (code-point offsets), found as ``argkb quote`` finds
    a pasted passage (``argkb.author.find``: quotes, dashes, whitespace and line breaks tolerated);
    None if they do not occur."""
    from argkb.author.find import find_quote

    found = find_quote(text, words)
    return (found[0].start, found[0].end) if found else None


def registered_source(kb, name: str) -> tuple[URIRef, str]:
    node = to_iri(name)
    if (node, RDF.type, ARGKB.Source) not in kb.graph():
        raise UsageError(
            f"--source {name}: no argkb:Source {name} in the knowledge base; register the source "
            "first (its Turtle with dcterms:title and argkb:sha256, its text in "
            "data/sources/NAME.txt)"
        )
    text = kb.source_text(node)
    if text is None:
        raise UsageError(
            f"--source {name}: the source has no text file ({kb.source_text_path(node)}); "
            "put its text there so quotes can be found in it"
        )
    return node, text
