"""argkb reason: the seed and mini knowledge bases are consistent; every planted inconsistency is
found and explained."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from rdflib import Graph

from argkb.cli.main import cli
from argkb.kb.folder import KnowledgeBase
from argkb.reason.owl import reason
from argkb.vocab.namespaces import ARGKB, KB, PROV, RDF
from conftest import DATA, REPO, unavailable

pytestmark = pytest.mark.slow  # the slowest 10 % of cases (docs/contributing.md, Tests)

FIXTURES = DATA / "reason"

if shutil.which("java") is None:
    unavailable(
        "Java is required for the reasoning tests (apt-get install default-jre-headless)",
        allow_module_level=True,
    )


@pytest.mark.parametrize(
    "fixture, sentence",
    [
        (
            "disjoint-classes.ttl",
            "kb:russia is both an Actor and a Claim, which the ontology declares disjoint",
        ),
        (
            "functional-qualifier.ttl",
            "kb:impl-russia-bolder has two argkb:qualifier values, argkb:Could and "
            "argkb:Likely, but argkb:qualifier is functional (one value only) and they are "
            "declared different individuals",
        ),
        (
            "functional-perspective.ttl",
            "kb:arg-bolder-realism has two argkb:perspective values, argkb:Liberalism "
            "and argkb:Realism",
        ),
        (
            "range-clash.ttl",
            "kb:sanctions is both an Actor and a Lever, which the ontology declares disjoint",
        ),
        (
            "domain-clash.ttl",
            "kb:russia is both an Actor and an Argument, which the ontology declares disjoint",
        ),
        (
            "irreflexive-attack.ttl",
            "kb:arg-self-defeating argkb:attacks itself, but argkb:attacks is irreflexive",
        ),
        (
            "oneof-direction.ttl",
            "kb:sideways is a Direction, but a Direction is exactly one of argkb:Decrease, "
            "argkb:Increase, argkb:Maintain, argkb:Undertake, and kb:sideways is declared "
            "different from each",
        ),
        (
            "disjoint-properties.ttl",
            "kb:arg-circular has kb:claim-signals-matter as both its argkb:conclusion and "
            "its argkb:premise, which the ontology declares disjoint properties",
        ),
    ],
)
def test_planted_inconsistency_is_explained(mini_kb_dir, fixture, sentence):
    kb = KnowledgeBase.locate(mini_kb_dir, extra=[FIXTURES / fixture])
    result = reason(kb, max_explanations=1)  # one planted problem: no need to look for a second
    assert not result.consistent and not result.ok
    assert len(result.explanations) == 1
    assert result.explanations[0].headline.startswith(sentence)
    because = "\n".join(result.explanations[0].because)
    assert f"(data: {FIXTURES / fixture})" in because or f"(data: {fixture})" in because
    assert "(ontology)" in because


def test_two_independent_problems_are_both_reported(runner, mini_kb_dir):
    out = runner.invoke(
        cli,
        [
            "reason",
            "--kb",
            str(mini_kb_dir),
            "--data",
            str(FIXTURES / "two-problems.ttl"),
            "--format",
            "json",
        ],
    )
    assert out.exit_code == 1, out.output
    data = json.loads(out.output)
    assert data["consistent"] is False
    assert [p["explanation"].split(",")[0] for p in data["inconsistencies"]] == [
        "kb:impl-allies-doubt has two argkb:qualifier values",
        "kb:russia is both an Actor and a Claim",
    ]
    assert str(KB["russia"]) in data["inconsistencies"][1]["individuals"]


def test_unsatisfiable_class_is_reported(runner, mini_kb_dir):
    out = runner.invoke(
        cli,
        ["reason", "--kb", str(mini_kb_dir), "--data", str(FIXTURES / "unsatisfiable-class.ttl")],
    )
    assert out.exit_code == 1, out.output
    assert "consistent:" in out.output
    assert "unsatisfiable classes (nothing can belong to them): kb:ActorClaim" in out.output


def test_infer_writes_a_separate_turtle_file(runner, mini_kb_dir):
    before = (mini_kb_dir / "data" / "mini.ttl").read_bytes()
    out = runner.invoke(cli, ["reason", "--kb", str(mini_kb_dir), "--infer"])
    assert out.exit_code == 0, out.output
    target = mini_kb_dir / ".argkb-cache" / "inferred.ttl"
    assert f"inferences written to {target}" in out.output
    inferred = Graph().parse(target)
    assert (KB["impl-russia-bolder"], RDF.type, ARGKB.Claim) in inferred  # Implication ⊑ Claim
    assert (KB["arg-doubt-realism"], RDF.type, PROV.Entity) in inferred  # Argument ⊑ prov:Entity
    assert (
        KB["move-us-decrease-sanctions"],
        ARGKB.triggers,
        KB["impl-russia-bolder"],
    ) in inferred  # inverse
    assert (
        KB["impl-russia-bolder"],
        RDF.type,
        ARGKB.Implication,
    ) not in inferred  # asserted, so not repeated
    assert (mini_kb_dir / "data" / "mini.ttl").read_bytes() == before
    assert sorted(p.name for p in (mini_kb_dir / "data").glob("*.ttl")) == ["mini.ttl"]


def test_infer_refuses_to_write_among_the_sources(runner, mini_kb_dir):
    out = runner.invoke(
        cli, ["reason", "--kb", str(mini_kb_dir), "--infer", str(mini_kb_dir / "data" / "x.ttl")]
    )
    assert out.exit_code == 2
    assert "never written among the sources" in out.output
    assert not (mini_kb_dir / "data" / "x.ttl").exists()


def test_missing_java_is_a_clear_error(runner, mini_kb_dir, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    out = runner.invoke(cli, ["reason", "--kb", str(mini_kb_dir)])
    assert out.exit_code == 2
    assert "argkb reason needs Java" in out.output and "default-jre-headless" in out.output
    assert "Traceback" not in out.output


def test_repository_kb_is_consistent_as_a_subprocess():
    done = subprocess.run(
        [sys.executable, "-m", "argkb", "reason", "--format", "json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    data = json.loads(done.stdout)
    assert data["consistent"] is True and data["unsatisfiable_classes"] == []
    assert data["inferred_types"], "Implication ⊑ Claim alone gives inferred types"


def test_text_leads_with_findings_and_only_counts_routine_inferences(runner, mini_kb_dir, tmp_path):
    # a claim that triggers a move: only rdfs:domain of argkb:trigger makes it an Implication — a
    # finding; its being a Claim (asserted) and every Implication being a Claim are routine
    extra = tmp_path / "domain.ttl"
    extra.write_text(
        "@prefix argkb: <https://w3id.org/argkb/ontology#> .\n"
        "@prefix kb: <https://w3id.org/argkb/id/> .\n"
        "kb:claim-found a argkb:Claim ; argkb:trigger kb:move-us-decrease-sanctions .\n",
        encoding="utf-8",
    )
    out = runner.invoke(cli, ["reason", "--kb", str(mini_kb_dir), "--data", str(extra)])
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert lines[1] == "findings: 1 inferred beyond the class hierarchy and inverse properties"
    assert lines[2].strip() == "kb:claim-found a argkb:Implication"
    assert lines[3].startswith("routine, not listed: ")
    assert "kb:impl-russia-bolder a argkb:Claim" not in out.output  # Implication ⊑ Claim: routine
    data = json.loads(
        runner.invoke(
            cli, ["reason", "--kb", str(mini_kb_dir), "--data", str(extra), "--format", "json"]
        ).output
    )
    assert data["findings"] == [
        {
            "subject": str(KB["claim-found"]),
            "property": str(RDF.type),
            "object": str(ARGKB.Implication),
        }
    ]
    routine = {(t["individual"], t["type"]) for t in data["inferred_types"] if t["routine"]}
    assert (str(KB["impl-russia-bolder"]), str(ARGKB.Claim)) in routine


def test_a_symmetric_value_restated_is_routine(mini_kb_dir, tmp_path):
    """argkb:alternativeTo is symmetric: the reverse of an asserted pair is inferred (queries can
    use it) but, like an inverse value, it is routine, not a finding."""
    extra = tmp_path / "alternative.ttl"
    extra.write_text(
        "@prefix argkb: <https://w3id.org/argkb/ontology#> .\n"
        "@prefix kb: <https://w3id.org/argkb/id/> .\n"
        "kb:impl-russia-bolder argkb:alternativeTo kb:impl-allies-doubt .\n",
        encoding="utf-8",
    )
    result = reason(KnowledgeBase.locate(mini_kb_dir, extra=[extra]))
    reverse = (KB["impl-allies-doubt"], ARGKB.alternativeTo, KB["impl-russia-bolder"])
    assert result.consistent and reverse in result.inferred and reverse in result.routine
    assert reverse not in result.findings()


def test_reasoning_files_live_in_the_cache_and_a_killed_run_s_are_recovered(
    runner, mini_kb_dir, tmp_path, monkeypatch
):
    """Issue 24: `pellet explain` wrote its input to an `argkb-reason-*` folder of the system's
    temporary folder, and owlready2 left its own input file there whenever the knowledge base was
    inconsistent. Both now go to a scratch folder of the knowledge base's cache: removed after, and
    recovered after a kill."""
    import tempfile

    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    planted = str(FIXTURES / "disjoint-classes.ttl")
    script = (  # SIGKILLed the moment owlready2 would start the JVM, its input file written
        "import os, signal, subprocess, sys\n"
        "def killed(*a, **k):\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "subprocess.check_output = killed\n"
        "from argkb.cli.main import cli\n"
        "cli(sys.argv[1:])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "TMPDIR": str(system_tmp)}
    done = subprocess.run(
        [sys.executable, "-c", script, "reason", "--kb", str(mini_kb_dir), "--data", planted],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == -9, done.stderr
    assert not list(system_tmp.iterdir())
    [left] = (mini_kb_dir / ".argkb-cache" / "tmp").glob("reason-*")
    assert [
        p for p in left.iterdir() if p.stat().st_size > 0
    ]  # the reasoner's input, written there
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    out = runner.invoke(
        cli, ["reason", "--kb", str(mini_kb_dir), "--data", planted, "--max-explanations", "1"]
    )
    assert out.exit_code == 1 and "kb:russia is both an Actor and a Claim" in out.output, out.output
    assert not left.exists() and not list((mini_kb_dir / ".argkb-cache" / "tmp").iterdir())
    assert not list(system_tmp.iterdir()) and tempfile.tempdir == str(system_tmp)
