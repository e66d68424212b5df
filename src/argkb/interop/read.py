"""Read a map file of a named format into an ``ImportedMap``; every failure a ``MapError`` naming
what is wrong and how to fix it."""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import TYPE_CHECKING, cast

from argkb.contrib.prepare import MAX_BYTES
from argkb.errors import InputError
from argkb.interop import aif
from argkb.interop.model import ImportedMap, MapError
from argkb.interop.structure import add_structure
from argkb.rdf.parse import read_text

if TYPE_CHECKING:  # pragma: no cover
    from arguebuf.schemas import sadface

FORMATS = ("aif", "xaif", "argdown", "sadface", "kialo")
#: the most map elements one import reads — nodes of a JSON map (and four times as many edges),
#: non-blank lines of an Argdown or Kialo file. Reading, building and writing are linear, but a map
#: of 400,000 elements took minutes and gigabytes; at this cap an import ends within 20 s. Real maps
#: hold hundreds to a few thousand
MAX_MAP_ELEMENTS = 50_000
#: SADFace scheme names -> arguebuf's (any other name is a scheme of support, kept as the title)
_SADFACE_SCHEMES = {
    "support": "support",
    "attack": "attack",
    "conflict": "attack",
    "rephrase": "rephrase",
    "preference": "preference",
}


def read_map(path: Path, fmt: str) -> ImportedMap:
    """The map, with every inference that points at something not imported left out and listed."""
    return _read_map(path, fmt).prune()


def _read_map(path: Path, fmt: str) -> ImportedMap:
    path = Path(path)
    if path.exists() and not path.is_file() and not path.is_dir():
        raise InputError(
            path, "is not a regular file (a device or a pipe); save the map to a file first"
        )
    text = read_text(path, MAX_BYTES)
    name = path.name
    logging.getLogger("arguebuf").setLevel(
        logging.ERROR
    )  # its warnings are ours to report, in the header
    try:
        if fmt in ("aif", "xaif", "sadface"):
            doc = aif.load_json(text, "SADFace" if fmt == "sadface" else fmt.upper())
            _bounded(path, *_json_elements(doc))
            return _sadface(doc, name) if fmt == "sadface" else aif.read(doc, name)
        _bounded(path, sum(1 for line in text.splitlines() if line.strip()), 0, "non-blank lines")
        if fmt == "kialo":
            return _kialo(text, name)
        if fmt == "argdown":
            from argkb.interop import argdown

            return argdown.read(text, name)
    except MapError as exc:
        raise InputError(path, str(exc)) from None
    except InputError:
        raise
    except (KeyError, TypeError, ValueError, AssertionError, AttributeError) as exc:
        raise InputError(
            path,
            f"not a {fmt} map the reader understands ({type(exc).__name__}: {exc}); "
            f"check that --from {fmt} is the format of this file",
        ) from None
    raise ValueError(f"unknown format {fmt!r}")


def _json_elements(doc: dict) -> tuple[int, int]:
    """How many nodes and edges a JSON map holds (AIF, xAIF's envelope, SADFace)."""
    for holder in (doc.get("AIF"), doc.get("aif"), doc):
        if isinstance(holder, dict) and isinstance(holder.get("nodes"), list):
            edges = holder.get("edges")
            return len(holder["nodes"]), len(edges) if isinstance(edges, list) else 0
    return 0, 0


def _bounded(path: Path, elements: int, edges: int, what: str = "nodes") -> None:
    if elements > MAX_MAP_ELEMENTS or edges > 4 * MAX_MAP_ELEMENTS:
        held = f"{elements:,} {what}" if elements > MAX_MAP_ELEMENTS else f"{edges:,} edges"
        raise InputError(
            path,
            f"holds {held}, over the {MAX_MAP_ELEMENTS:,} map elements (and four times as many "
            "edges) argkb imports at once; split the map into parts and import each",
        )


def _sadface(doc: dict, name: str) -> ImportedMap:
    """SADFace, old (analyst and dates at the top) or new (``metadata.core``); scheme nodes named
    ``support``, ``attack`` or ``conflict``, ``rephrase``, or a scheme's own name (a support)."""
    from arguebuf import load

    if not isinstance(doc.get("nodes"), list) or not isinstance(doc.get("edges"), list):
        raise MapError(
            'no "nodes" and "edges" lists: not a SADFace document (export it from the SADFace '
            "tools as JSON)"
        )
    core = doc.setdefault("metadata", {}).setdefault("core", {})
    for key in (
        "created",
        "edited",
        "analyst_name",
        "analyst_email",
        "notes",
        "description",
        "title",
        "version",
    ):
        core.setdefault(key, doc.get(key))
    titles = {}
    for i, node in enumerate(doc["nodes"], 1):
        if (
            not isinstance(node, dict)
            or not node.get("id")
            or node.get("type") not in ("atom", "scheme")
        ):
            raise MapError(f'node {i} needs an "id" and a "type" of "atom" or "scheme"')
        node["id"] = str(
            node["id"]
        )  # ids are strings (a numeric id reached the id slugs as an int)
        node.setdefault("metadata", {})
        node.setdefault("text", "")
        if node["type"] == "scheme":
            scheme = str(node.get("name") or "support")
            node["name"] = _SADFACE_SCHEMES.get(scheme.lower(), "support")
            if scheme.lower() not in _SADFACE_SCHEMES:
                titles[node["id"]] = scheme
    for i, edge in enumerate(doc["edges"], 1):
        if not isinstance(edge, dict):
            raise MapError(f'edge {i} is not an object with "source_id" and "target_id"')
        for key in ("id", "source_id", "target_id"):
            if edge.get(key) is not None:
                edge[key] = str(edge[key])
    imported = ImportedMap(name)
    add_structure(
        imported, load.sadface(cast("sadface.Graph", doc), name), titles=titles
    )  # checked above
    return imported


def _kialo(text: str, name: str) -> ImportedMap:
    from arguebuf import load

    first = text.lstrip("\ufeff").split("\n", 1)[0]
    if not first.startswith("Discussion Title:"):
        raise MapError(
            "the first line is not 'Discussion Title: …': not a Kialo export "
            "(in Kialo: ⋯ ▸ Export discussion ▸ as plain text)"
        )
    imported = ImportedMap(name)
    add_structure(imported, load.kialo(io.StringIO(text.lstrip("\ufeff")), name))
    return imported
