"""Alternative outcomes (argkb:alternativeTo): the named query, trace and impacts show them from
both sides."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph

from argkb.cli.main import cli
from argkb.vocab.namespaces import ARGKB

REPO = Path(__file__).resolve().parents[1]
WEAK = (
    Path(__file__).parent / "data" / "review" / "weaknesses.ttl"
)  # kb:impl-russia-restrained alternativeTo kb:impl-russia-bolder


def test_named_query_lists_every_pair_both_ways_on_the_seed(runner):
    result = runner.invoke(
        cli, ["query", "alternative-outcomes", "--kb", str(REPO), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["results"]["bindings"]
    found = {(r["implication"]["value"], r["alternative"]["value"]) for r in rows}
    seed = Graph().parse(REPO / "data" / "trump-putin-ukraine-talks.ttl")
    declared = {(str(a), str(b)) for a, b in seed.subject_objects(ARGKB.alternativeTo)}
    assert declared and found == declared | {(b, a) for a, b in declared}


def test_named_query_binds_one_implication(runner):
    result = runner.invoke(
        cli,
        [
            "query",
            "alternative-outcomes",
            "--kb",
            str(REPO),
            "--format",
            "json",
            "--param",
            "implication=impl-aid-cut-defence",
        ],
    )
    rows = json.loads(result.output)["results"]["bindings"]
    assert {r["alternative"]["value"].rsplit("/", 1)[1] for r in rows} == {
        "impl-renewed-aid-position",
        "impl-renewed-aid-deterrence",
    }
    # aid's benefit and its risks can both follow: a trade-off, which the alternatives query leaves
    # out
    result = runner.invoke(
        cli,
        [
            "query",
            "alternative-outcomes",
            "--kb",
            str(REPO),
            "--format",
            "json",
            "--param",
            "implication=impl-aid-sovereignty",
        ],
    )
    assert json.loads(result.output)["results"]["bindings"] == []


def test_trace_shows_the_alternative_declared_on_the_other_side(runner, mini_kb_dir):
    result = runner.invoke(
        cli,
        [
            "trace",
            "impl-russia-bolder",
            "--kb",
            str(mini_kb_dir),
            "--data",
            str(WEAK),
            "--depth",
            "0",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "alternative outcome: Russia holds back  kb:impl-russia-restrained" in result.output
    data = json.loads(
        runner.invoke(
            cli,
            [
                "trace",
                "impl-russia-restrained",
                "--kb",
                str(mini_kb_dir),
                "--data",
                str(WEAK),
                "--format",
                "json",
            ],
        ).output
    )
    assert [a["id"] for a in data["alternatives"]] == ["kb:impl-russia-bolder"]


def test_impacts_show_alternatives_beside_each_implication(runner, mini_kb_dir):
    result = runner.invoke(
        cli,
        [
            "impacts",
            "move-us-decrease-sanctions",
            "--kb",
            str(mini_kb_dir),
            "--data",
            str(WEAK),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    implications = {i["id"]: i for i in json.loads(result.output)["moves"][0]["implications"]}
    assert [a["id"] for a in implications["kb:impl-russia-bolder"]["alternatives"]] == [
        "kb:impl-russia-restrained"
    ]
    assert [a["id"] for a in implications["kb:impl-russia-restrained"]["alternatives"]] == [
        "kb:impl-russia-bolder"
    ]
    assert implications["kb:impl-allies-doubt"]["alternatives"] == []
