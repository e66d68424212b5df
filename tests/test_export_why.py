"""The why of an implication in the HTML map: the model carries each implication's strength overall
and under each lens; the page embeds, for every implication and view, the verdict and strength
`argkb why` gives, its deciding arguments, the objections the lens does not count and the cruxes;
the panel shows them under the lens chosen in "Status under" (headless Chromium), labels as inert
text."""

from __future__ import annotations

import re

import networkx as nx
import pytest
from rdflib import URIRef

from argkb.assess import framework
from argkb.assess.why import why
from argkb.assess.why_render import lead, why_json
from argkb.export import render
from argkb.export.html import json_for_script, page_data
from argkb.export.select import build_map
from argkb.export.style import STATUS_ATTRS, STRENGTH_ATTRS
from argkb.export.why import explain_map
from argkb.kb.folder import KnowledgeBase
from browser import Browser
from conftest import REPO
from export_support import HOSTILE, mini_kb_copy

LENSES = list(STATUS_ATTRS)
AID = "kb:impl-allies-united-front"  # a necessity realism refutes by its own theory
REALIST_REBUTTAL = "kb:arg-allies-united-front-realism-attack"
READY = "document.body.hasAttribute('data-graph-ready') && !!document.getElementById('panel-why')"

#: an objection from liberalism to the hostile implication, resting on a premise only liberalism
#: holds, every label markup or script: under realism it is "not counted", overall it defeats the
#: implication
HOSTILE_OBJECTION = """@prefix argkb: <https://w3id.org/argkb/ontology#> .
@prefix kb:    <https://w3id.org/argkb/id/> .
@prefix prov:  <http://www.w3.org/ns/prov#> .
@prefix rdfs:  <http://www.w3.org/2000/01/rdf-schema#> .

kb:claim-hostile-theory a argkb:Claim ;
    rdfs:label "<script>window.__xss = 6</script>"@en ;
    argkb:heldBy argkb:Liberalism ;
    prov:wasAttributedTo kb:argkb-editors .

kb:arg-hostile-objection a argkb:Argument ;
    rdfs:label "<img src=x onerror=\\"window.__xss = 5\\">"@en ;
    argkb:perspective argkb:Liberalism ;
    argkb:premise kb:claim-hostile-theory ;
    argkb:attacks kb:impl-hostile ;
    prov:wasAttributedTo kb:argkb-editors .
"""

#: the panel's why block, in words and by its data attributes
WHY = """(() => {
  const box = document.getElementById('panel-why');
  if (!box) return null;
  const ids = sel => [...box.querySelectorAll(sel)].map(e => e.dataset.arg);
  return {
    lens: box.dataset.lens, status: box.dataset.status, strength: box.dataset.strength,
    heading: box.querySelector('h3').textContent, lead: box.querySelector('.lead').textContent,
    deciding: ids('.why-deciding li[data-arg]'), notCounted: ids('.why-not-counted li[data-arg]'),
    notCountedText: [...box.querySelectorAll('.why-not-counted li')].map(li => li.textContent),
    cruxes: [...box.querySelectorAll('.why-cruxes .crux')].map(c => c.dataset.crux),
    links: [...box.querySelectorAll('.why-deciding li .link')].map(a => a.dataset.id),
    text: box.textContent,
    markup: box.querySelectorAll('img, script, b#injected').length,
  };
})()"""


def choose_lens(browser: Browser, lens: str) -> None:
    browser.eval(
        f"(() => {{ const s = document.getElementById('status-lens'); s.value = {lens!r};"
        " s.dispatchEvent(new Event('change')); })()"
    )


@pytest.fixture(scope="module")
def seed_map():
    return build_map(KnowledgeBase.locate(REPO))


