"""Exports loaded by the outside tools that read them, with those tools' default settings:
mermaid-cli (driven by the Chromium from apt), arg-tech's ``xaif`` and ReCAP's ``arguebuf`` for
AIF / xAIF; and the RDF exports leave no node they point to undescribed."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter

import pytest
from rdflib import Graph, URIRef

from argkb.export import render
from argkb.export.select import build_map
from argkb.kb.folder import KnowledgeBase
from argkb.vocab.namespaces import KB
from conftest import REPO, module, unavailable
from export_support import mini_kb_copy


@pytest.fixture(scope="module")
def seed_map():
    return build_map(KnowledgeBase.locate(REPO))


@pytest.fixture(scope="module")
def mini_map(tmp_path_factory):
    return build_map(mini_kb_copy(tmp_path_factory.mktemp("export-clients"), hostile=True))


def mmdc() -> str:
    path = REPO / "node_modules" / ".bin" / "mmdc"
    if not path.is_file():
        unavailable("mermaid-cli is not installed: run `npm ci` (.ci/run does)")
    return str(path)


def _mmdc(text: str, tmp_path, name: str, mermaid_config: dict | None = None) -> str:
    """The SVG mermaid-cli draws from ``text`` (mermaid's own config default unless one is
    given)."""
    source = tmp_path / f"{name}.mmd"
    source.write_text(text, encoding="utf-8")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        unavailable("chromium is not installed (.ci/run installs it)")
    config = tmp_path / "puppeteer.json"  # only the browser and its sandbox
    config.write_text(
        json.dumps({"executablePath": browser, "args": ["--no-sandbox", "--disable-gpu"]})
    )
    extra = []
    if mermaid_config is not None:
        (tmp_path / f"{name}.json").write_text(json.dumps(mermaid_config))
        extra = ["-c", str(tmp_path / f"{name}.json")]
    svg = tmp_path / f"{name}.svg"
    result = subprocess.run(
        [mmdc(), "-p", str(config), *extra, "-i", str(source), "-o", str(svg)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    drawing = svg.read_text(encoding="utf-8")
    assert "Maximum text size" not in drawing and "Syntax error" not in drawing
    return drawing


def _drawn(drawing: str) -> tuple[int, int]:
    return (
        len(re.findall(r'<g class="node ', drawing)),
        len(re.findall(r'<path[^>]*class="[^"]*flowchart-link', drawing)),
    )


def test_whole_seed_map_renders_with_mermaid_cli(seed_map, tmp_path):
    """Over mermaid's default maxEdges or maxTextSize (settings a diagram cannot raise) the file
    says so, with its size, and how to render it; rendered so, it draws every node and edge. (A
    lens's map renders with the defaults: the next test draws it in its mermaid-cli run.)"""
    from argkb.export.mermaid import MAX_EDGES, MAX_TEXT

    text = render(seed_map, "mermaid")
    config = {}
    if len(seed_map.edges) > MAX_EDGES:
        assert (
            f"{len(seed_map.edges)} edges: over mermaid's default maxEdges" in text.splitlines()[1]
        )
        config["maxEdges"] = len(seed_map.edges)
    notes = [line for line in text.splitlines()[:3] if "over mermaid's default maxTextSize" in line]
    assert bool(notes) == (len(text) > MAX_TEXT)
    if notes:
        assert notes[0].startswith(f"%% {len(text)} characters: ")
        config["maxTextSize"] = len(text)
    config = config or None
    assert _drawn(_mmdc(text, tmp_path, "whole", config)) == (
        len(seed_map.nodes),
        len(seed_map.edges),
    )


def test_whole_seed_map_split_into_diagrams_renders_with_mermaid_cli_defaults(seed_map, tmp_path):
    """--format mermaid-md: Markdown whose diagrams mermaid-cli draws with its default configuration
    (no diagram over maxEdges); together they draw every edge of the map exactly once. A lens's map
    (--format mermaid) renders with the defaults too: one more diagram in the same run (one browser
    started, not two)."""
    from argkb.export.mermaid import MAX_EDGES, split
    from argkb.export.select import by_perspective

    parts = split(seed_map)
    assert len(parts) > 1 and all(len(part.edges) <= MAX_EDGES for _title, part in parts)
    assert sorted(e.id for _t, part in parts for e in part.edges) == sorted(
        e.id for e in seed_map.edges
    )
    assert {n for _t, part in parts for n in part.nodes} == set(seed_map.nodes)
    lens = by_perspective(seed_map, {"realism"})
    assert len(lens.edges) <= MAX_EDGES
    source = tmp_path / "map.md"
    lens_diagram = "\n```mermaid\n" + render(lens, "mermaid").rstrip("\n") + "\n```\n"
    source.write_text(render(seed_map, "mermaid-md") + lens_diagram, encoding="utf-8")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        unavailable("chromium is not installed (.ci/run installs it)")
    config = tmp_path / "puppeteer.json"
    config.write_text(
        json.dumps({"executablePath": browser, "args": ["--no-sandbox", "--disable-gpu"]})
    )
    out = tmp_path / "out" / "map.md"
    out.parent.mkdir()
    result = subprocess.run(
        [mmdc(), "-p", str(config), "-i", str(source), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    for number, (_title, part) in enumerate([*parts, ("realism", lens)], 1):
        drawing = (out.parent / f"map-{number}.svg").read_text(encoding="utf-8")
        assert "Syntax error" not in drawing and "Maximum" not in drawing
        assert _drawn(drawing) == (len(part.nodes), len(part.edges))
    assert not (out.parent / f"map-{len(parts) + 2}.svg").exists()


def test_mermaid_markdown_cuts_a_part_still_too_big_into_pieces(seed_map, monkeypatch):
    import argkb.export.mermaid as mermaid

    monkeypatch.setattr(mermaid, "MAX_EDGES", 40)
    parts = mermaid.split(seed_map)
    assert all(len(part.edges) <= 40 for _title, part in parts)
    assert sorted(e.id for _t, part in parts for e in part.edges) == sorted(
        e.id for e in seed_map.edges
    )
    assert any(re.search(r"\(2 of \d+\)$", title) for title, _part in parts)
    text = mermaid.to_mermaid_markdown(seed_map)
    assert text.count("```mermaid") == len(parts)


def test_mermaid_markdown_escapes_titles(mini_map):
    mini_map.title = "<script>alert(1)</script> *bold* [x](javascript:y)"
    text = render(mini_map, "mermaid-md")
    heading = text.splitlines()[0]
    assert "<script>" not in heading and "](" not in heading and "*bold*" not in heading


def test_mermaid_styles_links_by_kind(mini_map):
    text = render(mini_map, "mermaid")
    styled = [
        int(i)
        for line in re.findall(r"^  linkStyle ([\d,]+) ", text, re.M)
        for i in line.split(",")
    ]
    assert sorted(styled) == list(range(len(mini_map.edges)))
    assert len(re.findall(r"^  linkStyle ", text, re.M)) == len({e.kind for e in mini_map.edges})


def _expected_relations(amap) -> int:
    """(premise, conclusion) pairs through RA/CA nodes into claims: premises plus the warrant
    node."""
    return sum(
        len(amap.in_edges(a.id, "premise")) + bool(a.attrs.get("warrant"))
        for a in amap.of_type("argument")
        if a.attrs.get("role") != "undercut"
    )


def test_xaif_loads_in_arg_techs_xaif(mini_map):
    module("pandas")  # xaif imports pandas without declaring it
    xaif = module("xaif")
    doc = json.loads(render(mini_map, "xaif"))
    aif = xaif.AIF(doc)
    assert aif.is_valid_json_aif() and aif.is_json_aif_dialog()
    table = aif.get_csv("argument-relation")
    related = table[table["relation"] != "None"]
    assert len(related) == _expected_relations(mini_map)
    assert set(related["relation"]) == {"Default Inference", "Default Conflict"}
    l_node = next(n for n in aif.nodes if n["type"] == "L")
    speaker, _ = aif.get_speaker(l_node["nodeID"])
    assert l_node["text"].startswith(speaker.strip() + ": ")


@pytest.mark.parametrize("fmt", ["aif", "xaif"])
def test_aif_and_xaif_load_in_arguebuf(mini_map, fmt):
    load = module("arguebuf.load")
    doc = json.loads(render(mini_map, fmt))
    graph = load.xaif(doc) if fmt == "xaif" else load.aif(doc)
    args = mini_map.of_type("argument")
    claims = [n for n in mini_map.nodes.values() if n.type in ("claim", "implication")]
    warrants = sum(bool(a.attrs.get("warrant")) for a in args)
    assert len(graph.atom_nodes) == len(claims) + warrants
    kinds = Counter(type(n.scheme).__name__ for n in graph.scheme_nodes.values())
    attacking = sum(a.attrs["role"] != "support" for a in args)
    assert kinds == {"Support": len(args) - attacking, "Attack": attacking}


def test_aif_locutions_are_typed_as_aifdb_types_them(mini_map):
    doc = json.loads(render(mini_map, "aif"))
    assert doc["locutions"]
    for loc in doc["locutions"]:
        for key in ("start", "end"):  # AIFdb: a "YYYY-MM-DD HH:MM:SS" time or null, never an offset
            assert loc[key] is None or re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", loc[key])


@pytest.mark.parametrize("fmt", ["turtle", "jsonld"])
def test_rdf_exports_describe_every_node_they_point_to(mini_map, fmt):
    g = Graph().parse(data=render(mini_map, fmt), format="json-ld" if fmt == "jsonld" else "turtle")
    pointed = {o for o in g.objects() if isinstance(o, URIRef) and o.startswith(KB)}
    assert URIRef(KB["argkb-editors"]) in pointed
    assert any((None, URIRef("http://www.w3.org/ns/oa#hasSource"), o) in g for o in pointed)
    undescribed = {o for o in pointed if (o, None, None) not in g}
    assert undescribed == set()
