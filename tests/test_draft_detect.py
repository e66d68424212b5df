"""The consequence detector of ``argkb draft``: sentence offsets, the qualifier mapping, and the
recall / precision targets on the hand-annotated corpus in ``tests/data/draft``."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path

import pytest

from argkb.author.detect import consequence_cue, detect
from argkb.author.sentences import split
from argkb.vocab import ARGKB

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "draft"


@cache
def _bench():
    spec = importlib.util.spec_from_file_location(
        "draft_accuracy", ROOT / "bench" / "draft_accuracy.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_sentences_carry_exact_offsets_into_the_text():
    text = "Heading\n\nThe U.S. may act. If it does,\n  Russia could\u00a0respond!  Why?"
    sentences = split(text)
    assert [s.text for s in sentences] == [
        "Heading",
        "The U.S. may act.",
        "If it does,\n  Russia could\u00a0respond!",
        "Why?",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert [s.number for s in sentences] == [1, 2, 3, 4]


@pytest.mark.parametrize(
    "sentence, cue, qualifier",
    [
        ("If sanctions are eased, Russia could gain.", "could", ARGKB.Could),
        ("If sanctions are eased, the alliance might split.", "might", ARGKB.Might),
        ("Cuts in aid would likely weaken Ukraine.", "would", ARGKB.Likely),
        ("Russia and China are unlikely to enforce the measures.", "unlikely", ARGKB.Likely),
        ("Any meeting is bound to raise eyebrows.", "is bound to", ARGKB.Certain),
        ("If Iran builds a bomb, Saudi Arabia will seek one too.", "will", ARGKB.Certain),
        ("When ultimatums fail, there is little left to enforce them.", "when", ARGKB.Certain),
        ("Should talks collapse, the fighting may resume.", "may", ARGKB.Might),
        ("Continuing aid risks being seen as endorsing the coup.", "risks", ARGKB.Could),
        ("However, it could also be seen as weakness.", "could", ARGKB.Could),
    ],
)
def test_a_consequence_is_found_with_the_qualifier_of_its_modal(sentence, cue, qualifier):
    assert consequence_cue(sentence) == (cue, qualifier)


@pytest.mark.parametrize(
    "sentence",
    [
        "Potential Impacts on the Balance of Power",  # a heading
        "Would snapback change Iran's behaviour?",  # a question
        "Donors should coordinate their programmes with the coastal states.",  # a recommendation
        "It is vital for the U.S. to communicate clearly with its allies.",  # a recommendation
        "They might analyse the talks in terms of realism or liberalism.",  # what analysts do
        "Governments will have to decide how much risk they can accept.",  # an obligation
        # "risks", a noun
        "The provision of military aid is a complex issue with both benefits and risks.",
        "The strikes destroyed launchers and depots.",  # a fact
    ],
)
def test_what_is_not_a_consequence_is_set_aside(sentence):
    assert consequence_cue(sentence) is None


def test_claims_adds_the_other_assertions_but_not_headings_or_questions():
    text = (
        "The Outlook\n"
        "\n"
        "Taiwan makes most advanced chips. Why does it matter? A blockade would hurt everyone."
    )
    plain = detect(text)
    with_claims = detect(text, claims=True)
    assert [f.sentence.text for f in plain] == ["A blockade would hurt everyone."]
    assert [(f.sentence.text, f.consequence) for f in with_claims] == [
        ("Taiwan makes most advanced chips.", False),
        ("A blockade would hurt everyone.", True),
    ]


def test_every_gold_file_annotates_every_sentence_of_its_article():
    for text_file in sorted(CORPUS.glob("*.txt")):
        text = text_file.read_text(encoding="utf-8")
        spans = _bench().gold_spans(text, text_file.with_suffix(".gold.tsv"))
        assert len(spans) >= 30, text_file.name
        covered = sum(end - start for start, end, _ in spans)
        assert covered >= 0.95 * len("".join(text.split())), (
            text_file.name
        )  # nothing left unannotated


def test_corpus_is_the_seed_and_at_least_five_more_articles_of_400_to_900_words():
    articles = sorted(CORPUS.glob("*.txt"))
    assert (CORPUS / "trump-putin-ukraine-talks.txt").read_bytes() == (
        ROOT / "data" / "sources" / "trump-putin-ukraine-talks.txt"
    ).read_bytes()
    others = [a for a in articles if a.name != "trump-putin-ukraine-talks.txt"]
    assert len(others) >= 5
    assert all(400 <= len(a.read_text(encoding="utf-8").split()) <= 900 for a in others)


def test_detector_meets_the_targets_on_the_annotated_corpus():
    scores, total = _bench().score_corpus(CORPUS)
    assert len(scores) >= 6
    assert total.recall >= 0.90, f"recall {total.recall:.1%}"
    assert total.precision >= 0.75, f"precision {total.precision:.1%}"


def test_bench_counts_a_proposal_right_only_on_a_consequence_sentence(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Talks may fail. The sky is blue. If it rains, we stay in.\n", encoding="utf-8"
    )
    (tmp_path / "a.gold.tsv").write_text(
        "N\tTalks may fail.\nN\tThe sky is blue.\nC\tIf it rains, we stay in.\n", encoding="utf-8"
    )
    [score], total = _bench().score_corpus(tmp_path)
    assert (score.gold, score.proposed, score.hit_gold, score.right) == (1, 2, 1, 1)
    assert score.recall == 1.0 and score.precision == 0.5
