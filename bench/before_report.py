"""The Markdown table of ``bench/before.py``: both sides of each operation beside issue 23's figures
and goals, and the bulk-load floors."""

from __future__ import annotations

from pathlib import Path

#: issue 23's "before" figures at 1M and its goals (seconds): operation -> (issue's figure, goal
#: text)
ISSUE = {
    "rebuild": ("10.1–12.1 s", "≤ 1.5× pyoxigraph's bulk load on disk"),
    "lenses": ("10.8 s", "≤ 5 s"),
    "graphml": ("42 s, 1.23 GB", "≤ 15 s in ≤ 1 GB"),
    "summary": ("0.85 s", "≤ 0.3 s"),
    "trace_p50": ("6.1 ms", "≤ 2 ms"),
    "open_cold": ("0.6 s", "≤ 0.3 s"),
}


def cell(f: dict | None, key: str = "wall", unit: str = "s") -> str:
    if not f or f.get(key) is None:
        return "—"
    value = f[key]
    text = f"{value * 1000:.1f} ms" if unit == "ms" else f"{value:.2f} s"
    if unit == "s" and f.get("cpu") is not None and key == "wall":
        text += f" ({f['cpu']:.2f} s CPU)"
    return text


def table(fig: dict, label: dict[str, str]) -> str:
    before, after = label["before"], label["after"]
    lines = [
        f"| operation at {fig['size']} ({fig['triples']:,} triples) | issue 23 at 1M | goal at 1M "
        f"| before ({before}) | after ({after}) |",
        "|---|---|---|---|---|",
    ]

    def row(name, key, issue=("", ""), unit="s", field="wall", extra=""):
        b, a = fig.get(f"before_{key}"), fig.get(f"after_{key}")
        if b is None and a is None:
            return
        lines.append(
            f"| {name} | {issue[0]} | {issue[1]} | {cell(b, field, unit)} | "
            f"{cell(a, field, unit)}{extra} |"
        )

    def peak_memory(key, name):
        for side in ("before", "after"):
            g = fig.get(f"{side}_{key}")
            if g:
                lines.append(f"| peak memory, {name} ({side}) | | | {g['rss']:.0f} MB | |")

    row("`argkb store rebuild`, whole process", "rebuild", ISSUE["rebuild"])
    for mode, text in (
        ("disk-graphs", "pyoxigraph `bulk_load`, on disk, a named graph per file (the floor)"),
        ("disk-default", "pyoxigraph `bulk_load`, on disk, default graph only"),
        ("memory", "pyoxigraph `bulk_load` of each Turtle file, in memory"),
    ):
        f = fig.get(f"floor_{mode}")
        if f:
            lines.append(f"| {text} | | | {cell(f)} | (same run) |")
    floor = fig.get("floor_disk-graphs")
    if floor and fig.get("after_rebuild"):
        r = fig["after_rebuild"]
        lines.append(
            "| rebuild ÷ floor (wall; CPU) | | ≤ 1.5× | "
            + (
                f"{fig['before_rebuild']['wall'] / floor['wall']:.2f}×; "
                f"{fig['before_rebuild']['cpu'] / floor['cpu']:.2f}×"
                if fig.get("before_rebuild")
                else "—"
            )
            + f" | {r['wall'] / floor['wall']:.2f}×; {r['cpu'] / floor['cpu']:.2f}× |"
        )
    row("`import argkb`, whole process", "import")
    row("`argkb --help`, whole process", "help")
    row("open the store cold (new process, one ASK)", "open_cold", ISSUE["open_cold"])
    row("`argkb query lever-perspective-summary`, whole process", "summary", ISSUE["summary"])
    row("trace p50, in process", "trace", ISSUE["trace_p50"], "ms", "trace_p50")
    row("trace p95, in process", "trace", unit="ms", field="trace_p95")
    row("trace p50, CPU, in process", "trace", unit="ms", field="trace_cpu_p50")
    row(
        "`argkb lenses --format json`, whole process, first on a database",
        "lenses_first",
        ISSUE["lenses"],
    )
    row("`argkb lenses --format json`, whole process, again (median)", "lenses", ISSUE["lenses"])
    row("`argkb export --format graphml`, whole process", "graphml", ISSUE["graphml"])
    peak_memory("graphml", "graphml")
    row("`argkb add` of a generated contribution (~200 triples)", "add")
    row("then `query lever-perspective-summary`", "summary_after_add", ISSUE["summary"])
    row("then `lenses --format json`", "lenses_after_add", ISSUE["lenses"])
    row("then `export --format graphml`", "graphml_after_add", ISSUE["graphml"])
    peak_memory("graphml_after_add", "graphml after add")
    return "\n".join(lines)


def load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"
