"""argkb add --amend: an amendment is a contribution of its own that supersedes specific facts.

Issue 14, item 3: it used to edit other files in place (their SHA-256 in the log no longer
matched), re-adding the original said "already added", retracting the amendment left the change,
and amending an agent's label gave it a second label. Every reader (rdflib graph, derived store,
in-memory store, a real `argkb query` process) must see the same knowledge base.
"""

from __future__ import annotations

import hashlib
import json

import pytest
from rdflib import Literal
from rdflib.namespace import RDFS

from argkb.cli.main import cli
from argkb.kb.folder import KnowledgeBase
from argkb.vocab.namespaces import KB
from contrib_support import INVALID, VALID, run_argkb, tree_digest

pytestmark = pytest.mark.slow  # the slowest 10 % of cases (docs/contributing.md, Tests)

CLAIM = KB["claim-allies-hedge-anyway"]
RELABEL = """@prefix kb: <https://w3id.org/argkb/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
kb:claim-allies-hedge-anyway rdfs:label "{label}"@en .
"""


def invoke(runner, kb_dir, *args):
    return runner.invoke(cli, [*map(str, args[:1]), "--kb", str(kb_dir), *map(str, args[1:])])


def labels(kb_dir, node=CLAIM) -> list[str]:
    return sorted(str(v) for v in KnowledgeBase.locate(kb_dir).graph().objects(node, RDFS.label))


def store_labels(kb_dir, node=CLAIM, memory=False, monkeypatch=None) -> list[str]:
    from argkb.store import open_store

    if memory:
        monkeypatch.setenv("ARGKB_STORE", "memory")
    result = open_store(KnowledgeBase.locate(kb_dir)).query(
        "SELECT ?l WHERE { ?n <http://www.w3.org/2000/01/rdf-schema#label> ?l }", {"n": node}
    )
    if memory:
        monkeypatch.delenv("ARGKB_STORE")
    return sorted(str(row[0]) for row in result.rows)


def log(runner, kb_dir) -> list[dict]:
    return json.loads(invoke(runner, kb_dir, "contributions", "--format", "json").output)


def relabel(tmp_path, label: str, name: str):
    path = tmp_path / name
    path.write_text(RELABEL.format(label=label), encoding="utf-8")
    return path


@pytest.fixture
def amended(runner, mini_kb_dir, tmp_path):
    """A knowledge base with one contribution (the claim labelled "Allies already hedge") and an
    amendment relabelling it; returns (kb folder, the original's log entry, the amendment's log
    entry, digest before)."""
    assert invoke(runner, mini_kb_dir, "add", VALID / "attack-existing-claim.ttl").exit_code == 0
    (original,) = log(runner, mini_kb_dir)
    before = tree_digest(mini_kb_dir)
    done = invoke(
        runner,
        mini_kb_dir,
        "add",
        relabel(tmp_path, "Allies hedge already", "relabel.ttl"),
        "--amend",
        "-m",
        "clearer label",
    )
    assert done.exit_code == 0, done.output
    amendment = log(runner, mini_kb_dir)[0]
    return mini_kb_dir, original, amendment, before


def test_an_amendment_leaves_every_earlier_file_byte_identical(amended):
    kb_dir, original, amendment, before = amended
    after = tree_digest(kb_dir)
    changed = {name for name in before if before[name] != after.get(name)}
    assert changed == {"data/contributions.ttl"}  # only the log, which records the amendment
    assert set(after) - set(before) == {amendment["content_file"]}
    for entry in (
        original,
        amendment,
    ):  # every content file still has the SHA-256 the log holds for it
        assert (
            hashlib.sha256((kb_dir / entry["content_file"]).read_bytes()).hexdigest()
            == entry["sha256"]
        )


