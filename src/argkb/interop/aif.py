"""AIF and xAIF (AIFdb, OVA, OVA3, argkb's own export) read through ``arguebuf``.

Producers disagree on details, so the document is first brought to one dialect: the xAIF
envelope (``"AIF"`` or ``"aif"``) is unwrapped; node and edge ids, strings or integers, become
strings; a node ``text`` that is an object (``{"txt": …}``) gives its text; missing edge ids are
numbered; ``formEdgeID`` and ``timestamp`` may be absent. Edges naming a node that does not exist
and duplicate nodes are left out and listed. What is not a map — not JSON, no ``nodes`` list, a
node without ``nodeID`` or ``type`` — is refused with the reason and how to fix it.

``arguebuf`` then reads the argument structure (I-nodes and the RA / CA / MA nodes between them);
the dialogue layer, which arguebuf leaves out, is read here: an I-node's speakers come from the
locutions (L-nodes) that assert it through a YA-node, by the locution's participant or, in AIFdb
maps without participants, by the ``Speaker : words`` prefix of the L-node's text.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

from argkb.interop.model import ImportedMap, MapError
from argkb.interop.structure import add_structure

#: the AIF node types that carry the argument (the others are the dialogue: L, YA, TA)
ARGUMENT_TYPES = {"I", "RA", "CA", "MA", "PA"}
#: scheme names that say nothing beyond the node type
DEFAULT_SCHEMES = {
    "",
    "RA",
    "CA",
    "MA",
    "PA",
    "Default Inference",
    "Default Conflict",
    "Default Rephrase",
    "Default Preference",
}
#: an AIFdb locution's text begins with its speaker ("CL : words")
_SPEAKER = re.compile(r"^\s*([^:]{1,40}?)\s*:\s+(.*)$", re.S)
_TAG = re.compile(r"<[^<>]+>")
#: the most locutions read for one I-node (its speakers, and the words tried when quoting a source)
MAX_LOCUTIONS = 20
#: argkb's AIF export writes each warrant as an I-node "[lens] warrant" (see argkb.export.aif)
_WARRANT = re.compile(r"^\[([a-z][a-z ]*)\] (.+)$", re.S)


def load_json(text: str, what: str) -> dict:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MapError(
            f"not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
            f"an {what} map is a JSON document"
        ) from None
    except RecursionError:
        raise MapError(
            "the JSON is nested too deeply to read (lists or objects inside each other thousands "
            f"of levels deep); an {what} map is a flat list of nodes and edges"
        ) from None
    if not isinstance(doc, dict):
        raise MapError(
            f"the JSON document is a {type(doc).__name__}, not an object; an {what} map is an "
            'object with "nodes" and "edges" (AIF) or {"AIF": {…}} (xAIF)'
        )
    return doc


def _text(value) -> str:
    if isinstance(value, dict):
        value = value.get("txt", value.get("text", ""))
    # tags out; "[^<>]" (not "[^>]") so that a run of "<" is one pass, not one scan to the end per
    # "<"
    return _TAG.sub("", value) if isinstance(value, str) else ("" if value is None else str(value))


def normalise(doc: dict) -> tuple[dict, list[str]]:
    """The AIF graph in one dialect (string ids, every key present), and what was left out."""
    for key in ("AIF", "aif"):
        if isinstance(doc.get(key), dict):
            doc = doc[key]
            break
    nodes, edges = doc.get("nodes"), doc.get("edges", [])
    if not isinstance(nodes, list) or not isinstance(edges, list):
        raise MapError(
            'no "nodes" list (and "edges" list): this is not an AIF map; export the map from '
            "AIFdb or OVA as AIF JSON (or xAIF) and import that file"
        )
    skipped: list[str] = []
    out_nodes: dict[str, dict] = {}
    for i, node in enumerate(nodes, 1):
        if not isinstance(node, dict) or node.get("nodeID") in (None, "") or not node.get("type"):
            raise MapError(
                f'node {i} has no "nodeID" or no "type": every AIF node needs both '
                '(e.g. {"nodeID": "1", "type": "I", "text": "…"})'
            )
        node_id = str(node["nodeID"])
        if node_id in out_nodes:
            skipped.append(f"node {node_id}: a second node with this id (the first is kept)")
            continue
        out_nodes[node_id] = {
            "nodeID": node_id,
            "type": str(node["type"]),
            "text": _text(node.get("text")),
            "scheme": _text(node.get("scheme")) or _text(node.get("text")),
        }
    out_edges = []
    for i, edge in enumerate(edges, 1):
        if not isinstance(edge, dict):
            raise MapError(f"edge {i} is not an object with fromID and toID")
        source, target = str(edge.get("fromID")), str(edge.get("toID"))
        if source not in out_nodes or target not in out_nodes:
            skipped.append(
                f"edge {edge.get('edgeID', i)}: points at a node that does not exist "
                f"({source} -> {target})"
            )
            continue
        out_edges.append({"edgeID": f"e{i}", "fromID": source, "toID": target, "formEdgeID": None})
    people = {
        str(p.get("participantID")): " ".join(
            str(p.get(k) or "") for k in ("firstname", "surname")
        ).strip()
        for p in doc.get("participants") or []
        if isinstance(p, dict)
    }
    speaker_of = {}
    for loc in doc.get("locutions") or []:
        if isinstance(loc, dict) and people.get(str(loc.get("personID"))):
            speaker_of[str(loc.get("nodeID"))] = people[str(loc.get("personID"))]
    return {"nodes": list(out_nodes.values()), "edges": out_edges, "speakers": speaker_of}, skipped


def read(doc: dict, name: str) -> ImportedMap:
    """An AIF or xAIF document (parsed JSON) as an imported map."""
    from arguebuf import load

    graph, skipped = normalise(doc)
    nodes = {n["nodeID"]: n for n in graph["nodes"]}
    structure = load.aif(
        {
            "nodes": [n for n in graph["nodes"] if n["type"] in ARGUMENT_TYPES],
            "edges": [
                e
                for e in graph["edges"]
                if nodes[e["fromID"]]["type"] in ARGUMENT_TYPES
                and nodes[e["toID"]]["type"] in ARGUMENT_TYPES
            ],
            "locutions": [],
        }
    )
    imported = ImportedMap(name, skipped=skipped)
    warrant_nodes = _warrant_nodes(structure, nodes)
    speakers, words = _dialogue(graph, nodes, skipped)
    titles = {
        i: nodes[i]["scheme"]
        for i in structure.scheme_nodes
        if nodes[i]["scheme"] not in DEFAULT_SCHEMES
    }
    add_structure(
        imported,
        structure,
        exclude=set(warrant_nodes),
        titles=titles,
        warrants={s: (lens, w) for lens, w, s in warrant_nodes.values()},
        speakers=speakers,
        words=words,
    )
    return imported


def _warrant_nodes(structure, nodes: dict[str, dict]) -> dict[str, tuple[str, str, str]]:
    """I-nodes argkb's AIF export wrote for a warrant: "[lens] …", nothing in, one S-node out.
    atom id -> (lens, warrant, the S-node it belongs to)."""
    found = {}
    for atom_id, atom in structure.atom_nodes.items():
        match = _WARRANT.match(nodes[atom_id]["text"])
        out = structure.outgoing_nodes(atom)
        if (
            match
            and not structure.incoming_nodes(atom)
            and len(out) == 1
            and next(iter(out)).id in structure.scheme_nodes
        ):
            found[atom_id] = (
                match.group(1).replace(" ", "-"),
                match.group(2).strip(),
                next(iter(out)).id,
            )
    return found


def _dialogue(
    graph: dict, nodes: dict[str, dict], skipped: list[str] | None = None
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """I-node id -> who asserted it (L-node -> YA-node -> I-node: the L-node's participant, else
    its text prefix), and I-node id -> the words of those locutions: at most ``MAX_LOCUTIONS`` of
    them for one I-node (a YA-node shared by thousands of locutions and I-nodes made this
    quadratic), the rest listed in ``skipped``."""
    into = defaultdict(list)
    for e in graph["edges"]:
        into[e["toID"]].append(e["fromID"])
    found: dict[str, dict[str, None]] = defaultdict(dict)
    said: dict[str, list[str]] = defaultdict(list)
    words_of: dict[str, str] = {}
    crowded: list[str] = []
    for node_id, node in nodes.items():
        if node["type"] != "I":
            continue
        read = 0
        for l_node in (
            loc
            for ya in into[node_id]
            if nodes[ya]["type"] == "YA"
            for loc in into[ya]
            if nodes[loc]["type"] == "L"
        ):
            if read == MAX_LOCUTIONS:
                crowded.append(node_id)
                break
            read += 1
            speaker = graph["speakers"].get(l_node) or _prefix(nodes[l_node]["text"])
            if speaker:
                found[node_id].setdefault(speaker)
            if l_node not in words_of:
                words_of[l_node] = _words(graph, nodes[l_node])
            said[node_id].append(words_of[l_node])
    if crowded and skipped is not None:
        skipped.append(
            f"the locutions beyond the first {MAX_LOCUTIONS} of {len(crowded):,} I-node(s) "
            f"asserted by more ({', '.join(crowded[:3])}{' …' if len(crowded) > 3 else ''}): the "
            f"first {MAX_LOCUTIONS} give each one's speakers and the words tried as quotes"
        )
    return {k: list(v) for k, v in found.items()}, said


def _words(graph: dict, l_node: dict) -> str:
    """The words of a locution without its speaker prefix."""
    speaker = graph["speakers"].get(l_node["nodeID"])
    text = l_node["text"]
    if speaker and text.startswith(speaker + ":"):
        return text[len(speaker) + 1 :].strip()
    match = _SPEAKER.match(text)
    return match.group(2).strip() if match else text.strip()


def _prefix(text: str) -> str:
    match = _SPEAKER.match(text)
    return match.group(1).strip() if match else ""
