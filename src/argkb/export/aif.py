"""AIF JSON as AIFdb exports it and OVA opens it: ``nodes`` (nodeID, text, type, timestamp),
``edges`` (edgeID, fromID, toID, formEdgeID), ``locutions`` and ``participants`` (format ``aif``);
or the same wrapped as xAIF, ``{"AIF": …, "OVA": [], "text": {"txt": …}}``, the shape arg-tech's
``xaif`` package and OVA3 read (format ``xaif``).

The argument structure maps onto AIF directly:

* every claim and implication is an I-node (its statement as text);
* a supporting argument is an RA-node ("Default Inference"), an attacking one a CA-node
  ("Default Conflict"); premises point to it, it points to its conclusion or target — an
  undercut's CA-node points to the RA-/CA-node it attacks;
* the warrant is an I-node of its own, one more premise of its argument, prefixed with the
  lens (``[realism] …``), so the lens and the rationale stay visible in OVA;
* a quote is an L-node (the source's words) anchoring its claim through a YA-node ("Asserting"),
  with the source as the participant of its locution. A locution's ``start`` and ``end`` are, as
  in AIFdb, the times the words were said (``"YYYY-MM-DD HH:MM:SS"`` or null): null here, the
  quote's character offsets stay in the knowledge base.

Actors, levers and moves are not AIF content and are left out of this format.
"""

from __future__ import annotations

import json

from argkb.export import export_time
from argkb.export.model import ArgumentMap

CLAIM_TYPES = ("claim", "implication")


class _Builder:
    def __init__(self, stamp: str):
        self.stamp = stamp
        self.nodes: list[dict] = []
        self.edges: list[dict] = []

    def node(self, text: str, kind: str, **extra) -> str:
        node_id = str(len(self.nodes) + 1)
        self.nodes.append(
            {"nodeID": node_id, "text": text, "type": kind, "timestamp": self.stamp, **extra}
        )
        return node_id

    def edge(self, from_id: str, to_id: str) -> None:
        self.edges.append(
            {
                "edgeID": str(len(self.edges) + 1),
                "fromID": from_id,
                "toID": to_id,
                "formEdgeID": None,
            }
        )


def document(amap: ArgumentMap) -> dict:
    b = _Builder(export_time().strftime("%Y-%m-%d %H:%M:%S"))
    ids: dict[str, str] = {}
    for node in amap.nodes.values():
        if node.type in CLAIM_TYPES:
            ids[node.id] = b.node(node.attrs.get("statement") or node.label, "I")
    arguments = amap.of_type("argument")
    for arg in arguments:
        attacking = arg.attrs.get("role") in ("rebut", "undercut")
        ids[arg.id] = b.node(
            "Default Conflict" if attacking else "Default Inference",
            "CA" if attacking else "RA",
            scheme="Default Conflict" if attacking else "Default Inference",
        )
    for arg in arguments:
        for edge in amap.in_edges(arg.id, "premise"):
            b.edge(ids[edge.source], ids[arg.id])
        if arg.attrs.get("warrant"):
            lens = arg.attrs.get("perspective_label") or arg.attrs.get("perspective", "")
            warrant = b.node(
                f"[{lens}] {arg.attrs['warrant']}" if lens else arg.attrs["warrant"], "I"
            )
            b.edge(warrant, ids[arg.id])
        for edge in amap.out_edges(arg.id):
            if edge.kind in ("conclusion", "attacks"):
                b.edge(ids[arg.id], ids[edge.target])
    participants: dict[str, int] = {}
    locutions = []
    for node in amap.nodes.values():
        for quote in node.quotes if node.type in CLAIM_TYPES else ():
            speaker = quote.source_title or quote.source or "source"
            person = participants.setdefault(speaker, len(participants) + 1)
            l_node = b.node(f"{speaker}: {quote.exact}", "L")
            ya = b.node("Asserting", "YA")
            b.edge(l_node, ya)
            b.edge(ya, ids[node.id])
            locutions.append(
                {
                    "nodeID": l_node,
                    "personID": str(person),
                    "timestamp": b.stamp,
                    "start": None,
                    "end": None,
                    "source": quote.source or None,
                }
            )
    return {
        "nodes": b.nodes,
        "edges": b.edges,
        "locutions": locutions,
        "participants": [
            {"participantID": str(pid), "firstname": name, "surname": ""}
            for name, pid in participants.items()
        ],
    }


def xaif_document(amap: ArgumentMap) -> dict:
    """The AIF document in xAIF's envelope; ``text`` holds the quoted words, one locution a line."""
    aif = document(amap)
    aif.update(schemefulfillments=[], descriptorfulfillments=[])
    said = "\n".join(n["text"] for n in aif["nodes"] if n["type"] == "L")
    return {"AIF": aif, "OVA": [], "text": {"txt": said}}


def to_aif(amap: ArgumentMap, **_) -> str:
    return json.dumps(document(amap), ensure_ascii=False, indent=1) + "\n"


def to_xaif(amap: ArgumentMap, **_) -> str:
    return json.dumps(xaif_document(amap), ensure_ascii=False, indent=1) + "\n"
