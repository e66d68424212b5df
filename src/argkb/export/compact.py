"""The HTML map of a large knowledge base: the overview first, the traces in a compact table the
page expands one trace at a time (``templates/lazy.js``).

A map of more than ``COMPACT_NODES`` nodes is not drawn whole: at a million triples it has some
130,000 nodes, which neither Cytoscape.js nor a reader takes in at once, and their elements as the
small map embeds them (``argkb.export.cyjs``) weigh over 100 MB. Such a page embeds, after the
overview's data:

* ``nodes``: one column per field of ``cyjs.node_element`` (``null`` where a node has none), except
  the fields the page derives again: ``name`` (the label), ``value`` (the id), ``iri`` when it is
  the id's CURIE expanded (``prefixes``), ``display`` when it is the label. The fields few distinct
  values share (type, colours, shape, lens, statuses, classes …) are one index per node into
  ``profiles``, each a row of values for ``profileFields``;
* ``edges``: ``[source, target, kind]`` node and kind indexes, flat; each kind's look once in
  ``kinds``;
* ``why``: the why of each implication, as the small map has it (``argkb.export.why``), but for the
  labels the node table holds (an argument's or a claim's own), which the page puts back.

The table is JSON compressed with zlib (deflate) and written in base64 in a
``<script type="application/octet-stream" id="argkb-traces">``: the page inflates it with the
browser's own ``DecompressionStream`` once the overview is drawn (at a million triples about 85 MB
of JSON becomes some 11 MB of page). Decoded, an element is exactly the one ``cyjs.node_element`` /
``cyjs.edge_element`` makes (the tests compare them in Chromium). Everything stays data: the page
reads it with ``JSON.parse`` and shows it with ``textContent``.
"""

from __future__ import annotations

import base64
import json
import zlib

from argkb.export import cyjs
from argkb.export.model import ArgumentMap
from argkb.vocab.namespaces import PREFIXES

#: maps with more nodes than this are written compactly, their traces expanded one at a time
COMPACT_NODES = 5000
#: rows of each overview section drawn at first (and per "Show more") on such a map
ROW_LIMIT = 25
#: a field with at most this many distinct values goes into the node's profile
PROFILE_VALUES = 64
#: fields derived again by the page (``name`` is the label, ``value`` the id)
DERIVED = ("name", "value")


def script(table: dict) -> str:
    """The table as the page embeds it: JSON, deflated, in base64 (nothing in it can close the
    element)."""
    packed = zlib.compress(
        json.dumps(table, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6
    )
    return (
        '<script type="application/octet-stream" id="argkb-traces" data-encoding="deflate base64">'
        + base64.b64encode(packed).decode("ascii")
        + "</script>"
    )


def expand(curie: str) -> str | None:
    prefix, _, rest = curie.partition(":")
    base = PREFIXES.get(prefix)
    return base + rest if base is not None and rest else None


def traces(amap: ArgumentMap, max_lines: int, why: dict) -> dict:
    """The compact table of the map's nodes, edges and whys (see the module)."""
    elements = [cyjs.node_element(n, max_lines) for n in amap.nodes.values()]
    rows = []
    for element in elements:
        data = {k: v for k, v in element["data"].items() if k not in DERIVED}
        if data.get("iri") == expand(data["id"]):
            del data["iri"]
        if data.get("display") == data["label"]:
            del data["display"]
        data["classes"] = element["classes"]
        rows.append(data)
    fields = list(dict.fromkeys(k for row in rows for k in row))
    distinct: dict[str, set] = {f: set() for f in fields}
    for row in rows:
        for f, v in row.items():
            if len(distinct[f]) <= PROFILE_VALUES:
                distinct[f].add(repr(v))
    profile_fields = [
        f
        for f in fields
        if len(distinct[f]) <= PROFILE_VALUES
        and f not in ("id", "label")
        and not any(isinstance(row.get(f), (list, dict)) for row in rows)
    ]
    columns = {f: [row.get(f) for row in rows] for f in fields if f not in profile_fields}
    profiles: dict[tuple, int] = {}
    index = []
    for row in rows:
        key = tuple(row.get(f) for f in profile_fields)
        index.append(profiles.setdefault(key, len(profiles)))
    position = {n: i for i, n in enumerate(amap.nodes)}
    kinds: dict[str, int] = {}
    looks = []
    flat: list[int] = []
    for edge in amap.edges:
        if edge.kind not in kinds:
            kinds[edge.kind] = len(kinds)
            look = cyjs.edge_element(edge)
            data = {k: v for k, v in look["data"].items() if k not in ("id", "source", "target")}
            looks.append({"data": data, "classes": look["classes"]})
        flat += (position[edge.source], position[edge.target], kinds[edge.kind])
    return {
        "prefixes": dict(PREFIXES),
        "count": len(rows),
        "columns": columns,
        "profileFields": profile_fields,
        "profiles": [list(p) for p in profiles],
        "profile": index,
        "kinds": looks,
        "edges": flat,
        "why": _unlabelled(why, {n.id: n.label for n in amap.nodes.values()}),
    }


def _unlabelled(value, labels: dict[str, str]):
    """The whys without the labels the node table holds: an entry ``{"id", "label", …}`` whose label
    is its node's loses it (the page puts it back); the rest as it is."""
    if isinstance(value, list):
        return [_unlabelled(v, labels) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: _unlabelled(v, labels) for k, v in value.items()}
    if isinstance(out.get("id"), str) and "label" in out and labels.get(out["id"]) == out["label"]:
        del out["label"]
    return out
