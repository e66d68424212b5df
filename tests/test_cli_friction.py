"""The command-line frictions of issue 22: export says what it wrote and keeps HTML out of a
terminal; a query parameter naming a missing node exits 2; inline SPARQL given as a name is answered
with how to pass it; --kb before the command works; one name for the status lens and for the reason
of a change, the old spellings kept."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

import pytest

from argkb.cli.main import cli
from conftest import REPO


def test_export_reports_what_it_wrote_and_how_big(runner, mini_kb_dir, tmp_path):
    out = tmp_path / "map.html"
    result = runner.invoke(
        cli, ["export", "--kb", str(mini_kb_dir), "--format", "html", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    line = result.stderr.strip()
    assert (
        line.startswith(f"wrote {out}: the interactive map")
        and " KB, " in line
        and line.endswith("edges")
    )
    nodes = line.split(", ")[-1].split(" nodes")[0]
    assert int(nodes) > 10
    dot = runner.invoke(cli, ["export", "--kb", str(mini_kb_dir), "--format", "dot"])
    assert (
        dot.exit_code == 0 and dot.stderr == "" and dot.stdout.startswith("digraph")
    )  # a pipe gets the data alone


def test_export_refuses_to_pour_html_into_a_terminal(mini_kb_dir):
    """A real terminal (a pseudo-terminal as standard output): a usage error, exit 2, nothing
    poured."""
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "argkb", "export", "--kb", str(mini_kb_dir), "--format", "html"],
        stdout=follower,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
        timeout=120,
    )
    os.close(follower)
    poured = b""
    try:
        while chunk := os.read(leader, 1 << 16):
            poured += chunk
    except OSError:
        pass
    os.close(leader)
    assert done.returncode == 2 and b"-o map.html" in done.stderr
    assert b"<html" not in poured


def test_a_query_parameter_naming_a_missing_node_exits_2(runner, mini_kb_dir):
    result = runner.invoke(
        cli,
        ["query", "implications-of-move", "--kb", str(mini_kb_dir), "--param", "move=no-such-move"],
    )
    assert result.exit_code == 2 and "no node kb:no-such-move" in result.output
    assert (
        "Exit 2 on an unknown query, a bad parameter"
        in runner.invoke(cli, ["query", "--help"]).output
    )


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
        "ask { ?s ?p ?o }",
        "PREFIX x: <urn:x#> SELECT ?s WHERE { ?s ?p ?o }",
    ],
)
def test_inline_sparql_given_as_a_name_says_how_to_pass_it(runner, mini_kb_dir, text):
    result = runner.invoke(cli, ["query", text, "--kb", str(mini_kb_dir)])
    assert result.exit_code == 2
    assert "that is a SPARQL query, not a query name" in result.output
    assert "| argkb query -" in result.output and "FILE.rq" in result.output
    assert "unknown query" not in result.output


def test_kb_before_the_command_is_accepted(runner, mini_kb_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ARGKB_HOME", raising=False)
    before = runner.invoke(cli, ["--kb", str(mini_kb_dir), "validate"])
    after = runner.invoke(cli, ["validate", "--kb", str(mini_kb_dir)])
    assert before.exit_code == after.exit_code == 0 and before.output == after.output
    assert str(mini_kb_dir) in before.output
    twice = runner.invoke(cli, ["--kb", str(mini_kb_dir), "validate", "--kb", str(tmp_path)])
    assert twice.exit_code == 2 and "--kb given twice" in twice.output
    grouped = runner.invoke(cli, ["--kb", str(mini_kb_dir), "store", "status"])
    assert grouped.exit_code == 0 and str(mini_kb_dir) in grouped.output


def test_one_name_for_the_status_lens_the_old_one_kept(runner, mini_kb_dir):
    new = runner.invoke(
        cli, ["trace", "impl-russia-bolder", "--kb", str(mini_kb_dir), "--status-lens", "realism"]
    )
    old = runner.invoke(
        cli, ["trace", "impl-russia-bolder", "--kb", str(mini_kb_dir), "--status", "realism"]
    )
    assert new.exit_code == old.exit_code == 0 and new.output == old.output and "OUT" in new.output
    for command in (["trace", "--help"], ["export", "--help"]):
        assert "--status-lens" in runner.invoke(cli, command).output


def test_one_name_for_the_reason_of_a_change_the_old_one_kept(runner, mini_kb_dir):
    def add(name):
        path = mini_kb_dir.parent / f"{name}.ttl"
        path.write_text(
            f"""@prefix argkb: <https://w3id.org/argkb/ontology#> .
@prefix kb: <https://w3id.org/argkb/id/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
kb:claim-{name} a argkb:Claim ; rdfs:label "{name}"@en ; argkb:statement "A claim, {name}."@en ;
    prov:wasAttributedTo kb:argkb-editors .
""",
            encoding="utf-8",
        )
        done = runner.invoke(
            cli, ["add", str(path), "--kb", str(mini_kb_dir), "--author", "t", "-m", "test"]
        )
        assert done.exit_code == 0, done.output
        log = json.loads(
            runner.invoke(
                cli, ["contributions", "--kb", str(mini_kb_dir), "--format", "json"]
            ).stdout
        )
        return log[0]["id"]  # newest first

    first, second = add("one"), add("two")
    assert (
        runner.invoke(
            cli, ["retract", first, "--kb", str(mini_kb_dir), "-m", "a new spelling"]
        ).exit_code
        == 0
    )
    assert (
        runner.invoke(
            cli, ["retract", second, "--kb", str(mini_kb_dir), "--reason", "the old one"]
        ).exit_code
        == 0
    )
    shown = [
        runner.invoke(cli, ["contributions", "show", i, "--kb", str(mini_kb_dir)]).output
        for i in (first, second)
    ]
    assert "a new spelling" in shown[0] and "the old one" in shown[1]
    assert "-m, --message, --reason" in runner.invoke(cli, ["retract", "--help"]).output
