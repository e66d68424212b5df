"""``argkb review``'s findings about verdicts: decisive premises, verdicts resting on an editors'
premise (computed, argkb.review.verdicts), and refuted possibilities
(queries/review-refuted-possibility.rq)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from argkb.assess.dung import labels
from argkb.assess.framework import claim_status, framework, load
from argkb.cli.main import cli
from argkb.kb.folder import KnowledgeBase
from argkb.review.verdicts import SILENT, verdict_changes
from argkb.store import open_store
from argkb.store.perspectives import lenses
from conftest import REPO, make_kb
from test_review import run_review

DATA = Path(__file__).parent / "data"
REVIEW = DATA / "review"
BASE = REVIEW / "verdicts.ttl"
ACCEPTED = REVIEW / "verdicts-accepted.ttl"
CITED = REVIEW / "verdicts-cited.ttl"
WEAKEN = REVIEW / "verdicts-weaken.ttl"


def verdicts_folder(folder: Path) -> Path:
    """A knowledge base of the ontology and tests/data/review/verdicts.ttl only."""
    shutil.copytree(REPO / "ontology", folder / "ontology")
    (folder / "data").mkdir()
    shutil.copy(BASE, folder / "data" / BASE.name)
    return folder


@pytest.fixture
def verdicts_kb(tmp_path) -> Path:
    return verdicts_folder(tmp_path / "kb")


def of_kind(findings, kind) -> dict:
    return {f["node"]: f for f in findings if f["kind"] == kind}


@pytest.mark.parametrize(
    "extra", [None, ACCEPTED, CITED, WEAKEN], ids=["base", "accepted", "cited", "weaken"]
)
def test_fixtures_pass_validation(runner, verdicts_kb, extra):
    args = ["validate", "--kb", str(verdicts_kb)] + (["--data", str(extra)] if extra else [])
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "0 violations" in result.output


def test_one_premise_flipping_three_implications_is_decisive(runner, verdicts_kb):
    found = run_review(runner, verdicts_kb)
    decisive = of_kind(found["open"], "argkb:DecisivePremise")
    # the realist theory claim, and no other premise (each of the others decides at most two
    # verdicts)
    assert set(decisive) == {"kb:claim-power-decides"}
    f = decisive["kb:claim-power-decides"]
    assert f["query"] == "verdicts" and not f["accepted"]
    # three flips: realism falling silent (its only arguments rested on the premise) is no flip
    assert f["detail"].startswith("removing the 3 arguments resting on it changes 3 verdicts: ")
    for impl in ("impl-freedonia-calmer", "impl-freedonia-trades", "impl-freedonia-reciprocates"):
        assert f"{impl} overall OUT -> IN" in f["detail"]
        assert f"{impl} under realism OUT -> {SILENT}" not in f["detail"]
    # the lens rule: liberalism does not grant the realist premise, so its verdicts never depended
    # on it
    assert "under liberalism" not in f["detail"]
    assert "argkb:DecisivePremise" not in {g["kind"] for g in found["accepted"]}


def test_accepted_decisive_premise_is_listed_with_the_note(runner, verdicts_kb):
    found = run_review(runner, verdicts_kb, ACCEPTED)
    assert "kb:claim-power-decides" not in of_kind(found["open"], "argkb:DecisivePremise")
    left = of_kind(found["accepted"], "argkb:DecisivePremise")["kb:claim-power-decides"]
    assert left["note"].startswith("Realism's core claim")
    assert left["detail"].startswith("removing the 3 arguments")
    # accepting another finding on a premise (UncitedBackground) leaves this one open
    assert "kb:claim-openness-read-as-friendship" in of_kind(
        found["open"], "argkb:RestsOnEditorsPremise"
    )
    assert "kb:claim-openness-read-as-friendship" in of_kind(
        found["accepted"], "argkb:UncitedBackground"
    )


def test_verdict_resting_on_an_uncited_unattacked_editors_premise(runner, verdicts_kb):
    found = run_review(runner, verdicts_kb)
    resting = of_kind(found["open"], "argkb:RestsOnEditorsPremise")
    # claim-cheaper-imports decides a verdict too, but it is not the editors' own and it cites a
    # work
    assert set(resting) == {"kb:claim-openness-read-as-friendship"}
    assert resting["kb:claim-openness-read-as-friendship"]["detail"] == (
        "removing the argument resting on it changes 1 verdict: "
        "impl-freedonia-warmer under constructivism IN -> silent"
    )
    assert "kb:claim-openness-read-as-friendship" not in of_kind(
        found["open"], "argkb:DecisivePremise"
    )


def test_cited_editors_premise_is_not_listed(runner, verdicts_kb):
    found = run_review(runner, verdicts_kb, CITED)
    assert of_kind(found["open"] + found["accepted"], "argkb:RestsOnEditorsPremise") == {}


def test_attacked_editors_premise_is_not_listed(runner, verdicts_kb, tmp_path):
    attack = tmp_path / "attack.ttl"
    attack.write_text(
        "@prefix argkb: <https://w3id.org/argkb/ontology#> .\n"
        "@prefix kb: <https://w3id.org/argkb/id/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'kb:arg-friendship-doubted a argkb:Argument ; rdfs:label "Read as a ploy"@en ;\n'
        "    argkb:perspective argkb:Realism ; argkb:premise kb:claim-power-decides ;\n"
        '    argkb:warrant "A stronger neighbour\'s gesture is read as a ploy."@en ;\n'
        "    argkb:attacks kb:claim-openness-read-as-friendship .\n"
    )
    found = run_review(runner, verdicts_kb, attack)
    assert "kb:claim-openness-read-as-friendship" not in of_kind(
        found["open"], "argkb:RestsOnEditorsPremise"
    )


def test_refuting_a_could_implication_is_a_refuted_possibility(runner, verdicts_kb):
    found = run_review(runner, verdicts_kb)
    refuted = of_kind(found["open"], "argkb:RefutedPossibility")
    # the realist attacks refute implications the source says are likely: not listed
    assert set(refuted) == {"kb:arg-emboldened-diplomatic-attack"}
    f = refuted["kb:arg-emboldened-diplomatic-attack"]
    assert (
        f["detail"] == "kb:impl-freedonia-emboldened" and f["query"] == "review-refuted-possibility"
    )


def test_weakening_attack_on_a_possibility_is_not_listed(runner, verdicts_kb):
    found = run_review(runner, verdicts_kb, WEAKEN)
    assert of_kind(found["open"] + found["accepted"], "argkb:RefutedPossibility") == {}


def test_accepted_refuted_possibility_is_listed_with_the_note(runner, verdicts_kb, tmp_path):
    accept = tmp_path / "accept.ttl"
    accept.write_text(
        "@prefix argkb: <https://w3id.org/argkb/ontology#> .\n"
        "@prefix kb: <https://w3id.org/argkb/id/> .\n"
        "kb:arg-emboldened-diplomatic-attack argkb:acceptedFinding argkb:RefutedPossibility ;\n"
        '    argkb:reviewNote "The talks show the possibility is gone."@en .\n'
    )
    found = run_review(runner, verdicts_kb, accept)
    assert of_kind(found["open"], "argkb:RefutedPossibility") == {}
    left = of_kind(found["accepted"], "argkb:RefutedPossibility")
    assert (
        left["kb:arg-emboldened-diplomatic-attack"]["note"]
        == "The talks show the possibility is gone."
    )


def test_checks_and_text_output_name_the_new_findings(runner, verdicts_kb):
    checks = {(c["query"], c["finding"]) for c in run_review(runner, verdicts_kb)["checks"]}
    assert {
        ("verdicts", "argkb:DecisivePremise"),
        ("verdicts", "argkb:RestsOnEditorsPremise"),
        ("review-refuted-possibility", "argkb:RefutedPossibility"),
    } <= checks
    result = runner.invoke(cli, ["review", "--kb", str(verdicts_kb)])
    assert result.exit_code == 0, result.output
    for line in (
        "argkb:DecisivePremise (1)",
        "argkb:RestsOnEditorsPremise (1)",
        "argkb:RefutedPossibility (1)",
    ):
        assert line in result.output
    assert "changes 3 verdicts" in result.output


def brute_force(graph, views) -> dict:
    """premise -> sorted (implication, lens, before, after): every view recomputed whole, without
    pruning."""
    implications = sorted(c for c, info in graph.claims.items() if info.implication)

    def verdicts(removed):
        out = {}
        for lens in views:
            own, view = graph.lens_arguments(lens)
            own, view = own - removed, view - removed
            arg_labels, _ = labels(framework(graph, view))
            for c in implications:
                argues = any(
                    a in own for a in (*graph.concluding.get(c, ()), *graph.rebutting.get(c, ()))
                )
                out[(c, lens)] = (
                    claim_status(graph, lens, c, view, arg_labels) if argues else SILENT
                )
        return out

    before = verdicts(set())
    result = {}
    for premise in sorted(graph.using):
        after = verdicts(set(graph.using[premise]))
        changed = sorted(
            (c, str(lens), before[(c, lens)], after[(c, lens)])
            for c, lens in before
            if before[(c, lens)] != after[(c, lens)]
        )
        if changed:
            result[premise] = changed
    return result


@pytest.mark.parametrize("which", ["fixture", "mini+weakening", "seed"])
def test_pruned_recomputation_equals_recomputing_every_view(which, tmp_path):
    if which == "fixture":
        kb = KnowledgeBase.locate(verdicts_folder(tmp_path / "kb"))
    elif which == "mini+weakening":
        kb = KnowledgeBase.locate(
            make_kb(tmp_path / "kb"),
            extra=[DATA / "valid" / "held-by-two-lenses-and-weakening-attack.ttl"],
        )
    else:
        kb = KnowledgeBase.locate(REPO)
    store = open_store(kb)
    graph, chosen = load(store), lenses(store)
    fast = {
        p: sorted((ch.claim, str(ch.lens), ch.before, ch.after) for ch in changed)
        for p, changed in verdict_changes(graph, chosen).items()
    }
    assert fast == brute_force(graph, [None, *chosen])
    assert fast  # not vacuous
