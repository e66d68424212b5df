"""The README is a short guide: at most 250 lines, its Quick start names the test command `.ci/run`
really runs, its links into docs/ resolve, and every command of its ten-minute tour runs."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest

from argkb.cli import cli
from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.S | re.M)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


def shell_blocks(text: str) -> list[str]:
    return re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M)


def test_readme_is_short():
    assert len(README.splitlines()) <= 250


def test_quick_start_names_the_test_command_ci_runs():
    blocks = shell_blocks(section("Quick start"))
    assert any(line.strip() == "bash .ci/run" for block in blocks for line in block.splitlines())
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    last_command = [line for line in ci.splitlines() if line.strip() and not line.startswith("#")][
        -1
    ]
    assert last_command.strip() in [line.strip() for block in blocks for line in block.splitlines()]


def test_quick_start_commands_are_those_of_the_docs():
    page = (REPO / "docs" / "quickstart.md").read_text(encoding="utf-8")
    assert shell_blocks(section("Quick start"))[0] == shell_blocks(page)[0]


def test_links_into_docs_resolve():
    targets = re.findall(r"\]\((docs/[^)#]+)", README)
    assert targets
    assert [t for t in targets if not (REPO / t).is_file()] == []


def tour_steps(text: str):
    """The tour's shell lines as steps: ("argkb", args), ("cd", dir) or ("write", file, content)."""
    for block in shell_blocks(text):
        lines = iter(block.splitlines())
        for line in lines:
            heredoc = re.fullmatch(r"cat > (\S+) <<'(\w+)'", line.strip())
            if heredoc:
                body = []
                for inner in lines:
                    if inner == heredoc.group(2):
                        break
                    body.append(inner)
                yield ("write", heredoc.group(1), "\n".join(body) + "\n")
                continue
            words = shlex.split(line, comments=True)
            if not words:
                continue
            if words[0] not in ("argkb", "cd"):
                pytest.fail(
                    f"the tour uses {line!r}, which this test cannot run: keep the tour to argkb, "
                    "cd and cat > FILE"
                )
            yield (words[0], *words[1:])


@pytest.mark.slow
def test_the_tour_runs(tmp_path, monkeypatch, runner):
    monkeypatch.delenv("ARGKB_HOME", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    work = tmp_path / "tour"
    work.mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # the tour's ~/my-kb
    (tmp_path / "home").mkdir()
    monkeypatch.chdir(work)
    ran = []
    for step in tour_steps(section("A ten-minute tour")):
        step = tuple(os.path.expanduser(word) if word.startswith("~/") else word for word in step)
        if step[0] == "cd":
            monkeypatch.chdir(step[1])
        elif step[0] == "write":
            Path(step[1]).write_text(step[2], encoding="utf-8")
        else:
            result = runner.invoke(cli, list(step[1:]), catch_exceptions=False)
            assert result.exit_code == 0, (
                f"{shlex.join(step)} exited {result.exit_code}:\n{result.output}"
            )
            ran.append((step[1], result.output))
    commands = [name for name, _ in ran]
    for expected in ("validate", "trace", "impacts", "lenses", "export", "init", "add"):
        assert expected in commands, f"the tour does not show argkb {expected}"
    assert (
        tmp_path / "home" / "my-kb" / "data" / "contributions"
    ).is_dir()  # a folder of its own, outside the clone
    # the contribution landed: the last trace shows the argument the tour added
    added = re.findall(r"^(kb:arg-\S+) a argkb:Argument", README, re.M)
    assert added and added[0] in ran[-1][1]
