"""The measured operations, each run in its own process by bench/run.py (so peak memory is per
operation).

    python bench/ops.py OPERATION KB_DIR   -> prints one JSON object of figures (seconds, MB)

argkb side: build, open, queries, validate, contribution, export, and two commands timed as whole
processes (``python -m argkb …``, start-up and store opening included): ``why`` (one implication
under realism, five implications) and ``lenses`` (every implication under every lens, with
strengths). Baseline side (rdflib Memory graph + pySHACL on the merged graph): b_queries,
b_validate, b_contribution; and pySHACL on a pyoxigraph-backed rdflib graph (oxrdflib):
b_validate_ox. A figure whose argkb function does not exist (yet) is reported as null ("n/a").
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import statistics
import subprocess
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

    impls = [
        iri(i["iri"])
        for i in rng.sample(manifest["implications"], min(count, len(manifest["implications"])))
    ]
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
    return statistics.median(samples), samples[
        min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))
    ]


def read_queries(store, kb_dir: Path, prefix: str = "", samples: int = 60) -> dict:
    """trace p50/p95, impacts p50 and the lever x perspective summary over ``store`` (argkb's or
    rdflib's)."""
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
    return {
        "contribution": statistics.median(rest),
        "contribution_first": first,
        "contribution_conforms": report.conforms,
    }


def op_export(kb_dir: Path) -> dict:
    def run():
        from argkb.export import render
        from argkb.export.select import build_map

        kb = kb_of(kb_dir)
        open_store(kb)
        return clock(lambda: render(build_map(kb, (), None, None, None), "graphml"))[0]

    return {"export": optional(run)}


ID_BASE = "https://w3id.org/argkb/id/"


def argkb_process(kb_dir: Path, *args: str) -> tuple[float, float, str]:
    """One whole ``argkb`` process on the knowledge base: (wall seconds, CPU seconds, its output).
    ``ARGKB_BENCH_SRC``: the source tree to run it from (this one's ``src`` by default)."""
    env = {
        **os.environ,
        "PYTHONPATH": os.environ.get("ARGKB_BENCH_SRC") or str(BENCH.parent / "src"),
    }
    env.pop("ARGKB_STORE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "argkb", *args, "--kb", str(kb_dir)],
        capture_output=True,
        text=True,
        env=env,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(
            f"argkb {' '.join(args)} exited {proc.returncode}: {proc.stderr[-2000:]}"
        )
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.stdout


def _children_rss() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # MB (Linux: KB)


def op_why(kb_dir: Path, count: int = 5) -> dict:
    """``argkb why ID -p realism --format json`` on five implications, each its own process, the
    store warm (a first run, not counted, brings it up to date)."""
    impls, _moves = pick(kb_dir, count)
    ids = ["kb:" + str(i)[len(ID_BASE) :] for i in impls]
    argkb_process(kb_dir, "why", ids[0], "-p", "realism", "--format", "json")
    walls, cpus = [], []
    for curie in ids:
        wall, cpu, out = argkb_process(kb_dir, "why", curie, "-p", "realism", "--format", "json")
        assert json.loads(out)["id"] == curie
        walls.append(wall)
        cpus.append(cpu)
    return {
        "why_p50": statistics.median(walls),
        "why_max": max(walls),
        "why_cpu_p50": statistics.median(cpus),
        "why_ids": ids,
        "rss_why_process": _children_rss(),
    }


def op_lenses(kb_dir: Path, runs: int = 3) -> dict:
    """``argkb lenses --format json`` (every implication under every lens, with strengths), each run
    its own process, the store warm; the median of ``runs``."""
    impls, _moves = pick(kb_dir, 1)
    argkb_process(
        kb_dir, "why", "kb:" + str(impls[0])[len(ID_BASE) :]
    )  # the store up to date, not counted
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu, out = argkb_process(kb_dir, "lenses", "--format", "json")
        walls.append(wall)
        cpus.append(cpu)
    rows = json.loads(out)["implications"]
    return {
        "lenses": statistics.median(walls),
        "lenses_min": min(walls),
        "lenses_cpu": statistics.median(cpus),
        "lenses_rows": len(rows),
        "rss_lenses_process": _children_rss(),
    }


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


def op_b_validate_ox(kb_dir: Path) -> dict:
    """pySHACL on a pyoxigraph-backed rdflib graph (oxrdflib's ``Oxigraph`` store), the files parsed
    by pyoxigraph (``ox-turtle``): the second baseline, the same call as ``b_validate``
    otherwise."""
    from rdflib import Graph

    from argkb.validation.validate import add_source_texts, pyshacl_raw, run_shacl

    kb = kb_of(kb_dir)
    started = time.perf_counter()
    data = Graph(store="Oxigraph")
    for path in [kb.ontology_file, *kb.data_files()]:
        data.parse(str(path), format="ox-turtle")
    load = time.perf_counter() - started
    shapes = kb.shapes_graph()
    seconds, raw = clock(
        lambda: list(pyshacl_raw(run_shacl(add_source_texts(kb, data), shapes), shapes))
    )
    return {
        "b_validate_ox": load + seconds,
        "b_ox_load": load,
        "b_validate_ox_violations": sum(1 for r in raw if r.check.severity == "Violation"),
    }


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
    figures[f"rss_{name}"] = (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    )  # MB (Linux: KB)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
