"""XML written as a stream of text pieces, for the exports that can be large (GraphML, GEXF).

At a million triples the argument map has about 130,000 nodes; building the whole document as a tree
(networkx, ElementTree) and then one string of it held some 1.2 GB and took most of the export's time.
These writers yield the document in pieces of about ``CHUNK`` characters instead: the command writes
each piece to the file as it comes, and ``render`` joins them when a caller wants the text.

Text and attribute values are escaped here, and only here: ``&``, ``<``, ``>``, quotes in attributes,
and the carriage return, tab and line feed characters an attribute (or a carriage return in text)
would otherwise lose to XML's normalisation. The model has already removed the control characters
XML cannot carry (``argkb.export.model.clean``).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

#: characters per piece handed to the writer
CHUNK = 1 << 20

_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;",
                       "\t": "&#9;"})

DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"


def text(value: object) -> str:
    """``value`` as XML character data."""
    return str(value).translate(_TEXT)


def attrs(values: dict[str, object]) -> str:
    """`` name="value"`` for each item, values escaped (names are the writer's own)."""
    return "".join(f' {name}="{str(value).translate(_ATTR)}"' for name, value in values.items())


def element(tag: str, values: dict[str, object] | None = None, body: str | None = None) -> str:
    """One element on one line: empty (``<tag …/>``) without ``body``, else with ``body`` as its text."""
    start = f"<{tag}{attrs(values) if values else ''}"
    return f"{start}/>" if body is None else f"{start}>{text(body)}</{tag}>"


def batched(pieces: Iterable[str], size: int | None = None) -> Iterator[str]:
    """The pieces joined into strings of about ``size`` (default ``CHUNK``) characters: fewer, larger writes."""
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
