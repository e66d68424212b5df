"""Incremental validation of a contribution gives exactly what whole-graph validation gives.

A small knowledge base is generated (bench/generate.py); for every way bench/contribution.py
knows to break a contribution (and the valid one), under several seeds, the contribution is
validated incrementally (``validate(kb, [file])``: a neighbourhood taken from the store) and
as a whole (the merged graph, reported on the nodes the file touches), and the results must
be the same set of (focus, rule, shape, severity, path, value, message).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from argkb.kb.folder import KnowledgeBase
from argkb.validation.validate import validate, validate_whole

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from contribution import BREAKAGES, make_contribution  # noqa: E402
from generate import generate  # noqa: E402

SEEDS = (1, 2)
CASES = [(b, s) for b in sorted(BREAKAGES) for s in SEEDS]


def masked(r) -> tuple:
    """What a result says, blank nodes masked (their labels differ between two parses of one
    file)."""

    def mask(text):
        return "_:" if text and text.startswith("_:") else text

    return mask(r.focus), r.rule, r.shape, r.severity, r.path, mask(r.value), r.message


def key(report) -> set:
    return {masked(r) for r in report.results}


@pytest.fixture(scope="module")
def gen_kb(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("gen") / "kb"
    generate(root, 1_500, seed=7)
    return root


def test_generated_kb_is_valid(gen_kb):
    report = validate(KnowledgeBase.locate(gen_kb))
    assert report.conforms and not report.warnings, report.to_text()


@pytest.mark.parametrize("breakage,seed", CASES, ids=[f"{b}-{s}" for b, s in CASES])
def test_incremental_equals_whole(gen_kb, tmp_path, breakage, seed):
    contribution = tmp_path / f"{breakage}.ttl"
    contribution.write_text(make_contribution(gen_kb, seed, breakage), encoding="utf-8")
    kb = KnowledgeBase.locate(gen_kb)
    incremental = validate(kb, [contribution])
    whole = validate_whole(kb, [contribution], engine="fast")
    assert key(incremental) == key(whole)
    assert incremental.conforms == (
        breakage in ("valid", "unused-claim", "single-lens", "existing-claim-unlabelled-use")
    )
    if breakage in ("unused-claim", "single-lens"):
        assert [r.rule for r in incremental.warnings] == [7]
    if not incremental.conforms:  # every violation names the file that defines its node
        assert all(r.file for r in incremental.violations if not r.focus.startswith("_:"))


def test_cycle_through_existing_claims_is_named(gen_kb, tmp_path):
    contribution = tmp_path / "cycle.ttl"
    contribution.write_text(make_contribution(gen_kb, 1, "cycle-existing"), encoding="utf-8")
    report = validate(KnowledgeBase.locate(gen_kb), [contribution])
    assert {(r.rule, r.focus_name) for r in report.violations} == {(4, "kb:contrib-cycle")}


def test_blank_node_quote_is_reported(gen_kb, tmp_path):
    contribution = tmp_path / "bnode.ttl"
    contribution.write_text(make_contribution(gen_kb, 1, "bnode-quote"), encoding="utf-8")
    report = validate(KnowledgeBase.locate(gen_kb), [contribution])
    assert [(r.rule, r.focus[:2]) for r in report.violations] == [(6, "_:")]


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_every_way_of_restricting_to_the_focus_gives_the_same_report(
    gen_kb, tmp_path, monkeypatch, breakage
):
    """The focus nodes marked in a graph of their own, the whole neighbourhood checked and filtered,
    or a VALUES block (argkb.store.focus): the same results, files and lines."""
    import argkb.store.focus as focus

    contribution = tmp_path / f"{breakage}.ttl"
    contribution.write_text(make_contribution(gen_kb, 1, breakage), encoding="utf-8")
    reports = {}
    for way, mostly, markable in (
        ("marked", 0, True),
        ("filtered", 10**9, True),
        ("values", 0, False),
    ):
        monkeypatch.setattr(focus, "MOSTLY", mostly)
        if not markable:
            monkeypatch.setattr(focus, "markable", lambda _store: False)
        report = validate(KnowledgeBase.locate(gen_kb), [contribution])
        reports[way] = sorted(repr((*masked(r), r.file, r.line)) for r in report.results)
    assert reports["marked"] == reports["filtered"] == reports["values"]
