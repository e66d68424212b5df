"""One list of hedge words (``argkb:hedgeWord`` in the ontology) shared by ``draft``, ``review`` and
the shapes: each hedge word is a cue the detector proposes its qualifier from, a word that keeps a
label off the dropped-hedge review, and names a qualifier the shapes accept."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from argkb.author.detect import consequence_cue
from argkb.vocab import ARGKB
from argkb.vocab.hedges import HEDGE_WORDS, QUALIFIER_OF, cue_key

ROOT = Path(__file__).resolve().parent.parent
PHRASE = {
    "risk": "the allies risk losing the vote",
    "risks": "the alliance risks losing the vote",
    "bound to": "the alliance is bound to lose the vote",
    "tends to": "the alliance tends to lose the vote",
    "tend to": "the allies tend to lose the vote",
    "likely": "the alliance is likely to lose the vote",
    "unlikely": "the alliance is unlikely to win the vote",
    "probably": "the alliance would probably lose the vote",
}


def _sentence(word: str) -> str:
    return "If sanctions are eased, " + PHRASE.get(word, f"the alliance {word} lose the vote") + "."


@pytest.mark.parametrize("word", sorted(HEDGE_WORDS))
def test_draft_proposes_the_qualifier_of_every_hedge_word(word):
    cue, qualifier = consequence_cue(_sentence(word))
    expected = "would" if word == "probably" else word  # "would probably": the first cue decides
    assert cue_key(cue) == expected and qualifier == QUALIFIER_OF[expected]


def _review(labels: list[str]) -> set[str]:
    """The labels the dropped-hedge review flags, run on the ontology and implications qualified
    Could."""
    store = ox.Store()
    store.load(path=str(ROOT / "ontology" / "argkb.ttl"), format=ox.RdfFormat.TURTLE)
    data = "\n".join(
        f"<urn:i{n}> a <{ARGKB.Implication}> ; <http://www.w3.org/2000/01/rdf-schema#label> "
        f'"{label}"@en ; <{ARGKB.qualifier}> <{ARGKB.Could}> .'
        for n, label in enumerate(labels)
    )
    store.load(data.encode(), format=ox.RdfFormat.TURTLE)
    query = (ROOT / "queries" / "review-dropped-hedge.rq").read_text(encoding="utf-8")
    return {str(row["detail"].value) for row in store.query(query)}


def test_review_takes_every_hedge_word_as_a_hedge_and_flags_a_label_without_one():
    hedged = [f"The alliance {word} split" for word in sorted(HEDGE_WORDS)] + [
        "Russia is UNLIKELY to enforce it",
        "The deal won’t hold",
    ]
    flagged = _review(
        hedged + ["The alliance splits", "Scandals mayhem willingly"]
    )  # words that only hold a hedge
    assert flagged == {"The alliance splits", "Scandals mayhem willingly"}


def test_the_shapes_accept_exactly_the_qualifiers_the_hedge_words_name():
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl")
    lists = [
        Collection(shapes, node)
        for prop in shapes.subjects(SH.path, ARGKB.qualifier)
        for node in shapes.objects(prop, SH["in"])
    ]
    assert lists, "the shapes no longer enumerate the qualifiers"
    assert all(set(lst) == {URIRef(q) for q in QUALIFIER_OF.values()} for lst in lists)
