"""The layout is a contract: imports point down the layers (pyproject's [tool.importlinter]) and no
module imports a module that imports it back. Both checks are also run on a planted violation,
so a check that could never fail would be caught."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

SRC = REPO / "src"
LINT = Path(sys.executable).with_name("lint-imports")


def lint(src: Path) -> subprocess.CompletedProcess:
    env = {"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [str(LINT), "--config", str(REPO / "pyproject.toml"), "--no-cache"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


CYCLES = """
import json, sys
import grimp
graph = grimp.build_graph("argkb", cache_dir=None)
cycles = []
for a in sorted(graph.modules):
    for b in sorted(graph.find_modules_directly_imported_by(a)):
        back = graph.find_shortest_chain(importer=b, imported=a)
        if back:
            cycles.append((a, *back))
print(json.dumps(cycles))
"""


def module_cycles(src: Path) -> list[tuple[str, ...]]:
    """Every import a -> b for which b also reaches a: (a, b, ..., a). Run in a fresh interpreter,
    so the package analysed is the one under ``src`` and this process's modules stay untouched."""
    done = subprocess.run(
        [sys.executable, "-c", CYCLES],
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return [tuple(c) for c in json.loads(done.stdout)]


def planted(tmp_path: Path, module: str, line: str) -> Path:
    copy = tmp_path / "src"
    shutil.copytree(
        SRC / "argkb", copy / "argkb", ignore=shutil.ignore_patterns("__pycache__", "bundled")
    )
    target = copy / "argkb" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    return copy


def test_layers_contract_is_kept():
    done = lint(SRC)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_layers_contract_catches_a_planted_upward_import(tmp_path):
    done = lint(planted(tmp_path, "kb/folder.py", "from argkb.store import open_store  # planted"))
    assert done.returncode != 0
    assert "BROKEN" in done.stdout and "argkb.kb.folder -> argkb.store" in done.stdout


def test_no_module_imports_a_module_that_imports_it_back():
    cycles = module_cycles(SRC)
    assert cycles == [], "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_cycle_check_finds_a_planted_cycle(tmp_path):
    src = planted(
        tmp_path, "navigate/outline.py", "from argkb.navigate import trace_render  # planted"
    )
    cycles = module_cycles(src)
    assert any(
        c[0] == "argkb.navigate.outline" and c[-1] == "argkb.navigate.outline" for c in cycles
    ), cycles


@pytest.mark.parametrize(
    "package",
    [
        "vocab",
        "rdf",
        "kb",
        "store",
        "query",
        "validation",
        "navigate",
        "assess",
        "reason",
        "contrib",
        "export",
        "cli",
        "devtools",
    ],
)
def test_every_package_says_what_it_holds(package):
    init = SRC / "argkb" / package / "__init__.py"
    doc = init.read_text(encoding="utf-8").lstrip()
    assert doc.startswith('"""') and len(doc.split('"""')[1].strip()) > 40, (
        f"{init}: needs a docstring"
    )


def test_no_module_over_the_size_limit():
    long = {
        str(p.relative_to(SRC)): n
        for p in (SRC / "argkb").rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 450
    }
    assert long == {}, f"split these modules (over ~400 lines): {long}"
