"""``argkb why`` and ``argkb lenses`` as whole processes on the generated knowledge bases (issue
item 9).

    python bench/commands.py --sizes 10k,100k,1m [--seed 1] [--work /tmp/argkb-bench] [--src DIR]

Targets, at a million triples: ``argkb why ID -p realism`` (one implication: a local computation,
not a whole-knowledge-base one) in <= 1 s, ``argkb lenses`` (every implication under every lens,
with its strength) in <= 5 s, each timed as a whole process (start-up and opening the store
included).

For each size the knowledge base of ``bench/run.py`` is generated (cached under ``--work``, the same
files), its derived store built, then ``bench/ops.py why`` (five implications, each its own process)
and ``bench/ops.py lenses`` (three runs) run: wall-clock seconds, and the CPU seconds of the process
(the fairer figure on a shared machine). ``--src`` runs the commands from another source tree (an
older commit's ``src``, for before/after figures). Prints a Markdown table, whether the targets are
met, and one JSON line per size. ``bench/run.py`` shows the same rows in its tables.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from generate import VERSION, generate, parse_size, size_arguments  # noqa: E402
from run import LENSES_TARGET, WHY_TARGET, fmt, machine, run_op  # noqa: E402


def measure(name: str, seed: int, work: Path, timeout: float, log) -> dict:
    size = parse_size(name)
    kb_dir = work / f"{name.lower()}-seed{seed}"
    manifest = kb_dir / "generated.json"
    cached = json.loads(manifest.read_text()) if manifest.is_file() else {}
    if cached.get("size") != size or cached.get("version") != VERSION:
        log(f"generating {name} …")
        generate(kb_dir, size, seed)
    generated = json.loads(manifest.read_text())
    figures: dict = {
        "size": name,
        "triples": generated["triples"],
        "held": generated.get("held"),
        "weakening": generated.get("weakening"),
    }
    for op in ("open", "why", "lenses"):  # "open" builds the derived store if it is not there
        log(f"  {name}: {op} …")
        started = time.perf_counter()
        out = run_op(op, kb_dir, timeout)
        figures.update(
            {k: v for k, v in out.items() if not k.startswith("rss_") or k.endswith("_process")}
        )
        log(f"  {name}: {op}: {time.perf_counter() - started:.1f} s")
    figures["why_met"] = figures.get("why_max") is not None and figures["why_max"] <= WHY_TARGET
    figures["lenses_met"] = figures.get("lenses") is not None and figures["lenses"] <= LENSES_TARGET
    return figures


def table(rows: list[dict]) -> str:
    lines = [
        "| size | triples | `why` p50 | `why` slowest of 5 | `lenses` (median of 3) | `lenses` "
        "fastest | `lenses` CPU | peak memory, `lenses` |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        rss = r.get("rss_lenses_process")
        cells = [
            fmt(r.get(k), "s") for k in ("why_p50", "why_max", "lenses", "lenses_min", "lenses_cpu")
        ]
        lines.append(
            f"| {r['size']} | {r['triples']:,} | "
            + " | ".join(cells)
            + f" | {'n/a' if rss is None else f'{rss:.0f} MB'} |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size_arguments(parser)
    parser.add_argument("--src", type=Path, help="run the argkb commands from this source tree")
    args = parser.parse_args(argv)
    if args.src is not None:
        os.environ["ARGKB_BENCH_SRC"] = str(args.src.resolve())

    def log(text):
        print(text, file=sys.stderr, flush=True)

    rows = [
        measure(name.strip(), args.seed, args.work, args.timeout, log)
        for name in args.sizes.split(",")
        if name.strip()
    ]
    print(
        f"Machine: {machine()}; {time.strftime('%Y-%m-%d %H:%M')}"
        + (f"; commands from {args.src}" if args.src else "")
        + "\n"
    )
    print(table(rows) + "\n")
    for r in rows:
        print(
            f"{r['size']}: `argkb why` ≤ {WHY_TARGET:g} s: {'met' if r['why_met'] else 'not met'}; "
            f"`argkb lenses` ≤ {LENSES_TARGET:g} s: {'met' if r['lenses_met'] else 'not met'} "
            "(the targets are set for a million triples)"
        )
    for r in rows:
        print(json.dumps(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
