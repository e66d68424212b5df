"""impacts(): from a move, lever or actor forward to every implication, lens by lens, cycle-safe,
bound queries only."""

from __future__ import annotations

import json

import pytest

from argkb.errors import UsageError
from argkb.kb.folder import KnowledgeBase
from argkb.navigate.impacts import impacts
from argkb.navigate.impacts_render import render
from argkb.store import open_store
from argkb.store.base import OxigraphStore, RdflibStore
from conftest import DATA, make_kb
from test_trace import Recording

CHAIN = DATA / "query" / "chain.ttl"


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> KnowledgeBase:
    return KnowledgeBase.locate(make_kb(tmp_path_factory.mktemp("i") / "kb"), extra=[CHAIN])


def walk(impl):
    yield impl
    for child in impl.leads_to:
        yield from walk(child)


def test_move(kb):
    report = impacts(kb, "move-us-decrease-sanctions")
    assert report.kind == "move" and report.subject.id == "kb:move-us-decrease-sanctions"
    (move,) = report.moves
    assert (move.actor.id, move.lever.id, move.direction.label) == (
        "kb:united-states",
        "kb:sanctions",
        "decrease",
    )
    assert [i.id for i in move.implications] == [
        "kb:impl-alliance-strain",
        "kb:impl-allies-doubt",
        "kb:impl-russia-bolder",
    ]
    bolder = move.implications[2]
    assert bolder.qualifier_label == "could" and [a.id for a in bolder.affects] == ["kb:russia"]
    lenses = {
        v.perspective_label: ([a.id for a in v.supporting], [a.id for a in v.attacking])
        for v in bolder.lenses
    }
    assert lenses == {
        "liberalism": (["kb:arg-bolder-liberalism"], []),
        "realism": (["kb:arg-bolder-realism"], []),
        "security analysis": ([], ["kb:arg-bolder-security-rebuttal"]),
    }
    liberal = next(v for v in bolder.lenses if v.perspective_label == "liberalism").supporting[0]
    assert [u.id for u in liberal.undercut_by] == ["kb:arg-undercut-liberal"]


def test_chains_are_followed_and_each_implication_expanded_once(kb):
    (move,) = impacts(kb, "move-us-decrease-sanctions").moves
    bolder = move.implications[2]
    (doubt,) = bolder.leads_to
    assert doubt.id == "kb:impl-allies-doubt" and doubt.ref  # already listed as triggered
    assert (doubt.via.argument.id, doubt.via.perspective_label) == (
        "kb:arg-doubt-constructivism",
        "constructivism",
    )
    first_doubt = move.implications[1]
    assert [c.id for c in first_doubt.leads_to] == [
        "kb:impl-alliance-strain"
    ] and first_doubt.leads_to[0].ref
    expanded = [i.iri for m in [move] for top in m.implications for i in walk(top) if not i.ref]
    assert len(expanded) == len(set(expanded)) == 3


def test_lever_and_actor(kb):
    lever = impacts(kb, "kb:military-aid")
    assert lever.kind == "lever" and [m.move.id for m in lever.moves] == [
        "kb:move-allies-increase-aid"
    ]
    assert [i.id for i in lever.moves[0].implications] == ["kb:impl-russia-deterred"]
    actor = impacts(kb, "united-states")
    assert actor.kind == "actor" and [m.move.id for m in actor.moves] == [
        "kb:move-us-decrease-sanctions"
    ]
    nobody = impacts(kb, "russia")
    assert nobody.kind == "actor" and nobody.moves == []


def test_perspective_filter(kb):
    (move,) = impacts(kb, "move-us-decrease-sanctions", perspectives=["security-analysis"]).moves
    assert [i.id for i in move.implications] == ["kb:impl-russia-bolder"]
    (bolder,) = move.implications
    assert [v.perspective_label for v in bolder.lenses] == [
        "security analysis"
    ] and bolder.leads_to == []
    (move,) = impacts(kb, "move-us-decrease-sanctions", perspectives=["constructivism"]).moves
    assert [i.id for i in move.implications] == ["kb:impl-allies-doubt"]


def test_unknown_and_wrong_ids(kb):
    with pytest.raises(UsageError, match="kb:sanctions"):
        impacts(kb, "sanctionz")
    with pytest.raises(
        UsageError,
        match=r"kb:impl-russia-bolder is an Implication, not a move, lever or actor: "
        r"try `argkb trace kb:impl-russia-bolder`",
    ):
        impacts(kb, "impl-russia-bolder")
    for hostile in ["sanctions>", "sanctions} UNION {", 'a"b', "x\ny"]:
        with pytest.raises(UsageError):
            impacts(kb, hostile)


def test_bound_queries_only_and_same_on_both_engines(kb):
    store = Recording(open_store(kb))
    report = impacts(store, "sanctions")
    assert store.calls and report.moves
    assert (
        impacts(OxigraphStore.from_kb(kb), "sanctions").to_dict()
        == impacts(RdflibStore(kb.graph()), "sanctions").to_dict()
    )


def test_renderings(kb):
    report = impacts(kb, "move-us-decrease-sanctions")
    data = json.loads(render(report, "json"))
    assert (
        data["kind"] == "move"
        and data["moves"][0]["implications"][2]["lenses"][0]["perspective_label"] == "liberalism"
    )
    tree = render(report, "tree", width=1000)
    assert "triggers Russia grows bolder  kb:impl-russia-bolder  [could]" in tree
    assert (
        "leads to Allies doubt US resolve  kb:impl-allies-doubt  [might]  via [constructivism] "
        "Easing read as wavering" in tree
    )
    assert "against: Sanctions barely bind" in tree and "undercut by Ties already cut" in tree
    md = render(report, "markdown")
    assert (
        md.startswith("# Impacts: US eases sanctions\n")
        and "\n- *triggers* **Russia grows bolder**" in md
    )


def test_a_move_is_shown_once(kb):
    report = impacts(kb, "move-us-decrease-sanctions")
    for fmt in ("tree", "markdown"):
        text = render(report, fmt, width=1000)
        assert text.count("kb:move-us-decrease-sanctions") == 1, text
        assert "── move: " not in text and "- *move:*" not in text
    tree = render(report, "tree", width=1000)
    assert tree.splitlines()[0].startswith("US eases sanctions  kb:move-us-decrease-sanctions  (")
    lever = render(impacts(kb, "sanctions"), "tree", width=1000)  # a lever lists its moves under it
    assert "── move: " in lever


def test_every_seed_move_lists_its_implications(repo_kb):
    from argkb.navigate import walk
    from argkb.vocab.namespaces import ARGKB

    store = open_store(repo_kb)
    moves = [r["node"] for r in store.query(walk.Q_ALL_OF_CLASS, {"_class": ARGKB.Move}).dicts()]
    assert len(moves) >= 5
    for move in moves:
        (impact,) = impacts(store, move).moves
        assert impact.implications, move
        assert all(i.lenses for i in impact.implications if not i.ref), move
