"""The benchmark's generator: deterministic by seed, and what it writes is a valid argkb knowledge
base.

No timings are asserted; bench/run.py is exercised once at a tiny size to check it writes its
tables. The fast paths `argkb lenses` and `argkb why` take at scale are held equal to the plain
ones in test_bench_fast_paths.py.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from argkb.cli.main import cli
from argkb.kb.folder import KnowledgeBase
from argkb.store import open_store

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from contribution import make_contribution  # noqa: E402
from generate import generate, parse_size  # noqa: E402


def digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((root / "data").rglob("*"))
        if p.is_file()
    }


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    a, b, c = (
        generate(tmp_path / name, 1_200, seed) for name, seed in (("a", 4), ("b", 4), ("c", 5))
    )
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert digest(tmp_path / "a") != digest(tmp_path / "c")
    assert a["triples"] == b["triples"] >= 1_200
    assert make_contribution(tmp_path / "a", 2) == make_contribution(tmp_path / "b", 2)


def test_size_is_what_was_asked(tmp_path):
    manifest = generate(tmp_path / "kb", 3_000, seed=1)
    graph = Graph()
    for path in (tmp_path / "kb" / "data").glob("*.ttl"):
        graph.parse(path)
    assert len(graph) == manifest["triples"]
    assert 3_000 <= len(graph) < 3_600
    assert (
        parse_size("10k") == 10_000
        and parse_size("1m") == 1_000_000
        and parse_size("2500") == 2_500
    )


def test_generated_kb_validates_through_the_cli(runner, tmp_path):
    generate(tmp_path / "kb", 1_000, seed=2)
    result = runner.invoke(cli, ["validate", "--kb", str(tmp_path / "kb"), "--strict"])
    assert result.exit_code == 0, result.output
    assert "conforms: 0 violations, 0 warnings" in result.output


def test_generated_shape_chains_lenses_attacks_quotes(tmp_path):
    generate(tmp_path / "kb", 2_000, seed=3)
    store = open_store(KnowledgeBase.locate(tmp_path / "kb"))
    ask = """PREFIX argkb: <https://w3id.org/argkb/ontology#>
        ASK { ?a1 argkb:conclusion ?c1 . ?a2 argkb:conclusion ?c2 ; argkb:premise ?c1 .
              ?a3 argkb:premise ?c2 ; argkb:conclusion ?impl . ?impl a argkb:Implication }"""
    assert store.query(ask).boolean  # support chains at least three arguments deep
    counts = store.query("""PREFIX argkb: <https://w3id.org/argkb/ontology#>
        SELECT (COUNT(DISTINCT ?lens) AS ?lenses) (COUNT(DISTINCT ?att) AS ?attacks) \
(COUNT(DISTINCT ?q) AS ?quotes)
        WHERE { { ?x argkb:perspective ?lens } UNION { ?att argkb:attacks ?t } UNION { ?q a \
argkb:Quote } }""").rows[0]
    assert int(counts[0]) == 5 and int(counts[1]) > 5 and int(counts[2]) > 20


def test_generated_premises_held_by_lenses_and_weakening_attacks(tmp_path):
    manifest = generate(tmp_path / "kb", 20_000, seed=1)
    store = open_store(KnowledgeBase.locate(tmp_path / "kb"))
    held, holders, weakening, attacks = (
        int(x)
        for x in store.query("""PREFIX argkb: <https://w3id.org/argkb/ontology#>
        SELECT (COUNT(DISTINCT ?c) AS ?held) (COUNT(DISTINCT ?h) AS ?holders) (COUNT(DISTINCT ?w) \
AS ?weak)
               (COUNT(DISTINCT ?a) AS ?att)
        WHERE { { ?c argkb:heldBy ?lens } UNION { ?h argkb:heldBy ?one, ?two FILTER (?one != ?two) }
                UNION { ?w argkb:force argkb:Weaken } UNION { ?a argkb:attacks ?t } }""").rows[0]
    )
    assert held == manifest["held"] and 0 < holders < held  # some held by two lenses
    assert weakening == manifest["weakening"] and 0 < weakening < attacks / 4
    editors = store.query("""PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX argkb: <https://w3id.org/argkb/ontology#>
        SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c prov:wasAttributedTo \
