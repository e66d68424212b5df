"""The benchmark's generator: deterministic by seed, and what it writes is a valid argkb knowledge base.

No timings are asserted; bench/run.py is exercised once at a tiny size to check it writes its tables.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

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
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((root / "data").rglob("*")) if p.is_file()}


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    a, b, c = (generate(tmp_path / name, 1_200, seed) for name, seed in (("a", 4), ("b", 4), ("c", 5)))
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
    assert parse_size("10k") == 10_000 and parse_size("1m") == 1_000_000 and parse_size("2500") == 2_500


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
        SELECT (COUNT(DISTINCT ?lens) AS ?lenses) (COUNT(DISTINCT ?att) AS ?attacks) (COUNT(DISTINCT ?q) AS ?quotes)
        WHERE { { ?x argkb:perspective ?lens } UNION { ?att argkb:attacks ?t } UNION { ?q a argkb:Quote } }""").rows[0]
    assert int(counts[0]) == 5 and int(counts[1]) > 5 and int(counts[2]) > 20


def test_contribution_is_about_200_triples_and_parses(tmp_path):
    generate(tmp_path / "kb", 1_000, seed=1)
    g = Graph().parse(data=make_contribution(tmp_path / "kb", 1), format="turtle")
    assert 150 <= len(g) <= 260
    again = Graph().parse(data=make_contribution(tmp_path / "kb", 1), format="turtle")
    assert isomorphic(g, again)


def test_bench_runs_end_to_end_as_a_process(tmp_path):
    out = tmp_path / "RESULTS.md"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--sizes", "600",
                           "--skip-baseline-above", "0", "--work", str(tmp_path / "work"), "--output", str(out)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    text = out.read_text()
    assert "### 600: " in text and "whole-KB validation" in text and "| skipped |" in text
    assert "Machine:" in text and "did not validate" not in text


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
