"""The documentation site: it builds with ``mkdocs build --strict`` (no broken link or anchor), its
command reference covers every command, and its query library page covers every ``queries/*.rq``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argkb.cli.main import COMMANDS
from conftest import REPO


def build(root: Path, site: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(root / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    done = build(REPO, out)
    assert done.returncode == 0, done.stderr
    return out


def test_every_command_is_in_the_generated_reference(site):
    html = (site / "commands" / "index.html").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f'id="argkb-{name}"' in html, (
            f"argkb {name} is missing from docs/commands.md's reference"
        )


def test_every_query_file_is_in_the_generated_library(site):
    html = (site / "queries" / "index.html").read_text(encoding="utf-8")
    names = [p.stem for p in sorted((REPO / "queries").glob("*.rq"))]
    assert names
    for name in names:
        assert f'id="{name}"' in html, f"queries/{name}.rq is missing from docs/queries.md"
    assert "<!-- query-library -->" not in html


def test_every_page_is_in_the_nav(site):
    pages = {p.stem for p in (REPO / "docs").glob("*.md")}
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert {p for p in pages if f"{p}.md" not in config} == set()


def test_a_broken_anchor_fails_the_strict_build(tmp_path):
    root = tmp_path / "repo"
    for folder in ("docs", "queries"):
        shutil.copytree(REPO / folder, root / folder)
    hook = root / "src" / "argkb" / "devtools"
    hook.mkdir(parents=True)
    shutil.copy(REPO / "src" / "argkb" / "devtools" / "query_docs.py", hook)
    shutil.copy(REPO / "mkdocs.yml", root)
    with (root / "docs" / "index.md").open("a", encoding="utf-8") as page:
        page.write("\nSee [the rules](rules.md#no-such-section).\n")
    done = build(root, tmp_path / "site")
    assert done.returncode != 0
    assert "no-such-section" in done.stdout + done.stderr


def test_the_site_fetches_nothing_from_other_hosts(site):
    """No Google Fonts (theme font: false): the site reads the same offline."""
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html, page


def test_the_home_page_lists_every_page_and_links_the_glossary(site):
    home = (REPO / "docs" / "index.md").read_text(encoding="utf-8")
    pages = {p.name for p in (REPO / "docs").glob("*.md")} - {"index.md"}
    assert {p for p in pages if f"({p})" not in home} == set()
    glossary = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    for word in (
        "IN",
        "OUT",
        "UNDEC",
        "Silent",
        "Lens",
        "Move",
        "Implication",
        "Qualifier",
        "Strength",
        "Crux",
        "Held by, grant",
    ):
        assert f"<dt><strong>{word}</strong>" in glossary, word
    assert "Use a SPARQL server" in (site / "index.html").read_text(encoding="utf-8")