def test_the_amendment_is_recorded_and_every_reader_sees_one_label(amended, monkeypatch):
    kb_dir, original, amendment, _before = amended
    assert amendment["replaced"] == [
        {
            "subject": str(CLAIM),
            "predicate": str(RDFS.label),
            "object": '"Allies already hedge"@en',
            "file": original["content_file"],
        }
    ]
    assert labels(kb_dir) == ["Allies hedge already"]
    assert store_labels(kb_dir) == ["Allies hedge already"]  # the derived store
    assert store_labels(kb_dir, memory=True, monkeypatch=monkeypatch) == ["Allies hedge already"]
    query = kb_dir / "label.rq"
    query.write_text("SELECT ?l WHERE { <%s> <%s> ?l }" % (CLAIM, RDFS.label), encoding="utf-8")
    done = run_argkb("query", "--kb", kb_dir, "--format", "json", query)
    assert done.returncode == 0, done.stderr
    assert "Allies hedge already" in done.stdout and "Allies already hedge" not in done.stdout


def test_show_names_what_is_superseded_and_by_whom(runner, amended):
    kb_dir, original, amendment, _before = amended
    shown = json.loads(
        invoke(runner, kb_dir, "contributions", "show", original["id"], "--format", "json").output
    )
    assert shown["superseded"] == [
        {
            "subject": str(CLAIM),
            "predicate": str(RDFS.label),
            "object": '"Allies already hedge"@en',
            "by": amendment["id"],
        }
    ]
    text = invoke(runner, kb_dir, "contributions", "show", amendment["id"]).output
    assert (
        f'  <{CLAIM}> <{RDFS.label}> "Allies already hedge"@en  (in {original["content_file"]})'
        in text
    )
    assert "\nsupersedes " in text


def test_retracting_the_amendment_brings_the_old_value_back(runner, amended):
    kb_dir, _original, amendment, before = amended
    done = invoke(runner, kb_dir, "retract", amendment["id"], "--reason", "the old label was right")
    assert done.exit_code == 0, done.output
    assert labels(kb_dir) == ["Allies already hedge"]
    assert store_labels(kb_dir) == ["Allies already hedge"]
    assert invoke(runner, kb_dir, "validate").exit_code == 0
    after = tree_digest(kb_dir)
    assert {n for n in before if before[n] != after.get(n)} == {"data/contributions.ttl"}


def test_re_adding_the_original_is_a_conflict_not_already_added(runner, amended):
    kb_dir, original, amendment, _before = amended
    again = invoke(runner, kb_dir, "add", VALID / "attack-existing-claim.ttl")
    assert again.exit_code == 1, again.output
    assert "already added" not in again.output
    assert "conflicts: 1" in again.output
    assert f"argkb retract {amendment['id']}" in again.output  # says how to get the old value back
    back = invoke(
        runner, kb_dir, "add", VALID / "attack-existing-claim.ttl", "--amend", "-m", "back"
    )
    assert back.exit_code == 0, back.output
    assert labels(kb_dir) == ["Allies already hedge"]
    readded = log(runner, kb_dir)[0]
    assert readded["replaced"][0]["file"] == amendment["content_file"]
    assert invoke(runner, kb_dir, "retract", readded["id"], "--reason", "undo").exit_code == 0
    assert labels(kb_dir) == ["Allies hedge already"]


def test_a_chain_of_amendments_unwinds_one_step_at_a_time(runner, amended, tmp_path):
    kb_dir, _original, first, _before = amended
    assert (
        invoke(
            runner, kb_dir, "add", relabel(tmp_path, "Allies hedge", "second.ttl"), "--amend"
        ).exit_code
        == 0
    )
    second = log(runner, kb_dir)[0]
    assert second["replaced"][0]["file"] == first["content_file"]
    assert labels(kb_dir) == ["Allies hedge"]
    assert invoke(runner, kb_dir, "retract", second["id"], "--reason", "step back").exit_code == 0
    assert labels(kb_dir) == ["Allies hedge already"]
    assert invoke(runner, kb_dir, "retract", first["id"], "--reason", "step back").exit_code == 0
    assert labels(kb_dir) == ["Allies already hedge"]


