"""Reading an article into the text argkb stores, and the metadata the file itself carries.

``.txt`` and ``.md`` are read as they are; ``.html``/``.htm`` go through trafilatura (the main
text, and title, date and author when the page gives them); ``.pdf`` through pypdf (the text
of every page, pages separated by a blank line). The two extractors are the optional extra
``argkb[ingest]``.

**Normalisation** (what offsets count in): the stored text is the extracted text with a
byte-order mark removed, line endings turned to LF (``\\r\\n`` and ``\\r`` → ``\\n``), Unicode
in NFC, and terminal escape sequences and control characters other than tab and line feed dropped
(``strip_controls``); nothing else is changed — no trimming, no re-wrapping — so offsets into the
stored file are offsets into the article as read. Refused before anything is written: an empty
file (or one holding only whitespace), a binary file, text that is not UTF-8 (unless an
``encoding`` is given), a file over the size cap, a format argkb does not read.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from argkb.errors import InputError, UsageError

#: the largest article file argkb reads (bytes)
MAX_SOURCE_BYTES = 16 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
PDF_SUFFIXES = (".pdf",)
EXTRA_HINT = "install the extra: pip install 'argkb[ingest]'"


@dataclass
class Article:
    text: str  # normalised: what data/sources/NAME.txt will hold
    media_type: str  # of the file read: text/plain, text/markdown, text/html, application/pdf
    title: str | None = None  # as the file gives them (HTML: trafilatura)
    date: str | None = None
    creators: list[str] = field(default_factory=list)
    url: str | None = None
    language: str | None = None
    publisher: str | None = None
    origins: dict[str, str] = field(
        default_factory=dict
    )  # field -> where in the file its value came from


def normalise(text: str) -> str:
    """The one normalisation of stored source texts: no BOM, LF line endings, Unicode NFC."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


#: a terminal escape sequence: CSI (``ESC [ … final``), OSC (``ESC ] … BEL`` or ``ESC \\``), or a
#: two-byte escape
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b\n]{0,256}(?:\x07|\x1b\\)?|[ -~]?)"
)
#: control characters other than tab and line feed (C0, DEL, C1: \x9b is an 8-bit CSI)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """``text`` without terminal escape sequences and control characters (tab and line feed are
    kept): PDFs and pasted texts carry them, and stored raw they reached labels and the terminal of
    whoever printed them."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def one_line(text: str) -> str:
    """Metadata (a title, a creator) as one plain line: no control characters, spaces collapsed."""
    return " ".join(_CONTROL.sub(" ", _ESCAPE_SEQUENCE.sub("", text)).split())


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control characters other than tab and line feed are
    shown escaped (``\\x1b``), never sent raw (a stored text or label edited by hand may hold
    them)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def read_article(
    path: Path, encoding: str | None = None, max_bytes: int = MAX_SOURCE_BYTES
) -> Article:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (*TEXT_SUFFIXES, *HTML_SUFFIXES, *PDF_SUFFIXES):
        raise InputError(
            path,
            "argkb reads articles as "
            f"{', '.join((*TEXT_SUFFIXES, *HTML_SUFFIXES, *PDF_SUFFIXES))}; save the article in "
            "one of these formats",
        )
    data = _read_capped(path, max_bytes)
    if not data.strip():
        raise InputError(path, "is empty: there is no text to register")
    if suffix in PDF_SUFFIXES:
        article = _pdf(path, data)
    else:
        raw = _decode(path, data, encoding)
        article = (
            _html(path, raw)
            if suffix in HTML_SUFFIXES
            else Article(raw, "text/markdown" if suffix != ".txt" else "text/plain")
        )
    article.text = strip_controls(normalise(article.text))
    if not article.text.strip():
        raise InputError(path, "holds no text argkb can extract (a scanned PDF or an empty page?)")
    return article


def _read_capped(path: Path, max_bytes: int) -> bytes:
    """The file's bytes: a regular file only (a FIFO would block, /dev/zero never end), at most
    ``max_bytes`` of them, counted as read."""
    import os
    import stat

    from argkb.rdf.parse import read_bytes

    too_big = (
        f"is over the cap of {max_bytes} bytes; give --max-bytes N to allow it, or register only "
        "the article's text"
    )
    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        what = "a folder" if stat.S_ISDIR(st.st_mode) else "a device, FIFO or socket"
        raise InputError(
            path, f"is not a regular file ({what}); save the article to a file and register that"
        )
    if st.st_size > max_bytes:
        raise InputError(path, f"is {st.st_size} bytes, {too_big}")
    try:
        return read_bytes(path, max_bytes)
    except InputError as exc:
        if "over the limit" in exc.reason:
            raise InputError(path, too_big) from None
        raise


def _decode(path: Path, data: bytes, encoding: str | None) -> str:
    if b"\x00" in data[:8192] or _control_ratio(data[:8192]) > 0.1:
        raise InputError(path, "looks binary, not text; give a .txt, .md, .html or .pdf file")
    hint = (
        "give its encoding with --encoding (e.g. --encoding cp1252)"
        if not encoding
        else "check the --encoding given (a text encoding such as utf-8, latin-1 or cp1252)"
    )
    try:
        text = data.decode(encoding or "utf-8")
    except LookupError:
        raise UsageError(
            f"--encoding {encoding}: not a text encoding Python knows (e.g. utf-8, latin-1, cp1252)"
        ) from None
    except UnicodeDecodeError as exc:
        raise InputError(
            path,
            f"is not {encoding or 'UTF-8'} text (byte {exc.start}: "
            f"{data[exc.start : exc.start + 1]!r}); {hint}",
        ) from None
    except (UnicodeError, ValueError, TypeError) as exc:  # codecs such as punycode raise these
        raise InputError(path, f"is not {encoding} text ({exc}); {hint}") from None
    bad = next((i for i, c in enumerate(text) if "\ud800" <= c <= "\udfff"), None)
    if bad is not None:
        raise InputError(
            path,
            f"decoded as {encoding or 'UTF-8'}, it holds a lone surrogate (character {bad}), "
            f"which no text file can store; {hint}",
        )
    return text