# ------------------------------------------------------------------ the model and the page data
def test_implications_carry_their_strength_per_lens(tmp_path):
    kb = mini_kb_copy(tmp_path)
    amap = build_map(kb)
    graph = framework.load(amap.store)
    assert list(STRENGTH_ATTRS.values()) == [
        "strength",
        "strength_realism",
        "strength_liberalism",
        "strength_constructivism",
        "strength_diplomatic_practice",
        "strength_security_analysis",
    ]
    for lens, attr in STRENGTH_ATTRS.items():
        ev = framework.evaluate(graph, None if lens == "overall" else framework.lens_iri(lens))
        for node in amap.of_type("implication"):
            expected = ev.strength.get(URIRef(node.iri))
            assert node.attrs.get(attr) == (None if expected is None else f"{expected:.3f}"), (
                node.id,
                lens,
            )
    assert all(
        STRENGTH_ATTRS["overall"] not in n.attrs
        for n in amap.nodes.values()
        if n.type != "implication"
    )
    # GraphML and GEXF carry them as text columns beside the statuses
    path = tmp_path / "map.graphml"
    path.write_text(render(amap, "graphml"), encoding="utf-8")
    impl = nx.read_graphml(path).nodes["kb:impl-russia-bolder"]
    assert impl["strength"] == amap.nodes["kb:impl-russia-bolder"].attrs["strength"]
    assert set(STRENGTH_ATTRS.values()) <= set(
        re.findall(r'<attribute id="([^"]+)"', render(amap, "gexf"))
    )


@pytest.mark.slow
def test_page_why_equals_argkb_why_on_the_seed(seed_map):
    kb = KnowledgeBase.locate(REPO)
    whys = page_data(seed_map)["argkb"]["why"]
    assert set(whys) == {n.id for n in seed_map.of_type("implication")}
    for impl, views in whys.items():
        assert list(views) == LENSES
        for lens, got in views.items():
            ref = why(kb, impl, None if lens == "overall" else lens)
            data = why_json(ref)
            assert (
                got["status"],
                got["strength"],
                got["lead"],
                got["cruxes"],
                got["complete"],
            ) == (
                data["status"],
                data["strength"],
                lead(ref),
                data["cruxes"],
                data["cruxes_complete"],
            ), (impl, lens)


def test_united_front_why_by_reasoning(seed_map):
    views = explain_map(seed_map)[AID]
    realism, liberalism = views["realism"], views["liberalism"]
    # realism argues only against it, and its rebuttal stands: OUT, the rebuttal the one crux
    assert (realism["status"], realism["strength"]) == ("OUT", 0.0)
    assert [d["id"] for d in realism["deciding"]] == [REALIST_REBUTTAL]
    assert realism["deciding"][0]["status"] == "IN" and realism["deciding"][0]["counted"]
    assert [REALIST_REBUTTAL] in realism["cruxes"]
    # liberalism does not grant the rebuttal's realist premises: it stands on its own argument
    assert (liberalism["status"], liberalism["strength"]) == ("IN", 1.0)
    rebuttal = next(d for d in liberalism["not_counted"] if d["id"] == REALIST_REBUTTAL)
    assert rebuttal["counted"] is False and rebuttal["lens"] == "realism"
    assert {p["id"] for p in rebuttal["not_counted_because"]} == {
        "kb:claim-alignment-follows-interest"
    }
    assert all(p["label"] for p in rebuttal["not_counted_because"])


def test_the_whys_keep_the_page_small(seed_map):
    data = page_data(seed_map)
    whys = len(json_for_script(data["argkb"].pop("why")).encode("utf-8"))
    rest = len(render(seed_map, "html").encode("utf-8")) - whys
    assert whys < 0.4 * rest, (whys, rest)
    assert '"premises"' not in json_for_script(
        explain_map(seed_map)
    )  # argkb why's premise lists are left out


def test_stable_semantics_searches_no_cruxes(tmp_path):
    amap = build_map(mini_kb_copy(tmp_path), semantics="stable")
    views = explain_map(amap)["kb:impl-russia-bolder"]
    assert all(v["cruxes"] is None and v["complete"] is False for v in views.values())
    assert views["overall"]["status"] == amap.nodes["kb:impl-russia-bolder"].attrs["status"]


# ------------------------------------------------------------------ the panel in Chromium
@pytest.fixture(scope="module")
def seed_panel(seed_map, tmp_path_factory):
    folder = tmp_path_factory.mktemp("why-seed")
    path = folder / "map.html"
    path.write_text(render(seed_map, "html"), encoding="utf-8")
    views = {}
    with Browser(folder / "profile") as browser:
        browser.open(path.as_uri() + f"#select={AID}&status=realism", READY)
        views["realism"] = browser.eval(WHY)
        choose_lens(browser, "liberalism")
        views["liberalism"] = browser.eval(WHY)
        choose_lens(browser, "off")
        views["off"] = browser.eval(WHY)
        # a deciding argument is a link to its own panel
        choose_lens(browser, "realism")
        link = f'#panel-why .why-deciding li[data-arg="{REALIST_REBUTTAL}"] .link'
        browser.eval(f"document.querySelector({link!r}).click()")
        views["clicked"] = browser.eval(
            "[ArgkbMap.cy.$(':selected').map(n => n.id()), "
            "document.querySelector('#panel-body h2').textContent, "
            "!!document.getElementById('panel-why')]"
        )
    return views


