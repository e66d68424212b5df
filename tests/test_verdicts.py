"""The lens rule (what each lens must answer), `argkb why` and its cruxes, checked by
recomputation."""

from __future__ import annotations

import json
import shutil
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, URIRef

from argkb.assess.assessment import lenses
from argkb.assess.crux import cruxes, verdict
from argkb.assess.graph import Argument, ArgumentGraph, Claim
from argkb.assess.why import why
from argkb.cli.main import cli
from argkb.kb import KnowledgeBase
from argkb.vocab.namespaces import ARGKB, KB
from conftest import DATA, make_kb

FOUR = DATA / "verdicts" / "four-cases.ttl"


@pytest.fixture
def four_kb_dir(tmp_path) -> Path:
    folder = make_kb(tmp_path / "kb")
    shutil.copy(FOUR, folder / "data" / FOUR.name)
    return folder


def _table(kb) -> dict[str, dict]:
    comp = lenses(kb)
    out = {}
    from argkb.assess.render import comparison_json

    for item in comparison_json(comp)["implications"]:
        out[item["id"]] = {"overall": item["overall"], **item["lenses"]}
    return out


def test_the_four_cases_follow_the_lens_rule(four_kb_dir):
    t = _table(KnowledgeBase.locate(four_kb_dir))
    # 1. a theory objection: realism's rebuttal rests on a claim only realism holds
    assert t["kb:impl-v1"]["liberalism"] == "IN"
    assert t["kb:impl-v1"]["realism"] == "OUT"
    assert t["kb:impl-v1"]["overall"] == "OUT"  # the overall view counts every argument
    # 2. an objection on shared ground binds every lens
    assert t["kb:impl-v2"]["liberalism"] == "OUT"
    # 3. a theory held by two lenses: it binds security analysis, not constructivism
    assert t["kb:impl-v3"]["security-analysis"] == "OUT"
    assert t["kb:impl-v3"]["constructivism"] == "IN"
    # a lens that neither concludes nor attacks is silent, never IN
    assert t["kb:impl-v1"]["constructivism"] is None
    # 4. one premise under three rebuttals
    for n in "abc":
        assert t[f"kb:impl-v4{n}"]["liberalism"] == "IN"
        assert t[f"kb:impl-v4{n}"]["overall"] == "OUT"


def test_review_names_the_premise_that_decides_three_verdicts(four_kb_dir):
    from argkb.review.findings import review

    found = review(KnowledgeBase.locate(four_kb_dir)).findings
    decisive = {f.node for f in found if f.kind == "argkb:DecisivePremise"}
    assert "kb:v-stakes" in decisive
    assert "kb:v-fact" not in decisive  # it decides one implication's verdicts only


def test_lenses_json_gives_strength_overall_and_per_lens(runner, four_kb_dir):
    result = runner.invoke(cli, ["lenses", "--kb", str(four_kb_dir), "--format", "json"])
    assert result.exit_code == 0, result.output
    row = next(i for i in json.loads(result.output)["implications"] if i["id"] == "kb:impl-v1")
    s = row["strength"]
    assert set(s) == {
        "overall",
        "realism",
        "liberalism",
        "constructivism",
        "diplomatic-practice",
        "security-analysis",
    }
    assert s["constructivism"] is None  # silent
    assert s["liberalism"] > s["overall"] > s["realism"]  # unopposed > contested > only attacked


