"""GEXF 1.3 for Gephi, with viz colours, sizes and shapes, valid against the GEXF 1.3 RELAX NG schema.

networkx writes GEXF 1.3 with attributes the 1.3 schema no longer allows (``graph/@name``)
and a misspelt XML Schema instance namespace, so the document is built here with ElementTree.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from argkb import __version__
from argkb.export import export_time, style
from argkb.export.model import ArgumentMap

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"

#: node attribute columns (id, title) in the order Gephi's data table shows them
NODE_COLUMNS = ("iri", "type", "statement", "perspective", "perspective_label", "role", "qualifier", "direction",
                "warrant", "quote", "source", "attribution", *style.STATUS_ATTRS.values(),
                *style.STRENGTH_ATTRS.values())


def to_gexf(amap: ArgumentMap, **_) -> str:
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("viz", VIZ_NS)
    g, v = f"{{{GEXF_NS}}}", f"{{{VIZ_NS}}}"
    root = ET.Element(g + "gexf", {"version": "1.3"})  # no xsi:schemaLocation: the 1.3 RELAX NG forbids it
    meta = ET.SubElement(root, g + "meta", {"lastmodifieddate": export_time().date().isoformat()})
    ET.SubElement(meta, g + "creator").text = f"argkb {__version__}"
    ET.SubElement(meta, g + "description").text = amap.title
    graph = ET.SubElement(root, g + "graph", {"defaultedgetype": "directed", "mode": "static"})
    attrs = ET.SubElement(graph, g + "attributes", {"class": "node", "mode": "static"})
    for column in NODE_COLUMNS:
        # every column a string: Gephi's importer drops columns of types it does not know (anyURI)
        ET.SubElement(attrs, g + "attribute", {"id": column, "title": column, "type": "string"})
    edge_attrs = ET.SubElement(graph, g + "attributes", {"class": "edge", "mode": "static"})
    ET.SubElement(edge_attrs, g + "attribute", {"id": "kind", "title": "kind", "type": "string"})
    nodes = ET.SubElement(graph, g + "nodes", {"count": str(len(amap.nodes))})
    for node in amap.nodes.values():
        el = ET.SubElement(nodes, g + "node", {"id": node.id, "label": " ".join(node.label.split())})
        values = ET.SubElement(el, g + "attvalues")
        for name, value in node.fields().items():
            if name in NODE_COLUMNS:
                ET.SubElement(values, g + "attvalue", {"for": name, "value": value})
        r, gr, b = style.rgb(style.fill(node))
        ET.SubElement(el, v + "color", {"r": str(r), "g": str(gr), "b": str(b), "a": "1.0"})
        ET.SubElement(el, v + "size", {"value": f"{style.type_style(node.type).size:.1f}"})
        ET.SubElement(el, v + "shape", {"value": style.type_style(node.type).shape_gexf})
    edges = ET.SubElement(graph, g + "edges", {"count": str(len(amap.edges))})
    for i, edge in enumerate(amap.edges):
        look = style.EDGE_STYLES[edge.kind]
        el = ET.SubElement(edges, g + "edge", {"id": f"e{i}", "source": edge.source, "target": edge.target,
                                               "label": edge.kind, "kind": edge.kind})
        values = ET.SubElement(el, g + "attvalues")
        ET.SubElement(values, g + "attvalue", {"for": "kind", "value": edge.kind})
        r, gr, b = style.rgb(look.colour)
        ET.SubElement(el, v + "color", {"r": str(r), "g": str(gr), "b": str(b)})
        ET.SubElement(el, v + "thickness", {"value": f"{look.width:.1f}"})
        ET.SubElement(el, v + "shape", {"value": look.line})
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
