"""GEXF 1.3 for Gephi, with viz colours, sizes and shapes, valid against the GEXF 1.3 RELAX NG
schema.

networkx writes GEXF 1.3 with attributes the 1.3 schema no longer allows (``graph/@name``)
and a misspelt XML Schema instance namespace, so the document is written here, as a stream of text
(``argkb.export.xmlstream``), as GraphML is.
"""

from __future__ import annotations

from collections.abc import Iterator

from argkb import __version__
from argkb.export import export_time, style, xmlstream
from argkb.export.model import ArgumentMap

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"

#: node attribute columns (id, title) in the order Gephi's data table shows them
NODE_COLUMNS = (
    "iri",
    "type",
    "statement",
    "perspective",
    "perspective_label",
    "role",
    "qualifier",
    "direction",
    "warrant",
    "quote",
    "source",
    "attribution",
    *style.STATUS_ATTRS.values(),
    *style.STRENGTH_ATTRS.values(),
)


def to_gexf(amap: ArgumentMap, **_) -> str:
    return "".join(gexf_chunks(amap))


def gexf_chunks(amap: ArgumentMap, **_) -> Iterator[str]:
    """The GEXF document written as it goes (``argkb.export.xmlstream``), as GraphML is."""
    return xmlstream.batched(_gexf_pieces(amap))


def _gexf_pieces(amap: ArgumentMap) -> Iterator[str]:
    el = xmlstream.element
    yield xmlstream.DECLARATION
    # no xsi:schemaLocation: the 1.3 RELAX NG forbids it
    yield f'<gexf xmlns="{GEXF_NS}" xmlns:viz="{VIZ_NS}" version="1.3">\n'
    yield f"  <meta{xmlstream.attrs({'lastmodifieddate': export_time().date().isoformat()})}>\n"
    yield (
        f"    {el('creator', None, f'argkb {__version__}')}\n"
        f"    {el('description', None, amap.title)}\n  </meta>\n"
    )
    yield (
        '  <graph defaultedgetype="directed" mode="static">\n'
        '    <attributes class="node" mode="static">\n'
    )
    for column in NODE_COLUMNS:
        # every column a string: Gephi's importer drops columns of types it does not know (anyURI)
        yield f"      {el('attribute', {'id': column, 'title': column, 'type': 'string'})}\n"
    yield (
        '    </attributes>\n    <attributes class="edge" mode="static">\n'
        '      <attribute id="kind" title="kind" type="string"/>\n    </attributes>\n'
    )
    yield f'    <nodes count="{len(amap.nodes)}">\n'
    for node in amap.nodes.values():
        parts = [
            "      <node"
            f"{xmlstream.attrs({'id': node.id, 'label': ' '.join(node.label.split())})}>\n"
            "        <attvalues>\n"
        ]
        for name, value in node.fields().items():
            if name in NODE_COLUMNS:
                parts.append(f"          {el('attvalue', {'for': name, 'value': value})}\n")
        r, gr, b = style.rgb(style.fill(node))
        look = style.type_style(node.type)
        parts.append(
            f'        </attvalues>\n        <viz:color r="{r}" g="{gr}" b="{b}" a="1.0"/>\n'
            f'        <viz:size value="{look.size:.1f}"/>\n'
            f'        <viz:shape value="{look.shape_gexf}"/>\n'
            "      </node>\n"
        )
        yield "".join(parts)
    yield f'    </nodes>\n    <edges count="{len(amap.edges)}">\n'
    for i, edge in enumerate(amap.edges):
        line = style.EDGE_STYLES[edge.kind]
        r, gr, b = style.rgb(line.colour)
        ends: dict[str, object] = {
            "id": f"e{i}",
            "source": edge.source,
            "target": edge.target,
            "label": edge.kind,
            "kind": edge.kind,
        }
        yield (
            f"      <edge{xmlstream.attrs(ends)}>\n"
            "        <attvalues>\n"
            f"          {el('attvalue', {'for': 'kind', 'value': edge.kind})}\n"
            f'        </attvalues>\n        <viz:color r="{r}" g="{gr}" b="{b}"/>\n'
            f'        <viz:thickness value="{line.width:.1f}"/>\n'
            f'        <viz:shape value="{line.line}"/>\n'
            "      </edge>\n"
        )
    yield "    </edges>\n  </graph>\n</gexf>\n"
