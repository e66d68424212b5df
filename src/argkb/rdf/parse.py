"""Reading RDF files safely: clear errors with file, line and column; no network.

Every file argkb reads goes through ``parse_file``. It refuses, with an ``InputError``:
binary or non-UTF-8 input, files over a size bound, RDF/XML that declares entities
(external entities are never resolved, internal ones never expanded), and JSON-LD
that would load a remote ``@context``. It never follows ``owl:imports``.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from argkb.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

#: file suffix -> rdflib parser name
FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".ntriples": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}

#: rdflib parser name -> pyoxigraph media type, used to locate syntax errors precisely
_OX_MEDIA = {"turtle": "text/turtle", "nt": "application/n-triples", "xml": "application/rdf+xml"}

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)


def guess_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise InputError(path, f"unknown RDF file type {path.suffix!r}; argkb reads {known}")
    return fmt


#: the largest file argkb reads from a user (a contribution, ``--data``, ``validate FILE``)
USER_MAX_BYTES = 16 * 1024 * 1024
#: the largest file argkb reads at all (the knowledge base's own files included)
MAX_FILE_BYTES = 256 * 1024 * 1024


def read_bytes(path: Path, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file, at most ``max_bytes`` of them (counted as read, not from
    ``st_size``), else an InputError saying why not: devices, FIFOs and sockets are refused before
    reading."""
    limit = MAX_FILE_BYTES if max_bytes is None else max_bytes
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(path, "is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise InputError(
                path, "is not a regular file (a device, FIFO or socket); give a file on disk"
            )
        _check_size(path, os.fstat(fd).st_size, limit)
        try:
            raw = handle.read(limit + 1)
        except OSError as exc:
            raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > limit:
        raise InputError(
            path, f"file is over the limit of {limit:,} bytes; split it into smaller files"
        )
    return raw


def check_input_file(path: Path, max_bytes: int = USER_MAX_BYTES) -> None:
    """Refuse, before any reading, a user's file that is missing, not a regular file, or larger than
    the limit."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputError(
            path,
            "no such file"
            if isinstance(exc, FileNotFoundError)
            else f"cannot read: {exc.strerror or exc}",
        ) from None
    if not stat.S_ISREG(st.st_mode):
        what = (
            "is a folder, not a file"
            if stat.S_ISDIR(st.st_mode)
            else "is not a regular file (a device, FIFO or socket); give a file on disk"
        )
        raise InputError(path, what)
    _check_size(path, st.st_size, max_bytes)


def _check_size(path: Path, size: int, limit: int) -> None:
    if size > limit:
        raise InputError(
            path,
            f"file is {size:,} bytes, over the limit of {limit:,} bytes; split it into smaller "
            "files",
        )


def read_text(path: Path, max_bytes: int | None = None) -> str:
    """The file's text, decoded as UTF-8, or an InputError saying why not."""
    return decode_text(path, read_bytes(path, max_bytes))


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_text(path: Path | str, raw: bytes) -> str:
    if not raw.strip():
        raise InputError(path, "file is empty")
    if raw.startswith(_UTF16_BOMS):
        raise InputError(
            path, "UTF-16 text; argkb reads RDF files as UTF-8 (re-save the file as UTF-8)", 1, 1
        )
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = _line_col(raw, nul)
        raise InputError(path, "binary data (a NUL byte), not an RDF text file", line, col)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        raise InputError(
            path, f"not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be decoded)", line, col
        ) from None
    return text.removeprefix("\ufeff")


def _line_col(raw: bytes | str, index: int) -> tuple[int, int]:
    index = max(0, min(index, len(raw)))
    if isinstance(raw, bytes):
        line, start = raw.count(b"\n", 0, index) + 1, raw.rfind(b"\n", 0, index) + 1
    else:
        line, start = raw.count("\n", 0, index) + 1, raw.rfind("\n", 0, index) + 1
    return line, index - start + 1


def parse_file(
    path: Path | str,
    graph: Graph | None = None,
    fmt: str | None = None,
    max_bytes: int | None = None,
    allow_network: bool = False,
) -> Graph:
    """Parse one RDF file into ``graph`` (a new Graph when None) and return it."""
    path = Path(path)
    fmt = fmt or guess_format(path)
    text = read_text(path, max_bytes)
    return parse_text(text, path, graph, fmt, allow_network)


