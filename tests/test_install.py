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

from conftest import REPO, program, unavailable

pytestmark = pytest.mark.slow  # the slowest 10 % of cases (docs/contributing.md, Tests)


def run(*args, cwd=None, env=None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=300, cwd=cwd, env=env
    )
    assert result.returncode == 0, f"{args}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("install")
    clone = tmp / "clone"
    run(program("git"), "clone", "--quiet", "--no-local", REPO, clone)
    assert not (clone / "node_modules").exists()
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--no-deps",
        "--no-build-isolation",
        "-w",
        tmp / "wheels",
        clone,
    )
    wheel = next((tmp / "wheels").glob("argkb-*.whl"))
    venv = tmp / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--quiet",
        "--no-deps",
        "--no-index",
        wheel,
    )
    site = Path(
        run(
            python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"
        ).stdout.strip()
    )
    (site / "zz-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ARGKB_HOME", "VIRTUAL_ENV")
    }
    home = tmp / "elsewhere"  # outside any knowledge base: the bundled one is used
    home.mkdir()
    return venv, wheel, home, env


def test_the_wheel_ships_the_map_javascript(installed):
    _, wheel, _, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    assert "argkb/export/vendor/cytoscape@3.34.4/cytoscape.min.js" in names
    assert "argkb/export/vendor/cytoscape-dagre@4.0.1/cytoscape-dagre.min.js" in names
    assert "argkb/export/vendor/vendor.json" in names
    assert "argkb/bundled/data/trump-putin-ukraine-talks.ttl" in names
    assert {
        "argkb/author/data/organisations.tsv",
        "argkb/author/data/state_names.tsv",
        "argkb/author/data/levers.tsv",
    } <= set(names)  # the draft's gazetteer and levers


def test_installed_argkb_validates_traces_and_exports_the_map(installed):
    venv, _, home, env = installed
    where = run(
        venv / "bin" / "python", "-c", "import argkb; print(argkb.__file__)", cwd=home, env=env
    ).stdout
    assert where.startswith(str(venv)), where  # the wheel's copy, not the source tree
    argkb = venv / "bin" / "argkb"
    assert "conforms" in run(argkb, "validate", cwd=home, env=env).stdout.lower()
    assert (
        "impl-strain-allies" in run(argkb, "trace", "impl-strain-allies", cwd=home, env=env).stdout
    )
    run(argkb, "export", "--format", "html", "-o", home / "map.html", cwd=home, env=env)
    page = (home / "map.html").read_text(encoding="utf-8")
    assert "<!-- cytoscape 3.34.4 (npm, inlined) -->" in page and "cytoscape-dagre 4.0.1" in page
    assert len(page) > 400_000
    draft = run(argkb, "draft", "trump-putin-ukraine-talks", cwd=home, env=env).stdout
    assert (
        "a argkb:Implication" in draft and "argkb:proposed rdf:type" in draft
    )  # stubs from the shipped lists


def test_installed_argkb_imports_an_argdown_map(installed):
    """The Argdown grammar (a data file beside the code) ships in the wheel."""
    venv, _, home, env = installed
    (home / "map.argdown").write_text(
        "[T]: Taxes should fall.\n  + <G>: Growth needs it. #realism\n", encoding="utf-8"
    )
    out = run(
        venv / "bin" / "argkb",
        "import",
        home / "map.argdown",
        "--from",
        "argdown",
        cwd=home,
        env=env,
    ).stdout
    assert "a argkb:Argument" in out and "argkb:perspective argkb:Realism" in out


# -------------------------------------------------- .ci/apt-need: apt only where needed and allowed
APT_NEED = REPO / ".ci" / "apt-need"
FAKE_APT = """#!/bin/sh
echo "$0 $*" >> "$(dirname "$0")/calls"
"""


@pytest.fixture
def fake_bin():
    """A folder any user can read, holding a copy of .ci/apt-need and an apt-get that only records
    its calls."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="argkb-apt-"))
    try:
        folder.chmod(0o777)
        (folder / "apt-get").write_text(FAKE_APT, encoding="utf-8")
        (folder / "apt-get").chmod(0o755)
        shutil.copy(APT_NEED, folder / "apt-need")
        (folder / "apt-need").chmod(0o755)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def apt_need(fake_bin, *packages, user=None):
    """.ci/apt-need run with the fake apt-get first on PATH, as ``user`` (None: this one) and
    without sudo."""
    env = {"PATH": f"{fake_bin}:/usr/bin:/bin:/usr/sbin:/sbin", "HOME": str(fake_bin)}
    command = ["bash", str(fake_bin / "apt-need"), *packages]
    if user is not None:
        if os.getuid() != 0:
            unavailable("running as another user needs root (CI runs as root)")
        command = [
            program("setpriv"),
            f"--reuid={user}",
            f"--regid={user}",
            "--clear-groups",
            *command,
        ]
    done = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=60, stdin=subprocess.DEVNULL
    )
    calls = (
        (fake_bin / "calls").read_text(encoding="utf-8").splitlines()
        if (fake_bin / "calls").exists()
        else []
    )
    return done, calls


def test_command_1_installs_without_sudo_where_python3_venv_is_present(fake_bin):
    """A user who is not root and has no sudo: nothing to install, so apt is never called and it
    succeeds."""
    if (
        subprocess.run(["python3", "-c", "import ensurepip, venv"], capture_output=True).returncode
        != 0
    ):
        unavailable("python3-venv is not installed here (.ci/run installs it)")
    done, calls = apt_need(fake_bin, "python3-venv", user=65534)
    assert done.returncode == 0 and calls == [] and done.stderr == ""


def test_where_apt_is_needed_and_impossible_it_says_what_to_install(fake_bin):
    done, calls = apt_need(fake_bin, "python3-venv", "argkb-no-such-package", user=65534)
    assert done.returncode == 1 and calls == []
    assert (
        done.stderr.count("\n") == 1
        and "argkb-no-such-package" in done.stderr
        and "apt-get install" in done.stderr
    )


def test_as_root_apt_installs_only_what_is_missing_and_waits_for_the_lock(fake_bin):
    if os.getuid() != 0:
        unavailable("needs root (CI runs as root)")
    done, calls = apt_need(fake_bin, "python3-venv", "argkb-no-such-package")
    assert done.returncode == 0, done.stderr
    assert len(calls) == 2 and all("-o DPkg::Lock::Timeout=120" in c for c in calls)
    assert calls[0].endswith("update -qq") and calls[1].endswith(
        "install -y -qq --no-install-recommends argkb-no-such-package"
    )


def test_command_1_and_ci_use_apt_only_through_apt_need():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command_1 = next(line for line in readme.splitlines() if "python3 -m venv .venv" in line)
    assert command_1.startswith("bash .ci/apt-need python3-venv && ") and "apt-get" not in command_1
    assert "sudo" not in command_1
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash .ci/apt-need" in ci and not [
        line for line in ci.splitlines() if "apt-get" in line and not line.lstrip().startswith("#")
    ]
