"""A knowledge base may declare its own lenses; every command treats them like the five built-in
ones."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from argkb.cli.main import cli

LENS = (
    Path(__file__).parent / "data" / "lenses" / "declared-lens.ttl"
)  # kb:FeministIR, notation feminist-ir
ARG = "https://w3id.org/argkb/id/arg-doubt-feminist"


@pytest.fixture
def kb_dir(mini_kb_dir):
    shutil.copy(LENS, mini_kb_dir / "data" / LENS.name)
    return mini_kb_dir


def invoke(runner, *args):
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_lenses_compares_the_declared_lens_beside_the_built_in_ones(runner, kb_dir):
    data = json.loads(invoke(runner, "lenses", "--kb", str(kb_dir), "--format", "json"))
    assert data["lenses"] == [
        "realism",
        "liberalism",
        "constructivism",
        "diplomatic-practice",
        "security-analysis",
        "kb:FeministIR",
    ]
    doubt = next(i for i in data["implications"] if i["id"] == "kb:impl-allies-doubt")
    assert doubt["lenses"]["kb:FeministIR"] == "IN"


@pytest.mark.parametrize("name", ["feminist-ir", "feminist IR", "kb:FeministIR"])
def test_query_binds_the_declared_lens_by_any_of_its_names(runner, kb_dir, name):
    out = invoke(
        runner,
        "query",
        "arguments-by-perspective",
        "--kb",
        str(kb_dir),
        "--param",
        f"perspective={name}",
        "--format",
        "json",
    )
    rows = json.loads(out)["results"]["bindings"]
    assert [r["argument"]["value"] for r in rows] == [ARG]


def test_assess_trace_and_impacts_follow_the_declared_lens(runner, kb_dir):
    assert "kb:arg-doubt-feminist" in invoke(
        runner, "assess", "--kb", str(kb_dir), "--perspective", "feminist-ir"
    )
    trace = json.loads(
        invoke(
            runner,
            "trace",
            "impl-allies-doubt",
            "--kb",
            str(kb_dir),
            "--perspective",
            "feminist-ir",
            "--format",
            "json",
        )
    )
    assert [a["id"] for a in trace["supported_by"]] == ["kb:arg-doubt-feminist"]
    impacts = json.loads(
        invoke(
            runner,
            "impacts",
            "move-us-decrease-sanctions",
            "--kb",
            str(kb_dir),
            "--perspective",
            "feminist-ir",
            "--format",
            "json",
        )
    )
    assert [i["id"] for i in impacts["moves"][0]["implications"]] == ["kb:impl-allies-doubt"]


def test_unknown_lens_is_refused_naming_the_declared_ones(runner, kb_dir):
    result = runner.invoke(cli, ["lenses", "--kb", str(kb_dir), "--perspective", "feminism"])
    assert result.exit_code == 2
    assert "feminist-ir" in result.output and "Traceback" not in result.output


def test_without_the_declaration_the_name_is_unknown(runner, mini_kb_dir):
    result = runner.invoke(
        cli,
        [
            "query",
            "arguments-by-perspective",
            "--kb",
            str(mini_kb_dir),
            "--param",
            "perspective=feminist-ir",
        ],
    )
    assert result.exit_code == 2, result.output


HELD = """@prefix argkb: <https://w3id.org/argkb/ontology#> .
@prefix kb:    <https://w3id.org/argkb/id/> .
@prefix prov:  <http://www.w3.org/ns/prov#> .
@prefix rdfs:  <http://www.w3.org/2000/01/rdf-schema#> .

kb:claim-resolve-gendered a argkb:Claim ;
    rdfs:label "Resolve is a gendered frame"@en ;
    argkb:statement "Talk of resolve frames policy as a test of masculine firmness."@en ;
    argkb:heldBy kb:FeministIR ;
    prov:wasAttributedTo kb:argkb-editors .

kb:arg-resolve-feminist-attack a argkb:Argument ;
    rdfs:label "Credibility talk is a frame"@en ;
    argkb:perspective kb:FeministIR ;
    argkb:premise kb:claim-resolve-gendered ;
    argkb:warrant "What realists call credibility is a gendered frame, not a fact allies must \
read."@en ;
    argkb:attacks kb:arg-doubt-realism ;
    prov:wasAttributedTo kb:argkb-editors .
"""


def test_a_declared_lens_holds_a_theory_like_a_built_in_one(runner, kb_dir):
    (kb_dir / "data" / "held.ttl").write_text(HELD, encoding="utf-8")
    assert runner.invoke(cli, ["validate", "--kb", str(kb_dir)]).exit_code == 0
    rows = {
        r["id"]: r
        for r in json.loads(invoke(runner, "lenses", "--kb", str(kb_dir), "--format", "json"))[
            "implications"
        ]
    }
    # realism does not grant the feminist frame: its credibility argument stands under realism
    assert rows["kb:impl-allies-doubt"]["lenses"]["realism"] == "IN"
    data = json.loads(
        invoke(
            runner,
            "why",
            "impl-allies-doubt",
            "-p",
            "realism",
            "--between",
            "feminist-ir",
            "realism",
            "--kb",
            str(kb_dir),
            "--format",
            "json",
        )
    )
    assert data["difference"] == [
        {
            "argument": "kb:arg-resolve-feminist-attack",
            "label": "Credibility talk is a frame",
            "counted_by": "kb:FeministIR",
            "not_by": "realism",
            "because": ["kb:claim-resolve-gendered"],
        }
    ]
    assert [b["lens"] for b in data["between"]] == [
        "kb:FeministIR",
        "realism",
    ]  # keyed as in `lenses`
