"""Terminal escapes and other control characters from PDFs and texts are neither stored raw (text,
title, creators) nor printed raw by `source show`/`source list` (issue 24, finding 16)."""

from __future__ import annotations

import io
import json

import pytest
from rdflib import Graph

from argkb.cli.main import cli

pytestmark = pytest.mark.slow  # the slowest 10 % of cases (docs/contributing.md, Tests)

ESC = "\x1b"
HOSTILE = f"{ESC}]0;pwned{ESC}\\{ESC}[2J{ESC}[31m"  # set the window title, clear the screen, red


def _pdf(path, title: str, author: str) -> None:
    from fpdf import FPDF
    from pypdf import PdfReader, PdfWriter

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, "If the talks fail, sanctions could be tightened.")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(bytes(pdf.output()))))
    writer.add_metadata({"/Title": title, "/Author": author})
    with open(path, "wb") as out:
        writer.write(out)


def _raw_controls(text: str) -> list[str]:
    return [c for c in text if (ord(c) < 32 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F]


def test_pdf_metadata_and_text_are_stored_without_control_characters(runner, mini_kb_dir, tmp_path):
    pdf = tmp_path / "hostile.pdf"
    _pdf(pdf, f"Talks{HOSTILE} in\x07 Geneva\x9b", f"Ann{HOSTILE} Lee; Bo\x00 Ma")
    text = tmp_path / "hostile.txt"
    text.write_text(
        f"If the talks fail,{HOSTILE} sanctions\x9b31m could be tightened.\n"
        "\tEurope\x08 might rearm.\n",
        encoding="utf-8",
    )
    for path, ident in ((pdf, "hostile-pdf"), (text, "hostile-txt")):
        extra = (
            []
            if path.suffix == ".pdf"
            else ["--title", f"Plain{ESC}[1m title", "--creator", f"C{ESC}[0m D"]
        )
        result = runner.invoke(
            cli, ["source", "add", str(path), "--id", ident, "--kb", str(mini_kb_dir), *extra]
        )
        assert result.exit_code == 0, result.output
        stored = (mini_kb_dir / "data" / "sources" / f"{ident}.txt").read_text(encoding="utf-8")
        assert not _raw_controls(stored), repr(stored)
        assert "could be tightened" in stored
    txt = (mini_kb_dir / "data" / "sources" / "hostile-txt.txt").read_text(encoding="utf-8")
    assert txt == "If the talks fail, sanctions31m could be tightened.\n\tEurope might rearm.\n"
    graph = Graph()
    for ttl in (mini_kb_dir / "data" / "contributions").glob("*.ttl"):
        graph.parse(ttl, format="turtle")
    literals = [str(o) for o in graph.objects() if not hasattr(o, "fragment")]
    assert literals and not any(_raw_controls(value) for value in literals)
    assert "Talks in Geneva" in literals and "Ann Lee" in literals and "Bo Ma" in literals
    assert "Plain title" in literals and "C D" in literals


def test_source_show_and_list_print_control_characters_escaped(runner, mini_kb_dir, tmp_path):
    article = tmp_path / "plain.txt"
    article.write_text("If the talks fail, sanctions could be tightened.\n", encoding="utf-8")
    result = runner.invoke(
        cli,
        [
            "source",
            "add",
            str(article),
            "--id",
            "plain",
            "--title",
            "Plain",
            "--kb",
            str(mini_kb_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    stored = mini_kb_dir / "data" / "sources" / "plain.txt"  # edited by hand afterwards
    stored.write_text(
        f"If the talks fail,{HOSTILE} sanctions\x9b2J could be tightened.\n", encoding="utf-8"
    )
    for command in (["source", "show", "plain"], ["source", "list"]):
        shown = runner.invoke(cli, [*command, "--kb", str(mini_kb_dir)])
        assert not _raw_controls(shown.output), repr(shown.output)
    shown = runner.invoke(cli, ["source", "show", "plain", "--kb", str(mini_kb_dir)])
    assert "\\x1b[2J" in shown.output and "\\x9b2J" in shown.output
    shown = runner.invoke(
        cli, ["source", "show", "plain", "--format", "json", "--kb", str(mini_kb_dir)]
    )
    assert not _raw_controls(shown.output) and json.loads(shown.output)


def test_source_add_killed_leaves_no_folder_in_the_system_temp_and_the_next_run_cleans_up(
    runner, mini_kb_dir, tmp_path
):
    """A `source add` SIGKILLed while its node file exists (finding 17: `argkb-source-*` folders
    were left in the system's temporary folder): its folder is in the knowledge base's cache, and
    the next one removes it."""
    import os
    import signal
    import subprocess
    import sys

    from conftest import REPO

    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    article = tmp_path / "article.txt"
    article.write_text("If the talks fail, sanctions could be tightened.\n", encoding="utf-8")
    script = (
        "import os, signal, sys\n"
        "import argkb.contrib.add as add\n"
        "def killed(*a, **k):\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "add.add = killed\n"
        "from argkb.cli.main import cli\n"
        "cli(sys.argv[1:])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "TMPDIR": str(system_tmp)}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            "source",
            "add",
            str(article),
            "--id",
            "art",
            "--title",
            "Art",
            "--kb",
            str(mini_kb_dir),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert not list(system_tmp.iterdir())
    left = list((mini_kb_dir / ".argkb-cache" / "tmp").glob("source-*"))
    assert len(left) == 1 and (left[0] / "art.ttl").is_file()
    result = runner.invoke(
        cli,
        ["source", "add", str(article), "--id", "art", "--title", "Art", "--kb", str(mini_kb_dir)],
    )
    assert result.exit_code == 0, result.output
    assert not left[0].exists() and not list((mini_kb_dir / ".argkb-cache" / "tmp").iterdir())
