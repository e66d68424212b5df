"""``-o`` writes only a regular file or a new path, and never creates folders.

As root, ``argkb review -o /dev/full`` replaced the device with a regular file; a FIFO or a
symbolic link became a regular file too, and missing folders were created silently. Device
nodes are made here inside the test's own folder (never /dev), so a regression replaces only them.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from argkb.cli.main import cli
from conftest import unavailable

QUERY = ["query", "contested-claims", "--format", "csv"]


def _run(runner, kb_dir: Path, *extra: str, command=QUERY):
    return runner.invoke(cli, [*command, "--kb", str(kb_dir), *extra])


def _one_sentence(result) -> str:
    text = result.output.strip()
    assert result.exit_code == 2, result.output
    assert "Traceback" not in text and "\n" not in text, text
    return text


def test_a_new_file_and_a_regular_file_are_written(runner, mini_kb_dir, tmp_path):
    target = tmp_path / "answer.csv"
    assert _run(runner, mini_kb_dir, "-o", str(target)).exit_code == 0
    assert target.read_text().startswith("claim")
    target.chmod(0o640)
    assert _run(runner, mini_kb_dir, "-o", str(target)).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # an existing file keeps its permissions


def test_a_fifo_is_refused_and_kept(runner, mini_kb_dir, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    said = _one_sentence(_run(runner, mini_kb_dir, "-o", str(fifo)))
    assert "FIFO" in said and "not a regular file" in said and ">" in said  # says: redirect instead
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize(
    "minor", [3, 7]
)  # /dev/null's and /dev/full's numbers, in the test's folder
def test_a_device_node_is_refused_and_kept(runner, mini_kb_dir, tmp_path, minor):
    if os.geteuid() != 0:
        unavailable("making a device node needs root (CI runs as root)")
    device = tmp_path / "device"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    before = device.lstat()
    said = _one_sentence(_run(runner, mini_kb_dir, "-o", str(device)))
    assert "device" in said and "not a regular file" in said
    after = device.lstat()
    assert stat.S_ISCHR(after.st_mode) and (after.st_mode, after.st_ino) == (
        before.st_mode,
        before.st_ino,
    )


@pytest.mark.parametrize("points_to", ["file", "missing", "folder"])
def test_a_symbolic_link_is_refused_and_neither_it_nor_its_target_changes(
    runner, mini_kb_dir, tmp_path, points_to
):
    target = tmp_path / "target"
    if points_to == "file":
        target.write_text("keep me\n")
    elif points_to == "folder":
        target.mkdir()
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    said = _one_sentence(_run(runner, mini_kb_dir, "-o", str(link)))
    assert "symbolic link" in said
    assert link.is_symlink() and os.readlink(link) == str(target)
    if points_to == "file":
        assert target.read_text() == "keep me\n"
    assert not (points_to == "missing" and target.exists())


def test_a_folder_is_refused(runner, mini_kb_dir, tmp_path):
    said = _one_sentence(_run(runner, mini_kb_dir, "-o", str(tmp_path)))
    assert "folder" in said
    assert tmp_path.is_dir()


def test_missing_folders_are_not_created(runner, mini_kb_dir, tmp_path):
    target = tmp_path / "no" / "such" / "answer.csv"
    said = _one_sentence(_run(runner, mini_kb_dir, "-o", str(target)))
    assert "does not exist" in said and "mkdir -p" in said
    assert not (tmp_path / "no").exists()
    (tmp_path / "file").write_text("x")
    said = _one_sentence(_run(runner, mini_kb_dir, "-o", str(tmp_path / "file" / "answer.csv")))
    assert "not a folder" in said


@pytest.mark.parametrize("command", [["export", "--format", "mermaid"], ["review"]])
def test_every_command_with_o_refuses_the_same(runner, mini_kb_dir, tmp_path, command):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    said = _one_sentence(_run(runner, mini_kb_dir, "-o", str(fifo), command=command))
    assert "FIFO" in said
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_draft_o_and_reason_infer_refuse_the_same(runner, mini_kb_dir, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    source = next((mini_kb_dir / "data" / "sources").glob("*.txt"))
    said = _one_sentence(
        runner.invoke(cli, ["draft", str(source), "--kb", str(mini_kb_dir), "-o", str(fifo)])
    )
    assert "FIFO" in said and stat.S_ISFIFO(fifo.lstat().st_mode)
    from argkb.errors import UsageError
    from argkb.reason.owl import ReasonResult, write_inferences

    with pytest.raises(UsageError, match="does not exist"):
        write_inferences(ReasonResult(True, "hermit", 0.0), tmp_path / "missing" / "inferred.ttl")
    assert not (tmp_path / "missing").exists()
