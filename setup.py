"""Build hook: ship the knowledge base (ontology/, data/, queries/) inside the package.

The Turtle files at the repository root stay the single source of truth; this copies
them into ``argkb/bundled/`` of the built wheel so an installed argkb has a knowledge
base to fall back on. Metadata lives in pyproject.toml.
"""
import json
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).parent
BUNDLED = ("ontology", "data", "queries")


class BuildWithKnowledgeBase(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "argkb" / "bundled"
        for name in BUNDLED:
            src = ROOT / name
            if src.is_dir():
                shutil.copytree(src, target / name, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns(".argkb-cache", "__pycache__"))
        copy_map_javascript(target.parent)


def copy_map_javascript(package: Path) -> None:
    """The HTML map's pinned JavaScript (argkb export --format html), from node_modules after `npm ci`,
    into argkb/export/vendor/ so an installed wheel draws maps without npm. Skipped if not installed."""
    manifest = json.loads((ROOT / "src/argkb/export/templates/vendor.json").read_text(encoding="utf-8"))
    for pkg, rel in manifest.items():
        src = ROOT / "node_modules" / pkg
        if pkg.startswith("_") or not (src / rel).is_file():
            continue
        for name in (rel, "package.json", "LICENSE"):
            if (src / name).is_file():
                dest = package / "export" / "vendor" / pkg / name
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src / name, dest)


setup(cmdclass={"build_py": BuildWithKnowledgeBase})
