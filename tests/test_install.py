"""Quick start command 1 installs argkb non-editable from a clone, with no npm and no node_modules,
and leaves every command working — the HTML map included (its JavaScript ships in the wheel).

To stay fast and offline the test builds the wheel without build isolation and lends the fresh
virtual environment this environment's dependencies through a ``.pth`` line; argkb itself comes
only from the wheel (the test checks where it is imported from)."""
from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, program


def run(*args, cwd=None, env=None) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=300, cwd=cwd, env=env)
    assert result.returncode == 0, f"{args}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("install")
    clone = tmp / "clone"
    run(program("git"), "clone", "--quiet", "--no-local", REPO, clone)
    assert not (clone / "node_modules").exists()
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", tmp / "wheels", clone)
    wheel = next((tmp / "wheels").glob("argkb-*.whl"))
    venv = tmp / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel)
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    (site / "zz-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ARGKB_HOME", "VIRTUAL_ENV")}
    home = tmp / "elsewhere"          # outside any knowledge base: the bundled one is used
    home.mkdir()
    return venv, wheel, home, env


def test_the_wheel_ships_the_map_javascript(installed):
    _, wheel, _, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    assert "argkb/export/vendor/cytoscape@3.34.4/cytoscape.min.js" in names
    assert "argkb/export/vendor/cytoscape-dagre@4.0.1/cytoscape-dagre.min.js" in names
    assert "argkb/export/vendor/vendor.json" in names
    assert "argkb/bundled/data/trump-putin-ukraine-talks.ttl" in names


def test_installed_argkb_validates_traces_and_exports_the_map(installed):
    venv, _, home, env = installed
    where = run(venv / "bin" / "python", "-c", "import argkb; print(argkb.__file__)", cwd=home, env=env).stdout
    assert where.startswith(str(venv)), where                     # the wheel's copy, not the source tree
    argkb = venv / "bin" / "argkb"
    assert "conforms" in run(argkb, "validate", cwd=home, env=env).stdout.lower()
    assert "impl-strain-allies" in run(argkb, "trace", "impl-strain-allies", cwd=home, env=env).stdout
    run(argkb, "export", "--format", "html", "-o", home / "map.html", cwd=home, env=env)
    page = (home / "map.html").read_text(encoding="utf-8")
    assert "<!-- cytoscape 3.34.4 (npm, inlined) -->" in page and "cytoscape-dagre 4.0.1" in page
    assert len(page) > 400_000


def test_installed_argkb_imports_an_argdown_map(installed):
    """The Argdown grammar (a data file beside the code) ships in the wheel."""
    venv, _, home, env = installed
    (home / "map.argdown").write_text("[T]: Taxes should fall.\n  + <G>: Growth needs it. #realism\n", encoding="utf-8")
    out = run(venv / "bin" / "argkb", "import", home / "map.argdown", "--from", "argdown", cwd=home, env=env).stdout
    assert "a argkb:Argument" in out and "argkb:perspective argkb:Realism" in out
