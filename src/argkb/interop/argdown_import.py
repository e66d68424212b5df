"""``argkb import --from argdown`` for argkb-flavoured Argdown (docs/argdown.md): the document is
read back into the graph it stands for, ids included, and written as a contribution file; a document
without the front matter's ``argkb:`` block is plain Argdown, imported as before
(``argkb.interop.argdown``)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from argkb.contrib.prepare import MAX_BYTES
from argkb.errors import InputError
from argkb.interop.model import MapError
from argkb.rdf.parse import read_text
from argkb.rdf.serialize import to_turtle
from argkb.vocab.namespaces import ARGKB


def read_flavoured(
    path: Path, kb, source: str | None = None, text: str | None = None
) -> Graph | None:
    """The graph of an argkb-flavoured document, or None if ``path`` is plain Argdown; quotes are
    anchored in ``--source`` (else the front matter's source), read from ``kb``."""
    from argkb.interop.anchoring import find_words, registered_source
    from argkb.interop.argdown_flavoured import flavour, read_graph

    path = Path(path)
    if text is None:
        if path.exists() and not path.is_file():
            raise InputError(
                path, "is not a regular file (a device or a pipe); save the map to a file first"
            )
        text = read_text(path, MAX_BYTES)
    try:
        block = flavour(text)
        if block is None:
            return None
        anchor = registered_source(kb, source)[0] if source and kb is not None else None
        texts = (lambda node: kb.source_text(node)) if kb is not None else (lambda node: None)
        return read_graph(text, path.name, texts, source=anchor, find=find_words, block=block)
    except MapError as exc:
        raise InputError(path, str(exc)) from None


def summary(graph: Graph) -> dict:
    def count(cls: URIRef) -> int:
        return sum(1 for _ in graph.subjects(RDF.type, cls))

    attacks = {s for s in graph.subjects(ARGKB.attacks, None)}
    args = set(graph.subjects(RDF.type, ARGKB.Argument))
    return {
        "claims": count(ARGKB.Claim) + count(ARGKB.Implication),
        "supports": len(args - attacks),
        "attacks": len(args & attacks),
        "todo": sum(1 for _ in graph.subject_objects(ARGKB.todo)),
        "skipped": 0,
        "quotes": count(ARGKB.Quote),
        "flavoured": True,
    }


def convert_flavoured(path: Path, kb, source: str | None) -> tuple[str, dict] | None:
    graph = read_flavoured(path, kb, source)
    if graph is None:
        return None
    counts = summary(graph)
    header = (
        f"argkb contribution imported from {Path(path).name} (argkb-flavoured Argdown) by `argkb "
        "import`.\n"
        f"{counts['claims']} claims, {counts['supports']} supporting and {counts['attacks']} "
        f"attacking arguments, {counts['quotes']} quotes anchored in their source.\n"
        "Check it with `argkb validate FILE`, then `argkb add` it."
    )
    return to_turtle(graph, header=header), counts
