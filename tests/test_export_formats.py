"""Every export format read back by a real client, with node and edge counts equal to the model's.

The knowledge base is the mini KB plus labels that try to break out of each format
(tests/data/export/hostile.ttl): every format must still parse and keep them as text.
"""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter

import networkx as nx
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from argkb.export import render
from argkb.export.select import build_map
from export_support import mini_kb_copy, need, schema, xmllint


@pytest.fixture(scope="module")
def amap(tmp_path_factory):
    amap = build_map(mini_kb_copy(tmp_path_factory.mktemp("export-formats"), hostile=True))
    assert amap.counts() == (19, 23)
    return amap


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return tmp_path_factory.mktemp("export-out")


def write(out, amap, fmt, **options):
    path = out / f"map.{fmt}"
    path.write_text(render(amap, fmt, **options), encoding="utf-8")
    return path


def test_graphml_valid_against_the_xsd_and_read_back(amap, out):
    path = write(out, amap, "graphml")
    result = xmllint("--schema", str(schema("graphml", "graphml.xsd")), str(path))
    assert result.returncode == 0, result.stderr
    g = nx.read_graphml(path)
    assert (g.number_of_nodes(), g.number_of_edges()) == amap.counts()
    hostile = g.nodes["kb:impl-hostile"]
    assert hostile["label"] == "<script>alert(1)</script>"
    assert (hostile["type"], hostile["qualifier"], hostile["color"]) == (
        "implication",
        "could",
        "#ffd166",
    )
    assert g.nodes["kb:arg-hostile"]["warrant"].startswith("</script><script>alert(3)")
    # the statuses (validated above with the rest): the hostile realist argument stands, unattacked
    assert (g.nodes["kb:arg-hostile"]["status"], g.nodes["kb:arg-hostile"]["status_realism"]) == (
        "IN",
        "IN",
    )
    assert Counter(d["kind"] for _, _, d in g.edges(data=True))["attacks"] == 2


def test_graphml_yed_has_shapes_labels_and_colours(amap, out):
    root = ET.parse(write(out, amap, "graphml-yed")).getroot()
    y = "{http://www.yworks.com/xml/graphml}"
    shapes = root.findall(f".//{y}ShapeNode")
    edges = root.findall(f".//{y}PolyLineEdge")
    assert (len(shapes), len(edges)) == amap.counts()
    labels = {s.find(f"{y}NodeLabel").text.replace("\n", "") for s in shapes}
    assert "<script>alert(1)</script>" in labels
    fills = {s.find(f"{y}Shape").get("type"): s.find(f"{y}Fill").get("color") for s in shapes}
    assert fills["hexagon"] == "#FFD166" and fills["parallelogram"] == "#A8DADC"
    # the GraphML skeleton (without yEd's graphics and key attributes) is valid GraphML
    for key in root.iter("{http://graphml.graphdrawing.org/xmlns}key"):
        key.attrib.pop("yfiles.type", None)
    for data in root.iter("{http://graphml.graphdrawing.org/xmlns}data"):
        for child in list(data):
            data.remove(child)
    plain = out / "yed-skeleton.graphml"
    ET.ElementTree(root).write(plain, encoding="utf-8", xml_declaration=True)
    result = xmllint("--schema", str(schema("graphml", "graphml.xsd")), str(plain))
    assert result.returncode == 0, result.stderr


def test_gexf_valid_against_the_1_3_relax_ng_as_written(amap, out):
    path = write(out, amap, "gexf")
    result = xmllint("--relaxng", str(schema("gexf13rng", "gexf.rng")), str(path))
    assert result.returncode == 0, result.stderr
    root = ET.parse(path).getroot()
    g, v = "{http://gexf.net/1.3}", "{http://gexf.net/1.3/viz}"
    assert root.get("version") == "1.3"
    nodes, edges = root.findall(f".//{g}node"), root.findall(f".//{g}edge")
    assert (len(nodes), len(edges)) == amap.counts()
    assert all(n.find(f"{v}color") is not None and n.find(f"{v}size") is not None for n in nodes)
    hostile = root.find(f".//{g}node[@id='kb:impl-hostile']")
    assert hostile.get("label") == "<script>alert(1)</script>"
    statuses = {
        v.get("for"): v.get("value")
        for v in hostile.iter(f"{g}attvalue")
        if v.get("for").startswith("status")
    }
    assert statuses == {"status": "IN", "status_realism": "IN"}  # validated above with the rest
    # every column a type Gephi's importer knows (it drops anyURI columns); the lens by its label
    # too
    types = {a.get("id"): a.get("type") for a in root.iter(f"{g}attribute")}
    assert set(types.values()) == {"string"} and "iri" in types
    arg = {
        v.get("for"): v.get("value")
        for v in root.find(f".//{g}node[@id='kb:arg-hostile']").iter(f"{g}attvalue")
    }
    assert arg["perspective_label"] == "realism"  # rdfs:label of argkb:Realism


