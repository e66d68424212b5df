"""Third-party Python packages are pinned: constraints.txt names an exact version of every
dependency pyproject.toml declares (core and every extra), and both Quick start commands install
with it."""

from __future__ import annotations

import re
import tomllib

from conftest import REPO


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_every_declared_dependency_has_an_exact_pin():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_name(r) for r in project["dependencies"]}
    declared |= {_name(r) for extra in project["optional-dependencies"].values() for r in extra}
    pins = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _sep, version = line.partition("==")
            assert version and re.fullmatch(r"[\w.+!-]+", version), f"not an exact pin: {line!r}"
            pins[_name(name)] = version
    declared -= {"setuptools"}  # the build backend's own, installed by pip itself
    assert sorted(declared - set(pins)) == []


def test_installs_use_the_pins():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"pip install -q -c constraints\.txt -e '\.\[test,ingest\]'", ci)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "pip install -q -c constraints.txt ." in readme
