"""The HTML map in headless Chromium, on the seed and on a generated knowledge base ten times
larger: the first view is the overview, leading with the implications where the lenses disagree,
then the implications by lever, with readable text and the statuses `argkb lenses` computes, at a
phone's 390×844, a small laptop's 1024×768 and a desktop's 1400×900; a row opens its trace as a
graph whose labels are drawn at least MIN_LABEL_PX CSS pixels high; the whole graph opens on levers
and implications at that size too; a malformed address still renders; the page logs no warning. The
screenshots in docs/ match a fresh render (``argkb.devtools.screenshots`` refreshes them; the tests
never write into docs/).

What is drawn is measured from outside the page's own logic: DOM geometry and computed styles for
the overview, and for the graph each node's font size × the canvas zoom, for the nodes Cytoscape.js
draws inside the canvas."""

from __future__ import annotations

import sys

import pytest

from argkb.assess.assessment import SILENT, lenses
from argkb.devtools import screenshots
from argkb.export import render
from argkb.export.html import MIN_LABEL_PX
from argkb.export.overview import overview
from argkb.export.select import build_map
from argkb.kb.folder import KnowledgeBase
from argkb.rdf.ids import PERSPECTIVES
from browser import Browser
from conftest import REPO, module

sys.path.insert(0, str(REPO / "bench"))
from generate import generate  # noqa: E402

DOCS = REPO / "docs"
READY = "document.body.hasAttribute('data-overview-rows')"
SETTLED = "document.body.dataset.ready === 'true'"
#: (width, height) of a phone, a small laptop and a desktop
SIZES = [(390, 844), (1024, 768), (1400, 900)]

#: the overview as drawn: every row with its cells' text, and the rows inside the viewport
OVERVIEW = """(() => {
  const rows = [...document.querySelectorAll('#overview tr.impl-row')];
  const seen = r => { const b = r.getBoundingClientRect();
                      return b.height > 0 && b.bottom > 0 && b.top < innerHeight && b.left < \
innerWidth; };
  const visible = rows.filter(seen);
  return {
    view: document.body.dataset.view,
    canvasShown: getComputedStyle(document.getElementById('cy')).display !== 'none',
    rows: rows.map(r => ({ id: r.dataset.node, diverges: r.classList.contains('diverges'),
                           cells: [...r.querySelectorAll('td.st')].map(td => td.textContent) })),
    visible: visible.length,
    fontPx: visible.map(r => parseFloat(getComputedStyle(r.querySelector('.impl-label')).fontSize)),
    // the share of the overview's width the implication text gets, in the narrowest visible row
    implShare: Math.min(...visible.map(r => \
r.querySelector('.impl-label').parentElement.getBoundingClientRect().width
                                          / document.getElementById('overview').clientWidth)),
    firstVisible: visible.length ? { id: visible[0].dataset.node, diverges: \
visible[0].classList.contains('diverges') } : null,
    lenses: [...document.querySelector('#overview thead').querySelectorAll('th.st')].map(th => \
th.title),
    disagree: [...document.querySelectorAll('#disagree tr.impl-row')].map(r => r.dataset.node),
    levers: [...document.querySelectorAll('#overview section.lever-group')].map(s => \
s.dataset.lever),
    panel: (w => w ? { id: document.querySelector('#panel-body .iri').textContent, status: \
w.dataset.status,
                       lenses: [...w.querySelectorAll('.lenses li[data-lens]')].map(li => \
li.dataset.lens) } : null)(
             document.getElementById('panel-why')),
    panelShown: getComputedStyle(document.getElementById('panel')).display !== 'none',
  };
})()"""

