"""argkb retract checks only what the retraction changes (argkb.validation.change): on every case
here it gives the same verdict — the same new violations — as validating the whole knowledge base
before and after."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from argkb.cli.main import cli
from argkb.kb.folder import KnowledgeBase
from argkb.kb.log import find, read_log
from argkb.store import open_store
from argkb.store.view import knowledge_base_as
from argkb.validation.change import new_violations
from contrib_support import VALID

HEAD = """@prefix argkb: <https://w3id.org/argkb/ontology#> .
@prefix kb: <https://w3id.org/argkb/id/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""
CLAIM = """kb:claim-base a argkb:Claim ; rdfs:label "Base claim"@en ;
    argkb:statement "A claim another contribution argues from."@en ; prov:wasAttributedTo \
kb:argkb-editors .
"""
LENS = """kb:lens-grand-strategy a argkb:Perspective ; rdfs:label "Grand strategy"@en .
"""


def argument(
    name: str,
    premise: str,
    perspective: str = "argkb:DiplomaticPractice",
    target: str = "argkb:conclusion kb:impl-allies-doubt",
) -> str:
    return f"""kb:{name} a argkb:Argument ; rdfs:label "{name}"@en ;
    argkb:perspective {perspective} ; argkb:premise {premise} ;
    argkb:warrant "Because the premise makes it likely."@en ; {target} ;
    prov:wasAttributedTo kb:argkb-editors .
"""