def test_dot_renders_with_graphviz(amap, out):
    path = write(out, amap, "dot", clusters=True)
    result = subprocess.run(
        [need("dot"), "-Tsvg", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    svg = ET.fromstring(result.stdout)
    classes = Counter(
        el.get("class", "").split()[0]
        for el in svg.iter("{http://www.w3.org/2000/svg}g")
        if el.get("class")
    )
    assert (classes["node"], classes["edge"]) == amap.counts()
    assert classes["cluster"] == 5  # one per lens
    titles = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "<script>alert(1)</script>" in titles


def test_cyjs_read_back(amap, out):
    doc = json.loads(write(out, amap, "cyjs").read_text(encoding="utf-8"))
    g = nx.cytoscape_graph(doc)  # the document as written: directed, not a multigraph
    assert g.is_directed() and not g.is_multigraph()
    assert (g.number_of_nodes(), g.number_of_edges()) == amap.counts()
    assert g.has_edge("kb:arg-hostile", "kb:impl-hostile") and not g.has_edge(
        "kb:impl-hostile", "kb:arg-hostile"
    )
    ids = [n["data"]["id"] for n in doc["elements"]["nodes"]] + [
        e["data"]["id"] for e in doc["elements"]["edges"]
    ]
    assert len(ids) == len(set(ids))
    assert g.nodes["kb:arg-hostile"]["color"] == "#4e79a7"  # realism
    assert any(s["selector"] == "node" for s in doc["style"])


def test_mermaid_escapes_every_label(amap, out):
    text = write(out, amap, "mermaid").read_text(encoding="utf-8")
    node_lines = re.findall(r"^  n\d+[\[({]", text, re.M)
    edge_lines = re.findall(r"^  n\d+ (?:-->|-\.)", text, re.M)
    assert (len(node_lines), len(edge_lines)) == amap.counts()
    assert sum(len(m.split(",")) for m in re.findall(r"^  linkStyle ([\d,]+) ", text, re.M)) == len(
        amap.edges
    )
    for bad in ("<script", "<img", "]]>", "-->", "%% end"):
        assert bad not in text.replace("-->|", "")
    # each node line holds exactly one quoted label, with no raw quote inside it
    for line in text.splitlines():
        if re.match(r"^  n\d+[\[({]", line):
            assert line.count('"') == 2, line
    assert "#60;script#62;alert#40;1#41;#60;#47;script#62;" in text


def test_jsonld_parses_back_to_the_turtle_graph(amap, out):
    turtle = Graph().parse(write(out, amap, "turtle"), format="turtle")
    jsonld_path = write(out, amap, "jsonld")
    jsonld = Graph().parse(jsonld_path, format="json-ld")
    assert isomorphic(turtle, jsonld)
    assert set(json.loads(jsonld_path.read_text())["@context"]) >= {"argkb", "kb", "oa"}
    subjects = set(turtle.subjects())
    assert {URIRef(n.iri) for n in amap.nodes.values()} <= subjects
    quotes = {s for s in subjects if "quote-" in str(s)}
    assert len(quotes) == sum(len(n.quotes) for n in amap.nodes.values()) == 2


def test_filtered_rdf_leaves_out_other_lenses(amap, out):
    from argkb.export.select import by_perspective

    realism = by_perspective(amap, {"realism"})
    g = Graph().parse(data=render(realism, "turtle"), format="turtle")
    args = {str(s) for s in g.subjects() if "/arg-" in str(s)}
    assert args == {n.iri for n in realism.of_type("argument")}
    assert len(args) == 3
    assert not any("arg-bolder-liberalism" in str(o) for o in g.objects())


def test_aif_follows_the_aif_rules(amap, out):
    doc = json.loads(write(out, amap, "aif").read_text(encoding="utf-8"))
    nodes = {n["nodeID"]: n for n in doc["nodes"]}
    assert len(nodes) == len(doc["nodes"])  # ids unique
    assert len({e["edgeID"] for e in doc["edges"]}) == len(doc["edges"])
    assert all(e["fromID"] in nodes and e["toID"] in nodes for e in doc["edges"])
    types = Counter(n["type"] for n in nodes.values())
    claims = len(amap.of_type("claim")) + len(amap.of_type("implication"))
    args = amap.of_type("argument")
    quotes = sum(len(n.quotes) for n in amap.nodes.values())
    attacking = sum(a.attrs["role"] != "support" for a in args)
    assert types == {
        "I": claims + len(args),
        "RA": len(args) - attacking,
        "CA": attacking,
        "L": quotes,
        "YA": quotes,
    }
    premises = sum(1 for e in amap.edges if e.kind == "premise")
    assert len(doc["edges"]) == premises + 2 * len(args) + 2 * quotes
    incoming = {
        k: [nodes[e["fromID"]]["type"] for e in doc["edges"] if e["toID"] == k] for k in nodes
    }
    outgoing = {
        k: [nodes[e["toID"]]["type"] for e in doc["edges"] if e["fromID"] == k] for k in nodes
    }
    for node_id, node in nodes.items():
        if node["type"] in ("RA", "CA"):
            assert sum(t in ("I", "RA") for t in incoming[node_id]) >= 1
            assert len(outgoing[node_id]) == 1
        if node["type"] == "I":
            assert "I" not in outgoing[node_id]
    undercut = [n for n in nodes.values() if n["type"] == "CA" and "RA" in outgoing[n["nodeID"]]]
    assert len(undercut) == 1
    assert any(
        n["text"].startswith("[diplomatic practice] Where trade ties") for n in nodes.values()
    )
    assert {loc["nodeID"] for loc in doc["locutions"]} == {
        k for k, n in nodes.items() if n["type"] == "L"
    }
