"""Refresh the example output in the headers of ``queries/*.rq`` from the repository's knowledge
base.

    PYTHONPATH=src python -m argkb.devtools.query_examples

Runs each query's ``#+ example:`` command on the knowledge base and writes the first rows
of its answer back as ``#+   `` comment lines under the example line.
"""

from __future__ import annotations

import shlex
import sys

from argkb.kb.folder import KnowledgeBase
from argkb.query.library import library, run, split_assignments
from argkb.query.results import cell
from argkb.store import open_store

ROWS = 4
WIDTH = 36


def _short(text: str) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= WIDTH else text[: WIDTH - 1] + "…"


def example_lines(kb, query) -> list[str]:
    words = shlex.split(query.example)
    params = [words[i + 1] for i, w in enumerate(words) if w == "--param"]
    result = run(open_store(kb), query, split_assignments(params))
    if result.kind == "ask":
        return ["true" if result.boolean else "false"]
    if result.kind == "graph":
        from argkb.query.results import render_graph

        body = [
            line
            for line in render_graph(result.graph, "turtle").splitlines()
            if line and not line.startswith("@prefix")
        ]
        return body[: ROWS * 2] + [f"… ({len(result.graph)} triples)"]
    table = [list(result.vars)] + [[_short(cell(t)) for t in row] for row in result.rows[:ROWS]]
    widths = [max(len(r[i]) for r in table) for i in range(len(result.vars))]
    lines = [" | ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in table]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    more = len(result.rows) - ROWS
    lines.append(f"… ({len(result.rows)} rows)" if more > 0 else f"({len(result.rows)} rows)")
    return lines


def refresh(kb) -> None:
    for query in library(kb).values():
        if query.path is None or not query.example:
            continue
        out, in_example = [], False
        for line in query.text.splitlines():
            if line.startswith("#+ example:"):
                out.append(line)
                out += ["#+   " + x for x in example_lines(kb, query)]
                in_example = True
                continue
            if in_example and line.startswith("#+   "):
                continue
            in_example = False
            out.append(line)
        query.path.write_text("\n".join(out) + "\n", encoding="utf-8")
        print(f"refreshed {query.path.name}", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    refresh(KnowledgeBase.locate())