#: the graph as drawn: nodes shown inside the canvas, and the size their labels are drawn at
GRAPH = """(() => {
  const cy = ArgkbMap.cy, W = cy.width(), H = cy.height(), z = cy.zoom();
  const inside = cy.nodes().filter(n => n.visible() && (b => b.x2 > 0 && b.y2 > 0 && b.x1 < W && \
b.y1 < H)(n.renderedBoundingBox()));
  const min = parseFloat(cy.style().json().find(s => s.selector === 'node' && \
s.style['min-zoomed-font-size']).style['min-zoomed-font-size']);
  const px = n => parseFloat(n.style('font-size')) * z;
  const box = document.getElementById('cy');
  return { W, H, zoom: z, min, shown: cy.nodes().filter(n => n.visible()).length, inside: \
inside.length,
           labelled: inside.filter(n => px(n) >= min).map(n => ({ id: n.id(), px: px(n), label: \
n.style('label') })),
           types: [...new Set(cy.nodes().filter(n => n.visible()).map(n => n.data('type')))].sort(),
           labelPx: parseFloat(box.dataset.labelPx), level: box.dataset.level,
           view: document.body.dataset.view };
})()"""


def lens_cells(kb) -> dict[str, tuple[list[str], bool]]:
    """implication id -> (statuses overall then lens by lens, divergent?), from `argkb lenses`."""
    comparison = lenses(kb)
    order = [
        PERSPECTIVES[k]
        for k in (
            "realism",
            "liberalism",
            "constructivism",
            "diplomatic-practice",
            "security-analysis",
        )
    ]
    out = {}
    for row in comparison.rows:
        cells = [row.overall] + [row.by_lens[lens] for lens in order]
        out["kb:" + str(row.claim).rsplit("/", 1)[-1]] = (
            ["–" if c == SILENT else c for c in cells],
            row.divergent,
        )
    return out


def click(browser: Browser, selector: str) -> None:
    """A real mouse click at the centre of the element (not a synthetic .click())."""
    x, y = browser.eval(
        f"(() => {{ const e = document.querySelector({selector!r}); e.scrollIntoView({{block: "
        f"'center'}}); const b = e.getBoundingClientRect(); return [b.x + b.width / 2, b.y + "
        f"b.height / 2]; }})()"
    )
    for kind in ("mousePressed", "mouseReleased"):
        browser.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)


def export(kb, folder):
    amap = build_map(kb)
    path = folder / "map.html"
    path.write_text(render(amap, "html"), encoding="utf-8")
    return amap, path


