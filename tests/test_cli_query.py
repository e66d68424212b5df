"""The query / queries / trace / impacts commands, through CliRunner and once as a real process."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from argkb.cli.main import cli
from conftest import DATA, REPO

CHAIN = str(DATA / "query" / "chain.ttl")


@pytest.fixture
def run(runner, mini_kb_dir):
    def invoke(*args, input=None):
        return runner.invoke(
            cli, [args[0], "--kb", str(mini_kb_dir), "--data", CHAIN, *args[1:]], input=input
        )

    return invoke


def test_queries_lists_names_summaries_and_params(runner, mini_kb_dir):
    def run(*args):  # queries lists query files: --data (extra RDF) does not apply to it
        return runner.invoke(cli, [*args, "--kb", str(mini_kb_dir)])

    result = run("queries")
    assert result.exit_code == 0
    assert "rationale-chain\n    The rationale chain of an implication" in result.output
    assert "--param implication=VALUE  (iri)" in result.output
    one = run("queries", "attributed-claims")
    assert (
        one.exit_code == 0
        and "default kb:argkb-editors" in one.output
        and "example: argkb query" in one.output
    )
    data = json.loads(run("queries", "--format", "json").output)
    assert len(data) >= 12 and all(q["summary"] for q in data)


def test_query_csv_tsv_json_table(run):
    args = ("query", "implications-of-move", "--param", "move=move-us-decrease-sanctions")
    out = run(*args, "--format", "csv")
    assert out.exit_code == 0
    rows = list(csv.reader(io.StringIO(out.output)))
    assert rows[0] == ["implication", "label", "qualifier", "affects"]
    assert rows[3] == [
        "https://w3id.org/argkb/id/impl-russia-bolder",
        "Russia grows bolder",
        "https://w3id.org/argkb/ontology#Could",
        "https://w3id.org/argkb/id/russia",
    ]
    assert run(*args).output == out.output  # CSV when not on a terminal
    tsv = run(*args, "--format", "tsv").output.splitlines()
    assert tsv[0] == "?implication\t?label\t?qualifier\t?affects"
    assert tsv[3].split("\t")[:2] == [
        "<https://w3id.org/argkb/id/impl-russia-bolder>",
        '"Russia grows bolder"@en',
    ]
    doc = json.loads(run(*args, "--format", "json").output)
    assert doc["head"]["vars"] == ["implication", "label", "qualifier", "affects"]
    assert doc["results"]["bindings"][2]["label"] == {
        "type": "literal",
        "value": "Russia grows bolder",
        "xml:lang": "en",
    }
    table = run(*args, "--format", "table").output
    assert "kb:impl-russia-bolder" in table and "3 rows" in table


def test_ask_and_construct(run):
    assert run(
        "query", "is-contested", "--param", "claim=impl-russia-bolder", "--format", "json"
    ).output.strip() == json.dumps({"head": {}, "boolean": True}, indent=2)
    assert (
        run(
            "query", "is-contested", "--param", "claim=impl-allies-doubt", "--format", "table"
        ).output
        == "false\n"
    )
    ttl = run("query", "argument-map")
    assert ttl.exit_code == 0 and "argkb:premise" in ttl.output
    jsonld = run("query", "argument-map", "--format", "jsonld")
    assert isomorphic(
        Graph().parse(data=ttl.output, format="turtle"),
        Graph().parse(data=jsonld.output, format="json-ld"),
    )
    wrong = run("query", "argument-map", "--format", "csv")
    assert wrong.exit_code == 2 and "turtle or jsonld" in wrong.output


def test_query_from_file_and_stdin(run, tmp_path):
    rq = tmp_path / "mine.rq"
    rq.write_text(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?s WHERE { ?s rdfs:label ?_label }\n"
    )
    out = run("query", str(rq), "--param", 'label="Alliance strains"@en', "--format", "csv")
    assert out.exit_code == 0 and out.output.splitlines()[1:] == [
        "https://w3id.org/argkb/id/impl-alliance-strain"
    ]
    out = run("query", str(rq), "--param", 'label="Alliance strains"', "--format", "csv")
    assert (
        out.exit_code == 0 and out.output.splitlines()[1:] == []
    )  # a plain literal ≠ the @en label
    out = run("query", str(rq), "--param", 'label="argkb editors"', "--format", "csv")
    assert out.output.splitlines()[1:] == ["https://w3id.org/argkb/id/argkb-editors"]
    piped = run("query", "-", "--format", "csv", input="SELECT ?x WHERE { BIND(42 AS ?x) }")
    assert piped.exit_code == 0 and piped.output.splitlines() == ["x", "42"]


def test_literal_and_perspective_params(run):
    out = run(
        "query",
        "arguments-by-perspective",
        "--param",
        "perspective=security-analysis",
        "--format",
        "csv",
    )
    assert out.exit_code == 0 and len(out.output.splitlines()) == 3
    bad = run("query", "arguments-by-perspective", "--param", "perspective=marxism")
    assert bad.exit_code == 2 and "unknown perspective" in bad.output


@pytest.mark.parametrize(
    "args, message",
    [
        (("query", "rationale-chian"), "did you mean rationale-chain"),
        (("query", "implications-of-move"), "needs move"),
        (("query", "implications-of-move", "--param", "mve=x"), "no parameter 'mve'"),
        (("query", "-"), "SPARQL Update"),
        (("query", "nope.rq"), "no such query file"),
        (("trace", "impl-russia-boulder"), "did you mean kb:impl-russia-bolder"),
        (("impacts", "sanctionz"), "did you mean kb:sanctions"),
        (("trace", "impl-russia-bolder", "--perspective", "marxism"), "unknown perspective"),
    ],
)
def test_errors_exit_2(run, args, message):
    result = run(*args, input="INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output


def test_syntax_error_and_service(run, tmp_path):
    rq = tmp_path / "bad.rq"
    rq.write_text("SELECT ?s\nWHERE {\n  ?s ?p ?o FILTER(\n}\n")
    result = run("query", str(rq))
    assert result.exit_code == 2 and f"{rq}:3:" in result.output
    service = run(
        "query", "-", input="SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    )
    assert service.exit_code == 2 and "--allow-network" in service.output


@pytest.mark.parametrize(
    "hostile",
    [
        "move-us-decrease-sanctions>",
        "x} UNION { ?s ?p ?o",
        'x" . ?s ?p "',
        "move-us-decrease-sanctions\n}",
        "kb:x'",
    ],
)
def test_injection_through_the_cli(run, hostile):
    result = run("query", "implications-of-move", "--param", f"move={hostile}", "--format", "csv")
    assert result.exit_code in (0, 2) and "Traceback" not in result.output
    if result.exit_code == 0:
        assert result.output.splitlines() == ["implication,label,qualifier,affects"]
    if (
        result.exit_code == 2 and "no node" in result.output
    ):  # a well-formed id no triple names: refused, never 0 rows
        assert (
            "in the knowledge base, so query 'implications-of-move' would answer nothing"
            in result.output
        )
    for command in ("trace", "impacts"):
        assert run(command, hostile).exit_code == 2


def test_trace_and_impacts_commands(run, tmp_path):
    tree = run("trace", "impl-russia-bolder")
    assert (
        tree.exit_code == 0
        and "rebutted by [security analysis] Sanctions barely bind" in tree.output
    )
    depth = run("trace", "impl-alliance-strain", "--depth", "1").output
    assert "beyond --depth" in depth and "Less pressure" not in depth
    lens = run(
        "trace",
        "impl-russia-bolder",
        "-p",
        "realism",
        "--perspective",
        "liberalism",
        "--format",
        "json",
    )
    data = json.loads(lens.output)
    assert [a["perspective_label"] for a in data["supported_by"]] == [
        "liberalism",
        "realism",
    ] and not data["attacked_by"]
    out = tmp_path / "trace.md"
    assert run("trace", "impl-russia-bolder", "--format", "markdown", "-o", str(out)).exit_code == 0
    assert out.read_text().startswith("# Trace: Russia grows bolder")
    impact = run("impacts", "sanctions", "--perspective", "realism")
    assert (
        impact.exit_code == 0
        and "[lever: 1 move(s)" in impact.output
        and "[security analysis]" not in impact.output
    )
    md = run("impacts", "united-states", "--format", "markdown").output
    assert md.startswith("# Impacts: United States") and "*leads to*" in md


@pytest.mark.slow
def test_real_process_on_the_repository_kb():
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "argkb",
            "query",
            "implications-of-lever",
            "--param",
            "lever=sanctions",
            "--format",
            "json",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["results"]["bindings"]
    proc = subprocess.run(
        [sys.executable, "-m", "argkb", "trace", "no-such-claim"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (
        proc.returncode == 2 and "unknown claim" in proc.stderr and "Traceback" not in proc.stderr
    )
