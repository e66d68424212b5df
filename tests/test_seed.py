"""The bundled knowledge base: the seed article, encoded completely and faithfully."""
from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import PROV, RDF, RDFS

from argkb.vocab.namespaces import ARGKB, KB, OA
from conftest import unavailable
from argkb.validation.validate import validate

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "data" / "sources" / "trump-putin-ukraine-talks.txt"
SEED = REPO.parent / "shared" / "seed" / "trump-putin-ukraine-talks.txt"


@pytest.fixture(scope="module")
def seed() -> Graph:
    return Graph().parse(REPO / "data" / "trump-putin-ukraine-talks.ttl")


def test_seed_kb_conforms_strictly(repo_kb):
    report = validate(repo_kb)
    assert report.conforms and not report.warnings, report.to_text()


def test_source_text_is_the_seed_byte_for_byte(seed):
    if not SEED.exists():
        unavailable(f"{SEED} is missing: shared/ is expected beside the repository")
    assert SOURCE.read_bytes() == SEED.read_bytes()


def test_source_is_described_with_title_and_hash(seed):
    source = KB["trump-putin-ukraine-talks"]
    assert (source, RDF.type, ARGKB.Source) in seed
    assert seed.value(source, ARGKB.sha256).toPython() == hashlib.sha256(SOURCE.read_bytes()).hexdigest()


def test_every_quote_is_anchored_exactly(seed):
    text = SOURCE.read_bytes().decode("utf-8")
    quotes = list(seed.subjects(RDF.type, ARGKB.Quote))
    assert len(quotes) >= 30
    for q in quotes:
        start, end = int(seed.value(q, OA.start)), int(seed.value(q, OA.end))
        assert text[start:end] == str(seed.value(q, OA.exact)), q


def test_fixed_ids_exist(seed):
    for local, cls in [("united-states", ARGKB.Actor), ("russia", ARGKB.Actor), ("ukraine", ARGKB.Actor),
                       ("european-allies", ARGKB.Actor), ("nato", ARGKB.Actor), ("donald-trump", ARGKB.Actor),
                       ("vladimir-putin", ARGKB.Actor), ("sanctions", ARGKB.Lever), ("military-aid", ARGKB.Lever),
                       ("negotiation", ARGKB.Lever), ("alliance-commitment", ARGKB.Lever),
                       ("transparency", ARGKB.Lever)]:
        assert (KB[local], RDF.type, cls) in seed, local
    assert (KB["argkb-editors"], RDF.type, PROV.Agent) in seed


def test_every_implication_is_quoted_and_argued_through_two_lenses(seed):
    implications = set(seed.subjects(RDF.type, ARGKB.Implication))
    assert len(implications) >= 30
    for impl in implications:
        assert list(seed.objects(impl, ARGKB.evidence)), impl
        lenses = {seed.value(arg, ARGKB.perspective) for arg in seed.subjects(ARGKB.conclusion, impl)}
        assert len(lenses) >= 2, impl


def test_all_five_lenses_are_used_substantively(seed):
    uses = Counter(seed.value(a, ARGKB.perspective) for a in seed.subjects(RDF.type, ARGKB.Argument))
    assert set(uses) == {ARGKB.Realism, ARGKB.Liberalism, ARGKB.Constructivism, ARGKB.DiplomaticPractice,
                         ARGKB.SecurityAnalysis}
    assert min(uses.values()) >= 8


def test_lenses_disagree_somewhere(seed):
    attacks = list(seed.subject_objects(ARGKB.attacks))
    rebuttals = [(a, t) for a, t in attacks if (t, RDF.type, ARGKB.Argument) not in seed]
    undercuts = [(a, t) for a, t in attacks if (t, RDF.type, ARGKB.Argument) in seed]
    assert len(rebuttals) >= 5 and len(undercuts) >= 3


def test_editors_interpretation_is_attributed_never_quoted(seed):
    for claim in seed.subjects(PROV.wasAttributedTo, KB["argkb-editors"]):
        if (claim, RDF.type, ARGKB.Argument) in seed:
            continue
        assert not list(seed.objects(claim, ARGKB.evidence)), claim
    for arg in seed.subjects(RDF.type, ARGKB.Argument):
        assert (arg, PROV.wasAttributedTo, KB["argkb-editors"]) in seed, arg


def test_every_label_is_unique_per_node(seed):
    for node in set(seed.subjects(RDFS.label, None)):
        assert len(list(seed.objects(node, RDFS.label))) == 1, node


# --- issue 12: the encoding to expert standard -------------------------------------------------

def test_former_president_holds_no_us_lever_and_the_source_is_dated(seed):
    trump_levers = set(seed.objects(KB["donald-trump"], ARGKB.holds))
    assert trump_levers and not trump_levers & {KB["sanctions"], KB["military-aid"], KB["alliance-commitment"]}
    source = KB["trump-putin-ukraine-talks"]
    assert str(seed.value(source, ARGKB.notBefore)) == "2021-01-20"     # "former U.S. President"
    assert str(seed.value(source, ARGKB.notAfter)) == "2025-01-20"


def test_every_move_says_whether_it_is_a_signal_or_an_act(seed):
    for move in seed.subjects(RDF.type, ARGKB.Move):
        assert seed.value(move, ARGKB.moveKind) in (ARGKB.Signal, ARGKB.Act), move
    assert not list(seed.subjects(ARGKB.lever, KB["negotiation"]))    # one move, one thing: a finer lever


def test_hedged_labels_and_no_lens_description_as_premise(seed):
    import re

    for impl in seed.subjects(RDF.type, ARGKB.Implication):
        if seed.value(impl, ARGKB.qualifier) != ARGKB.Certain:
            assert re.search(r"\b(could|might|may|can)\b", str(seed.value(impl, RDFS.label))), impl
    descriptions = set(seed.subjects(RDF.type, ARGKB.LensDescription))
    assert len(descriptions) >= 8
    assert not {p for p in seed.objects(None, ARGKB.premise)} & descriptions


def test_every_editors_premise_cites_a_reference_or_says_why_not(seed):
    premises = {p for p in seed.objects(None, ARGKB.premise)
                if (p, PROV.wasAttributedTo, KB["argkb-editors"]) in seed and (p, RDF.type, ARGKB.Implication) not in seed}
    cited = {p for p in premises if list(seed.objects(p, ARGKB.cites))}
    assert len(cited) >= 30
    for p in premises - cited:
        assert (p, ARGKB.acceptedFinding, ARGKB.UncitedBackground) in seed and seed.value(p, ARGKB.reviewNote), p
    for ref in set(seed.objects(None, ARGKB.cites)):
        assert (ref, RDF.type, ARGKB.Reference) in seed, ref


def test_alternatives_are_linked_and_realism_argues_its_own_case(seed):
    assert len(list(seed.subject_objects(ARGKB.alternativeTo))) >= 15
    realist_premises = {p for a in seed.subjects(ARGKB.perspective, ARGKB.Realism) for p in seed.objects(a, ARGKB.premise)}
    for own_case in ("claim-stakes-asymmetry", "claim-security-dilemma", "claim-buck-passing",
                     "claim-credibility-current-calculus"):
        assert KB[own_case] in realist_premises, own_case
    # reputation for resolve is read as security analysis, not realism
    assert KB["claim-credibility-deterrence"] not in realist_premises