def settle(browser: Browser) -> None:
    """Wait until the graph's viewport has not moved for half a second (a trace is still being
    fitted)."""
    browser.eval("""new Promise(done => { const cy = ArgkbMap.cy; let last = Date.now();
                      cy.on('viewport', () => { last = Date.now(); });
                      const check = () => (Date.now() - last > 500 && !cy.animated()) ? done(true) \
: setTimeout(check, 50);
                      check(); })""")


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("map-seed")
    kb = KnowledgeBase.locate(REPO)
    amap, path = export(kb, folder)
    views = {"warnings": []}
    with Browser(folder / "profile") as browser:  # one browser for every 1400×900 scenario
        browser.open(path.as_uri(), SETTLED)
        views["overview"] = browser.eval(OVERVIEW)
        click(browser, '#overview tr.impl-row[data-node="kb:impl-strain-allies"] .impl-label')
        views["trace"] = browser.eval(GRAPH)
        views["trace_panel"] = browser.eval("document.querySelector('#panel-body h2').textContent")
        views["trace_set"] = browser.eval("ArgkbMap.traceSet('kb:impl-strain-allies').length")
        # the full label on hover: move the mouse onto the traced implication, whose label is
        # shortened, once the view has settled (a viewport change hides the tip, and a large trace
        # is still being fitted)
        settle(browser)
        hover = browser.eval("""(() => { const n = \
ArgkbMap.cy.getElementById('kb:impl-strain-allies');
                                  const p = n.renderedPosition(), c = \
document.getElementById('cy').getBoundingClientRect();
                                  return [n.data('label'), c.x + p.x, c.y + p.y, \
n.data('display').endsWith('…')]; })()""")
        assert hover[3], "the traced implication's label is expected to be shortened on the map"
        browser.call(
            "Input.dispatchMouseEvent", type="mouseMoved", x=1, y=1
        )  # from elsewhere: the click may have left it there
        browser.call("Input.dispatchMouseEvent", type="mouseMoved", x=hover[1], y=hover[2])
        views["hover"] = (
            hover[0],
            browser.eval(
                "[document.getElementById('tip').hidden, "
                "document.getElementById('tip').textContent]"
            ),
        )
        # the largest trace of the seed, by its address
        biggest = browser.eval(
            "ArgkbMap.cy.nodes('.implication').map(n => [ArgkbMap.traceSet(n.id()).length, "
            "n.id()]).sort((a, b) => b[0] - a[0])[0]"
        )
        browser.open(
            path.as_uri() + "#focus=" + biggest[1], "document.body.dataset.view === 'graph'"
        )
        views["biggest"] = (biggest, browser.eval(GRAPH))
        browser.open(path.as_uri(), SETTLED)
        click(browser, "#view-graph")
        views["whole"] = browser.eval(GRAPH)
        click(browser, "#expand")
        views["all"] = browser.eval(GRAPH)
        browser.open(path.as_uri() + "#focus=%E0%A4%A", READY)
        views["malformed"] = (
            browser.eval(OVERVIEW),
            browser.eval("document.getElementById('status').textContent"),
        )
        views["warnings"] += browser.warnings()
    views["sizes"] = {}
    for width, height in SIZES[:2]:  # the overview and the whole graph, smaller
        with Browser(folder / f"profile-{width}", width, height) as browser:
            browser.open(path.as_uri(), SETTLED)
            overview = browser.eval(OVERVIEW)
            # a status opens the why of that verdict: beside the overview, or in a drawer over it
            click(browser, '#disagree tr.impl-row td.st[data-lens="realism"] button')
            why = browser.eval(OVERVIEW)
            browser.open(
                path.as_uri() + "#view=graph",
                "document.getElementById('cy').hasAttribute('data-label-px')",
            )
            views["sizes"][width] = (overview, why, browser.eval(GRAPH))
            views["warnings"] += browser.warnings()
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


def assert_readable_overview(kb, amap, view, rows=10):
    assert view["view"] == "overview" and not view["canvasShown"]
    assert view["lenses"] == [
        "overall",
        "realism",
        "liberalism",
        "constructivism",
        "diplomatic practice",
        "security analysis",
    ]
    assert view["visible"] >= rows  # a screenful of rows, not a strip
    assert min(view["fontPx"]) >= 14  # implication labels in CSS pixels
    assert view["implShare"] > 0.5  # the implication text gets most of the width
    expected = lens_cells(kb)
    assert (
        {r["id"] for r in view["rows"]}
        == set(expected)
        == {n.id for n in amap.of_type("implication")}
    )
    for row in view["rows"]:
        assert (row["cells"], row["diverges"]) == expected[row["id"]], row["id"]
    assert any(r["diverges"] for r in view["rows"])


@pytest.mark.slow
def test_seed_opens_on_a_readable_overview(seed):
    kb, amap, views = seed
    assert_readable_overview(kb, amap, views["overview"])


def test_the_overview_leads_with_where_the_lenses_disagree(seed):
    kb, amap, views = seed
    view = views["overview"]
    divergent = {i for i, (_, diverges) in lens_cells(kb).items() if diverges}
    assert (
        view["disagree"]
        and set(view["disagree"]) == divergent
        and len(view["disagree"]) == len(divergent)
    )
    assert view["firstVisible"] == {"id": view["disagree"][0], "diverges": True}
    # at 1400 the panel opens beside it on that implication, its why lens by lens
    assert view["panelShown"] and view["panel"]["id"].endswith(view["disagree"][0].split(":")[1])
    assert len(view["panel"]["lenses"]) >= 2
    # then the levers, the one on which most implications hang first
    counts = [
        sum(1 for g in overview(amap) if g["lever"] == lever for _ in g["rows"])
        for lever in view["levers"]
    ]
    assert counts == sorted(counts, reverse=True)


