"""No data ever lost: refused input changes no byte, killed writers leave before-or-after,
concurrent writers serialise."""

from __future__ import annotations

import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from argkb.cli.main import cli
from argkb.contrib.recover import recover
from argkb.kb.folder import KnowledgeBase
from argkb.kb.log import read_log
from argkb.rdf.parse import parse_file
from argkb.validation.validate import validate
from contrib_support import ENV, INVALID, VALID, argkb_cmd, run_argkb, tree_digest

TTL_HEAD = (
    "@prefix kb: <https://w3id.org/argkb/id/> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
)


def knowledge(kb_dir: Path) -> Graph:
    """What the knowledge base says (its live data files, without the provenance log)."""
    kb = KnowledgeBase.locate(kb_dir)
    g = Graph()
    for path in kb.data_files():
        if path.name != "contributions.ttl":
            parse_file(path, g)
    return g


def bad_inputs(folder: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, what the error says)"""
    made = {
        "binary.ttl": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        "utf16.ttl": ((TTL_HEAD + 'kb:x rdfs:label "x" .\n').encode("utf-16"), "UTF-16"),
        "empty.ttl": (b"", "file is empty"),
        "only-comments.ttl": (b"# nothing here\n", "holds no triples"),
        "latin1.ttl": ((TTL_HEAD + 'kb:x rdfs:label "caf\xe9" .\n').encode("latin-1"), "not UTF-8"),
        "malformed.ttl": (
            (TTL_HEAD + 'kb:x rdfs:label "no final dot"@en\n').encode(),
            "syntax error",
        ),
    }
    out = {}
    for name, (data, why) in made.items():
        (folder / name).write_bytes(data)
        out[name] = (folder / name, why)
    out["external-entity.rdf"] = (
        INVALID / "external-entity.rdf",
        "never resolves or expands entities",
    )
    out["remote-context.jsonld"] = (INVALID / "remote-context.jsonld", "does not reach the network")
    out["unknown.suffix"] = (INVALID / "owl-imports.ttl", "")
    return out


def test_refused_input_changes_no_byte(runner, mini_kb_dir, tmp_path):
    for name, (path, why) in bad_inputs(tmp_path).items():
        before = tree_digest(mini_kb_dir)
        if name == "unknown.suffix":
            path = shutil.copy(path, tmp_path / "contribution.docx")
            why = "unknown RDF file type"
        result = runner.invoke(cli, ["add", "--kb", str(mini_kb_dir), str(path)])
        assert result.exit_code == 2, (name, result.output)
        assert why in result.output, (name, result.output)
        assert "Traceback" not in result.output
        assert tree_digest(mini_kb_dir) == before, name


def test_owl_imports_is_refused_and_never_fetched(runner, mini_kb_dir):
    before = tree_digest(mini_kb_dir)
    result = runner.invoke(cli, ["add", "--kb", str(mini_kb_dir), str(INVALID / "owl-imports.ttl")])
    assert result.exit_code == 1 and "declares owl:imports" in result.output
    assert tree_digest(mini_kb_dir) == before


#: runs argkb with the arguments given and reports the process's own peak memory (VmHWM, reset at
#: exec; ``wait4``'s ru_maxrss would also count the pytest process the child was forked from)
PEAK_RSS = """
import atexit, sys
atexit.register(lambda: sys.stderr.write(next(l for l in open("/proc/self/status") if \
l.startswith("VmHWM"))))
from argkb.cli.main import main
main(sys.argv[1:])
"""


def test_a_200_mb_file_is_refused_in_bounded_memory(mini_kb_dir, tmp_path):
    huge = tmp_path / "huge.ttl"
    with open(huge, "wb") as handle:  # sparse: 200 MB on paper, nothing on disk
        handle.truncate(200 * 1024 * 1024)
    before = tree_digest(mini_kb_dir)
    done = subprocess.run(
        [sys.executable, "-c", PEAK_RSS, "add", "--kb", str(mini_kb_dir), str(huge)],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "over the limit" in done.stderr and "209,715,200 bytes" in done.stderr
    peak_kib = int(re.search(r"^VmHWM:\s+(\d+) kB", done.stderr, re.M).group(1))
    assert peak_kib < 180 * 1024  # the file was never read into memory
    assert tree_digest(mini_kb_dir) == before


@pytest.mark.parametrize("step", ["before-log", "after-log"])
def test_killed_at_each_write_step_leaves_before_or_after(mini_kb_dir, step):
    contribution = VALID / "attack-existing-claim.ttl"
    before = knowledge(mini_kb_dir)
    after = before + Graph().parse(contribution)
    done = run_argkb("add", "--kb", mini_kb_dir, contribution, env={"ARGKB_FAULT": step})
    assert done.returncode == -signal.SIGKILL
    assert isomorphic(knowledge(mini_kb_dir), before)  # a reader sees nothing half-written
    notes = recover(mini_kb_dir / "data")
    expected = before if step == "before-log" else after
    assert isomorphic(knowledge(mini_kb_dir), expected)
    assert notes and all(
        ("removed" in n) if step == "before-log" else ("completed" in n) for n in notes
    )
    assert len(read_log(mini_kb_dir / "data")) == (0 if step == "before-log" else 1)
    assert validate(KnowledgeBase.locate(mini_kb_dir)).conforms
    assert not [
        p for p in (mini_kb_dir / "data").rglob("*") if p.name.endswith((".pending", ".tmp"))
    ]


@pytest.mark.slow
def test_sigkill_at_random_moments(tmp_path):
    from conftest import make_kb

    contribution = VALID / "attack-existing-claim.ttl"
    template = make_kb(tmp_path / "template")
    before = knowledge(template)
    after = before + Graph().parse(contribution)
    start = time.monotonic()
    assert run_argkb("add", "--kb", make_kb(tmp_path / "probe"), contribution).returncode == 0
    duration = time.monotonic() - start
    rng = random.Random(4)
    outcomes = []
    for i in range(12):
        kb_dir = tmp_path / f"kb{i}"
        shutil.copytree(template, kb_dir)
        proc = subprocess.Popen(
            argkb_cmd("add", "--kb", kb_dir, contribution),
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.1, 1.1) * duration)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for _stage in ("killed", "recovered"):
            now = knowledge(kb_dir)
            assert isomorphic(now, before) or isomorphic(now, after), (i, _stage)
            recover(kb_dir / "data")
        outcomes.append("after" if isomorphic(knowledge(kb_dir), after) else "before")
        assert validate(KnowledgeBase.locate(kb_dir)).conforms
        entries = read_log(kb_dir / "data")
        assert len(entries) == (1 if outcomes[-1] == "after" else 0)
    assert len(outcomes) == 12


@pytest.mark.slow
def test_concurrent_adds_all_land_or_are_refused_cleanly(mini_kb_dir, tmp_path):
    clash = []
    for n, label in enumerate(["Gas", "Oil"]):
        path = tmp_path / f"clash-{n}.ttl"
        path.write_text(
            "@prefix argkb: <https://w3id.org/argkb/ontology#> .\n"
            + TTL_HEAD
            + f'kb:energy-exports a argkb:Lever ; rdfs:label "{label} exports"@en .\n'
        )
        clash.append(path)
    distinct = [
        VALID / "attack-existing-claim.ttl",
        VALID / "editor-claim.nt",
        VALID / "editor-claim.rdf",
    ]
    procs = [
        subprocess.Popen(
            argkb_cmd("add", "--kb", mini_kb_dir, path),
            env=ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in [*distinct, *clash]
    ]
    results = [(p.wait(timeout=300), p.stdout.read() + p.stderr.read()) for p in procs]
    assert [code for code, _ in results[:3]] == [0, 0, 0], results
    clash_codes = sorted(code for code, _ in results[3:])
    assert clash_codes == [0, 1], results
    refused = next(out for code, out in results[3:] if code == 1)
    assert "kb:energy-exports already has rdfs:label" in refused
    entries = read_log(mini_kb_dir / "data")
    assert len(entries) == 4 and len({c.id for c in entries}) == 4
    assert sorted(p.name for p in (mini_kb_dir / "data" / "contributions").iterdir()) == sorted(
        f"{c.id}.ttl" for c in entries
    )
    assert validate(KnowledgeBase.locate(mini_kb_dir)).conforms
    assert not (mini_kb_dir / "data" / ".argkb.lock").exists()
