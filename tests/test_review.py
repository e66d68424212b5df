"""``argkb review``: the findings an editor works through, and the ones the editors chose to
leave."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph

from argkb.cli.main import cli
from argkb.vocab.namespaces import ARGKB

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
WEAK = DATA / "review" / "weaknesses.ttl"


def run_review(runner, kb_dir, *extra) -> dict:
    args = ["review", "--kb", str(kb_dir), "--format", "json"]
    for f in extra:
        args += ["--data", str(f)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def pairs(findings) -> set:
    return {(f["kind"], f["node"]) for f in findings}


def test_seed_review_lists_only_what_the_editors_left_with_a_reason(runner):
    found = run_review(runner, REPO)
    assert found["open"] == []
    seed = Graph().parse(REPO / "data" / "trump-putin-ukraine-talks.ttl")
    accepted = {
        (f"argkb:{kind.split('#')[1]}", f"kb:{node.split('/')[-1]}")
        for node, kind in seed.subject_objects(ARGKB.acceptedFinding)
    }
    assert pairs(found["accepted"]) == accepted
    assert all(f["note"].strip() for f in found["accepted"])


def test_each_check_finds_its_weakness(runner, mini_kb_dir):
    found = run_review(runner, mini_kb_dir, WEAK)
    open_ = pairs(found["open"])
    for expected in [
        ("argkb:UncitedBackground", "kb:claim-goodwill-returned"),
        ("argkb:DroppedHedge", "kb:impl-russia-restrained"),
        ("argkb:SingleLens", "kb:impl-russia-restrained"),
        ("argkb:OneSidedAlternative", "kb:impl-russia-restrained"),
        ("argkb:MoveWithoutKind", "kb:move-us-decrease-sanctions"),
        ("argkb:UndatedSource", "kb:mini-source"),
    ]:
        assert expected in open_, expected
    # the attacked side of the alternative is not one-sided
    assert ("argkb:OneSidedAlternative", "kb:impl-russia-bolder") not in open_
    # the tiny knowledge base's own premises are left uncited with a reason
    assert ("argkb:UncitedBackground", "kb:claim-pressure-restrains") in pairs(found["accepted"])
    assert ("argkb:UncitedBackground", "kb:claim-pressure-restrains") not in open_


def test_lens_description_used_as_premise_is_listed(runner, mini_kb_dir):
    found = run_review(
        runner, mini_kb_dir, DATA / "invalid" / "rule3-lens-description-as-premise.ttl"
    )
    assert ("argkb:LensDescriptionPremise", "kb:arg-x") in pairs(found["open"])


def test_accepting_a_finding_moves_it_to_the_left_list(runner, mini_kb_dir, tmp_path):
    accept = tmp_path / "accept.ttl"
    accept.write_text(
        "@prefix argkb: <https://w3id.org/argkb/ontology#> .\n"
        "@prefix kb: <https://w3id.org/argkb/id/> .\n"
        "kb:impl-russia-restrained argkb:acceptedFinding argkb:DroppedHedge ;\n"
        '    argkb:reviewNote "The label is a headline; the statement keeps the hedge."@en .\n'
    )
    found = run_review(runner, mini_kb_dir, WEAK, accept)
    assert ("argkb:DroppedHedge", "kb:impl-russia-restrained") not in pairs(found["open"])
    left = [f for f in found["accepted"] if f["node"] == "kb:impl-russia-restrained"]
    assert [f["note"] for f in left] == ["The label is a headline; the statement keeps the hedge."]


def test_text_output_is_a_worklist_and_exits_0(runner, mini_kb_dir):
    result = runner.invoke(cli, ["review", "--kb", str(mini_kb_dir), "--data", str(WEAK)])
    assert result.exit_code == 0, result.output
    assert "argkb:OneSidedAlternative (1)" in result.output
    assert "kb:impl-russia-restrained" in result.output
    assert result.output.rstrip().splitlines()[-1].startswith("review: ")


def test_review_query_without_finding_header_is_refused(runner, mini_kb_dir):
    (mini_kb_dir / "queries").mkdir()
    (mini_kb_dir / "queries" / "review-mine.rq").write_text(
        "#+ summary: My own check, which forgets to say what it finds.\n#+ params: none\n"
        "SELECT ?node WHERE { ?node a <https://w3id.org/argkb/ontology#Move> }\n"
    )
    result = runner.invoke(cli, ["review", "--kb", str(mini_kb_dir)])
    assert result.exit_code == 2
    assert "#+ finding:" in result.output and "Traceback" not in result.output
