"""What the argkb-flavoured Argdown tests share: the seed and its source text, graph comparison with
a readable difference, and the official Argdown parser (@argdown/core, run with Node)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from argkb.vocab.namespaces import KB
from conftest import REPO, unavailable

SEED = REPO / "data" / "trump-putin-ukraine-talks.ttl"
SEED_TEXT = (REPO / "data" / "sources" / "trump-putin-ukraine-talks.txt").read_text(
    encoding="utf-8"
)


def texts(node):
    return SEED_TEXT if node == KB["trump-putin-ukraine-talks"] else None


def same(a: Graph, b: Graph) -> None:
    if not isomorphic(a, b):
        _, more, less = graph_diff(to_isomorphic(a), to_isomorphic(b))
        pytest.fail(
            f"not the same graph: {len(more)} triples more, e.g. {sorted(more)[:3]}; "
            f"{len(less)} fewer, e.g. {sorted(less)[:3]}"
        )


def official_parser(paths) -> list[dict]:
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules" / "@argdown" / "core").is_dir():
        unavailable(
            "Node and @argdown/core are needed: install Node.js and run `npm ci` (.ci/run does)"
        )
    run = subprocess.run(
        [node, str(REPO / "tests" / "argdown_parse.mjs"), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO / "tests",
    )
    assert run.returncode == 0, run.stderr
    return [json.loads(line) for line in run.stdout.splitlines()]
