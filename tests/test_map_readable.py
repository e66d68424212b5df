"""The HTML map at 1400×900 in headless Chromium, on the seed and on a generated knowledge base
ten times larger: the first view is the overview of implications by lever, with readable text and
the statuses `argkb lenses` computes; a row opens its trace as a graph whose labels are drawn at
least MIN_LABEL_PX CSS pixels high; the whole graph is one click away; a malformed address still
renders. The overview and a focused trace are screenshotted into docs/ for the README.

What is drawn is measured from outside the page's own logic: DOM geometry and computed styles for
the overview, and for the graph each node's font size × the canvas zoom, for the nodes Cytoscape.js
draws inside the canvas."""
from __future__ import annotations

import sys

import pytest

from argkb.assess.assessment import SILENT, lenses
from argkb.export import render
from argkb.export.html import MIN_LABEL_PX
from argkb.export.select import build_map
from argkb.kb.folder import KnowledgeBase
from argkb.rdf.ids import PERSPECTIVES
from browser import Browser
from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
from generate import generate  # noqa: E402

DOCS = REPO / "docs"
READY = "document.body.hasAttribute('data-overview-rows')"

#: the overview as drawn: every row with its cells' text, and the rows inside the viewport
OVERVIEW = """(() => {
  const rows = [...document.querySelectorAll('#overview tr.impl-row')];
  const seen = r => { const b = r.getBoundingClientRect();
                      return b.height > 0 && b.bottom > 0 && b.top < innerHeight && b.left < innerWidth; };
  const visible = rows.filter(seen);
  return {
    view: document.body.dataset.view,
    canvasShown: getComputedStyle(document.getElementById('cy')).display !== 'none',
    rows: rows.map(r => ({ id: r.dataset.node, diverges: r.classList.contains('diverges'),
                           cells: [...r.querySelectorAll('td.st')].map(td => td.textContent) })),
    visible: visible.length,
    fontPx: visible.map(r => parseFloat(getComputedStyle(r.querySelector('.impl-label')).fontSize)),
    lenses: [...document.querySelector('#overview thead').querySelectorAll('th.st')].map(th => th.textContent),
  };
})()"""

#: the graph as drawn: nodes shown inside the canvas, and the size their labels are drawn at
GRAPH = """(() => {
  const cy = ArgkbMap.cy, W = cy.width(), H = cy.height(), z = cy.zoom();
  const inside = cy.nodes().filter(n => n.visible() && (b => b.x2 > 0 && b.y2 > 0 && b.x1 < W && b.y1 < H)(n.renderedBoundingBox()));
  const min = parseFloat(cy.style().json().find(s => s.selector === 'node' && s.style['min-zoomed-font-size']).style['min-zoomed-font-size']);
  const px = n => parseFloat(n.style('font-size')) * z;
  return { W, H, zoom: z, min, shown: cy.nodes().filter(n => n.visible()).length, inside: inside.length,
           labelled: inside.filter(n => px(n) >= min).map(n => ({ id: n.id(), px: px(n), label: n.style('label') })),
           view: document.body.dataset.view };
})()"""


def lens_cells(kb) -> dict[str, tuple[list[str], bool]]:
    """implication id -> (statuses overall then lens by lens, divergent?), from `argkb lenses`."""
    comparison = lenses(kb)
    order = [PERSPECTIVES[k] for k in ("realism", "liberalism", "constructivism", "diplomatic-practice",
                                       "security-analysis")]
    out = {}
    for row in comparison.rows:
        cells = [row.overall] + [row.by_lens[lens] for lens in order]
        out["kb:" + str(row.claim).rsplit("/", 1)[-1]] = (["–" if c == SILENT else c for c in cells], row.divergent)
    return out


def click(browser: Browser, selector: str) -> None:
    """A real mouse click at the centre of the element (not a synthetic .click())."""
    x, y = browser.eval(f"(() => {{ const e = document.querySelector({selector!r}); e.scrollIntoView({{block: 'center'}});"
                        " const b = e.getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2]; })()")
    for kind in ("mousePressed", "mouseReleased"):
        browser.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)


