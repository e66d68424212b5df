"""Build hook: ship the knowledge base (ontology/, data/, queries/) inside the package.

The Turtle files at the repository root stay the single source of truth; this copies
them into ``argkb/bundled/`` of the built wheel so an installed argkb has a knowledge
base to fall back on. Metadata lives in pyproject.toml.
"""

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
                shutil.copytree(
                    src,
                    target / name,
                    dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(".argkb-cache", "__pycache__"),
                )


setup(cmdclass={"build_py": BuildWithKnowledgeBase})
