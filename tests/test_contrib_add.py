"""argkb add / diff: held-out contributions a user would write are accepted or refused correctly."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from argkb.cli.main import cli
from argkb.kb.folder import KnowledgeBase
from argkb.vocab.namespaces import ARGKB, KB
from contrib_support import INVALID, VALID, run_argkb, tree_digest


def add(runner, kb_dir, *args):
    return runner.invoke(cli, ["add", "--kb", str(kb_dir), *map(str, args)])


@pytest.mark.parametrize(
    "name",
    [
        "new-implication-two-lenses.ttl",
        "attack-existing-claim.ttl",
        "editor-claim.jsonld",
        "editor-claim.nt",
        "editor-claim.rdf",
    ],
)
def test_valid_contribution_is_added_whole(runner, mini_kb_dir, name):
    result = add(runner, mini_kb_dir, VALID / name, "--author", "Jane Doe", "-m", "why not")
    assert result.exit_code == 0, result.output
    assert "added contribution" in result.output
    files = list((mini_kb_dir / "data" / "contributions").glob("*.ttl"))
    assert len(files) == 1
    written = Graph().parse(files[0], format="turtle")
    given = Graph().parse(VALID / name)
    if name.startswith("new-implication"):  # its blank-node quote becomes a kb:genid-… node
        assert len(written) == len(given) and not isomorphic(written, given)
    else:
        assert isomorphic(written, given)
    kb = KnowledgeBase.locate(mini_kb_dir)
    assert all((s, p, o) in kb.graph() for s, p, o in written)
    assert not (mini_kb_dir / "data" / ".argkb.lock").exists()


def test_blank_nodes_are_skolemised_into_kb(runner, mini_kb_dir):
    assert add(runner, mini_kb_dir, VALID / "new-implication-two-lenses.ttl").exit_code == 0
    text = next((mini_kb_dir / "data" / "contributions").glob("*.ttl")).read_text()
    assert "_:" not in text and "[" not in text
    assert "kb:genid-" in text
    graph = KnowledgeBase.locate(mini_kb_dir).graph()
    quote = graph.value(KB["impl-russia-tests-resolve"], ARGKB.evidence)
    assert str(quote).startswith(str(KB["genid-"]))


def test_content_file_is_sorted_prefixed_and_deterministic(runner, tmp_path, mini_kb_dir):
    from conftest import make_kb

    other = make_kb(tmp_path / "other")
    for folder in (mini_kb_dir, other):
        assert add(runner, folder, VALID / "attack-existing-claim.ttl").exit_code == 0
    first, second = (
        next((f / "data" / "contributions").glob("*.ttl")) for f in (mini_kb_dir, other)
    )
    assert first.read_bytes() == second.read_bytes()
    text = first.read_text()
    assert text.startswith("@prefix argkb: <https://w3id.org/argkb/ontology#> .")
    subjects = [line for line in text.splitlines() if line.startswith("kb:")]
    assert subjects == sorted(subjects)


def test_same_content_again_is_a_noop(runner, mini_kb_dir):
    assert add(runner, mini_kb_dir, VALID / "attack-existing-claim.ttl").exit_code == 0
    before = tree_digest(mini_kb_dir)
    again = add(runner, mini_kb_dir, VALID / "attack-existing-claim.ttl")
    assert again.exit_code == 0
    assert "nothing to do: the same content was already added" in again.output
    assert tree_digest(mini_kb_dir) == before


def test_triples_already_in_the_kb_are_a_noop(runner, mini_kb_dir, tmp_path):
    existing = tmp_path / "existing.ttl"
    existing.write_text(
        "<https://w3id.org/argkb/id/russia> <http://www.w3.org/2000/01/rdf-schema#label> "
        '"Russia"@en .\n'
    )
    before = tree_digest(mini_kb_dir)
    result = add(runner, mini_kb_dir, existing)
    assert (
        result.exit_code == 0 and "every triple is already in the knowledge base" in result.output
    )
    assert tree_digest(mini_kb_dir) == before


@pytest.mark.parametrize(
    "name, expected",
    [
        ("node-outside-kb.ttl", "defines a node outside kb:"),
        ("redefines-ontology.ttl", "redefines the ontology term argkb:Claim"),
        ("unknown-term.ttl", "argkb:Claimm: is not a term of the argkb ontology"),
        ("owl-imports.ttl", "declares owl:imports"),
        ("forged-log-entry.ttl", "only argkb add may record an argkb:Contribution"),
        ("second-label.ttl", 'kb:russia already has rdfs:label "Russia"@en'),
        ("second-warrant.ttl", "kb:arg-bolder-realism already has argkb:warrant"),
        ("implication-without-rationale.ttl", "rule 2"),
        ("unsourced-claim.ttl", "rule 5"),
        ("blank-quote-off-by-one.ttl", "rule 6"),
    ],
)
def test_invalid_contribution_is_refused_and_changes_nothing(runner, mini_kb_dir, name, expected):
    before = tree_digest(mini_kb_dir)
    result = add(runner, mini_kb_dir, INVALID / name)
    assert result.exit_code == 1, result.output
    assert "refused" in result.output and expected in result.output
    assert tree_digest(mini_kb_dir) == before


@pytest.mark.parametrize(
    "name", ["node-outside-kb.ttl", "redefines-ontology.ttl", "unknown-term.ttl"]
)
def test_refused_ids_print_no_zeroed_summary(runner, mini_kb_dir, name):
    result = add(runner, mini_kb_dir, INVALID / name)
    assert result.exit_code == 1
    assert result.output.startswith("refused ids: ")
    for zeroed in (
        "new nodes: 0",
        "new links: 0",
        "conflicts: 0",
        "already in the knowledge base: 0",
    ):
        assert zeroed not in result.output
    data = json.loads(add(runner, mini_kb_dir, INVALID / name, "--format", "json").output)
    assert data["diff"]["compared"] is False and data["diff"]["problems"]


def test_violation_report_names_the_users_file(runner, mini_kb_dir):
    result = add(runner, mini_kb_dir, INVALID / "implication-without-rationale.ttl")
    assert "kb:impl-no-rationale" in result.output
    assert "implication-without-rationale.ttl:" in result.output


def test_amend_replaces_a_single_valued_fact_and_records_it(runner, mini_kb_dir):
    result = add(
        runner, mini_kb_dir, INVALID / "second-label.ttl", "--amend", "-m", "official name"
    )
    assert result.exit_code == 0, result.output
    kb = KnowledgeBase.locate(mini_kb_dir)
    from rdflib.namespace import RDFS

    assert [str(v) for v in kb.graph().objects(KB.russia, RDFS.label)] == ["Russian Federation"]
    shown = runner.invoke(
        cli,
        [
            "contributions",
            "--kb",
            str(mini_kb_dir),
            "show",
            "--format",
            "json",
            json.loads(
                runner.invoke(
                    cli, ["contributions", "--kb", str(mini_kb_dir), "--format", "json"]
                ).output
            )[0]["id"],
        ],
    )
    entry = json.loads(shown.output)
    assert entry["replaced"] == [
        {
            "subject": str(KB.russia),
            "predicate": str(RDFS.label),
            "object": '"Russia"@en',
            "file": "data/mini.ttl",
        }
    ]
    assert runner.invoke(cli, ["validate", "--kb", str(mini_kb_dir)]).exit_code == 0


def test_diff_lists_new_nodes_links_and_conflicts(runner, mini_kb_dir):
    result = runner.invoke(
        cli,
        [
            "diff",
            "--kb",
            str(mini_kb_dir),
            "--format",
            "json",
            str(VALID / "new-implication-two-lenses.ttl"),
        ],
    )
    assert result.exit_code == 0
    diff = json.loads(result.output)
    assert diff["new_nodes"]["argkb:Implication"] == [str(KB["impl-russia-tests-resolve"])]
    assert len(diff["new_nodes"]["argkb:Argument"]) == 2
    assert ["kb:arg-tests-resolve-realism", "argkb:premise", "kb:impl-russia-bolder"] in diff[
        "links_to_existing"
    ]
    assert diff["conflicts"] == []
    conflict = runner.invoke(
        cli, ["diff", "--kb", str(mini_kb_dir), str(INVALID / "second-label.ttl")]
    )
    assert conflict.exit_code == 1
    assert (
        "conflicts: 1\n"
        '  kb:russia already has rdfs:label "Russia"@en; the contribution gives "Russian '
        'Federation"@en' in conflict.output
    )


def test_add_as_a_real_process(mini_kb_dir):
    done = run_argkb(
        "add", "--kb", mini_kb_dir, VALID / "attack-existing-claim.ttl", "--format", "json"
    )
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout)
    assert outcome["status"] == "added"
    assert outcome["contribution"]["author"] == "Test Runner"
    assert (mini_kb_dir / outcome["contribution"]["content_file"]).is_file()


def test_add_and_retract_bring_the_derived_store_up_to_date_in_the_same_step(runner, mini_kb_dir):
    from argkb.store.backends import derived_store

    assert add(runner, mini_kb_dir, VALID / "attack-existing-claim.ttl").exit_code == 0
    kb = KnowledgeBase.locate(mini_kb_dir)
    assert derived_store(kb).scan().fresh  # no later command was needed to catch up
    ox, _manifest = derived_store(kb).open()
    ask = "ASK { <https://w3id.org/argkb/id/arg-doubt-rebuttal-diplomacy> ?p ?o }"
    assert bool(ox.query(ask, use_default_graph_as_union=True))
    del ox
    (entry,) = json.loads(
        runner.invoke(cli, ["contributions", "--kb", str(mini_kb_dir), "--format", "json"]).output
    )
    retracted = runner.invoke(
        cli, ["retract", entry["id"], "--reason", "test", "--kb", str(mini_kb_dir)]
    )
    assert retracted.exit_code == 0, retracted.output
    kb = KnowledgeBase.locate(mini_kb_dir)
    assert derived_store(kb).scan().fresh
    ox, _manifest = derived_store(kb).open()
    assert not bool(ox.query(ask, use_default_graph_as_union=True))
