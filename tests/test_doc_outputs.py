"""Every command output shown in docs/ is what the command prints now (docs/tutorial.md has its own
test, tests/test_tutorial.py). `python -m argkb.devtools.doc_outputs` rewrites them from a fresh
run; docs/…md says how a block runs in an HTML comment before it (see the module)."""

from __future__ import annotations

import difflib
import shutil
import subprocess

import pytest

from argkb.cli.main import cli
from argkb.devtools import doc_outputs
from conftest import REPO, unavailable

BLOCKS = [b for page in doc_outputs.pages() for b in doc_outputs.blocks(page)]


def in_process(args, stdin, cwd):
    """argkb run in this process, as tests/test_tutorial.py runs the tutorial (a process per command
    is slow)."""
    import os

    from click.testing import CliRunner

    here = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(
            cli, args, input=stdin, env={"ARGKB_HOME": None, "COLUMNS": "100"}
        )
    finally:
        os.chdir(here)
    return result.output, result.exit_code


def _id(block) -> str:
    return f"{block.page}:{block.commands[0][0][:50] if block.commands else '?'}"


def test_the_pages_show_command_outputs_and_say_why_any_is_not_checked():
    assert len(BLOCKS) >= 20
    checked = [b for b in BLOCKS if b.checked]
    assert len(checked) >= 18
    for block in BLOCKS:
        if not block.checked:
            reason = block.directive.split(":", 1)[1].strip()
            assert len(reason) > 20, f"{block.where}: say why it is not checked"
    # the three outputs found stale by issue 22 are checked
    shown = {c for b in checked for c, _ in b.commands}
    assert {
        "argkb validate",
        "argkb queries | head -6",
        "argkb trace impl-sanctions-relief-pressure --depth 1 --format markdown",
    } <= shown


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.checked], ids=_id)
def test_the_shown_output_is_what_the_command_prints(block):
    if any(c.startswith("argkb reason") for c, _ in block.commands) and not shutil.which("java"):
        unavailable("argkb reason needs Java (.ci/run installs it)")
    with doc_outputs.Session(block, in_process) as session:
        for command, shown, actual, ok in session.outputs():
            diff = "\n".join(
                difflib.unified_diff(
                    doc_outputs.mask(shown).splitlines(),
                    doc_outputs.mask(actual).splitlines(),
                    "shown",
                    "now",
                    lineterm="",
                )
            )
            assert ok, (
                f"{block.where}: `{command}` prints something else now; run "
                f"`PYTHONPATH=src python -m argkb.devtools.doc_outputs`:\n{diff}"
            )


def test_checking_the_docs_leaves_the_repository_as_it_was():
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all", "--", "data", "docs"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if status.returncode != 0:
        unavailable("the docs check compares git status before and after: run it in a git checkout")
    before = status.stdout
    for block in BLOCKS:
        if block.checked and not any(
            c.startswith(("argkb reason", "python")) for c, _ in block.commands
        ):
            with doc_outputs.Session(block, in_process) as session:
                list(session.outputs())
    after = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all", "--", "data", "docs"],
        cwd=REPO,
        capture_output=True,
        text=True,
    ).stdout
    assert after == before


def test_the_refresh_command_runs_argkb_as_a_reader_does(tmp_path):
    """The devtools command runs each argkb command as a process: the same output as in-process."""
    output, code = doc_outputs.argkb_process(["query", "rationale-chian"], None, REPO)
    assert (output, code) == in_process(["query", "rationale-chian"], None, REPO)


def test_a_stale_output_is_caught(tmp_path, monkeypatch):
    page = tmp_path / "page.md"
    page.write_text("```\n$ argkb validate\nconforms: 99 violations\n```\n", encoding="utf-8")
    monkeypatch.setattr(doc_outputs, "DOCS", tmp_path)
    [block] = doc_outputs.blocks(page)
    with doc_outputs.Session(block, in_process) as session:
        [(_, _, actual, ok)] = list(session.outputs())
    assert not ok and "conforms: 0 violations, 0 warnings" in actual
    doc_outputs.refresh(page, in_process)
    assert "conforms: 0 violations, 0 warnings" in page.read_text(encoding="utf-8")