<https://w3id.org/argkb/id/argkb-editors> ;
        a argkb:Claim . ?a argkb:premise ?c }""").rows[0][0]
    assert 0.1 < int(held) / int(editors) < 0.3  # about a fifth of the editors' premises


def test_contribution_is_about_200_triples_and_parses(tmp_path):
    generate(tmp_path / "kb", 1_000, seed=1)
    g = Graph().parse(data=make_contribution(tmp_path / "kb", 1), format="turtle")
    assert 150 <= len(g) <= 260
    again = Graph().parse(data=make_contribution(tmp_path / "kb", 1), format="turtle")
    assert isomorphic(g, again)


@pytest.mark.slow
def test_bench_runs_end_to_end_as_a_process(tmp_path):
    out = tmp_path / "RESULTS.md"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "run.py"),
            "--sizes",
            "600",
            "--skip-baseline-above",
            "0",
            "--work",
            str(tmp_path / "work"),
            "--output",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    text = out.read_text()
    assert "### 600: " in text and "whole-KB validation" in text and "| skipped |" in text
    assert "`argkb lenses` with strengths, whole process" in text and "`argkb why` ≤ 1 s" in text
    assert "Machine:" in text and "did not validate" not in text


@pytest.mark.slow
def test_commands_bench_times_why_and_lenses_as_processes(tmp_path, capsys):
    """bench/commands.py at a tiny size: `argkb why` on five implications and `argkb lenses`, each a
    process."""
    import json

    import commands

    commands.main(["--sizes", "700", "--work", str(tmp_path / "work")])
    out = capsys.readouterr().out
    line = json.loads(out.strip().splitlines()[-1])
    assert line["size"] == "700" and line["lenses_rows"] > 0 and len(line["why_ids"]) == 5
    assert 0 < line["why_p50"] <= line["why_max"] and 0 < line["lenses_min"] <= line["lenses"]
    assert "| 700 |" in out and "`argkb lenses` ≤ 5 s" in out


@pytest.mark.slow
def test_large_add_bench_reports_each_size(capsys):
    """bench/large_add.py at a tiny size: one JSON line with the times, the contribution added."""
    import json

    import large_add

    large_add.main(["--claims", "12"])
    line = json.loads(capsys.readouterr().out.strip())
    assert line["claims"] == 12 and line["exit"] == 0 and line["status"] == "added"
    assert line["seconds"] > 0 and line["ms_per_claim"] > 0 and "target_met" not in line
    assert large_add.with_target({**line, "seconds": 59.0})["target_met"] is True
    assert large_add.with_target({**line, "seconds": 61.0})["target_met"] is False


def test_second_baseline_is_pyshacl_on_a_pyoxigraph_backed_graph(tmp_path):
    """bench/ops.py b_validate_ox: pySHACL on oxrdflib's Oxigraph store finds what it finds on
    rdflib's Memory store: nothing on a generated knowledge base, one violation once a claim loses
    its label."""
    import json

    generate(tmp_path / "kb", 600, 1)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}

    def run(op):
        proc = subprocess.run(
            [sys.executable, str(REPO / "bench" / "ops.py"), op, str(tmp_path / "kb")],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout.strip().splitlines()[-1])

    clean = run("b_validate_ox")
    assert (
        clean["b_validate_ox_violations"] == 0 and 0 < clean["b_ox_load"] < clean["b_validate_ox"]
    )
    first = sorted((tmp_path / "kb" / "data").glob("gen-src-*.ttl"))[0]
    text = first.read_text(encoding="utf-8")
    broken = text.replace("rdfs:label", "rdfs:comment", 1)
    assert broken != text
    first.write_text(broken, encoding="utf-8")
    assert run("b_validate_ox")["b_validate_ox_violations"] >= 1
    assert run("b_validate")["b_validate_conforms"] is False


def test_before_bench_times_a_baseline_commit_beside_the_working_tree(tmp_path):
    """bench/before.py --before HEAD at a tiny size: both sides in one table, the bulk-load floors
    beside."""
    import json

    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    out = tmp_path / "before.md"
    proc = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "before.py"),
            "--before",
            "HEAD",
            "--sizes",
            "600",
            "--ops",
            "rebuild,open,summary,trace,after-add",
            "--runs",
            "1",
            "--work",
            str(tmp_path / "work"),
            "--output",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    for side in ("before", "after"):
        assert figures[f"{side}_rebuild"]["wall"] > 0 and figures[f"{side}_summary"]["cpu"] > 0
        assert 0 < figures[f"{side}_trace"]["trace_p50"] <= figures[f"{side}_trace"]["trace_p95"]
        for step in ("add", "summary_after_add", "lenses_after_add", "graphml_after_add"):
            assert figures[f"{side}_{step}"]["cpu"] > 0, step
    graphs, default = figures["floor_disk-graphs"]["quads"], figures["floor_disk-default"]["quads"]
    assert (
        graphs == figures["floor_memory"]["quads"] and 600 < default <= graphs
    )  # (files may repeat a triple)
    text = out.read_text(encoding="utf-8")
    assert (
        "| `argkb store rebuild`, whole process |" in text
        and "rebuild ÷ floor" in text
        and "load average" in text
        and "| then `lenses --format json` |" in text
    )
    worktrees = subprocess.run(
        ["git", "-C", str(REPO), "worktree", "list"], capture_output=True, text=True
    ).stdout
    assert "argkb-before-src-" not in worktrees  # the temporary worktree is gone