def test_why_json_shape_and_the_objection_liberalism_does_not_count(runner, four_kb_dir):
    result = runner.invoke(
        cli, ["why", "impl-v1", "-p", "liberalism", "--kb", str(four_kb_dir), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"id", "lens", "status", "strength", "because", "cruxes"} <= set(data)
    assert (data["id"], data["lens"], data["status"]) == ("kb:impl-v1", "liberalism", "IN")
    rebuttal = next(b for b in data["because"] if b["argument"] == "kb:arg-v1-realist")
    assert rebuttal["counted"] is False and rebuttal["not_counted_because"] == ["kb:v-balancing"]
    assert data["cruxes"] == [["kb:arg-v1-liberal"]]  # without it liberalism is silent


def test_why_out_names_the_defeater_and_between_names_the_difference(runner, four_kb_dir):
    result = runner.invoke(
        cli,
        [
            "why",
            "impl-v1",
            "-p",
            "realism",
            "--between",
            "realism",
            "liberalism",
            "--kb",
            str(four_kb_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "under realism: OUT" in result.output
    assert "defeated by kb:arg-v1-realist" in result.output
    assert "kb:arg-v1-realist counts under realism, not under liberalism" in result.output
    assert "kb:v-balancing" in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["why", "impl-nope"], "unknown claim 'impl-nope'"),
        (["why", "impl-v1", "-p", "marxism"], "unknown perspective 'marxism'"),
        (["why", "kb:<bad>"], "not a valid"),
        (["why", "impl-v1", "--semantics", "ideal"], "Invalid value"),
    ],
)
def test_bad_ids_and_lenses_are_one_sentence_usage_errors(runner, four_kb_dir, args, message):
    result = runner.invoke(cli, [*args, "--kb", str(four_kb_dir)])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def _views(kb) -> list:
    from argkb.store import open_store
    from argkb.store.perspectives import lenses as all_lenses

    return [None, *all_lenses(open_store(kb))]


def _lens_key(lens) -> str:
    from argkb.assess.render import lens_name

    return lens_name(lens)


@pytest.mark.slow
def test_why_agrees_with_lenses_everywhere(four_kb_dir, repo_kb):
    for kb in (KnowledgeBase.locate(four_kb_dir), repo_kb):
        table = _table(kb)
        views = _views(kb)
        for impl, row in table.items():
            for lens in views:
                w = why(kb, impl, lens)
                assert w.status == row[_lens_key(lens)], (impl, _lens_key(lens))


def _without(kb_dir: Path, tmp: Path, arguments) -> KnowledgeBase:
    """A copy of the knowledge base with every triple about the arguments removed."""
    target = tmp / ("kb-" + "-".join(sorted(a.rsplit("/", 1)[-1] for a in arguments)))
    if target.exists():  # the same arguments removed before: the same knowledge base
        return KnowledgeBase.locate(target)
    shutil.copytree(kb_dir, target, ignore=shutil.ignore_patterns(".argkb-cache"))
    for f in (target / "data").glob("*.ttl"):
        g = Graph()
        g.parse(f)
        for a in arguments:
            g.remove((URIRef(a), None, None))
            g.remove((None, None, URIRef(a)))
        f.write_text(g.serialize(format="turtle"), encoding="utf-8")
    return KnowledgeBase.locate(target)


@pytest.mark.slow
def test_every_crux_changes_the_verdict_and_no_smaller_part_does(four_kb_dir, tmp_path):
    from argkb.rdf.ids import to_iri

    kb = KnowledgeBase.locate(four_kb_dir)
    table = _table(kb)
    checked = 0
    for impl in ("kb:impl-v1", "kb:impl-v3", "kb:impl-russia-bolder"):
        for lens in _views(kb):
            w = why(kb, impl, lens)
            for crux in w.cruxes:
                key = _lens_key(lens)
                assert (
                    _table(_without(four_kb_dir, tmp_path, [str(a) for a in crux]))
                    .get(impl, {})
                    .get(key)
                    != table[impl][key]
                )
                for k in range(1, len(crux)):
                    for part in combinations(crux, k):
                        assert (
                            _table(_without(four_kb_dir, tmp_path, [str(a) for a in part]))[impl][
                                key
                            ]
                            == table[impl][key]
                        )
                checked += 1
    assert checked >= 8
    assert to_iri("arg-v1-realist") in {a for c in why(kb, "impl-v1", None).cruxes for a in c}


def test_the_seed_cruxes_of_a_contested_necessity_hold_when_recomputed(repo_kb, tmp_path):
    """On the seed, one diplomatic rebuttal (confidential talks have kept stability) decides the
    overall verdict on the article's "clear communication is vital to stability": removing each crux
    changes it."""
    seed_dir = tmp_path / "seed"
    shutil.copytree(repo_kb.root / "ontology", seed_dir / "ontology")
    shutil.copytree(repo_kb.root / "data", seed_dir / "data")
    w = why(repo_kb, "impl-transparency-stability", None)
    assert w.status == "OUT" and w.cruxes
    assert [KB["arg-transparency-stability-diplomatic-attack"]] in [list(c) for c in w.cruxes]
    for crux in w.cruxes[:3]:
        after = _table(_without(seed_dir, tmp_path, [str(a) for a in crux]))[
            "kb:impl-transparency-stability"
        ]["overall"]
        assert after != "OUT"


# ------------------------------------------------- cruxes against brute force --
@st.composite
def argument_graphs(draw):
    lenses_ = [ARGKB.Realism, ARGKB.Liberalism]
    n_claims = draw(st.integers(2, 4))
    claims = {
        KB[f"c{i}"]: Claim(
            KB[f"c{i}"],
            implication=(i == 0),
            held_by=frozenset(draw(st.sets(st.sampled_from(lenses_), max_size=2)))
            if i
            else frozenset(),
        )
        for i in range(n_claims)
    }
    n_args = draw(st.integers(1, 6))
    args = {}
    for j in range(n_args):
        iri = KB[f"a{j}"]
        a = Argument(
            iri,
            perspective=draw(st.sampled_from(lenses_)),
            premises=sorted(
                draw(st.sets(st.sampled_from(list(claims)[1:]), min_size=1, max_size=2))
            ),
            weakens=draw(st.booleans()) and draw(st.booleans()),
        )
        if draw(st.booleans()):
            a.conclusion = KB["c0"]
        else:
            targets = [*claims, *(KB[f"a{k}"] for k in range(j))]
            a.attacks = draw(st.sampled_from(targets))
        args[iri] = a
    return ArgumentGraph(args, claims)


@settings(max_examples=150, deadline=None)
@given(
    argument_graphs(),
    st.sampled_from([None, ARGKB.Realism, ARGKB.Liberalism]),
    st.sampled_from(["grounded", "preferred"]),
)
@pytest.mark.slow
def test_cruxes_are_exactly_the_minimal_changing_sets(graph, lens, semantics):
    _, view = graph.lens_arguments(lens)
    claim = KB["c0"]
    found, complete = cruxes(graph, lens, claim, view, semantics)
    assert complete
    before = verdict(graph, lens, claim, view, semantics)
    changing = [
        frozenset(c)
        for k in (1, 2, 3)
        for c in combinations(sorted(view), k)
        if verdict(graph, lens, claim, set(view) - set(c), semantics) != before
    ]
    minimal = {c for c in changing if not any(d < c for d in changing)}
    assert {frozenset(c) for c in found} == minimal
    assert [len(c) for c in found] == sorted(len(c) for c in found)  # smallest first


def test_trace_shows_each_claims_strength_beside_its_status(runner, four_kb_dir):
    result = runner.invoke(
        cli, ["trace", "impl-v1", "--status", "liberalism", "--kb", str(four_kb_dir)]
    )
    assert result.exit_code == 0, result.output
    assert "kb:impl-v1  IN (strength 1.00)" in result.output
    data = json.loads(
        runner.invoke(
            cli,
            [
                "trace",
                "impl-v1",
                "--status",
                "realism",
                "--format",
                "json",
                "--kb",
                str(four_kb_dir),
            ],
        ).output
    )
    assert (data["status"], data["strength"]) == ("OUT", 0.0)


def test_why_on_a_theory_premise_says_which_lenses_grant_it(runner, four_kb_dir):
    out = runner.invoke(
        cli, ["why", "v-balancing", "-p", "liberalism", "--kb", str(four_kb_dir)]
    ).output
    assert "under liberalism: not granted" in out
    assert "liberalism does not grant it: a theory claim held by realism" in out
    data = json.loads(
        runner.invoke(
            cli,
            ["why", "v-balancing", "-p", "realism", "--format", "json", "--kb", str(four_kb_dir)],
        ).output
    )
    assert (data["status"], data["strength"], data["held_by"], data["granted"]) == (
        "IN",
        1.0,
        ["realism"],
        True,
    )