@pytest.mark.parametrize("width", [w for w, _ in SIZES[:2]])
def test_the_overview_is_readable_on_a_phone_and_a_small_laptop(seed, width):
    kb, amap, views = seed
    overview_view, why, _ = views["sizes"][width]
    assert_readable_overview(kb, amap, overview_view, rows=3)
    assert not overview_view["panelShown"]  # below 1100 px the panel is a drawer, closed
    assert why["panelShown"] and why["panel"]["id"].endswith(
        overview_view["disagree"][0].split(":")[1]
    )


def test_the_page_logs_no_warning(seed):
    assert seed[2]["warnings"] == []


@pytest.mark.slow
def test_a_large_knowledge_base_opens_on_a_readable_overview(large):
    kb, amap, view = large
    assert len(amap.nodes) >= 2_000  # ten times the seed's ~240 nodes
    assert_readable_overview(kb, amap, view)


def test_clicking_a_row_opens_its_trace_readably(seed):
    _, amap, views = seed
    trace = views["trace"]
    assert trace["view"] == "graph"
    assert views["trace_panel"].endswith(amap.nodes["kb:impl-strain-allies"].label)
    assert trace["shown"] == views["trace_set"] < len(amap.nodes)
    assert trace["inside"] == trace["shown"]  # fitted: nothing cut off
    assert len(trace["labelled"]) == trace["inside"]  # every node in view has its label drawn …
    assert (
        min(label["px"] for label in trace["labelled"]) >= MIN_LABEL_PX == trace["min"]
    )  # … readably


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


def test_the_whole_graph_opens_on_levers_and_implications_readably(seed):
    _, amap, views = seed
    whole = views["whole"]
    assert (
        whole["view"] == "graph"
        and whole["level"] == "levers"
        and whole["types"] == ["implication", "lever"]
    )
    assert whole["shown"] == len(amap.of_type("implication")) + len(amap.of_type("lever"))
    assert whole["labelPx"] >= MIN_LABEL_PX and whole["inside"] >= 10
    assert len(whole["labelled"]) == whole["inside"]  # every label in view is drawn, readably
    for width in [w for w, _ in SIZES[:2]]:
        graph = views["sizes"][width][2]
        assert (
            graph["labelPx"] >= MIN_LABEL_PX and len(graph["labelled"]) == graph["inside"] >= 3
        ), width


def test_all_nodes_are_one_click_further_with_labels_by_zoom(seed):
    _, amap, views = seed
    every = views["all"]
    assert (
        every["view"] == "graph" and every["level"] == "all" and every["shown"] == len(amap.nodes)
    )
    assert all(
        label["px"] >= MIN_LABEL_PX for label in every["labelled"]
    )  # small ones are not drawn


def test_a_malformed_fragment_still_renders_the_page(seed):
    kb, amap, views = seed
    overview, status = views["malformed"]
    assert overview["view"] == "overview" and len(overview["rows"]) >= len(
        amap.of_type("implication")
    )
    assert "%E0%A4%A" in status


@pytest.mark.slow
def test_docs_screenshots_match_a_fresh_render(tmp_path):
    """docs/argument-map*.png against the map rendered now: the same size, at most 2 % of the pixels
    off by more than 48 levels (anti-aliasing and font hinting move a few). Refresh them with
    `python -m argkb.devtools.screenshots`; the suite itself never writes into docs/."""
    module("PIL")
    fresh = screenshots.take(tmp_path)
    assert set(fresh) == {"argument-map.png", "argument-map-trace.png", "argument-map-phone.png"}
    problems = [
        why for name, path in fresh.items() if (why := screenshots.differs(path, DOCS / name))
    ]
    assert problems == [], (
        "run `PYTHONPATH=src python -m argkb.devtools.screenshots` and commit docs/*.png: "
        + "; ".join(problems)
    )
