"""``argkb draft SOURCE --format argdown``: the draft as argkb-flavoured Argdown (docs/argdown.md),
to complete in any Argdown editor and then `argkb add` (or `argkb import --from argdown`).

The draft is built and checked as Turtle (``argkb.author.draft``), read back as a graph and written
with the Argdown writer, so both formats say the same triples; each implication is followed by a
commented argument template, one line per relation.
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from argkb.author.draft import draft, source_of
from argkb.export.argdown import to_argdown_text
from argkb.kb.folder import KnowledgeBase
from argkb.rdf.ids import short
from argkb.vocab.namespaces import ARGKB, KB

HEADER = [
    "Draft of {source}, written by `argkb draft --format argdown`: {count} implications.",
    "",
    "Each statement quotes its sentence (its `quote`: the exact words, anchored again in the "
    "source when",
    "you import or add this file). `proposed` lists the values proposed from the sentence's "
    "words: check",
    "them, then delete `proposed`. Each `todo` is a decision only you can take; delete it once "
    "done.",
    "Write each argument below its implication (the commented template), remove the // and "
    "complete it.",
    "`argkb add THIS_FILE` validates and adds it; sentences that are not consequences can be "
    "deleted.",
]


def template(node: object) -> list[str]:
    local = str(node)[len(str(KB)) :]
    arg = "arg-" + local.split("-", 1)[-1] + "-realism"
    return [
        f'// <{arg}>: a short label #realism {{warrant: "why the premises support it"}}',
        "//   + [claim-…]",
        f"//   +> [{local}]",
    ]


def draft_argdown(kb: KnowledgeBase, name: str, claims: bool = False, store=None) -> str:
    source, _ = source_of(kb, name)
    how: dict[URIRef, list[tuple[URIRef, str]]] = {}
    graph = Graph().parse(
        data=draft(kb, name, claims=claims, store=store, notes=how), format="turtle"
    )
    implications = sorted(graph.subjects(RDF.type, ARGKB.Implication), key=str)
    header = [line.format(source=short(source), count=len(implications)) for line in HEADER]
    return to_argdown_text(
        graph,
        kb.source_text,
        title=f"Draft of {short(source)}",
        header=header,
        notes={
            node: _how(how.get(URIRef(str(node)), [])) + template(node) for node in implications
        },
    )


def _how(affects: list[tuple[URIRef, str]]) -> list[str]:
    """Comment lines saying how each affected actor was proposed (a weaker guess says so), and
    the attribution the label left out."""
    return [
        f"// label, without its attribution: {how}"
        if actor == RDFS.label
        else f"// affects {str(actor)[len(str(KB)) :]}, proposed: {how}"
        for actor, how in affects
    ]
