"""The argkb benchmark: one table per size, argkb side by side with the naive baseline, with ratios.

    python bench/run.py --sizes 10k,100k,1m --skip-baseline-above 100k

For each size a synthetic knowledge base is generated (bench/generate.py, cached under
--work), then every operation runs in its own process (bench/ops.py) so that its time and
peak memory are its own. argkb: the derived store (build, open cold/warm), trace, impacts,
the per-lever x per-perspective summary query, whole-KB validation, validation of a ~200-triple
contribution, graphml export, and ``argkb why`` and ``argkb lenses`` as whole processes (beside the
issue's targets: why <= 1 s, lenses <= 5 s at a million triples). Baseline: the same reads on an
rdflib Memory graph parsed from
the Turtle files, and pySHACL on the merged graph; and pySHACL on a pyoxigraph-backed rdflib graph
(oxrdflib's ``Oxigraph`` store), the second baseline. The tables are printed and written, with a
description of the machine, to bench/RESULTS.md (or --output).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from generate import VERSION, generate, parse_size  # noqa: E402

#: the issue's targets for two commands as whole processes, at a million triples (seconds)
WHY_TARGET, LENSES_TARGET = 1.0, 5.0
ARGKB_OPS = ["build", "open", "queries", "validate", "contribution", "export", "why", "lenses"]
BASELINE_OPS = ["b_queries", "b_validate", "b_validate_ox", "b_contribution"]
#: row label, argkb figure, baseline figure, unit
ROWS = [
    ("load from Turtle (build the store)", "load", "b_load", "s"),
    ("open the store, cold (new process)", "open_cold", "b_load", "s"),
    ("open the store, warm", "open_warm", "b_load", "s"),
    ("trace p50", "trace_p50", "b_trace_p50", "ms"),
    ("trace p95", "trace_p95", "b_trace_p95", "ms"),
    ("impacts p50", "impacts_p50", "b_impacts_p50", "ms"),
    ("lever x perspective summary query", "summary", "b_summary", "ms"),
    ("whole-KB validation", "validate", "b_validate", "s"),
    (
        "whole-KB validation; baseline: pySHACL on a pyoxigraph-backed rdflib graph (oxrdflib)",
        "validate",
        "b_validate_ox",
        "s",
    ),
    ("validate a ~200-triple contribution", "contribution", "b_contribution", "ms"),
    ("export graphml", "export", "b_export", "s"),
    ("`argkb why ID -p realism`, whole process, p50 (target ≤ 1 s)", "why_p50", None, "s"),
    ("`argkb why ID -p realism`, whole process, slowest of 5", "why_max", None, "s"),
    ("`argkb lenses` with strengths, whole process (target ≤ 5 s)", "lenses", None, "s"),
    ("`argkb lenses`, CPU time of the process", "lenses_cpu", None, "s"),
    ("peak memory, whole-KB validation", "rss_validate", "rss_b_validate", "MB"),
    ("peak memory, any operation", "rss_max", "rss_b_max", "MB"),
]


def run_op(op: str, kb_dir: Path, timeout: float) -> dict:
    env = {**os.environ, "PYTHONPATH": str(BENCH.parent / "src")}
    env.pop("ARGKB_STORE", None)
    try:
        proc = subprocess.run(
            [sys.executable, str(BENCH / "ops.py"), op, str(kb_dir)],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return {"_timeout": op}
    if proc.returncode != 0:
        sys.stderr.write(f"bench: {op} failed:\n{proc.stderr[-2000:]}\n")
        return {"_failed": op}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def measure(kb_dir: Path, baseline: bool, timeout: float, log) -> dict:
    figures: dict = {"timeouts": [], "failed": []}
    for op in ARGKB_OPS + (BASELINE_OPS if baseline else []):
        log(f"  {op} …")
        started = time.perf_counter()
        out = run_op(op, kb_dir, timeout)
        if "_timeout" in out:
            figures["timeouts"].append(op)
        if "_failed" in out:
            figures["failed"].append(op)
        figures.update(out)
        log(f"  {op}: {time.perf_counter() - started:.1f} s")
    figures["rss_max"] = max(
        (
            v
            for k, v in figures.items()
            if k.startswith("rss_") and not k.startswith("rss_b_") and k != "rss_max"
        ),
        default=None,
    )
    b_rss = [v for k, v in figures.items() if k.startswith("rss_b_") and k != "rss_b_max"]
    figures["rss_b_max"] = max(b_rss) if b_rss else None
    return figures


def fmt(value, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "ms":
        return f"{value * 1000:.2f} ms" if value < 0.1 else f"{value * 1000:.0f} ms"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.3f} s" if value < 1 else f"{value:.1f} s"


#: which operation gives each figure (to say "stopped" when it ran out of time)
OP_OF = {
    "load": "build",
    "open_cold": "open",
    "open_warm": "open",
    "trace_p50": "queries",
    "trace_p95": "queries",
    "impacts_p50": "queries",
    "summary": "queries",
    "validate": "validate",
    "contribution": "contribution",
    "export": "export",
    "why_p50": "why",
    "why_max": "why",
    "lenses": "lenses",
    "lenses_cpu": "lenses",
    "rss_validate": "validate",
    "b_load": "b_queries",
    "b_trace_p50": "b_queries",
    "b_trace_p95": "b_queries",
    "b_impacts_p50": "b_queries",
    "b_summary": "b_queries",
    "b_export": "b_queries",
    "b_validate": "b_validate",
    "b_validate_ox": "b_validate_ox",
    "b_contribution": "b_contribution",
    "rss_b_validate": "b_validate",
}


def cell(figures: dict, name: str, unit: str, timeout: float) -> str:
    value = figures.get(name)
    if value is None and OP_OF.get(name) in figures["timeouts"]:
        return f"> {timeout:.0f} s (stopped)"
    return fmt(value, unit)


def table(figures: dict, baseline: bool, timeout: float) -> str:
    lines = [
        "| operation | argkb | baseline (rdflib Memory + pySHACL) | baseline / argkb |",
        "|---|---|---|---|",
    ]
    for label, ours, theirs, unit in ROWS:
        a, b = figures.get(ours), figures.get(theirs) if theirs else None
        b_text = (
            "—"
            if theirs is None
            else cell(figures, theirs, unit, timeout)
            if baseline
            else "skipped"
        )
        ratio = (
            f"{b / a:.1f}×"
            if isinstance(a, (int, float)) and isinstance(b, (int, float)) and a > 0
            else "—"
        )
        lines.append(f"| {label} | {cell(figures, ours, unit, timeout)} | {b_text} | {ratio} |")
    return "\n".join(lines)


def targets(figures: dict) -> list[str]:
    """Whether the whole-process commands meet the issue's targets (set for a million triples)."""
    out = []

    def met(value, target) -> str:
        return "met" if value <= target else "not met"

    if figures.get("why_max") is not None:
        out.append(
            f"`argkb why` ≤ {WHY_TARGET:g} s (the target at 1M): "
            f"**{met(figures['why_max'], WHY_TARGET)}** (slowest of 5: "
            f"{fmt(figures['why_max'], 's')}; {', '.join(figures.get('why_ids', []))})"
        )
    if figures.get("lenses") is not None:
        out.append(
            f"`argkb lenses` ≤ {LENSES_TARGET:g} s (the target at 1M): "
            f"**{met(figures['lenses'], LENSES_TARGET)}** (median of 3: "
            f"{fmt(figures['lenses'], 's')}, fastest {fmt(figures['lenses_min'], 's')}, CPU "
            f"{fmt(figures['lenses_cpu'], 's')}; {figures.get('lenses_rows')} implications)"
        )
    return out


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(
            next(
                line
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            ).split()[1]
        )
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration):
        pass
    versions = []
    for dist in ("rdflib", "pyshacl", "pyoxigraph"):
        try:
            from importlib.metadata import version

            versions.append(f"{dist} {version(dist)}")
        except Exception:  # noqa: BLE001 - a missing package is just not listed
            pass
    return (
        f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; " + ", ".join(versions)
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="10k,100k,1m", help="comma-separated sizes (10k, 100k, 1m or numbers)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--skip-baseline-above",
        default="100k",
        help="no baseline for larger sizes ('none': always)",
    )
    parser.add_argument(
        "--timeout", type=float, default=900, help="seconds after which one operation is stopped"
    )
    parser.add_argument(
        "--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "argkb-bench"
    )
    parser.add_argument("--output", type=Path, default=BENCH / "RESULTS.md")
    args = parser.parse_args(argv)
    limit = (
        float("inf") if args.skip_baseline_above == "none" else parse_size(args.skip_baseline_above)
    )

    def log(text):
        print(text, file=sys.stderr, flush=True)

    sections = []
    for name in [s.strip() for s in args.sizes.split(",") if s.strip()]:
        size = parse_size(name)
        kb_dir = args.work / f"{name.lower()}-seed{args.seed}"
        manifest = kb_dir / "generated.json"
        cached = json.loads(manifest.read_text()) if manifest.is_file() else {}
        if cached.get("size") != size or cached.get("version") != VERSION:
            log(f"generating {name} …")
            generate(kb_dir, size, args.seed)
        triples = json.loads(manifest.read_text())["triples"]
        log(f"{name}: {triples} triples in {kb_dir}")
        baseline = size <= limit
        figures = measure(kb_dir, baseline, args.timeout, log)
        text = table(figures, baseline, args.timeout)
        notes = []
        if (
            figures.get("validate_conforms") is False
            or figures.get("contribution_conforms") is False
        ):
            notes.append("**warning: the generated data did not validate**")
        if figures["failed"]:
            notes.append("failed: " + ", ".join(figures["failed"]))
        notes += targets(figures)
        if figures.get("store_triples"):
            triples = figures["store_triples"]
        section = (
            f"### {name}: {triples:,} triples with the ontology (seed {args.seed})\n\n{text}\n"
            + ("\n" + "\n".join(notes) + "\n" if notes else "")
        )
        print(section, flush=True)
        sections.append(section)
    command = "python bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    kept = _other_sections(args.output)
    args.output.write_text(
        "# argkb benchmark results\n"
        "\n"
        f"Machine: {machine()}.\n"
        "\n"
        f"Command: `{command.strip()}` — {time.strftime('%Y-%m-%d %H:%M')}.\n"
        "\n"
        "Each figure comes from its own process. Baseline: the same library calls on an rdflib "
        'Memory graph parsed from the Turtle files (so its "open" is that parse), and pySHACL '
        "on the merged graph; argkb: the persistent derived store, compiled shapes, incremental "
        "validation.\n"
        "\n" + "\n".join(sections) + kept,
        encoding="utf-8",
    )
    log(f"wrote {args.output}")
    return 0


def _other_sections(path: Path) -> str:
    """The ``## `` sections other scripts (bench/large_add.py's figures, whole-process timings)
    wrote into the results file: kept as they are when this script rewrites its own part."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    start = text.find("\n## ")
    return "" if start < 0 else "\n" + text[start + 1 :]


if __name__ == "__main__":
    sys.exit(main())
