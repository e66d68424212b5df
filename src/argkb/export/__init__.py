"""Exports of the argument map: one model (``argkb.export.model``), one module per format family.

``render(amap, fmt, **options)`` returns the document as text; ``stream(amap, fmt, **options)``
yields it in pieces, for a writer that puts each on disk as it comes (the formats in ``STREAMS`` are
made that way, never held whole; the others come as one piece). Formats and the function writing
each are listed in ``FORMATS``; modules are imported only when their format is asked for.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
from collections.abc import Iterator

#: format name -> "module:function" (each function takes the ArgumentMap and keyword options)
FORMATS: dict[str, str] = {
    "graphml": "argkb.export.graphml:to_graphml",
    "graphml-yed": "argkb.export.graphml:to_yed",
    "gexf": "argkb.export.gexf:to_gexf",
    "dot": "argkb.export.dot:to_dot",
    "cyjs": "argkb.export.cyjs:to_cyjs",
    "mermaid": "argkb.export.mermaid:to_mermaid",
    "mermaid-md": "argkb.export.mermaid:to_mermaid_markdown",
    "jsonld": "argkb.export.rdf:to_jsonld",
    "turtle": "argkb.export.rdf:to_turtle",
    "aif": "argkb.export.aif:to_aif",
    "xaif": "argkb.export.aif:to_xaif",
    "html": "argkb.export.html:to_html",
    "argdown": "argkb.export.argdown:to_argdown",
}


#: format name -> "module:function" yielding the document in pieces (large maps: not held whole)
STREAMS: dict[str, str] = {
    "graphml": "argkb.export.graphml:graphml_chunks",
    "gexf": "argkb.export.gexf:gexf_chunks",
}


def _writer(table: dict[str, str], fmt: str):
    module, func = table[fmt].split(":")
    return getattr(importlib.import_module(module), func)


def render(amap, fmt: str, **options) -> str:
    return _writer(FORMATS, fmt)(amap, **options)


def stream(amap, fmt: str, **options) -> Iterator[str]:
    """The document in pieces whose concatenation is ``render(amap, fmt, **options)``."""
    if fmt in STREAMS:
        yield from _writer(STREAMS, fmt)(amap, **options)
    else:
        yield render(amap, fmt, **options)


def export_time() -> dt.datetime:
    """Now (UTC), or $SOURCE_DATE_EPOCH when set, so exports can be reproduced byte for byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC)
