"""The HTML map of a large knowledge base, at small scale: the compact page
(``argkb.export.compact``, ``templates/lazy.js``) opens in headless Chromium on the overview,
expands a trace and a panel exactly as the small map draws them, pages the overview and searches all
of it, keeps hostile labels as text, and ``export`` says in one line what it wrote; ``--lever``
keeps what follows from one lever. (How fast the page opens at a million triples is measured by
``bench/export_scale.py``, not here.)"""

from __future__ import annotations

import json

import pytest

from argkb.cli.main import cli
from argkb.errors import UsageError
from argkb.export import compact, cyjs, render
from argkb.export.html import LABEL_LINES
from argkb.export.overview import disagreements, overview
from argkb.export.select import build_map
from argkb.export.why import explain_map
from argkb.kb.folder import KnowledgeBase
from browser import Browser
from conftest import REPO
from export_support import mini_kb_copy

READY = "document.body.dataset.ready === 'true'"
GRAPH = "document.body.dataset.view === 'graph' && !!document.body.dataset.renderedNodes"
IMPL = "kb:impl-strain-allies"


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("large-map")
    amap = build_map(KnowledgeBase.locate(REPO))
    small, large = folder / "small.html", folder / "compact.html"
    small.write_text(render(amap, "html", compact=False), encoding="utf-8")
    large.write_text(render(amap, "html", compact=True), encoding="utf-8")
    return amap, small, large, folder


def test_the_compact_page_is_smaller_and_holds_no_element_list(seed):
    amap, small, large, _ = seed
    text = large.read_text(encoding="utf-8")
    assert '"elements":{"nodes":[],"edges":[]}' in text and 'id="argkb-traces"' in text
    assert large.stat().st_size < 0.7 * small.stat().st_size
    assert "kb:impl-strain-allies" in text  # the overview's rows are plain JSON; the traces are not


def test_opens_on_the_overview_then_expands_a_trace_as_the_small_map_draws_it(seed):
    amap, small, large, folder = seed
    groups = overview(amap)
    with Browser(folder / "profile") as browser:
        browser.open(large.as_uri(), READY)
        rows = browser.eval(
            "[...document.querySelectorAll('#overview tr.impl-row')].map(r => r.dataset.node)"
        )
        assert rows == disagreements(groups) + [r["id"] for g in groups for r in g["rows"]]
        assert browser.eval("document.body.dataset.view") == "overview"
        # beside the overview, the panel's why of the first disagreement, as on the small map
        assert (
            browser.eval("document.querySelector('#panel-body .iri').textContent")
            == amap.nodes[disagreements(groups)[0]].iri
        )
        assert browser.eval("document.getElementById('panel-why').dataset.status") in (
            "IN",
            "OUT",
            "UNDEC",
        )
        # decoded, every element is the one the small map embeds
        doc = cyjs.document(amap, max_lines=LABEL_LINES)
        ids = [n["data"]["id"] for n in doc["elements"]["nodes"]]
        got = browser.eval(f"{ids!r}.map(id => ArgkbLazy.element(id))")
        assert got == [dict(n, group="nodes") for n in doc["elements"]["nodes"]]
        assert browser.eval("ArgkbLazy.edges()") == [
            dict(e, group="edges") for e in doc["elements"]["edges"]
        ]
        # and the whys, whose labels the page puts back from the node table, are the small map's
        assert browser.eval("ArgkbLazy.why()") == json.loads(json.dumps(explain_map(amap)))
        # a row opens its trace: the nodes the small map's trace shows, no more
        browser.eval(
            f"document.querySelector('#overview tr.impl-row[data-node=\"{IMPL}\"] td.impl').click()"
        )
        browser.eval(
            f"new Promise(done => {{ const t = setInterval(() => {{ if ({GRAPH}) {{ "
            f"clearInterval(t); done(); }} }}, 20); }})"
        )
        compact_trace = browser.eval(
            "[document.body.dataset.renderedNodes, document.body.dataset.renderedEdges, "
            "ArgkbMap.cy.nodes().not('.hidden').map(n => n.id()).sort()]"
        )
        warnings = browser.warnings()
        browser.open(small.as_uri() + "#focus=" + IMPL, "document.body.dataset.view === 'graph'")
        small_trace = browser.eval(
            "[document.body.dataset.renderedNodes, document.body.dataset.renderedEdges, "
            "ArgkbMap.cy.nodes().not('.hidden').map(n => n.id()).sort()]"
        )
        assert compact_trace == small_trace and int(small_trace[0]) > 5
        # the whole graph is not drawn: the page says so and how to get a smaller map
        browser.open(
            large.as_uri() + "#view=all", "document.getElementById('status').textContent.length > 0"
        )
        assert "--lever NAME" in browser.eval("document.getElementById('status').textContent")
        assert browser.eval("document.body.dataset.view") == "overview"
        warnings += browser.warnings()
    assert not warnings


