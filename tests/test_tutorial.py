"""docs/tutorial.md cannot rot: its commands are run verbatim, in order, and their output compared.

The tutorial is a session: ```console blocks hold ``$ `` command lines, each followed by the
output it shows; a fenced block right after an ``<!-- file: NAME -->`` comment is a file the
reader saves (as NAME, in the session's current folder) before going on. Only what differs from
run to run is masked on both sides: the session's folder (shown as /home/analyst), times, and
the file count of ``argkb init``.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from argkb.cli.main import cli
from conftest import REPO

TUTORIAL = REPO / "docs" / "tutorial.md"
HOME = "/home/analyst"
_BLOCK = re.compile(
    r"(?:<!-- file: (?P<file>[^ ]+) -->\s*\n)?```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^```\s*$",
    re.S | re.M,
)
_MASKS = [
    (re.compile(r"\d{8}T\d{6}Z"), "<time>"),
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"), "<time>"),
    (re.compile(r"\(\d+ files,"), "(N files,"),
]


def steps(markdown: str):
    """("file", name, text) and ("run", command, shown output) in the order of the document."""
    for block in _BLOCK.finditer(markdown):
        if block["file"]:
            yield "file", block["file"], block["body"]
        elif block["lang"] == "console":
            command, shown = None, []
            for line in block["body"].splitlines():
                if line.startswith("$ "):
                    if command:
                        yield "run", command, "\n".join(shown)
                    command, shown = line[2:], []
                else:
                    shown.append(line)
            if command:
                yield "run", command, "\n".join(shown)


def mask(text: str, home: str) -> str:
    text = text.replace(home, HOME)
    for pattern, placeholder in _MASKS:
        text = pattern.sub(placeholder, text)
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


def session(tmp_path: Path, monkeypatch):
    """Run the tutorial in ``tmp_path``; yields (command, shown output, actual output)."""
    monkeypatch.delenv("ARGKB_HOME", raising=False)
    monkeypatch.setenv("ARGKB_AUTHOR", "analyst")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for kind, what, body in steps(TUTORIAL.read_text(encoding="utf-8")):
        if kind == "file":
            Path(what).write_text(body, encoding="utf-8")
            continue
        args = shlex.split(what)
        if args[0] == "cd":
            monkeypatch.chdir(args[1])
            actual = ""
        else:
            assert args[0] == "argkb", f"the tutorial runs only argkb and cd, not {what!r}"
            actual = runner.invoke(cli, args[1:]).output
        yield what, body, actual


@pytest.mark.slow
def test_the_tutorial_runs_as_written(tmp_path, monkeypatch):
    home = str(tmp_path.resolve())
    ran = []
    for command, shown, actual in session(tmp_path, monkeypatch):
        assert mask(actual, home) == mask(shown, home), (
            f"`{command}` no longer prints what docs/tutorial.md shows"
        )
        ran.append(command.split()[:2])
    assert ["argkb", "trace"] in ran and ["argkb", "add"] in ran and ["argkb", "init"] in ran


def test_the_tutorial_starts_empty_and_ends_traced():
    commands = [c for kind, c, _ in steps(TUTORIAL.read_text(encoding="utf-8")) if kind == "run"]
    assert commands[0].startswith("argkb init") and "--empty" in commands[0]
    assert any(c.startswith("argkb trace") for c in commands)


if __name__ == "__main__":  # print the real transcript, to refresh the document by hand
    import sys
    import tempfile

    import pytest

    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        for command, _shown, actual in session(Path(tmp), mp):
            sys.stdout.write(f"$ {command}\n{mask(actual, str(Path(tmp).resolve()))}\n")
