"""Before and after on one machine in one run: a baseline commit beside the working tree (issue 23's
table).

    python bench/before.py --before COMMIT [--sizes 1m] [--runs 3]
                           [--ops rebuild,open,summary,trace,lenses,graphml,after-add]
                           [--work /tmp/argkb-bench] [--output FILE]

``COMMIT`` is checked out in a temporary git worktree (removed at the end); the knowledge base of
``bench/run.py`` (generated and cached under ``--work``) is copied twice, without its derived store,
so each side builds and reads its own store of the same files. Each operation runs on one side, then
on the other, so that both see the same load:

* ``rebuild``: ``argkb store rebuild`` as a whole process; beside it, the floors measured in the
  same run: pyoxigraph's own ``bulk_load`` of the same quads (N-Quads, converted beforehand, not
  timed) into an on-disk store, one named graph per file as the derived store keeps them, and into
  the default graph only; and ``bulk_load`` of each Turtle file into an in-memory store;
* ``open``: ``import argkb``, ``argkb --help``, and opening the store cold (a new process that opens
  it and asks one ASK query);
* ``summary``: ``argkb query lever-perspective-summary --format json`` as a whole process;
* ``trace``: ``trace`` p50/p95 over 60 implications, in process (two warm-up traces not counted);
* ``lenses``: ``argkb lenses --format json``; ``graphml``:
  ``argkb export --format graphml -o FILE``;
* ``after-add``: the first commands after a change: ``argkb add`` of a generated contribution
  (``bench/contribution.py``, seed ``ADD_SEED``, about 200 triples; it fails if ``add`` changed
  nothing), then the summary query, ``lenses`` and the GraphML export, each once, in that order.

Every process is timed for its wall-clock and CPU (user + system) seconds and its peak memory
(``os.wait4``); whole-process figures are the median of ``--runs`` (one run for rebuild, the first
``lenses`` and graphml). The load average is printed before and after. Prints a Markdown table and
one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
from before_children import child_convert, child_floor, child_open, child_trace  # noqa: E402
from before_report import load, table  # noqa: E402
from generate import VERSION, generate, parse_size  # noqa: E402

#: the seed of ``after-add``'s contribution (``bench/contribution.py``)
ADD_SEED = 7
OPS = ("rebuild", "open", "summary", "trace", "lenses", "graphml", "after-add")


def timed(argv: list[str], src: Path | None, cwd: Path | None = None) -> dict:
    """One process: wall and CPU seconds, peak memory (MB), its output; fails loudly on a non-zero
    exit."""
    env = {**os.environ}
    env.pop("ARGKB_STORE", None)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd)
    out, err = (
        proc.communicate()
    )  # (wait4 after communicate: the pipes drained, the child reaped here)
    wall = time.perf_counter() - started
    usage = proc.rusage if hasattr(proc, "rusage") else None
    if proc.returncode != 0:
        raise RuntimeError(
            f"{' '.join(argv)} exited {proc.returncode}: {err.decode(errors='replace')[-1500:]}"
        )
    return {
        "wall": wall,
        "cpu": usage[0] if usage else None,
        "rss": usage[1] if usage else None,
        "out": out.decode("utf-8", errors="replace"),
    }


class _Popen(subprocess.Popen):
    """Popen that keeps the child's own resource usage (CPU seconds, peak memory) from
    ``os.wait4``."""

    def _try_wait(self, wait_flags):
        pid, status, usage = os.wait4(self.pid, wait_flags)
        if pid == self.pid:
            self.rusage = (usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
        return pid, status


subprocess.Popen = _Popen  # type: ignore[misc]  # this script's own processes only


def argkb(src: Path, kb: Path, *args: str) -> dict:
    return timed([sys.executable, "-m", "argkb", *args, "--kb", str(kb)], src)


def median_of(runs: int, call) -> dict:
    results = [call() for _ in range(runs)]
    return {
        "wall": statistics.median(r["wall"] for r in results),
        "wall_min": min(r["wall"] for r in results),
        "cpu": statistics.median(r["cpu"] for r in results),
        "rss": max(r["rss"] for r in results),
    }


def child(src: Path | None, name: str, *args: str) -> dict:
    """``name`` run in a child process of this script, with ``src`` on its path (None: no argkb
    needed)."""
    done = timed([sys.executable, str(Path(__file__).resolve()), "--child", name, *args], src)
    figures = json.loads(done["out"].strip().splitlines()[-1])
    # the process's own wall and CPU seconds, unless the child timed its work itself (the floors)
    return {"wall": done["wall"], "cpu": done["cpu"], **figures, "rss": done["rss"]}


# ------------------------------------------------------------------------ one size ---
def copy_kb(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".argkb-cache"))
    return target


def measure(
    size: str, sides: dict[str, Path], work: Path, seed: int, ops: list[str], runs: int, log
) -> dict:
    source = work / f"{size.lower()}-seed{seed}"
    cached = (
        json.loads((source / "generated.json").read_text())
        if (source / "generated.json").is_file()
        else {}
    )
    if cached.get("size") != parse_size(size) or cached.get("version") != VERSION:
        log(f"generating {size} …")
        generate(source, parse_size(size), seed)
    scratch = Path(tempfile.mkdtemp(prefix=f"argkb-before-{size}-"))
    figures: dict = {
        "size": size,
        "triples": json.loads((source / "generated.json").read_text())["triples"],
    }
    try:
        kbs = {side: copy_kb(source, scratch / side) for side in sides}
        for (
            side,
            src,
        ) in sides.items():  # every side's store built once, not timed (rebuild times it)
            argkb(src, kbs[side], "store", "status")
            argkb(src, kbs[side], "query", "lever-perspective-summary", "--format", "json")
        for op in ops:
            log(f"  {size}: {op} …")
            if op == "rebuild":
                nquads = scratch / "all.nq"
                child(None, "convert", str(source), str(nquads))
                for mode in ("disk-graphs", "disk-default", "memory"):
                    figures[f"floor_{mode}"] = child(None, "floor", str(source), mode, str(nquads))
            for side, src in sides.items():
                kb = kbs[side]
                if op == "rebuild":
                    figures[f"{side}_rebuild"] = argkb(src, kb, "store", "rebuild")
                elif op == "open":
                    figures[f"{side}_import"] = median_of(
                        runs, lambda src=src: timed([sys.executable, "-c", "import argkb"], src)
                    )
                    figures[f"{side}_help"] = median_of(
                        runs, lambda src=src: timed([sys.executable, "-m", "argkb", "--help"], src)
                    )
                    figures[f"{side}_open_cold"] = median_of(
                        runs, lambda src=src, kb=kb: child(src, "open", str(kb))
                    )
                elif op == "summary":
                    figures[f"{side}_summary"] = median_of(
                        runs,
                        lambda src=src, kb=kb: argkb(
                            src, kb, "query", "lever-perspective-summary", "--format", "json"
                        ),
                    )
                elif op == "trace":
                    figures[f"{side}_trace"] = child(src, "trace", str(kb))
                elif (
                    op == "lenses"
                ):  # the first run on a database reads the store; the next ones its views
                    figures[f"{side}_lenses_first"] = argkb(src, kb, "lenses", "--format", "json")
                    figures[f"{side}_lenses"] = median_of(
                        runs, lambda src=src, kb=kb: argkb(src, kb, "lenses", "--format", "json")
                    )
                elif op == "graphml":
                    figures[f"{side}_graphml"] = argkb(
                        src,
                        kb,
                        "export",
                        "--format",
                        "graphml",
                        "-o",
                        str(scratch / f"{side}.graphml"),
                    )
                elif op == "after-add":  # the first commands after a contribution, in order
                    contribution = scratch / f"{side}-contribution.ttl"
                    made = subprocess.run(
                        [sys.executable, str(BENCH / "contribution.py"), "--kb", str(kb)]
                        + ["--seed", str(ADD_SEED)],
                        capture_output=True,
                        text=True,
                        check=True,
                    )
                    contribution.write_text(made.stdout, encoding="utf-8")
                    figures[f"{side}_add"] = argkb(src, kb, "add", str(contribution))
                    if "added contribution" not in figures[f"{side}_add"]["out"]:
                        raise RuntimeError(
                            f"argkb add changed nothing ({figures[f'{side}_add']['out'].strip()}): "
                            "the generated knowledge base holds that contribution already; "
                            "generate it again (delete its folder under --work)"
                        )
                    figures[f"{side}_summary_after_add"] = argkb(
                        src, kb, "query", "lever-perspective-summary", "--format", "json"
                    )
                    figures[f"{side}_lenses_after_add"] = argkb(
                        src, kb, "lenses", "--format", "json"
                    )
                    out = str(scratch / f"{side}-after-add.graphml")
                    figures[f"{side}_graphml_after_add"] = argkb(
                        src, kb, "export", "--format", "graphml", "-o", out
                    )
                for value in figures.values():
                    if isinstance(value, dict):
                        value.pop("out", None)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return figures


def worktree(commit: str) -> tuple[Path, str]:
    """A detached temporary worktree of ``commit``; (its folder, the commit's short name)."""
    folder = Path(tempfile.mkdtemp(prefix="argkb-before-src-"))
    folder.rmdir()
    subprocess.run(
        ["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(folder), commit],
        check=True,
    )
    short = subprocess.run(
        ["git", "-C", str(folder), "rev-parse", "--short", "HEAD"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return folder, short


def main(argv=None) -> int:
    if argv is None and sys.argv[1:2] == ["--child"]:
        name, *args = sys.argv[2:]
        fn = {
            "floor": child_floor,
            "convert": child_convert,
            "open": child_open,
            "trace": child_trace,
        }[name]
        paths = [Path(a) if "/" in a else a for a in args]
        print(json.dumps(fn(*paths)))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", required=True, help="the baseline commit (any git revision)")
    parser.add_argument("--sizes", default="1m")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--ops", default=",".join(OPS), help=f"comma-separated, of: {', '.join(OPS)}"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="runs of the quick whole-process operations"
    )
    parser.add_argument(
        "--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "argkb-bench"
    )
    parser.add_argument("--output", type=Path, help="also write the tables here")
    args = parser.parse_args(argv)
    ops = [op.strip() for op in args.ops.split(",") if op.strip()]
    unknown = sorted(set(ops) - set(OPS))
    if unknown:
        parser.error(f"unknown operation(s) {', '.join(unknown)}; choose from {', '.join(OPS)}")

    def log(text):
        print(text, file=sys.stderr, flush=True)

    folder, short = worktree(args.before)
    head = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(REPO), "status", "--porcelain", "src", "queries"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    label = {"before": short, "after": head + (" + changes" if dirty else "")}
    sections, rows = [], []
    try:
        started_load = load()
        for size in [s.strip() for s in args.sizes.split(",") if s.strip()]:
            fig = measure(
                size,
                {"before": folder / "src", "after": REPO / "src"},
                args.work,
                args.seed,
                ops,
                args.runs,
                log,
            )
            rows.append(fig)
            sections.append(table(fig, label))
    finally:
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "remove", "--force", str(folder)], check=False
        )
    from run import machine

    text = (
        f"Machine: {machine()}; {time.strftime('%Y-%m-%d %H:%M')}; load average {started_load} at "
        f"the start, {load()} at the end (1, 5, 15 min)\n"
        "\n" + "\n\n".join(sections) + "\n"
    )
    print(text)
    for fig in rows:
        print(json.dumps(fig))
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
