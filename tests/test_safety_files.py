"""Issue 14, items 2, 5 and 7: argkb writes only where it means to and reads only what it can bound.

Item 2: lock and temporary files are opened without following symbolic links.
Item 5: size caps count the bytes actually read; non-regular files are refused; ``--data``
and ``validate FILE`` are capped too. Item 7: temporary folders live in the knowledge base's
cache, a killed process's are cleaned on the next start, and reports never name them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from argkb.cli.main import cli
from argkb.contrib.lock import LOCK_NAME
from argkb.rdf.parse import USER_MAX_BYTES
from contrib_support import VALID, tree_digest

BLANK_NODE_CONTRIBUTION = VALID / "new-implication-two-lenses.ttl"  # its quote is a blank node


def test_a_symlinked_lock_file_is_refused_and_its_target_untouched(runner, mini_kb_dir, tmp_path):
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me\n")
    (mini_kb_dir / "data" / LOCK_NAME).symlink_to(victim)
    result = runner.invoke(
        cli, ["add", "--kb", str(mini_kb_dir), str(VALID / "attack-existing-claim.ttl")]
    )
    assert result.exit_code == 2, result.output
    assert "is a symbolic link" in result.output and "remove it" in result.output
    assert victim.read_text() == "keep me\n"
    assert not (mini_kb_dir / "data" / "contributions").exists()


def test_a_lock_that_is_not_a_regular_file_is_refused(runner, mini_kb_dir):
    os.mkfifo(mini_kb_dir / "data" / LOCK_NAME)
    result = runner.invoke(
        cli, ["add", "--kb", str(mini_kb_dir), str(VALID / "attack-existing-claim.ttl")]
    )
    assert result.exit_code == 2 and "not a regular file" in result.output, result.output


def test_dev_zero_and_a_fifo_are_refused_before_reading(runner, mini_kb_dir, tmp_path):
    fifo = tmp_path / "pipe.ttl"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.ttl"
    zero.symlink_to("/dev/zero")
    for source in (str(zero), str(fifo)):
        for args in (["add", source], ["validate", source], ["validate", "--data", source]):
            result = runner.invoke(cli, [*args, "--kb", str(mini_kb_dir)])
            assert result.exit_code == 2, (args, result.output)
            assert "not a regular file" in result.output, (args, result.output)


def _sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path


def test_data_and_validate_file_are_capped(runner, mini_kb_dir, tmp_path):
    big = _sparse(tmp_path / "big.ttl", USER_MAX_BYTES + 1)
    for args in (
        ["validate", "--kb", str(mini_kb_dir), "--data", str(big)],
        ["validate", "--kb", str(mini_kb_dir), str(big)],
        ["trace", "--kb", str(mini_kb_dir), "--data", str(big), "impl-russia-bolder"],
    ):
        result = runner.invoke(cli, args)
        assert result.exit_code == 2, (args, result.output)
        assert "over the limit of 16,777,216 bytes" in result.output, (args, result.output)


def test_the_cap_counts_bytes_read_not_the_size_the_file_claims(tmp_path, monkeypatch):
    """A file that grows after its size was taken (or reports a small one) is still cut off at the
    limit."""
    from argkb.errors import InputError
    from argkb.rdf import parse

    path = tmp_path / "growing.ttl"
    path.write_bytes(b"# x\n" * 100)
    real_fstat = os.fstat

    def lying_fstat(fd):
        st = real_fstat(fd)
        return os.stat_result(
            (st.st_mode, *st[1:6], 0, *st[7:])
        )  # st_size 0, as /proc files report

    monkeypatch.setattr(parse.os, "fstat", lying_fstat)
    try:
        parse.read_bytes(path, max_bytes=100)
    except InputError as exc:
        assert "over the limit of 100 bytes" in str(exc)
    else:
        raise AssertionError("a 400-byte file passed a 100-byte cap")


def test_temporary_folders_live_in_the_cache_and_reports_name_the_users_file(
    runner, mini_kb_dir, tmp_path, monkeypatch
):
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    broken = (
        tmp_path / "broken.ttl"
    )  # blank nodes (so validated as a skolemised copy) and a violation
    broken.write_text(
        BLANK_NODE_CONTRIBUTION.read_text().replace("argkb:qualifier argkb:Could ;", "")
    )
    result = runner.invoke(cli, ["add", "--kb", str(mini_kb_dir), str(broken), "--format", "json"])
    assert result.exit_code == 1, result.output
    assert list(system_tmp.iterdir()) == []
    import json

    report = json.loads(result.output)["validation"]
    located = [r["file"] for r in report["results"] if r["file"]]
    assert located and all("broken.ttl" in f for f in located), located
    assert all(Path(f).exists() for f in located)
    assert list((mini_kb_dir / ".argkb-cache" / "tmp").iterdir()) == []


def test_a_killed_process_s_temporary_folder_is_cleaned_on_the_next_start(runner, mini_kb_dir):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    pid = int(dead.stdout)
    stale = mini_kb_dir / ".argkb-cache" / "tmp" / f"add-{pid}-abc123"
    (stale / "data").mkdir(parents=True)
    (stale / "data" / "contribution.ttl").write_text("left by a killed process")
    before = tree_digest(mini_kb_dir)
    result = runner.invoke(cli, ["add", "--kb", str(mini_kb_dir), str(BLANK_NODE_CONTRIBUTION)])
    assert result.exit_code == 0, result.output
    assert not stale.exists()
    assert before  # the knowledge base itself was read, the stale folder was not part of it


def test_locating_many_results_reads_each_file_once_and_finds_every_line(tmp_path):
    """Item 6: one pass per file, whatever the number of results (it was one scan per result)."""
    from rdflib import URIRef

    from argkb.kb import locate

    lines = [
        "@prefix kb: <https://w3id.org/argkb/id/> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
    ]
    expected = {}
    for i in range(3000):
        subject = f"kb:n{i}" if i % 2 else f"<https://w3id.org/argkb/id/n{i}>"
        expected[URIRef(f"https://w3id.org/argkb/id/n{i}")] = len(lines) + 1
        lines += [
            f'{subject} rdfs:label "n{i}" ;',
            f'    rdfs:comment "kb:n{i + 1} is not a subject here" .',
        ]
    lines.append("kb:last.")  # a name followed by the statement's final dot
    path = tmp_path / "many.ttl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    locate._subject_lines.cache_clear()
    locator = locate.Locator(kb=None, files=[path], store=None)
    locator.__dict__["kb_files"] = []
    found = {node: locator.where(node) for node in expected}
    assert all(where == (locate.relative(path), expected[node]) for node, where in found.items())
    assert locator.where(URIRef("https://w3id.org/argkb/id/last")) == (
        locate.relative(path),
        len(lines),
    )
    assert locate._subject_lines.cache_info().misses == 1
