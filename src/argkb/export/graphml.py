"""GraphML: plain (valid against the GraphML XSD, opens in Gephi and Cytoscape and reads back in
networkx with every attribute; written as a stream, ``argkb.export.xmlstream``) and yEd's dialect
(``graphml-yed``: y:ShapeNode / y:PolyLineEdge graphics, so labels, shapes and colours show in yEd;
apply Layout ▸ Hierarchical there)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from argkb.export import style, xmlstream
from argkb.export.model import FIELD_ORDER, ArgumentMap

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
YED_NS = "http://www.yworks.com/xml/graphml"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"


def node_attributes(node) -> dict[str, object]:
    """The node's fields plus its look (colour as hex and as Gephi's r/g/b, size, shape)."""
    return {**node.fields(), **look(style.fill(node), node.type)}


def look(colour: str, node_type: str) -> dict[str, object]:
    r, g, b = style.rgb(colour)
    return {
        "color": colour,
        "r": r,
        "g": g,
        "b": b,
        "size": float(style.type_style(node_type).size),
        "shape": style.type_style(node_type).shape_cy,
    }


def edge_attributes(edge) -> dict[str, object]:
    look = style.EDGE_STYLES[edge.kind]
    return {"kind": edge.kind, "label": edge.kind, "color": look.colour, "line": look.line}


#: the look every node carries after its fields, with its GraphML type (networkx reads them back
#: typed)
LOOK_KEYS = (
    ("color", "string"),
    ("r", "long"),
    ("g", "long"),
    ("b", "long"),
    ("size", "double"),
    ("shape", "string"),
)
EDGE_KEYS = ("kind", "label", "color", "line")


def node_keys(amap: ArgumentMap) -> list[str]:
    """The node attributes some node of the map has, in the order ``Node.fields`` writes them."""
    present = {"iri", "type", "label"}
    for node in amap.nodes.values():
        present.update(name for name, value in node.attrs.items() if value)
        if node.quotes:
            present.update(("quote", "source"))
    return [name for name in FIELD_ORDER if name in present]


def to_graphml(amap: ArgumentMap, **_) -> str:
    return "".join(graphml_chunks(amap))


def graphml_chunks(amap: ArgumentMap, **_) -> Iterator[str]:
    """GraphML (valid against the GraphML XSD; read by networkx, Gephi and Cytoscape), written as it
    goes: a key per attribute, then each node with its fields and look, then each edge."""
    return xmlstream.batched(_graphml_pieces(amap))


def _graphml_pieces(amap: ArgumentMap) -> Iterator[str]:
    fields = node_keys(amap)
    keys = {name: f"d{i}" for i, name in enumerate([*fields, *(k for k, _ in LOOK_KEYS)], start=1)}
    edge_keys = {name: f"d{len(keys) + 1 + i}" for i, name in enumerate(EDGE_KEYS)}
    yield xmlstream.DECLARATION
    yield (
        f'<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="{XSI_NS}" xsi:schemaLocation="{GRAPHML_NS} '
        f'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    yield '<key id="d0" for="graph" attr.name="name" attr.type="string"/>\n'
    types = dict(LOOK_KEYS)
    for name, key in keys.items():
        yield (
            xmlstream.element(
                "key",
                {
                    "id": key,
                    "for": "node",
                    "attr.name": name,
                    "attr.type": types.get(name, "string"),
                },
            )
            + "\n"
        )
    for name, key in edge_keys.items():
        yield (
            xmlstream.element(
                "key", {"id": key, "for": "edge", "attr.name": name, "attr.type": "string"}
            )
            + "\n"
        )
    yield f'<graph edgedefault="directed">{xmlstream.element("data", {"key": "d0"}, amap.title)}\n'
    yield from _node_pieces(amap, keys)
    yield from _edge_pieces(amap, edge_keys)
    yield "</graph></graphml>\n"


#: fields whose values are a handful (kinds, statuses, strengths, lenses): each line is made once
_FEW_VALUES = frozenset(FIELD_ORDER) - {"iri", "label", "statement", "warrant", "quote", "source"}


def _node_pieces(amap: ArgumentMap, keys: dict[str, str]) -> Iterator[str]:
    """Each node with its fields and look; the lines that recur (a status, a look) are escaped
    once."""
    opening = {name: f'  <data key="{key}">' for name, key in keys.items()}
    lines: dict[tuple[str, str], str] = {}
    looks: dict[tuple[str, str], str] = {}  # a handful: written once each
    text, attrs = xmlstream.text, xmlstream.attrs
    for node in amap.nodes.values():
        parts = [f"<node{attrs({'id': node.id})}>\n"]
        for name, value in node.fields().items():
            if name in _FEW_VALUES:
                line = lines.get((name, value))
                if line is None:
                    line = lines[(name, value)] = f"{opening[name]}{text(value)}</data>\n"
                parts.append(line)
            else:
                parts.append(f"{opening[name]}{text(value)}</data>\n")
        kind = (style.fill(node), node.type)
        written = looks.get(kind)
        if written is None:
            written = looks[kind] = "".join(
                f"{opening[name]}{text(value)}</data>\n" for name, value in look(*kind).items()
            )
        parts.append(written)
        parts.append("</node>\n")
        yield "".join(parts)


def _edge_pieces(amap: ArgumentMap, edge_keys: dict[str, str]) -> Iterator[str]:
    """Each edge; its data lines depend on its kind alone, so they are written once per kind."""
    bodies: dict[str, str] = {}
    attrs = xmlstream.attrs
    for edge in amap.edges:
        body = bodies.get(edge.kind)
        if body is None:
            body = bodies[edge.kind] = (
                "".join(
                    f'  <data key="{edge_keys[name]}">{xmlstream.text(datum)}</data>\n'
                    for name, datum in edge_attributes(edge).items()
                )
                + "</edge>\n"
            )
        yield (
            f"<edge{attrs({'source': edge.source, 'target': edge.target, 'id': edge.id})}>\n{body}"
        )


# ---------------------------------------------------------------- yEd dialect
def _geometry(node) -> tuple[float, float]:
    lines = style.wrap(node.label, 24)
    scale = style.type_style(node.type).size / 16
    width = max(60.0, 7.5 * max(len(line) for line in lines) + 24) * (
        1.15 if node.type in ("implication", "move") else 1
    )
    return round(width, 1), round(max(30.0, 16.0 * len(lines) + 14) * max(scale, 1.0), 1)


def to_yed(amap: ArgumentMap, **_) -> str:
    ET.register_namespace("", GRAPHML_NS)
    ET.register_namespace("y", YED_NS)
    ET.register_namespace("xsi", XSI_NS)
    g, y = f"{{{GRAPHML_NS}}}", f"{{{YED_NS}}}"
    root = ET.Element(
        g + "graphml",
        {
            f"{{{XSI_NS}}}schemaLocation": f"{GRAPHML_NS} http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd"
        },
    )
    node_keys = sorted({k for n in amap.nodes.values() for k in n.fields()})
    for name in node_keys:
        ET.SubElement(
            root,
            g + "key",
            {"id": f"n_{name}", "for": "node", "attr.name": name, "attr.type": "string"},
        )
    ET.SubElement(
        root, g + "key", {"id": "e_kind", "for": "edge", "attr.name": "kind", "attr.type": "string"}
    )
    ET.SubElement(root, g + "key", {"id": "ng", "for": "node", "yfiles.type": "nodegraphics"})
    ET.SubElement(root, g + "key", {"id": "eg", "for": "edge", "yfiles.type": "edgegraphics"})
    graph = ET.SubElement(root, g + "graph", {"id": "G", "edgedefault": "directed"})
    for node in amap.nodes.values():
        el = ET.SubElement(graph, g + "node", {"id": node.id})
        for name, value in node.fields().items():
            ET.SubElement(el, g + "data", {"key": f"n_{name}"}).text = value
        shape = ET.SubElement(ET.SubElement(el, g + "data", {"key": "ng"}), y + "ShapeNode")
        width, height = _geometry(node)
        ET.SubElement(
            shape,
            y + "Geometry",
            {"height": str(height), "width": str(width), "x": "0.0", "y": "0.0"},
        )
        ET.SubElement(
            shape, y + "Fill", {"color": style.fill(node).upper(), "transparent": "false"}
        )
        colour, line, bw = style.border(node)
        ET.SubElement(
            shape,
            y + "BorderStyle",
            {"color": colour.upper(), "type": _yed_line(line), "width": str(bw)},
        )
        ET.SubElement(
            shape,
            y + "NodeLabel",
            {
                "alignment": "center",
                "autoSizePolicy": "content",
                "fontFamily": "Dialog",
                "fontSize": "12",
                "fontStyle": "bold" if node.type == "implication" else "plain",
                "modelName": "internal",
                "modelPosition": "c",
                "textColor": style.text_colour(node).upper(),
                "visible": "true",
            },
        ).text = "\n".join(style.wrap(node.label, 24))
        ET.SubElement(shape, y + "Shape", {"type": style.type_style(node.type).shape_yed})
    for i, edge in enumerate(amap.edges):
        el = ET.SubElement(
            graph, g + "edge", {"id": f"e{i}", "source": edge.source, "target": edge.target}
        )
        ET.SubElement(el, g + "data", {"key": "e_kind"}).text = edge.kind
        look = style.EDGE_STYLES[edge.kind]
        poly = ET.SubElement(ET.SubElement(el, g + "data", {"key": "eg"}), y + "PolyLineEdge")
        ET.SubElement(
            poly,
            y + "LineStyle",
            {"color": look.colour.upper(), "type": _yed_line(look.line), "width": str(look.width)},
        )
        ET.SubElement(
            poly,
            y + "Arrows",
            {
                "source": "none",
                "target": "crows_foot_one" if edge.kind == "attacks" else "standard",
            },
        )
        ET.SubElement(
            poly,
            y + "EdgeLabel",
            {"visible": "true", "fontSize": "10", "textColor": look.colour.upper()},
        ).text = edge.kind
        ET.SubElement(poly, y + "BendStyle", {"smoothed": "true"})
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _yed_line(line: str) -> str:
    return {"solid": "line", "dashed": "dashed", "dotted": "dotted"}[line]
