"""GraphML: plain (networkx; valid against the GraphML XSD, opens in Gephi and Cytoscape with
every attribute) and yEd's dialect (``graphml-yed``: y:ShapeNode / y:PolyLineEdge graphics,
so labels, shapes and colours show in yEd; apply Layout ▸ Hierarchical there)."""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from argkb.export import style
from argkb.export.model import ArgumentMap

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
YED_NS = "http://www.yworks.com/xml/graphml"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"


def node_attributes(node) -> dict[str, object]:
    """The node's fields plus its look (colour as hex and as Gephi's r/g/b, size, shape)."""
    colour = style.fill(node)
    r, g, b = style.rgb(colour)
    out: dict[str, object] = dict(node.fields())
    out.update(color=colour, r=r, g=g, b=b, size=float(style.type_style(node.type).size),
               shape=style.type_style(node.type).shape_cy)
    return out


def edge_attributes(edge) -> dict[str, object]:
    look = style.EDGE_STYLES[edge.kind]
    return {"kind": edge.kind, "label": edge.kind, "color": look.colour, "line": look.line}


def to_graphml(amap: ArgumentMap, **_) -> str:
    import networkx as nx

    g = nx.MultiDiGraph(name=amap.title)
    for node in amap.nodes.values():
        g.add_node(node.id, **node_attributes(node))
    for edge in amap.edges:
        g.add_edge(edge.source, edge.target, key=edge.id, **edge_attributes(edge))
    out = io.BytesIO()
    nx.write_graphml(g, out, encoding="utf-8", prettyprint=True)
    return out.getvalue().decode("utf-8")


# ---------------------------------------------------------------- yEd dialect
def _geometry(node) -> tuple[float, float]:
    lines = style.wrap(node.label, 24)
    scale = style.type_style(node.type).size / 16
    width = max(60.0, 7.5 * max(len(line) for line in lines) + 24) * (1.15 if node.type in ("implication", "move") else 1)
    return round(width, 1), round(max(30.0, 16.0 * len(lines) + 14) * max(scale, 1.0), 1)


def to_yed(amap: ArgumentMap, **_) -> str:
    ET.register_namespace("", GRAPHML_NS)
    ET.register_namespace("y", YED_NS)
    ET.register_namespace("xsi", XSI_NS)
    g, y = f"{{{GRAPHML_NS}}}", f"{{{YED_NS}}}"
    root = ET.Element(g + "graphml", {
        f"{{{XSI_NS}}}schemaLocation": f"{GRAPHML_NS} http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd"})
    node_keys = sorted({k for n in amap.nodes.values() for k in n.fields()})
    for name in node_keys:
        ET.SubElement(root, g + "key", {"id": f"n_{name}", "for": "node", "attr.name": name, "attr.type": "string"})
    ET.SubElement(root, g + "key", {"id": "e_kind", "for": "edge", "attr.name": "kind", "attr.type": "string"})
    ET.SubElement(root, g + "key", {"id": "ng", "for": "node", "yfiles.type": "nodegraphics"})
    ET.SubElement(root, g + "key", {"id": "eg", "for": "edge", "yfiles.type": "edgegraphics"})
    graph = ET.SubElement(root, g + "graph", {"id": "G", "edgedefault": "directed"})
    for node in amap.nodes.values():
        el = ET.SubElement(graph, g + "node", {"id": node.id})
        for name, value in node.fields().items():
            ET.SubElement(el, g + "data", {"key": f"n_{name}"}).text = value
        shape = ET.SubElement(ET.SubElement(el, g + "data", {"key": "ng"}), y + "ShapeNode")
        width, height = _geometry(node)
        ET.SubElement(shape, y + "Geometry", {"height": str(height), "width": str(width), "x": "0.0", "y": "0.0"})
        ET.SubElement(shape, y + "Fill", {"color": style.fill(node).upper(), "transparent": "false"})
        colour, line, bw = style.border(node)
        ET.SubElement(shape, y + "BorderStyle", {"color": colour.upper(), "type": _yed_line(line), "width": str(bw)})
        ET.SubElement(shape, y + "NodeLabel", {
            "alignment": "center", "autoSizePolicy": "content", "fontFamily": "Dialog", "fontSize": "12",
            "fontStyle": "bold" if node.type == "implication" else "plain", "modelName": "internal",
            "modelPosition": "c", "textColor": style.text_colour(node).upper(), "visible": "true",
        }).text = "\n".join(style.wrap(node.label, 24))
        ET.SubElement(shape, y + "Shape", {"type": style.type_style(node.type).shape_yed})
    for i, edge in enumerate(amap.edges):
        el = ET.SubElement(graph, g + "edge", {"id": f"e{i}", "source": edge.source, "target": edge.target})
        ET.SubElement(el, g + "data", {"key": "e_kind"}).text = edge.kind
        look = style.EDGE_STYLES[edge.kind]
        poly = ET.SubElement(ET.SubElement(el, g + "data", {"key": "eg"}), y + "PolyLineEdge")
        ET.SubElement(poly, y + "LineStyle", {"color": look.colour.upper(), "type": _yed_line(look.line),
                                              "width": str(look.width)})
        ET.SubElement(poly, y + "Arrows", {"source": "none",
                                           "target": "crows_foot_one" if edge.kind == "attacks" else "standard"})
        ET.SubElement(poly, y + "EdgeLabel", {"visible": "true", "fontSize": "10",
                                              "textColor": look.colour.upper()}).text = edge.kind
        ET.SubElement(poly, y + "BendStyle", {"smoothed": "true"})
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _yed_line(line: str) -> str:
    return {"solid": "line", "dashed": "dashed", "dotted": "dotted"}[line]
