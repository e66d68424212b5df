"""``argkb export`` at scale as whole processes: GraphML (and GEXF) streamed, and the HTML map of a
large knowledge base, written and then opened in headless Chromium (issue 23, items 5 and 6).

    python bench/export_scale.py --sizes 10k,100k,1m [--seed 1] [--work /tmp/argkb-bench]
                                 [--formats graphml,html]

Targets, at a million triples: ``export --format graphml`` in <= 15 s with <= 1 GB peak memory; the
HTML map opens in Chromium in <= 5 s (the overview drawn and the panel ready), a trace a click away.

Each knowledge base is generated as ``bench/run.py`` makes it (cached under ``--work``; it is copied
before the export opens it, so the cached copy is never written). Each export is one process under
``/usr/bin/time -v``: wall-clock seconds, CPU seconds (user + system: the fairer figure on a shared
machine) and peak resident memory; then the file's size. The HTML page is opened with Playwright
driving the system's Chromium (``executable_path=/usr/bin/chromium``, never a downloaded browser):
seconds from navigation to the overview drawn (``data-overview-rows``) and to the page ready
(``data-ready``), then from a click on the first row to its trace drawn. Prints a Markdown table and
one JSON line per size.

GraphML is exported twice: the first export on the copied database computes the map (and keeps it
beside the database, ``argkb.export.mapview``); the second ("graphml-again") reads it back.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from generate import VERSION, generate, parse_size, size_arguments  # noqa: E402
from run import fmt, machine  # noqa: E402

GRAPHML_TARGET, GRAPHML_MB, OPEN_TARGET = 15.0, 1000, 5.0
CHROMIUM = "/usr/bin/chromium"


def kb_for(name: str, seed: int, work: Path, log) -> Path:
    kb_dir = work / f"{name.lower()}-seed{seed}"
    manifest = kb_dir / "generated.json"
    cached = json.loads(manifest.read_text()) if manifest.is_file() else {}
    if cached.get("size") != parse_size(name) or cached.get("version") != VERSION:
        log(f"generating {name} …")
        generate(kb_dir, parse_size(name), seed)
    return kb_dir


def timed(args: list[str], timeout: float) -> dict:
    """One process under /usr/bin/time -v: wall, CPU (user + system), peak RSS; its standard
    error."""
    env = {**os.environ, "PYTHONPATH": str(BENCH.parent / "src")}
    proc = subprocess.run(
        ["/usr/bin/time", "-v", *args], capture_output=True, text=True, timeout=timeout, env=env
    )
    out = {"returncode": proc.returncode, "stderr": proc.stderr}
    for key, pattern in (
        ("user", r"User time \(seconds\): ([\d.]+)"),
        ("sys", r"System time \(seconds\): ([\d.]+)"),
        ("rss_kb", r"Maximum resident set size \(kbytes\): (\d+)"),
        ("wall", r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)"),
    ):
        m = re.search(pattern, proc.stderr)
        if m:
            out[key] = m.group(1)
    parts = [float(p) for p in out.get("wall", "0").split(":")]
    out["wall"] = sum(p * 60**i for i, p in enumerate(reversed(parts)))
    out["cpu"] = float(out.get("user", 0)) + float(out.get("sys", 0))
    out["rss_mb"] = int(out.get("rss_kb", 0)) / 1024
    return out


def export(kb_dir: Path, fmt_name: str, path: Path, timeout: float) -> dict:
    run = timed(
        [
            sys.executable,
            "-m",
            "argkb",
            "--kb",
            str(kb_dir),
            "export",
            "--format",
            fmt_name,
            "-o",
            str(path),
        ],
        timeout,
    )
    if run["returncode"] != 0:
        sys.stderr.write(f"bench: export {fmt_name} failed:\n{run['stderr'][-2000:]}\n")
        return {}
    note = [
        line for line in run["stderr"].splitlines() if line.startswith(("wrote ", "a large map"))
    ]
    return {
        "wall": run["wall"],
        "cpu": run["cpu"],
        "rss_mb": run["rss_mb"],
        "bytes": path.stat().st_size,
        "said": note,
    }


def until(page, condition: str, timeout: float) -> None:
    """Poll ``condition`` in the page by the protocol's evaluation (Playwright's wait_for_function
    evaluates a string with eval, which the map's Content-Security-Policy forbids)."""
    deadline = time.perf_counter() + timeout
    while not page.evaluate(
        f"(() => {{ try {{ return !!({condition}); }} catch (e) {{ return false; }} }})()"
    ):
        if time.perf_counter() > deadline:
            raise TimeoutError(f"not {condition} within {timeout:g} s")
        time.sleep(0.02)


