"""XML written as a stream of text pieces, for the exports that can be large (GraphML, GEXF).

At a million triples the argument map has about 130,000 nodes; building the whole document as a tree
(networkx, ElementTree) and then one string of it held some 1.2 GB and took most of the export's
time. These writers yield the document in pieces of about ``CHUNK`` characters instead: the command
writes each piece to the file as it comes, and ``render`` joins them when a caller wants the text.

Text and attribute values are escaped here, and only here: ``&``, ``<``, ``>``, quotes in
attributes, and the carriage return, tab and line feed characters an attribute (or a carriage return
in text) would otherwise lose to XML's normalisation. The model has already removed the control
characters XML cannot carry (``argkb.export.model.clean``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

#: characters per piece handed to the writer
CHUNK = 1 << 20

DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"


def text(value: object) -> str:
    """``value`` as XML character data."""
    text = str(value)  # str.replace finds nothing fast; str.translate looks up every character
    if "&" in text:
        text = text.replace("&", "&amp;")
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def attrs(values: dict[str, object]) -> str:
    """`` name="value"`` for each item, values escaped (names are the writer's own)."""
    return "".join(f' {name}="{_attr(value)}"' for name, value in values.items())


def _attr(value: object) -> str:
    return text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def element(tag: str, values: dict[str, object] | None = None, body: str | None = None) -> str:
    """One element on one line: empty (``<tag …/>``) without ``body``, else with ``body`` as its
    text."""
    start = f"<{tag}{attrs(values) if values else ''}"
    return f"{start}/>" if body is None else f"{start}>{text(body)}</{tag}>"


def batched(pieces: Iterable[str], size: int | None = None) -> Iterator[str]:
    """The pieces joined into strings of about ``size`` (default ``CHUNK``) characters: fewer,
    larger writes."""
    size = CHUNK if size is None else size
    buffer: list[str] = []
    held = 0
    for piece in pieces:
        buffer.append(piece)
        held += len(piece)
        if held >= size:
            yield "".join(buffer)
            buffer, held = [], 0
    if buffer:
        yield "".join(buffer)