def test_amending_an_agents_label_gives_it_one_label(runner, mini_kb_dir, tmp_path):
    agent = KB["contributor-jane-doe"]
    assert (
        invoke(
            runner, mini_kb_dir, "add", VALID / "attack-existing-claim.ttl", "--author", "Jane Doe"
        ).exit_code
        == 0
    )
    assert labels(mini_kb_dir, agent) == ["Jane Doe"]
    fix = tmp_path / "agent.ttl"
    fix.write_text(f'<{agent}> <{RDFS.label}> "Jane Q. Doe" .\n', encoding="utf-8")
    done = invoke(runner, mini_kb_dir, "add", fix, "--amend", "--author", "Jane Doe")
    assert done.exit_code == 0, done.output
    assert labels(mini_kb_dir, agent) == ["Jane Q. Doe"]
    assert store_labels(mini_kb_dir, agent) == ["Jane Q. Doe"]
    assert log(runner, mini_kb_dir)[0]["replaced"][0]["file"] == "data/contributions.ttl"


def test_amending_a_hand_written_file_leaves_it_as_it_is(runner, mini_kb_dir):
    seed = mini_kb_dir / "data" / "mini.ttl"
    before = seed.read_bytes()
    assert (
        invoke(runner, mini_kb_dir, "add", INVALID / "second-label.ttl", "--amend").exit_code == 0
    )
    assert seed.read_bytes() == before
    assert labels(mini_kb_dir, KB.russia) == ["Russian Federation"]
    assert Literal("Russia", lang="en") not in set(
        KnowledgeBase.locate(mini_kb_dir).graph().objects(KB.russia)
    )


@pytest.mark.parametrize("step", ["before-log", "after-log"])
def test_an_amendment_killed_mid_write_lands_whole_or_not_at_all(runner, amended, tmp_path, step):
    kb_dir, _original, _amendment, _before = amended
    before = tree_digest(kb_dir)
    done = run_argkb(
        "add",
        "--kb",
        kb_dir,
        relabel(tmp_path, "Allies hedge", "killed.ttl"),
        "--amend",
        env={"ARGKB_FAULT": step},
    )
    assert done.returncode == -9
    invoke(
        runner, kb_dir, "add", VALID / "editor-claim.nt"
    )  # the next writer finishes or undoes it
    expected = ["Allies hedge already"] if step == "before-log" else ["Allies hedge"]
    assert labels(kb_dir) == expected
    assert store_labels(kb_dir) == expected
    if step == "before-log":
        after = tree_digest(kb_dir)
        assert all(
            after[name] == digest
            for name, digest in before.items()
            if name != "data/contributions.ttl"
        )


def test_readers_of_an_amendment_killed_before_its_renames_see_the_old_facts(
    runner, amended, tmp_path, monkeypatch
):
    """Killed between the log commit and the renames: the log lists the amendment's replaced facts,
    but its content is still ``….ttl.pending``. Readers used to drop the old label and not read the
    new one (the claim had no label; validate failed until the next write); they now ignore the
    replacement until its content is in place, and see the knowledge base as it was."""
    kb_dir, _original, _amendment, _before = amended
    done = run_argkb(
        "add",
        "--kb",
        kb_dir,
        relabel(tmp_path, "Allies hedge", "killed.ttl"),
        "--amend",
        env={"ARGKB_FAULT": "after-log"},
    )
    assert done.returncode == -9
    assert list(
        (kb_dir / "data" / "contributions").glob("*.pending")
    )  # the crash point: committed, not renamed
    assert labels(kb_dir) == ["Allies hedge already"]
    assert store_labels(kb_dir) == ["Allies hedge already"]
    assert store_labels(kb_dir, memory=True, monkeypatch=monkeypatch) == ["Allies hedge already"]
    checked = run_argkb("validate", "--kb", kb_dir)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    invoke(runner, kb_dir, "add", VALID / "editor-claim.nt")  # the next writer completes it
    assert labels(kb_dir) == ["Allies hedge"]
    assert store_labels(kb_dir) == ["Allies hedge"]


def test_a_replacement_whose_content_file_is_missing_is_not_applied(amended):
    """The same rule for a content file gone altogether: the old value stays rather than no
    value."""
    kb_dir, _original, amendment, _before = amended
    (kb_dir / amendment["content_file"]).unlink()
    assert labels(kb_dir) == ["Allies already hedge"]