def add(runner, kb_dir, tmp_path, name: str, text: str | None = None, *extra) -> str:
    path = VALID / name if text is None else tmp_path / name
    if text is not None:
        path.write_text(HEAD + text, encoding="utf-8")
    result = runner.invoke(cli, ["add", "--kb", str(kb_dir), str(path), "--format", "json", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["contribution"]["id"]


def both_ways(kb_dir, ident: str) -> tuple[set, set]:
    """The new violations retracting ``ident`` would bring: checked where the change reaches, and
    whole."""
    live = KnowledgeBase.locate(kb_dir)
    entries = read_log(live.data_dir)
    target = find(entries, ident)
    after = [
        replace(c, retracted_at="2026-12-07T00:00:00Z") if c.id == target.id else c for c in entries
    ]
    with knowledge_base_as(live, log=after) as view:
        assert open_store(view).backend.startswith("disk view")  # the incremental check really runs
        fast = new_violations(live, view)
        whole = new_violations(live, view, incremental=False)
    seen = [
        {(r.focus_name, r.rule, r.path, r.severity) for r in results} for results in (fast, whole)
    ]
    assert all(
        r.file for r in fast + whole if r.focus_name.startswith("kb:")
    )  # located in the live files
    return seen[0], seen[1]


def test_a_retraction_nothing_depends_on_is_fine_both_ways(runner, mini_kb_dir, tmp_path):
    ident = add(runner, mini_kb_dir, tmp_path, "attack-existing-claim.ttl")
    fast, whole = both_ways(mini_kb_dir, ident)
    assert fast == whole == set()


def test_a_dangling_premise_both_ways(runner, mini_kb_dir, tmp_path):
    base = add(runner, mini_kb_dir, tmp_path, "base.ttl", CLAIM)
    add(runner, mini_kb_dir, tmp_path, "uses.ttl", argument("arg-uses-base", "kb:claim-base"))
    fast, whole = both_ways(mini_kb_dir, base)
    assert fast == whole
    assert ("kb:arg-uses-base", 3, "argkb:premise", "Violation") in fast


def test_a_dangling_attack_target_both_ways(runner, mini_kb_dir, tmp_path):
    base = add(runner, mini_kb_dir, tmp_path, "base.ttl", CLAIM)
    add(
        runner,
        mini_kb_dir,
        tmp_path,
        "attacks.ttl",
        argument(
            "arg-attacks-base", "kb:claim-signals-matter", target="argkb:attacks kb:claim-base"
        ),
    )
    fast, whole = both_ways(mini_kb_dir, base)
    assert fast == whole
    assert ("kb:arg-attacks-base", 3, "argkb:attacks", "Violation") in fast


def test_a_broken_sparql_constraint_both_ways(runner, mini_kb_dir, tmp_path):
    """The lens an argument reasons through was declared by the retracted contribution (rule 3's
    SPARQL constraint: a declared perspective)."""
    base = add(runner, mini_kb_dir, tmp_path, "lens.ttl", LENS)
    add(
        runner,
        mini_kb_dir,
        tmp_path,
        "through.ttl",
        argument("arg-grand", "kb:claim-signals-matter", perspective="kb:lens-grand-strategy"),
    )
    fast, whole = both_ways(mini_kb_dir, base)
    assert fast == whole
    assert any(focus == "kb:arg-grand" and rule == 3 for focus, rule, _path, _severity in fast)


def test_an_implication_left_without_arguments_both_ways(runner, mini_kb_dir, tmp_path):
    """The arguments lose their type but still conclude the implication another file also defines:
    the implication breaks rule 2 though no retracted triple names it as subject or object."""
    base = add(runner, mini_kb_dir, tmp_path, "new-implication-two-lenses.ttl")
    add(
        runner,
        mini_kb_dir,
        tmp_path,
        "again.ttl",
        """kb:impl-russia-tests-resolve a argkb:Implication ;
    rdfs:label "Russia tests allied resolve"@en ;
    argkb:statement "Emboldened, Russia could test how far the allies' resolve goes."@en ;
    argkb:trigger kb:move-us-decrease-sanctions ; argkb:affects kb:european-allies, kb:russia ;
    argkb:qualifier argkb:Could ; prov:wasAttributedTo kb:argkb-editors .
kb:arg-tests-resolve-realism argkb:conclusion kb:impl-russia-tests-resolve ;
    rdfs:comment "Concludes it in this file too."@en .
""",
    )
    fast, whole = both_ways(mini_kb_dir, base)
    assert fast == whole
    assert any(
        focus == "kb:impl-russia-tests-resolve" and rule == 2 for focus, rule, _p, _s in fast
    )


@pytest.mark.parametrize("first", ["uses", "base"])
def test_retracting_the_dependant_or_an_amendment_is_fine_both_ways(
    runner, mini_kb_dir, tmp_path, first
):
    base = add(runner, mini_kb_dir, tmp_path, "base.ttl", CLAIM)
    uses = add(
        runner, mini_kb_dir, tmp_path, "uses.ttl", argument("arg-uses-base", "kb:claim-base")
    )
    amended = add(
        runner,
        mini_kb_dir,
        tmp_path,
        "amend.ttl",
        'kb:claim-base rdfs:label "Base claim, relabelled"@en .\n',
        "--amend",
    )
    fast, whole = both_ways(mini_kb_dir, uses if first == "uses" else amended)
    assert fast == whole == set()
    fast, whole = both_ways(
        mini_kb_dir, base
    )  # the amendment's label stays: the claim keeps a label
    assert fast == whole and ("kb:arg-uses-base", 3, "argkb:premise", "Violation") in fast


def test_in_memory_the_whole_check_refuses_the_same(runner, mini_kb_dir, tmp_path, monkeypatch):
    """Without the derived store (ARGKB_STORE=memory) the view is read into memory and checked
    whole: the same refusal, naming the same node, and nothing written."""
    base = add(runner, mini_kb_dir, tmp_path, "base.ttl", CLAIM)
    add(runner, mini_kb_dir, tmp_path, "uses.ttl", argument("arg-uses-base", "kb:claim-base"))
    log = (mini_kb_dir / "data" / "contributions.ttl").read_bytes()
    monkeypatch.setenv("ARGKB_STORE", "memory")
    refused = runner.invoke(cli, ["retract", "--kb", str(mini_kb_dir), base, "-m", "wrong"])
    assert refused.exit_code == 1, refused.output
    assert "kb:arg-uses-base" in refused.output and "rule 3" in refused.output
    assert (mini_kb_dir / "data" / "contributions.ttl").read_bytes() == log
