"""argkb assess / lenses / scenario on the mini knowledge base: formats, options, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from argkb.cli.main import cli
from conftest import REPO


@pytest.fixture(scope="module")
def mini_kb_dir(shared_mini_kb_dir):
    """The tests here only read the tiny knowledge base: they share one copy (tests/conftest.py)."""
    return shared_mini_kb_dir


def run(runner, kb_dir, *args):
    return runner.invoke(cli, [*args, "--kb", str(kb_dir)])


def test_assess_overall_table(runner, mini_kb_dir):
    out = run(runner, mini_kb_dir, "assess")
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    row = next(line for line in lines if line.startswith("kb:arg-bolder-security-rebuttal"))
    assert row.split()[1:3] == ["security", "IN"]
    row = next(line for line in lines if line.startswith("kb:impl-russia-bolder"))
    assert row.split()[1:3] == ["implication", "OUT"]
    assert "overall: arguments IN 3 / OUT 3 / UNDEC 0; claims IN 4 / OUT 1 / UNDEC 0" in out.output


def test_assess_json_per_perspective(runner, mini_kb_dir):
    out = run(
        runner,
        mini_kb_dir,
        "assess",
        "-p",
        "realism",
        "--perspective",
        "constructivism",
        "--semantics",
        "preferred",
        "--format",
        "json",
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["semantics"] == "preferred"
    assert [v["lens"] for v in data["views"]] == ["realism", "constructivism"]
    doubt = "https://w3id.org/argkb/id/impl-allies-doubt"
    assert [v["claims"][doubt] for v in data["views"]] == ["IN", "OUT"]
    assert {
        "from": "https://w3id.org/argkb/id/arg-undercut-liberal",
        "to": "https://w3id.org/argkb/id/arg-bolder-liberalism",
        "kind": "undercut",
    } in data["attacks"]


def test_assess_markdown(runner, mini_kb_dir):
    out = run(runner, mini_kb_dir, "assess", "--format", "markdown", "-p", "realism", "--overall")
    assert out.exit_code == 0, out.output
    assert "| argument | lens | overall | realism | label |" in out.output
    assert "| kb:arg-doubt-realism | realism | IN | IN | Credibility at stake |" in out.output


def test_lenses_shows_where_they_part_ways(runner, mini_kb_dir):
    out = run(runner, mini_kb_dir, "lenses")
    assert out.exit_code == 0, out.output
    row = next(line for line in out.output.splitlines() if line.startswith("kb:impl-allies-doubt"))
    statuses = [w for w in row.split()[1:] if w in ("IN", "OUT", "UNDEC", "-")][:6]
    assert statuses == ["IN", "IN", "-", "OUT", "-", "-"]
    assert "IN 1 " in row and "OUT .60" in row  # each status with its strength beside it
    assert "Where the lenses part ways (1 implication)" in out.output
    assert (
        "constructivism OUT: kb:arg-doubt-constructivism supports (OUT); "
        "kb:arg-bolder-security-rebuttal undermines kb:arg-doubt-constructivism (IN)"
    ) in out.output
    assert "realism IN: kb:arg-doubt-realism supports (IN)" in out.output


def test_lenses_json(runner, mini_kb_dir):
    data = json.loads(run(runner, mini_kb_dir, "lenses", "--format", "json").output)
    by_id = {i["id"]: i for i in data["implications"]}
    assert by_id["kb:impl-russia-bolder"]["lenses"] == {
        "realism": "OUT",
        "liberalism": "OUT",
        "constructivism": None,
        "diplomatic-practice": None,
        "security-analysis": "OUT",
    }
    assert by_id["kb:impl-russia-bolder"]["divergent"] is False
    assert by_id["kb:impl-allies-doubt"]["deciding"]["realism"] == [
        {
            "argument": "https://w3id.org/argkb/id/arg-doubt-realism",
            "id": "kb:arg-doubt-realism",
            "role": "supports",
            "status": "IN",
        }
    ]


def test_scenario_follows_moves(runner, mini_kb_dir):
    out = run(
        runner,
        mini_kb_dir,
        "scenario",
        "--move",
        "move-us-decrease-sanctions",
        "-p",
        "realism",
        "--format",
        "json",
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["moves"] == ["https://w3id.org/argkb/id/move-us-decrease-sanctions"]
    assert [(i["id"], i["depth"], i["lenses"]) for i in data["implications"]] == [
        ("kb:impl-allies-doubt", 1, {"realism": "IN"}),
        ("kb:impl-russia-bolder", 1, {"realism": "OUT"}),
    ]


def test_scenario_unknown_move_and_bad_lens_are_usage_errors(runner, mini_kb_dir):
    out = run(runner, mini_kb_dir, "scenario", "--move", "move-us-decrease-sanction")
    assert out.exit_code == 2
    assert (
        "unknown move 'move-us-decrease-sanction'; did you mean kb:move-us-decrease-sanctions?"
        in out.output
    )
    out = run(runner, mini_kb_dir, "assess", "-p", "realsim")
    assert (
        out.exit_code == 2
        and "unknown perspective 'realsim'" in out.output
        and "did you mean realism" in out.output
    )
    out = run(runner, mini_kb_dir, "scenario")
    assert out.exit_code == 2 and "--move" in out.output


def test_scenario_on_the_seed_is_transitive_as_a_subprocess():
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "argkb",
            "scenario",
            "--move",
            "move-donald-trump-decrease-sanctions",
            "--format",
            "json",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    assert done.returncode == 0, done.stderr
    items = json.loads(done.stdout)["implications"]
    assert items and all(i["depth"] >= 1 for i in items)
    assert {i["depth"] for i in items} == set(range(1, max(i["depth"] for i in items) + 1))
    for item in items:
        if item["depth"] > 1:
            assert item["via"][0] in {j["iri"] for j in items if j["depth"] == item["depth"] - 1}


def test_trace_shows_statuses_under_a_lens(runner, mini_kb_dir):
    out = run(runner, mini_kb_dir, "trace", "impl-allies-doubt", "--status", "constructivism")
    assert out.exit_code == 0, out.output
    first = out.output.splitlines()[0]
    assert first.startswith("Allies doubt US resolve  kb:impl-allies-doubt  OUT")
    assert "kb:arg-doubt-constructivism  OUT" in out.output
    data = json.loads(
        run(
            runner,
            mini_kb_dir,
            "trace",
            "impl-allies-doubt",
            "--status",
            "overall",
            "--format",
            "json",
        ).output
    )
    assert data["status"] == "IN"
    assert {a["id"]: a["status"] for a in data["supported_by"]} == {
        "kb:arg-doubt-constructivism": "OUT",
        "kb:arg-doubt-realism": "IN",
    }
    plain = json.loads(
        run(runner, mini_kb_dir, "trace", "impl-allies-doubt", "--format", "json").output
    )
    assert "status" not in plain  # without --status the trace is unchanged
