"""argkb contributions / retract: every contribution traceable; a retracted one gone from queries,
kept in history."""

from __future__ import annotations

import json

import pytest
from rdflib import Literal

from argkb.cli.main import cli
from argkb.kb.folder import KnowledgeBase
from argkb.store import open_store
from argkb.vocab.namespaces import KB
from contrib_support import VALID, run_argkb

WHO_ADDED = """
PREFIX argkb: <https://w3id.org/argkb/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?c ?name ?when WHERE {
  ?c a argkb:Contribution ; prov:wasAssociatedWith ?who ; prov:endedAtTime ?when .
  ?who rdfs:label ?name .
}"""

HAS_NODE = "ASK { ?node ?p ?o }"


def invoke(runner, kb_dir, *args):
    return runner.invoke(cli, [args[0], "--kb", str(kb_dir), *map(str, args[1:])])


def added_id(runner, kb_dir, name, *extra) -> str:
    result = invoke(runner, kb_dir, "add", VALID / name, "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["contribution"]["id"]


def test_log_lists_newest_first_with_author_time_message(runner, mini_kb_dir):
    first = added_id(runner, mini_kb_dir, "editor-claim.nt", "--author", "Ada", "-m", "first")
    second = added_id(runner, mini_kb_dir, "editor-claim.rdf", "--author", "Bob", "-m", "second")
    listed = json.loads(invoke(runner, mini_kb_dir, "contributions", "--format", "json").output)
    assert [c["id"] for c in listed] == [second, first]
    assert [(c["author"], c["message"], c["state"]) for c in listed] == [
        ("Bob", "second", "live"),
        ("Ada", "first", "live"),
    ]
    assert listed[0]["inputs"] == ["editor-claim.rdf"] and len(listed[0]["sha256"]) == 64
    text = invoke(runner, mini_kb_dir, "contributions").output
    assert text.index(second) < text.index(first) and "2 contributions, 2 live" in text
    shown = invoke(runner, mini_kb_dir, "contributions", "show", second[-8:])
    assert (
        shown.exit_code == 0
        and "author        Bob" in shown.output
        and "kb:claim-editors-guarantees" in shown.output
    )


def test_who_added_what_is_queryable(runner, mini_kb_dir):
    added_id(runner, mini_kb_dir, "editor-claim.nt", "--author", "Ada Lovelace")
    rows = open_store(KnowledgeBase.locate(mini_kb_dir)).query(WHO_ADDED).dicts()
    assert [str(r["name"]) for r in rows] == ["Ada Lovelace"]
    assert (
        runner.invoke(cli, ["validate", "--kb", str(mini_kb_dir)]).exit_code == 0
    )  # the log breaks no rule


def test_retracted_contribution_leaves_queries_but_not_history(runner, mini_kb_dir):
    cid = added_id(runner, mini_kb_dir, "attack-existing-claim.ttl")
    node = {"node": KB["arg-doubt-rebuttal-diplomacy"]}
    assert open_store(KnowledgeBase.locate(mini_kb_dir)).query(HAS_NODE, node).boolean
    result = invoke(
        runner, mini_kb_dir, "retract", cid, "--reason", "superseded by a better reading"
    )
    assert result.exit_code == 0, result.output
    kb = KnowledgeBase.locate(mini_kb_dir)
    assert not open_store(kb).query(HAS_NODE, node).boolean
    content = mini_kb_dir / "data" / "contributions" / f"{cid}.ttl"
    assert content.is_file() and content not in kb.data_files()
    entry = json.loads(
        invoke(runner, mini_kb_dir, "contributions", "show", cid, "--format", "json").output
    )
    assert (
        entry["state"] == "retracted"
        and entry["retraction_reason"] == "superseded by a better reading"
    )
    assert entry["retracted_at"]
    again = invoke(runner, mini_kb_dir, "retract", cid, "--reason", "twice")
    assert again.exit_code == 0 and "already retracted" in again.output


@pytest.mark.slow
def test_retract_refuses_when_another_contribution_depends_on_it(runner, mini_kb_dir, tmp_path):
    base = added_id(runner, mini_kb_dir, "editor-claim.nt")
    dependent = tmp_path / "uses-trust-deficit.ttl"
    dependent.write_text("""@prefix argkb: <https://w3id.org/argkb/ontology#> .
@prefix kb: <https://w3id.org/argkb/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
kb:arg-trust-deficit a argkb:Argument ; rdfs:label "No trust, no deal"@en ;
    argkb:perspective argkb:DiplomaticPractice ; argkb:premise kb:claim-editors-trust-deficit ;
    argkb:warrant "Without trust, each side reads the other's moves as bad faith."@en ;
    argkb:conclusion kb:impl-allies-doubt .
""")
    added = invoke(runner, mini_kb_dir, "add", dependent)
    assert added.exit_code == 0
    dependent_id = json.loads(
        invoke(runner, mini_kb_dir, "contributions", "--format", "json").output
    )[0]["id"]
    assert dependent_id != base
    log_before = (mini_kb_dir / "data" / "contributions.ttl").read_bytes()
    refused = invoke(runner, mini_kb_dir, "retract", base, "--reason", "wrong")
    assert refused.exit_code == 1
    assert "kb:arg-trust-deficit" in refused.output and "rule 3" in refused.output
    assert (
        "data/contributions/" in refused.output
    )  # names the contribution file the dependent node is in
    assert (mini_kb_dir / "data" / "contributions.ttl").read_bytes() == log_before
    # says what to do: retract the dependant first, then this one
    advice = refused.output.split("retract the contributions that depend on it first", 1)[
        1
    ].splitlines()
    assert [line.strip() for line in advice[1:3]] == [
        f"argkb retract {dependent_id} -m TEXT",
        f"argkb retract {base} -m TEXT",
    ]
    assert invoke(runner, mini_kb_dir, "retract", dependent_id, "--reason", "first").exit_code == 0
    assert invoke(runner, mini_kb_dir, "retract", base, "--reason", "then").exit_code == 0


def test_retract_needs_a_known_id_and_a_reason(runner, mini_kb_dir):
    added_id(runner, mini_kb_dir, "editor-claim.nt")
    unknown = invoke(runner, mini_kb_dir, "retract", "nope", "--reason", "x")
    assert unknown.exit_code == 2 and "no contribution 'nope'" in unknown.output
    blank = invoke(runner, mini_kb_dir, "retract", "20", "--reason", " ")
    assert blank.exit_code == 2 and "give a reason" in blank.output


@pytest.mark.slow
def test_contributions_as_a_real_process(mini_kb_dir):
    assert (
        run_argkb(
            "add", "--kb", mini_kb_dir, VALID / "editor-claim.jsonld", "-m", "json-ld"
        ).returncode
        == 0
    )
    listed = run_argkb("contributions", "--kb", mini_kb_dir, "--format", "json")
    assert listed.returncode == 0
    entry = json.loads(listed.stdout)[0]
    assert entry["author"] == "Test Runner" and entry["message"] == "json-ld"
    assert Literal(entry["ended"])  # an ISO timestamp was recorded
