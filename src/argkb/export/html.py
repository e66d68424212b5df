"""The interactive argument map: one self-contained HTML file that works offline.

The map is the Cytoscape.js document of ``argkb.export.cyjs`` drawn by Cytoscape.js with a
layered dagre layout (cytoscape-dagre). Both libraries come from the npm registry, pinned in
``package.json``/``package-lock.json``; their minified files are vendored under
``argkb/export/vendor`` (``python -m argkb.devtools.vendor_js`` refreshes them,
``tests/test_vendor_js.py`` checks their bytes against the lock's integrity hashes) and inlined into
every page, so no npm is needed at run time.

Everything from the knowledge base is data: it is embedded as JSON in a
``<script type="application/json">`` with ``<``, ``>``, ``&`` and U+2028/U+2029 escaped, and the
page builds its DOM with ``textContent`` only. A Content-Security-Policy forbids any network access.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from string import Template

from argkb import __version__
from argkb.errors import UsageError
from argkb.export import compact as compact_map
from argkb.export import cyjs, style
from argkb.export.model import ArgumentMap
from argkb.export.overview import disagreements, overview
from argkb.export.why import GRADUAL, explain_map

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
VENDOR = HERE / "vendor"
SCRIPTS = ("lazy.js", "status.js", "why.js", "panel.js", "overview.js", "graph.js", "views.js")

#: graph labels are cut to this many lines (full text on hover and in the panel) …
LABEL_LINES = 3
#: … and never drawn smaller than this many CSS pixels: below it a label is left out until zoomed
#: in, and a focused trace is not fitted smaller than that
MIN_LABEL_PX = 10


def vendor_manifest() -> dict[str, dict]:
    """package -> {version, script, files}: the vendored JavaScript (``vendor/vendor.json``)."""
    data = json.loads((VENDOR / "vendor.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def vendored_path(package: str, version: str, name: str, folder: Path | None = None) -> Path:
    """Where a file of the package's npm tarball is kept:
    ``vendor/<package>@<version>/<basename>``."""
    return (folder or VENDOR) / f"{package}@{version}" / Path(name).name


def vendor_scripts(folder: Path | None = None) -> list[tuple[str, str, str]]:
    """(package, version, source) of each library the map inlines, read from the vendored copy."""
    out = []
    for pkg, entry in vendor_manifest().items():
        path = vendored_path(pkg, entry["version"], entry["script"], folder)
        if not path.is_file():
            raise UsageError(
                f"this argkb installation is incomplete: {path} (the HTML map's copy of {pkg} "
                f"{entry['version']}) is missing; reinstall argkb (pip install --force-reinstall "
                "argkb, or from a source folder `pip install .`)"
            )
        out.append((pkg, entry["version"], path.read_text(encoding="utf-8")))
    return out


def json_for_script(data) -> str:
    """JSON safe inside ``<script type="application/json">``: nothing in it can close the
    element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def _inline_script(source: str) -> str:
    # a library never legitimately contains "</script" outside a string; neutralise it if it does
    return source.replace("</script", "<\\/script").replace("<!--", "<\\!--")


def is_compact(amap: ArgumentMap) -> bool:
    """Whether the map is written compactly, its traces expanded one at a time
    (``argkb.export.compact``)."""
    return len(amap.nodes) > compact_map.COMPACT_NODES


def compact_note(amap: ArgumentMap) -> str | None:
    """The line ``export`` adds for a large map: what the page holds and how to narrow it (else
    None)."""
    if not is_compact(amap):
        return None
    count = len(amap.of_type("implication"))
    return (
        f"a large map ({len(amap.nodes):,} nodes): the page holds the overview of {count:,} "
        f"implications plus their {count:,} traces, each drawn when opened, not the whole graph; "
        "narrow it with --source NAME or --lever NAME"
    )


def page_data(amap: ArgumentMap, status_lens: str | None = None, compact: bool = False) -> dict:
    """The Cytoscape.js document and what the page needs besides: title, lenses, legend, statuses,
    and the why of every implication overall and under each lens (``argkb.export.why``).

    ``status_lens``: the status lens selected when the page opens (``overall``, a perspective key),
    None for off; ``#status=LENS`` in the address overrides it. ``compact``: the elements and the
    whys are left out (``elements`` empty, ``argkb.compact`` says how many there are), for
    ``traces_data``.
    """
    data = cyjs.document(amap.subgraph(set()) if compact else amap, max_lines=LABEL_LINES)
    groups = overview(amap)
    data["argkb"] = {
        "overview": groups,
        "disagree": disagreements(groups),
        "minLabelPx": MIN_LABEL_PX,
        "title": amap.title,
        "counts": {"nodes": len(amap.nodes), "edges": len(amap.edges)},
        "perspectives": [
            {"key": k, "label": k.replace("-", " "), "colour": c}
            for k, c in style.PERSPECTIVE_COLOURS.items()
        ],
        "perspectiveColours": dict(style.PERSPECTIVE_COLOURS),
        "legend": [{"what": w, "name": n, "colour": c} for w, n, c in style.legend()],
        "semantics": amap.semantics,
        "statusLens": status_lens or "off",
        "statusAttrs": dict(style.STATUS_ATTRS),
        "statusColours": {
            **{k: list(v) for k, v in style.STATUS_COLOURS.items()},
            style.NOT_IN_VIEW: list(style.NOT_IN_VIEW_COLOURS),
        },
        "notInView": style.NOT_IN_VIEW,
        "gradual": GRADUAL,
        "why": {} if compact else explain_map(amap),
        "rowLimit": compact_map.ROW_LIMIT if compact else None,
    }
    if compact:
        data["argkb"]["compact"] = {
            "nodes": len(amap.nodes),
            "edges": len(amap.edges),
            "implications": len(amap.of_type("implication")),
        }
    return data


def traces_data(amap: ArgumentMap) -> dict:
    """The compact table a large map's page expands its traces from (``argkb.export.compact``)."""
    return compact_map.traces(amap, LABEL_LINES, explain_map(amap))


def to_html(
    amap: ArgumentMap, status_lens: str | None = None, compact: bool | None = None, **_
) -> str:
    """The page; ``compact`` (default: for maps of more than ``compact.COMPACT_NODES`` nodes) writes
    the overview's data first and the traces in a compact table the page expands as they are
    opened."""
    compact = is_compact(amap) if compact is None else compact
    scripts = vendor_scripts()
    vendor = "\n".join(
        f"<!-- {html.escape(pkg)} {html.escape(version)} (npm, inlined) -->\n"
        f"<script>\n{_inline_script(src)}\n</script>"
        for pkg, version, src in scripts
    )
    page = Template((TEMPLATES / "map.html").read_text(encoding="utf-8"))
    own_js = "\n".join((TEMPLATES / name).read_text(encoding="utf-8") for name in SCRIPTS)
    return page.substitute(
        title=html.escape(amap.title),
        generator=html.escape(
            f"argkb {__version__}; " + ", ".join(f"{p} {v}" for p, v, _ in scripts)
        ),
        css=(TEMPLATES / "map.css").read_text(encoding="utf-8"),
        data=json_for_script(page_data(amap, status_lens, compact)),
        traces=compact_map.script(traces_data(amap)) if compact else "",
        vendor=vendor,
        js=own_js,
    )
