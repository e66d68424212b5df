"""``argkb validate`` and knowledge-base discovery, through click's runner and as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import SH

from argkb.cli.main import cli
from argkb.kb.folder import KnowledgeBase, find_root

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
RATIONALE = DATA / "invalid" / "rule2-implication-without-rationale.ttl"
SINGLE_LENS = DATA / "warnings" / "rule7-single-lens.ttl"


def test_valid_kb_exits_0(runner, mini_kb_dir):
    result = runner.invoke(cli, ["validate", "--kb", str(mini_kb_dir)])
    assert result.exit_code == 0, result.output
    assert "conforms: 0 violations, 0 warnings" in result.output


def test_violation_exits_1_and_names_node_rule_file(runner, mini_kb_dir):
    result = runner.invoke(cli, ["validate", "--kb", str(mini_kb_dir), str(RATIONALE)])
    assert result.exit_code == 1
    assert "kb:impl-x" in result.output and "rule 2" in result.output
    assert "rule2-implication-without-rationale.ttl:" in result.output
    assert result.output.strip().endswith("does not conform: 1 violation, 0 warnings")


def test_json_report(runner, mini_kb_dir):
    result = runner.invoke(
        cli, ["validate", "--kb", str(mini_kb_dir), "--format", "json", str(RATIONALE)]
    )
    report = json.loads(result.output)
    assert result.exit_code == 1
    assert report["conforms"] is False and report["violations"] == 1
    (hit,) = report["results"]
    assert (
        hit["focus"] == "https://w3id.org/argkb/id/impl-x"
        and hit["rule"] == 2
        and hit["severity"] == "Violation"
    )


def test_turtle_report_is_a_shacl_report(runner, mini_kb_dir):
    result = runner.invoke(
        cli, ["validate", "--kb", str(mini_kb_dir), "--format", "turtle", str(RATIONALE)]
    )
    g = Graph().parse(data=result.output, format="turtle")
    assert len(list(g.subjects(SH.resultSeverity, SH.Violation))) == 1
    assert (None, SH.conforms, None) in g


def test_warnings_pass_unless_strict(runner, mini_kb_dir):
    ok = runner.invoke(cli, ["validate", "--kb", str(mini_kb_dir), str(SINGLE_LENS)])
    assert ok.exit_code == 0 and "Warning: rule 7" in ok.output
    strict = runner.invoke(
        cli, ["validate", "--kb", str(mini_kb_dir), "--strict", str(SINGLE_LENS)]
    )
    assert strict.exit_code == 1


def test_data_option_reads_a_contribution_on_top(runner, mini_kb_dir):
    result = runner.invoke(cli, ["validate", "--kb", str(mini_kb_dir), "--data", str(RATIONALE)])
    assert result.exit_code == 1 and "kb:impl-x" in result.output


def test_output_file_is_written(runner, mini_kb_dir, tmp_path):
    out = tmp_path / "report.json"
    result = runner.invoke(
        cli, ["validate", "--kb", str(mini_kb_dir), "--format", "json", "-o", str(out)]
    )
    assert result.exit_code == 0 and json.loads(out.read_text())["conforms"] is True


def test_usage_errors_exit_2(runner, mini_kb_dir, tmp_path):
    assert runner.invoke(cli, ["validate", "--format", "yaml"]).exit_code == 2
    missing = runner.invoke(
        cli, ["validate", "--kb", str(mini_kb_dir), str(tmp_path / "missing.ttl")]
    )
    assert missing.exit_code == 2 and "no such file" in missing.output
    nokb = runner.invoke(cli, ["validate", "--kb", str(tmp_path)])
    assert nokb.exit_code == 2 and "not a knowledge base" in nokb.output


def test_kb_found_from_cwd_upward_env_and_bundled(mini_kb_dir, tmp_path, monkeypatch):
    nested = mini_kb_dir / "data" / "sources"
    monkeypatch.delenv("ARGKB_HOME", raising=False)
    assert find_root(cwd=nested) == mini_kb_dir.resolve()
    monkeypatch.setenv("ARGKB_HOME", str(mini_kb_dir))
    assert find_root(cwd=tmp_path) == mini_kb_dir.resolve()
    monkeypatch.delenv("ARGKB_HOME")
    assert find_root(cwd=Path("/")) == REPO  # the source tree's KB stands in for the bundled copy
    assert find_root(kb=mini_kb_dir, cwd=REPO) == mini_kb_dir.resolve()


def test_source_text_path_is_confined_to_sources(mini_kb):
    from rdflib import URIRef

    assert (
        mini_kb.source_text_path(URIRef("https://w3id.org/argkb/id/mini-source")).name
        == "mini-source.txt"
    )
    assert mini_kb.source_text_path(URIRef("https://w3id.org/argkb/id/../../etc/passwd")) is None
    assert mini_kb.source_text_path(URIRef("http://example.org/x")) is None


@pytest.mark.slow
def test_real_subprocess_console_entry(mini_kb_dir):
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.run(
        [sys.executable, "-m", "argkb", "validate", "--kb", str(mini_kb_dir), str(RATIONALE)],
        capture_output=True,
        text=True,
        env=env,
        cwd=mini_kb_dir,
    )
    assert proc.returncode == 1
    assert "kb:impl-x" in proc.stdout and "Traceback" not in proc.stderr
    version = subprocess.run(
        [sys.executable, "-m", "argkb", "--version"], capture_output=True, text=True, env=env
    )
    assert version.returncode == 0 and version.stdout.startswith("argkb, version")


def test_caches_of_the_bundled_kb_go_to_the_users_cache_not_site_packages(
    mini_kb, tmp_path, monkeypatch
):
    import argkb

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    bundled = KnowledgeBase(Path(argkb.__file__).resolve().parent / "bundled")
    assert bundled.cache_dir.parent == tmp_path / "cache" / "argkb"
    assert mini_kb.cache_dir == mini_kb.root / ".argkb-cache"


def test_writes_into_the_bundled_kb_are_refused(tmp_path, monkeypatch):
    import argkb
    from argkb.contrib.add import add
    from argkb.contrib.retract import retract
    from argkb.errors import UsageError

    bundled = KnowledgeBase(Path(argkb.__file__).resolve().parent / "bundled")
    for attempt in (
        lambda: add(bundled, [DATA / "valid" / "attack-existing-claim.ttl"]),
        lambda: retract(bundled, "x", "because"),
    ):
        try:
            attempt()
        except UsageError as exc:
            assert "argkb init" in str(exc)
        else:  # pragma: no cover
            raise AssertionError("a write into the bundled knowledge base was not refused")