def parse_text(
    text: str,
    path: Path | str,
    graph: Graph | None = None,
    fmt: str = "turtle",
    allow_network: bool = False,
) -> Graph:
    from rdflib import Graph

    graph = Graph() if graph is None else graph
    if fmt == "xml":
        _refuse_entities(path, text)
    if fmt == "json-ld":
        _check_jsonld(path, text, allow_network)
    base = Path(path).resolve().as_uri() if Path(path).exists() else "urn:argkb:input"
    try:
        graph.parse(data=text, format=fmt, publicID=base)
    except Exception as exc:  # every parser has its own exception types; all mean bad input
        raise _syntax_error(path, text, fmt, exc) from None
    return graph


def _refuse_entities(path: Path | str, text: str) -> None:
    match = _ENTITY_DECL.search(text.encode("utf-8"))
    if match:
        line, col = _line_col(text, text.upper().find("<!ENTITY"))
        raise InputError(
            path,
            "RDF/XML declares an XML entity (<!ENTITY …>); argkb never resolves "
            "or expands entities, remove the DOCTYPE",
            line,
            col,
        )


def _check_jsonld(path: Path | str, text: str, allow_network: bool) -> None:
    deep = (
        "JSON nested too deeply to read (lists or objects inside each other thousands of levels "
        "deep); flatten the document"
    )
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise InputError(path, deep) from None
    if not allow_network:
        try:
            remote = _remote_contexts(doc)
        except RecursionError:
            raise InputError(path, deep) from None
        if remote:
            raise InputError(
                path,
                f"JSON-LD loads a remote @context ({remote[0]}); argkb does not reach the "
                "network: inline the context",
            )


def _remote_contexts(node) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("@context", "@import"):
                items = value if isinstance(value, list) else [value]
                found += [v for v in items if isinstance(v, str)]
            found += _remote_contexts(value)
    elif isinstance(node, list):
        for item in node:
            found += _remote_contexts(item)
    return found


def _syntax_error(path: Path | str, text: str, fmt: str, exc: Exception) -> InputError:
    """Name line and column: from rdflib where it says, else from pyoxigraph's parser."""
    from xml.sax import SAXParseException  # (imported here: start-up of every command)

    first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    why = getattr(exc, "_why", None) or getattr(exc, "msg", None) or first_line
    line: int | None = None
    column: int | None = None
    if hasattr(exc, "_i") and hasattr(
        exc, "_str"
    ):  # rdflib's notation3 BadSyntax: an index into the bytes
        raw = exc._str if isinstance(exc._str, bytes) else str(exc._str).encode("utf-8")
        line, column = _line_col(raw, min(exc._i, len(raw)))
    elif isinstance(exc, SAXParseException):
        line, column = exc.getLineNumber(), (exc.getColumnNumber() or 0) + 1
    if line is None and fmt in _OX_MEDIA:
        line, column, ox_why = _oxigraph_position(text, _OX_MEDIA[fmt])
        why = ox_why or why
    if line is not None and line <= _first_content_line(text):
        # nothing could be read: it may not be an RDF file at all, and what it holds is not echoed
        # back
        why = (
            f"this does not look like {_FORMAT_NAMES.get(fmt, fmt)} (its first statement cannot be "
            "read); is it the right file?"
        )
    return InputError(path, f"syntax error: {why}", line, column)


_FORMAT_NAMES = {"turtle": "Turtle", "nt": "N-Triples", "xml": "RDF/XML", "json-ld": "JSON-LD"}


def _first_content_line(text: str) -> int:
    """The number of the first line that is neither blank nor a comment."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            return number
    return 0


def _oxigraph_position(text: str, media_type: str) -> tuple[int | None, int | None, str | None]:
    try:
        import pyoxigraph
    except ImportError:  # pragma: no cover - pyoxigraph is a declared dependency
        return None, None, None
    try:
        fmt = pyoxigraph.RdfFormat.from_media_type(media_type)
        for _ in pyoxigraph.parse(text.encode("utf-8"), fmt, base_iri="urn:argkb:input"):
            pass
    except SyntaxError as exc:
        message = re.sub(
            r"^Parser error at line \d+ between columns \d+ and \d+: ", "", exc.msg or ""
        )
        return exc.lineno, exc.offset, message or None
    except Exception:  # noqa: BLE001 - only used to improve a message
        return None, None, None
    return None, None, None