def _clip(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[:limit] + "…"


def _control_ratio(sample: bytes) -> float:
    if not sample:
        return 0.0
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample)


#: the most HTML elements handed to trafilatura, which slows super-linearly (100,000 <p> took 74 s;
#: 20,000 take a few seconds); an article page holds a few thousand
MAX_HTML_ELEMENTS = 20_000
_START_TAG = re.compile(r"<[A-Za-z]")


def _html(path: Path, html: str) -> Article:
    try:
        import trafilatura
        from trafilatura.settings import Document

        from argkb.author.page_meta import page_meta
    except ImportError:
        raise UsageError(f"{path}: reading HTML needs trafilatura; {EXTRA_HINT}") from None
    elements = sum(1 for _ in _START_TAG.finditer(html))
    if elements > MAX_HTML_ELEMENTS:
        raise InputError(
            path,
            f"has {elements:,} HTML elements, over the {MAX_HTML_ELEMENTS:,} argkb reads from a "
            "page; save the article's own text as .txt and register that",
        )
    doc = trafilatura.bare_extraction(
        html, with_metadata=False, include_comments=False, include_tables=True
    )
    if (
        not isinstance(doc, Document) or not (doc.text or "").strip()
    ):  # (a dict only when asked with as_dict)
        raise InputError(
            path,
            "no main text found in the page; save the article's text as .txt and register that",
        )
    # the metadata from the page's metadata only, never from its body text (argkb.author.page_meta)
    meta = page_meta(html)
    creators = [
        a.strip() for c in meta.creators for a in one_line(c).split(";") if a.strip()
    ]  # escapes hold ";"
    return Article(
        doc.text or "",
        "text/html",
        title=meta.title,
        date=meta.date,
        creators=creators,
        url=meta.url,
        language=meta.language,
        publisher=meta.publisher,
        origins=meta.origins,
    )


#: pypdf reads text at about 30 µs an operation (0.5 MB/s of page content): a PDF's pages may hold
#: at most this much content, and their text this many operations (forms drawn again and again
#: included), so that a crafted one — megabytes of text operators on one page, a form drawn a
#: million times — ends in seconds. An article holds far less: a few hundred operations and some 20
#: KB of content a page
MAX_PDF_CONTENT_BYTES = 2 * 2**20
MAX_PDF_OPERATIONS = 150_000
_PDF_HINT = "save the article's text as .txt and register that"


class _TooManyOperations(Exception):
    pass


def _pdf_pages(path: Path, reader) -> list[str]:
    """The text of each page, within ``MAX_PDF_CONTENT_BYTES`` and ``MAX_PDF_OPERATIONS``."""
    pages = list(reader.pages)
    content = 0
    for page in pages:
        streams = page.get("/Contents")
        streams = streams.get_object() if streams is not None else []
        for stream in streams if isinstance(streams, list) else [streams]:
            content += len(stream.get_object().get_data())
        if content > MAX_PDF_CONTENT_BYTES:
            raise InputError(
                path,
                f"holds over {MAX_PDF_CONTENT_BYTES // 2**20} MiB of page content, more than "
                f"argkb reads from an article; {_PDF_HINT}",
            )
    count = [0]

    def counted(*_args) -> None:
        count[0] += 1
        if count[0] > MAX_PDF_OPERATIONS:
            raise _TooManyOperations

    try:
        return [(page.extract_text(visitor_operand_before=counted) or "").strip() for page in pages]
    except _TooManyOperations:
        raise InputError(
            path,
            f"draws its text in over {MAX_PDF_OPERATIONS:,} operations, more than argkb reads "
            f"from an article; {_PDF_HINT}",
        ) from None


class _Warnings(logging.Handler):
    """pypdf's warnings while it reads, kept (not printed before argkb's own words)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _pypdf_warnings():
    logger, kept = logging.getLogger("pypdf"), _Warnings()
    logger.addHandler(kept)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield kept.messages
    finally:
        logger.removeHandler(kept)
        logger.propagate = propagate


def _pdf(path: Path, data: bytes) -> Article:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:
        raise UsageError(f"{path}: reading PDF needs pypdf; {EXTRA_HINT}") from None
    try:
        with _pypdf_warnings() as said:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise InputError(
                    path, "is an encrypted PDF; save an unencrypted copy or its text as .txt"
                )
            pages = _pdf_pages(path, reader)
            meta = reader.metadata
        skipped = [message for message in said if "form" in message and "skip" in message]
        if (
            skipped
        ):  # a form drawn over 5,000 times (or in a cycle): the text would be stored incomplete
            raise InputError(path, f"has text pypdf leaves out ({_clip(skipped[0])}); {_PDF_HINT}")
    except PdfReadError as exc:
        raise InputError(
            path, f"is not a readable PDF ({_clip(exc)}); save the article's text as .txt"
        ) from None
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf on a hostile file: LimitReachedError, RecursionError, KeyError …
        raise InputError(
            path,
            f"is a PDF pypdf cannot read ({type(exc).__name__}: {_clip(exc)}); save the "
            "article's text as .txt and register that",
        ) from None
    title = (meta.title if meta else None) or None
    author = (meta.author if meta else None) or None
    creators = [
        a.strip() for a in one_line(author or "").split(";") if a.strip()
    ]  # escapes hold ';'
    return Article(
        "\n\n".join(p for p in pages if p), "application/pdf", title=title, creators=creators
    )