def export(kb, folder):
    amap = build_map(kb)
    path = folder / "map.html"
    path.write_text(render(amap, "html"), encoding="utf-8")
    return amap, path


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("map-seed")
    kb = KnowledgeBase.locate(REPO)
    amap, path = export(kb, folder)
    views = {}
    with Browser(folder / "profile") as browser:                      # one browser for every seed scenario
        browser.open(path.as_uri(), READY)
        views["overview"] = browser.eval(OVERVIEW)
        browser.screenshot(DOCS / "argument-map.png")
        click(browser, '#overview tr.impl-row[data-node="kb:impl-strain-allies"]')
        views["trace"] = browser.eval(GRAPH)
        views["trace_panel"] = browser.eval("document.querySelector('#panel-body h2').textContent")
        views["trace_set"] = browser.eval("ArgkbMap.traceSet('kb:impl-strain-allies').length")
        browser.screenshot(DOCS / "argument-map-trace.png")
        # the full label on hover: move the mouse onto the traced implication, whose label is shortened, once
        # the view has settled (a viewport change hides the tip, and a large trace is still being fitted)
        browser.eval("""new Promise(done => { const cy = ArgkbMap.cy; let last = Date.now();
                          cy.on('viewport', () => { last = Date.now(); });
                          const check = () => (Date.now() - last > 500 && !cy.animated()) ? done(true) : setTimeout(check, 50);
                          check(); })""")
        hover = browser.eval("""(() => { const n = ArgkbMap.cy.getElementById('kb:impl-strain-allies');
                                  const p = n.renderedPosition(), c = document.getElementById('cy').getBoundingClientRect();
                                  return [n.data('label'), c.x + p.x, c.y + p.y, n.data('display').endsWith('…')]; })()""")
        assert hover[3], "the traced implication's label is expected to be shortened on the map"
        browser.call("Input.dispatchMouseEvent", type="mouseMoved", x=1, y=1)   # from elsewhere: the click may have left it there
        browser.call("Input.dispatchMouseEvent", type="mouseMoved", x=hover[1], y=hover[2])
        views["hover"] = (hover[0], browser.eval("[document.getElementById('tip').hidden, document.getElementById('tip').textContent]"))
        # the largest trace of the seed, by its address
        biggest = browser.eval("ArgkbMap.cy.nodes('.implication').map(n => [ArgkbMap.traceSet(n.id()).length, n.id()]).sort((a, b) => b[0] - a[0])[0]")
        browser.open(path.as_uri() + "#focus=" + biggest[1], "document.body.dataset.view === 'graph'")
        views["biggest"] = (biggest, browser.eval(GRAPH))
        browser.open(path.as_uri(), READY)
        click(browser, "#view-graph")
        views["whole"] = browser.eval(GRAPH)
        browser.open(path.as_uri() + "#focus=%E0%A4%A", READY)
        views["malformed"] = (browser.eval(OVERVIEW), browser.eval("document.getElementById('status').textContent"))
    return kb, amap, views


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    folder = tmp_path_factory.mktemp("map-large")
    generate(folder / "kb", 18_000, seed=1)
    kb = KnowledgeBase.locate(folder / "kb")
    amap, path = export(kb, folder)
    with Browser(folder / "profile") as browser:
        browser.open(path.as_uri(), READY, timeout=120)
        view = browser.eval(OVERVIEW)
    return kb, amap, view


def assert_readable_overview(kb, amap, view):
    assert view["view"] == "overview" and not view["canvasShown"]
    assert view["lenses"] == ["overall", "realism", "liberalism", "constructivism", "diplomatic practice",
                              "security analysis"]
    assert view["visible"] >= 10                                    # a screenful of rows, not a strip
    assert min(view["fontPx"]) >= 14                                # implication labels in CSS pixels
    expected = lens_cells(kb)
    assert {r["id"] for r in view["rows"]} == set(expected) == {n.id for n in amap.of_type("implication")}
    for row in view["rows"]:
        assert (row["cells"], row["diverges"]) == expected[row["id"]], row["id"]
    assert any(r["diverges"] for r in view["rows"])


def test_seed_opens_on_a_readable_overview(seed):
    kb, amap, views = seed
    assert_readable_overview(kb, amap, views["overview"])


def test_a_large_knowledge_base_opens_on_a_readable_overview(large):
    kb, amap, view = large
    assert len(amap.nodes) >= 2_000                                  # ten times the seed's ~240 nodes
    assert_readable_overview(kb, amap, view)


def test_clicking_a_row_opens_its_trace_readably(seed):
    _, amap, views = seed
    trace = views["trace"]
    assert trace["view"] == "graph"
    assert views["trace_panel"].endswith(amap.nodes["kb:impl-strain-allies"].label)
    assert trace["shown"] == views["trace_set"] < len(amap.nodes)
    assert trace["inside"] >= 0.9 * trace["shown"]                  # fitted to the trace
    assert len(trace["labelled"]) == trace["inside"]               # every node in view has its label drawn …
    assert min(label["px"] for label in trace["labelled"]) >= MIN_LABEL_PX == trace["min"]   # … readably


def test_the_largest_trace_keeps_labels_readable(seed):
    (size, _), graph = seed[2]["biggest"]
    assert size >= 25 and graph["shown"] == size
    assert min(label["px"] for label in graph["labelled"]) >= MIN_LABEL_PX
    assert len(graph["labelled"]) >= 15


def test_labels_are_shortened_with_the_full_text_on_hover(seed):
    _, amap, views = seed
    full, (hidden, tip) = views["hover"]
    assert not hidden and tip == full
    assert all(label["label"].count("\n") <= 2 for label in views["trace"]["labelled"])


def test_the_whole_graph_is_one_click_away_with_labels_by_zoom(seed):
    _, amap, views = seed
    whole = views["whole"]
    assert whole["view"] == "graph" and whole["shown"] == len(amap.nodes)
    assert all(label["px"] >= MIN_LABEL_PX for label in whole["labelled"])   # small ones are not drawn


def test_a_malformed_fragment_still_renders_the_page(seed):
    kb, amap, views = seed
    overview, status = views["malformed"]
    assert overview["view"] == "overview" and len(overview["rows"]) >= len(amap.of_type("implication"))
    assert "%E0%A4%A" in status


def test_screenshots_are_saved_for_the_readme(seed):
    for name in ("argument-map.png", "argument-map-trace.png"):
        shot = DOCS / name
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 30_000