def test_panel_shows_the_realism_why(seed_panel, seed_map):
    view = seed_panel["realism"]
    assert (view["lens"], view["status"]) == ("realism", "OUT")
    assert view["heading"] == "Why OUT (strength 0.00)"
    assert view["lead"].startswith("OUT: defeated by " + REALIST_REBUTTAL)
    assert REALIST_REBUTTAL in view["deciding"] and REALIST_REBUTTAL in view["links"]
    assert REALIST_REBUTTAL in view["cruxes"]
    assert seed_map.nodes[REALIST_REBUTTAL].label in view["text"]


def test_panel_shows_the_liberal_why_with_the_rebuttal_not_counted(seed_panel, seed_map):
    view = seed_panel["liberalism"]
    assert (view["lens"], view["status"], view["heading"]) == (
        "liberalism",
        "IN",
        "Why IN (strength 1.00)",
    )
    assert REALIST_REBUTTAL in view["notCounted"] and REALIST_REBUTTAL not in view["deciding"]
    line = view["notCountedText"][view["notCounted"].index(REALIST_REBUTTAL)]
    premise = seed_map.nodes["kb:claim-alignment-follows-interest"].label
    assert line.startswith(
        "Not counted under liberalism: " + seed_map.nodes[REALIST_REBUTTAL].label
    )
    assert f"(rests on {premise}, " in line and line.endswith(", not granted)")
    assert view["cruxes"] == ["kb:arg-allies-united-front-liberalism"]


def test_panel_why_is_overall_when_statuses_are_off(seed_panel):
    view = seed_panel["off"]
    assert (view["lens"], view["status"]) == ("overall", "OUT")
    # a necessity (certain: base 0.9) with its support and the realist attack in balance keeps its
    # base
    assert view["heading"] == "Why OUT (strength 0.90)" and "under the overall view" in view["text"]


def test_a_deciding_argument_opens_its_panel(seed_panel, seed_map):
    selected, heading, has_why = seed_panel["clicked"]
    assert selected == [REALIST_REBUTTAL]
    assert (
        heading.endswith(seed_map.nodes[REALIST_REBUTTAL].label) and not has_why
    )  # an argument has no why


def test_hostile_labels_in_the_why_stay_text(tmp_path):
    extra = tmp_path / "hostile-objection.ttl"
    extra.write_text(HOSTILE_OBJECTION, encoding="utf-8")
    root = mini_kb_copy(tmp_path / "kb").root
    amap = build_map(KnowledgeBase.locate(root, extra=[HOSTILE, extra]))
    path = tmp_path / "map.html"
    path.write_text(render(amap, "html"), encoding="utf-8")
    views = {}
    with Browser(tmp_path / "profile") as browser:
        browser.open(path.as_uri() + "#select=kb:impl-hostile&status=realism", READY)
        views["realism"] = browser.eval(WHY)
        choose_lens(browser, "overall")
        views["overall"] = browser.eval(WHY)
        xss = browser.eval("window.__xss === undefined ? null : window.__xss")
    objection, theory = (
        '<img src=x onerror="window.__xss = 5">',
        "<script>window.__xss = 6</script>",
    )
    realism = views["realism"]
    assert realism["notCounted"] == ["kb:arg-hostile-objection"]
    assert (
        f"Not counted under realism: {objection} (rests on {theory}, not granted)"
        in realism["notCountedText"]
    )
    assert '"]]><b id="injected">bold</b>' in realism["text"]  # the supporting argument, as text
    overall = views["overall"]
    assert overall["status"] == "OUT" and overall["deciding"] == ["kb:arg-hostile-objection"]
    assert objection in overall["text"]
    assert realism["markup"] == overall["markup"] == 0 and xss is None