def test_the_overview_is_paged_and_searched_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(compact, "ROW_LIMIT", 3)
    amap = build_map(KnowledgeBase.locate(REPO))
    page = tmp_path / "map.html"
    page.write_text(render(amap, "html", compact=True), encoding="utf-8")
    groups = overview(amap)
    sections = [disagreements(groups)] + [[r["id"] for r in g["rows"]] for g in groups]
    last = groups[0]["rows"][-1]
    with Browser(tmp_path / "profile") as browser:
        browser.open(page.as_uri(), READY)
        drawn = browser.eval("+document.body.dataset.overviewRows")
        assert drawn == sum(min(3, len(s)) for s in sections) < sum(len(s) for s in sections)
        more = browser.eval(
            "document.querySelector('#overview section.lever-group .more-rows').textContent"
        )
        assert more == f"Show 3 more ({len(groups[0]['rows']) - 3} not shown)"
        browser.eval("document.querySelector('#overview section.lever-group .more-rows').click()")
        assert browser.eval("+document.body.dataset.overviewRows") == drawn + min(
            3, len(groups[0]["rows"]) - 3
        )
        # the search looks through every row, drawn or not
        box = "document.getElementById('search')"
        browser.eval(f"{box}.value = {last['label']!r}; {box}.dispatchEvent(new Event('input'))")
        hits = browser.eval(
            "[...document.querySelectorAll('#overview section:not([hidden]) tr.impl-row')]"
            ".map(r => r.dataset.node)"
        )
        assert last["id"] in hits


def test_hostile_labels_stay_text_in_the_compact_page(tmp_path):
    amap = build_map(mini_kb_copy(tmp_path, hostile=True))
    page = tmp_path / "map.html"
    page.write_text(render(amap, "html", compact=True), encoding="utf-8")
    with Browser(tmp_path / "profile") as browser:
        browser.open(
            page.as_uri() + "#select=kb:impl-hostile", "document.body.dataset.view === 'graph'"
        )
        panel = browser.eval("document.getElementById('panel-body').textContent")
        injected = browser.eval("document.querySelectorAll('img, b#injected').length")
        scripts = browser.eval("document.querySelectorAll('script').length")
    assert "<script>alert(1)</script>" in panel and "<img src=x onerror=alert(2)>" in panel
    assert injected == 0 and scripts == 5  # data, traces, two libraries, the map's code


def test_export_says_what_a_large_page_holds(runner, tmp_path, monkeypatch):
    monkeypatch.setattr(compact, "COMPACT_NODES", 10)
    kb = mini_kb_copy(tmp_path)
    out = tmp_path / "map.html"
    result = runner.invoke(
        cli, ["export", "--kb", str(kb.root), "--format", "html", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    amap = build_map(kb)
    count = len(amap.of_type("implication"))
    assert (
        f"the page holds the overview of {count} implications plus their {count} traces"
        in result.output
        and "--source NAME or --lever NAME" in result.output
    )
    assert 'id="argkb-traces"' in out.read_text(encoding="utf-8")
    small = runner.invoke(
        cli,
        [
            "export",
            "--kb",
            str(kb.root),
            "--format",
            "html",
            "--focus",
            "impl-russia-bolder",
            "--depth",
            "0",
            "-o",
            str(out),
        ],
    )
    assert small.exit_code == 0 and "a large map" not in small.output


def test_a_lever_keeps_what_follows_from_it(repo_kb):
    amap = build_map(repo_kb, lever="sanctions")
    assert [n.id for n in amap.of_type("lever")] == ["kb:sanctions"]
    whole = build_map(repo_kb)
    moves = {e.target for e in whole.edges if e.source == "kb:sanctions" and e.kind == "lever"}
    triggered = {e.target for e in whole.edges if e.source in moves and e.kind == "trigger"}
    assert triggered and triggered <= set(amap.nodes)
    # every argument for or against a kept implication is kept, whole
    for impl in triggered:
        for e in whole.edges:
            if e.target == impl and e.kind in ("conclusion", "attacks"):
                assert e.source in amap.nodes
                assert {
                    p.source for p in whole.edges if p.target == e.source and p.kind == "premise"
                } <= set(amap.nodes)
    assert len(amap.nodes) < len(whole.nodes)
    with pytest.raises(UsageError, match="unknown lever 'sanction'; did you mean kb:sanctions"):
        build_map(repo_kb, lever="sanction")