def open_page(path: Path, timeout: float) -> dict:
    """Seconds to the overview drawn, to the page ready, and from a click on a row to its trace
    drawn."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable")
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            started = time.perf_counter()
            page.goto(path.as_uri(), timeout=timeout * 1000)
            until(page, "document.body.hasAttribute('data-overview-rows')", timeout)
            overview = time.perf_counter() - started
            until(page, "document.body.dataset.ready === 'true'", timeout)
            ready = time.perf_counter() - started
            rows = int(page.evaluate("document.body.dataset.overviewRows"))
            # the page's own clock from navigation (its main thread may be too busy to answer a poll
            # sooner), and the main thread's busy time (tasks, scripts): the fairer figure on a
            # loaded machine
            inside = page.evaluate(
                "[+document.body.dataset.overviewMs, +document.body.dataset.readyMs]"
            )
            metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            started = time.perf_counter()
            page.click("#overview tr.impl-row td.impl")
            until(
                page,
                "document.body.dataset.view === 'graph' && !!document.body.dataset.renderedNodes",
                timeout,
            )
            trace = time.perf_counter() - started
            drawn = int(page.evaluate("document.body.dataset.renderedNodes"))
            focus_ms = float(page.evaluate("document.body.dataset.focusMs"))
        finally:
            browser.close()
    return {
        "overview": overview,
        "ready": ready,
        "rows": rows,
        "trace": trace,
        "trace_nodes": drawn,
        "overview_page": inside[0] / 1000,
        "ready_page": inside[1] / 1000,
        "trace_page": focus_ms / 1000,
        "busy": metrics.get("TaskDuration"),
        "script": metrics.get("ScriptDuration"),
        "errors": errors,
    }


def measure(name: str, seed: int, work: Path, formats: list[str], timeout: float, log) -> dict:
    source = kb_for(name, seed, work, log)
    figures: dict = {
        "size": name,
        "triples": json.loads((source / "generated.json").read_text())["triples"],
    }
    with tempfile.TemporaryDirectory(prefix="argkb-export-bench-") as tmp:
        kb_dir = Path(tmp) / "kb"
        shutil.copytree(source, kb_dir, symlinks=True)
        for fmt_name in formats:
            log(f"  {name}: export {fmt_name} …")
            out = export(kb_dir, fmt_name, Path(tmp) / f"map.{fmt_name}", timeout)
            figures[fmt_name] = out
            log(f"  {name}: export {fmt_name}: {json.dumps(out)}")
            if fmt_name == "graphml" and out:  # again: the map kept beside the database read back
                again = export(kb_dir, fmt_name, Path(tmp) / f"map.{fmt_name}", timeout)
                figures["graphml-again"] = again
                log(f"  {name}: export {fmt_name} again: {json.dumps(again)}")
            if fmt_name == "html" and out:
                log(f"  {name}: opening the page in Chromium …")
                figures["page"] = open_page(Path(tmp) / "map.html", timeout)
                log(f"  {name}: page: {json.dumps(figures['page'])}")
    return figures


def table(rows: list[dict]) -> str:
    lines = [
        "| size | triples | export | wall | CPU | peak memory | file | Chromium: overview (page's "
        "clock) | ready (page's clock) | main thread busy to ready | a trace (page's clock) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        for name in ("graphml", "graphml-again", "gexf", "html"):
            e = r.get(name)
            if e is None:
                continue
            page = r.get("page", {}) if name == "html" else {}
            cells = [
                fmt(e.get("wall"), "s"),
                fmt(e.get("cpu"), "s"),
                fmt(e.get("rss_mb"), "MB"),
                f"{e['bytes'] / 1e6:.1f} MB" if e else "n/a",
            ]
            cells += [
                f"{fmt(page.get(k), 's')} ({fmt(page.get(k + '_page'), 's')})" if page else "—"
                for k in ("overview", "ready")
            ]
            cells += [fmt(page.get("busy"), "s") if page else "—"]
            cells += [
                f"{fmt(page.get('trace'), 's')} ({fmt(page.get('trace_page'), 's')})"
                if page
                else "—"
            ]
            lines.append(f"| {r['size']} | {r['triples']:,} | {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size_arguments(parser)
    parser.add_argument("--formats", default="graphml,html")
    args = parser.parse_args(argv)

    def log(text):
        print(text, file=sys.stderr, flush=True)

    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    rows = [
        measure(name.strip(), args.seed, args.work, formats, args.timeout, log)
        for name in args.sizes.split(",")
        if name.strip()
    ]
    load = os.getloadavg()
    print(f"Machine: {machine()}; load average {load[0]:.1f}; {time.strftime('%Y-%m-%d %H:%M')}\n")
    print(table(rows) + "\n")
    for r in rows:
        page = r.get("page")
        for key, what in (("graphml", "GraphML"), ("graphml-again", "GraphML again")):
            g = r.get(key)
            if g:
                wall = "met" if g["wall"] <= GRAPHML_TARGET else "not met"
                mem = "met" if g["rss_mb"] <= GRAPHML_MB else "not met"
                print(
                    f"{r['size']}: {what} <= {GRAPHML_TARGET:g} s wall: {wall} "
                    f"(CPU {g['cpu']:.1f} s); <= {GRAPHML_MB} MB: {mem}"
                )
        if page:
            print(
                f"{r['size']}: the HTML map ready in Chromium <= {OPEN_TARGET:g} s: "
                f"{'met' if page['ready'] <= OPEN_TARGET else 'not met'}"
            )
    for r in rows:
        print(json.dumps(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
