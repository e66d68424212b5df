"""The measured operations, each run in its own process by bench/run.py (so peak memory is per operation).

    python bench/ops.py OPERATION KB_DIR   -> prints one JSON object of figures (seconds, MB)

argkb side: build, open, queries, validate, contribution, export.
Baseline side (rdflib Memory graph + pySHACL on the merged graph): b_queries, b_validate, b_contribution.
A figure whose argkb function does not exist (yet) is reported as null ("n/a").
"""
from __future__ import annotations

import json
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from argkb.store import open_store

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "src"))
sys.path.insert(0, str(BENCH))
SUMMARY = BENCH.parent / "queries" / "lever-perspective-summary.rq"


def clock(fn, *args):
    t = time.perf_counter()
    value = fn(*args)
    return time.perf_counter() - t, value


def optional(fn):
    """Run ``fn``; None when the function it needs is not there yet."""
    try:
        return fn()
    except (ImportError, AttributeError, NotImplementedError):
        return None


def pick(kb_dir: Path, count: int, seed: int = 5):
    manifest = json.loads((kb_dir / "generated.json").read_text(encoding="utf-8"))
    rng = random.Random(seed)
    from rdflib import URIRef

    def iri(curie):
        return URIRef("https://w3id.org/argkb/id/" + curie.split(":", 1)[1])
    impls = [iri(i["iri"]) for i in rng.sample(manifest["implications"], min(count, len(manifest["implications"])))]
    moves = [URIRef(str(i).rsplit("-impl", 1)[0] + f"-move{rng.randrange(3)}") for i in impls]
    return impls, moves


def kb_of(kb_dir: Path):
    from argkb.kb.folder import KnowledgeBase

    return KnowledgeBase.locate(kb_dir)


def contribution_file(kb_dir: Path) -> Path:
    from contribution import make_contribution

    path = Path(tempfile.mkdtemp()) / "contribution.ttl"
    path.write_text(make_contribution(kb_dir, 11), encoding="utf-8")
    return path


def percentiles(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples), samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]


def read_queries(store, kb_dir: Path, prefix: str = "", samples: int = 60) -> dict:
    """trace p50/p95, impacts p50 and the lever x perspective summary over ``store`` (argkb's or rdflib's)."""
    out: dict = {}
    impls, moves = pick(kb_dir, samples)

    def traces():
        from argkb.navigate.trace import trace

        for i in impls[:2]:
            trace(store, i)
        times = [clock(trace, store, i)[0] for i in impls]
        out[prefix + "trace_p50"], out[prefix + "trace_p95"] = percentiles(times)
        return True

    def impacts():
        from argkb.navigate.impacts import impacts as run

        for m in moves[:2]:
            run(store, m)
        out[prefix + "impacts_p50"] = statistics.median(clock(run, store, m)[0] for m in moves[:30])
        return True

    optional(traces)
    optional(impacts)
    text = SUMMARY.read_text(encoding="utf-8") if SUMMARY.is_file() else None
    if text:
        out[prefix + "summary"] = statistics.median(clock(store.query, text)[0] for _ in range(3))
    return out


def op_build(kb_dir: Path) -> dict:
    shutil.rmtree(kb_dir / ".argkb-cache", ignore_errors=True)
    seconds, store = clock(lambda: open_store(kb_of(kb_dir)))
    return {"load": seconds, "backend": getattr(store, "backend", type(store).__name__)}


def op_open(kb_dir: Path) -> dict:
    def open_and_ask():
        open_store(kb_of(kb_dir)).query("ASK { ?s ?p ?o }")
    cold, _ = clock(open_and_ask)
    warm = statistics.median(clock(open_and_ask)[0] for _ in range(5))
    count = open_store(kb_of(kb_dir)).query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0]
    return {"open_cold": cold, "open_warm": warm, "store_triples": int(count)}


def op_queries(kb_dir: Path) -> dict:
    return read_queries(open_store(kb_of(kb_dir)), kb_dir)


def op_validate(kb_dir: Path) -> dict:
    from argkb.validation.validate import validate

    kb = kb_of(kb_dir)
    open_store(kb)  # opening the store is measured on its own
    seconds, report = clock(validate, kb)
    return {"validate": seconds, "validate_conforms": report.conforms}


def op_contribution(kb_dir: Path) -> dict:
    from argkb.validation.validate import validate

    path = contribution_file(kb_dir)
    kb = kb_of(kb_dir)
    open_store(kb)
    first, report = clock(validate, kb, [path])
    rest = [clock(validate, kb, [path])[0] for _ in range(5)]
    return {"contribution": statistics.median(rest), "contribution_first": first, "contribution_conforms": report.conforms}


def op_export(kb_dir: Path) -> dict:
    def run():
        from argkb.export import render
        from argkb.export.select import build_map

        kb = kb_of(kb_dir)
        open_store(kb)
        return clock(lambda: render(build_map(kb, (), None, None, None), "graphml"))[0]
    return {"export": optional(run)}


def _rdflib_graph(kb_dir: Path):
    kb = kb_of(kb_dir)
    return clock(kb.graph)


def op_b_queries(kb_dir: Path) -> dict:
    from argkb.store.base import RdflibStore

    seconds, graph = _rdflib_graph(kb_dir)
    store = RdflibStore(graph)
    out = {"b_load": seconds, **read_queries(store, kb_dir, "b_", samples=10)}

    def export():
        from argkb.export import render
        from argkb.export.model import load

        return clock(lambda: render(load(store), "graphml"))[0]
    out["b_export"] = optional(export)
    return out


def op_b_validate(kb_dir: Path) -> dict:
    from argkb.validation.validate import validate_whole

    seconds, report = clock(validate_whole, kb_of(kb_dir), (), None, "pyshacl")
    return {"b_validate": seconds, "b_validate_conforms": report.conforms}


def op_b_contribution(kb_dir: Path) -> dict:
    from argkb.validation.validate import validate_whole

    path = contribution_file(kb_dir)
    seconds, report = clock(validate_whole, kb_of(kb_dir), [path], None, "pyshacl")
    return {"b_contribution": seconds}


OPS = {name[3:]: fn for name, fn in globals().items() if name.startswith("op_")}


def main() -> int:
    name, kb_dir = sys.argv[1], Path(sys.argv[2])
    os.environ.pop("ARGKB_STORE", None)
    figures = OPS[name](kb_dir)
    figures[f"rss_{name}"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MB (Linux: KB)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
