"""``argkb source add | list | show``: an article's text registered as a contribution of its own.

``register`` reads the article (``argkb.author.ingest``: normalised to LF and NFC), writes an
``argkb:Source`` node — title, date, creators, publisher, URL, language and the SHA-256 of the
stored text — and hands both to ``argkb.contrib.add.add``: the text goes to
``data/sources/NAME.txt`` in the same locked, logged step as the node, so a source is
registered whole or not at all, and is retracted like any contribution (``argkb retract``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from argkb.author.ingest import MAX_SOURCE_BYTES, one_line, read_article
from argkb.author.queries import USED_QUERY
from argkb.errors import UsageError
from argkb.kb.folder import SOURCE_ID, KnowledgeBase
from argkb.kb.scratch import scratch
from argkb.rdf.ids import short
from argkb.rdf.serialize import to_turtle
from argkb.vocab.namespaces import ARGKB, KB

if TYPE_CHECKING:  # pragma: no cover
    from argkb.contrib.add import Outcome

#: a source id: a Turtle local name that is also a safe file name
_ID = SOURCE_ID
_RESERVED = ("contribution-", "genid-", "contributor-")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_URL = re.compile(r"^https?://[^\s<>\"{}|^`\\\x00-\x1f\x7f-\x9f]+$")


@dataclass
class SourceMeta:
    title: str
    date: str | None = None
    creators: list[str] = field(default_factory=list)
    publisher: str | None = None
    url: str | None = None
    language: str | None = None
    media_type: str = "text/plain"
    origins: dict[str, str] = field(default_factory=dict)  # field -> where its value came from


def check_id(ident: str) -> URIRef:
    if not _ID.match(ident or ""):
        raise UsageError(
            f"--id {ident!r} is not a valid source id: use letters, digits, '-' and '_', starting "
            "with a letter (e.g. --id eu-sanctions-2025)"
        )
    if ident.startswith(_RESERVED):
        raise UsageError(
            f"--id {ident!r}: ids starting with {', '.join(_RESERVED)} are reserved; choose another"
        )
    return KB[ident]


def check_unused(kb: KnowledgeBase, ident: str) -> None:
    """Refuse an id the knowledge base already uses, as a node or as a stored text."""
    from argkb.store import open_store

    iri = KB[ident]
    path = kb.sources_dir / f"{ident}.txt"
    rows = open_store(kb).query(USED_QUERY, {"_node": iri}).rows
    if rows:
        what = ", ".join(sorted({short(t) for (t,) in rows if t is not None})) or "a node"
        raise UsageError(f"--id {ident}: {short(iri)} is already used ({what}); choose another id")
    if path.exists():
        raise UsageError(
            f"--id {ident}: {path.relative_to(kb.root)} already exists (kept from a retracted "
            "source?); choose another id"
        )


def metadata(
    article, title=None, date=None, creators=(), publisher=None, url=None, language=None
) -> SourceMeta:
    """What the user gave, else what the file says (``origins``: which, field by field); checked."""
    given_title, given_creators, given_publisher, given_url, given_language = (
        title,
        creators,
        publisher,
        url,
        language,
    )
    title = one_line(title or article.title or "")
    if not title:
        raise UsageError("give the article's title with --title (the file does not name one)")
    given_date = date
    if not date and not article.date and article.media_type == "text/html":
        raise UsageError(
            "the page's metadata gives no publication date (argkb reads dates only from a page's "
            "<meta> tags and JSON-LD, never from its text): give it with --date YYYY-MM-DD"
        )
    date = date or article.date
    if date:
        try:
            date = Date.fromisoformat(date).isoformat()
        except ValueError:
            if given_date:
                raise UsageError(f"--date {given_date!r}: give the date as YYYY-MM-DD") from None
            date = None  # an unusable date read from the page is dropped, not fatal
    url = url or article.url
    if url and not _URL.match(url):
        raise UsageError(f"--url {url!r}: give an http:// or https:// address")
    language = language or article.language
    if language and not _LANGUAGE.match(language):
        raise UsageError(f"--language {language!r}: give a language tag such as en or en-GB")
    creators = [one_line(c) for c in (creators or article.creators) if one_line(c)]
    publisher = one_line(publisher or article.publisher or "") or None
    given = {
        "title": title and given_title,
        "date": given_date,
        "creators": given_creators,
        "publisher": given_publisher,
        "url": given_url,
        "language": given_language,
    }
    origins = {
        k: (f"--{k.rstrip('s')}" if given[k] else article.origins.get(k, "the file"))
        for k, v in (
            ("title", title),
            ("date", date),
            ("creators", creators),
            ("publisher", publisher),
            ("url", url),
            ("language", language),
        )
        if v
    }
    return SourceMeta(title, date, creators, publisher, url, language, article.media_type, origins)


def source_graph(iri: URIRef, meta: SourceMeta, sha256: str) -> Graph:
    g = Graph()
    g.add((iri, RDF.type, ARGKB.Source))
    g.add((iri, RDF.type, PROV.Entity))
    g.add((iri, DCTERMS.title, Literal(meta.title)))
    g.add((iri, RDFS.label, Literal(meta.title)))
    g.add((iri, ARGKB.sha256, Literal(sha256)))
    g.add((iri, DCTERMS.format, Literal(meta.media_type)))
    if meta.date:
        g.add((iri, DCTERMS.date, Literal(meta.date, datatype=XSD.date)))
    for name in meta.creators:
        g.add((iri, DCTERMS.creator, Literal(name)))
    if meta.publisher:
        g.add((iri, DCTERMS.publisher, Literal(meta.publisher)))
    if meta.url:
        g.add((iri, DCTERMS.source, URIRef(meta.url)))
    if meta.language:
        g.add((iri, DCTERMS.language, Literal(meta.language)))
    return g


@dataclass
class Registration:
    source: URIRef
    text_file: Path
    chars: int
    sha256: str
    outcome: Outcome
    meta: SourceMeta | None = None

    def _fields(self) -> list[tuple[str, str]]:
        m = self.meta or SourceMeta("")
        return [
            (k, v)
            for k, v in (
                ("title", m.title),
                ("date", m.date),
                ("creators", "; ".join(m.creators)),
                ("publisher", m.publisher),
                ("url", m.url),
                ("language", m.language),
            )
            if v
        ]

    @property
    def exit_code(self) -> int:
        return self.outcome.exit_code

    def to_text(self) -> str:
        from argkb.kb.folder import relative

        lines = list(self.outcome.notes)
        if self.outcome.status == "added":
            lines.append(
                f"registered {short(self.source)}: {relative(self.text_file)} "
                f"({self.chars} characters, sha256 {self.sha256[:12]}…)"
            )
            origins = self.meta.origins if self.meta is not None else {}
            lines += [
                f"  {field_}: {value} (from {origins[field_]})"
                for field_, value in self._fields()
                if not origins.get(field_, "--").startswith("--")
            ]  # the options' need no saying
        elif self.outcome.report is not None and not self.outcome.report.conforms:
            lines.append(self.outcome.report.to_text())
        lines.append(self.outcome.summary)
        return "\n".join(lines)


def register(
    kb: KnowledgeBase,
    path: Path,
    ident: str,
    *,
    title: str | None = None,
    date: str | None = None,
    creators=(),
    publisher: str | None = None,
    url: str | None = None,
    language: str | None = None,
    author: str | None = None,
    message: str = "",
    encoding: str | None = None,
    max_bytes: int = MAX_SOURCE_BYTES,
    timeout: float = 60.0,
) -> Registration:
    """Register the article at ``path`` as source ``kb:ident`` (see the module); nothing is written
    if refused."""
    from argkb.contrib.add import add

    kb.require_writable()
    iri = check_id(ident)
    article = read_article(Path(path), encoding, max_bytes)
    meta = metadata(article, title, date, creators, publisher, url, language)
    check_unused(kb, ident)
    stored = article.text.encode("utf-8")
    sha = hashlib.sha256(stored).hexdigest()
    text_file = kb.sources_dir / f"{ident}.txt"
    header = f"Source {short(iri)}: registered by `argkb source add` from {Path(path).name}."
    # in the knowledge base's cache, not the system's temporary folder: a folder left by a killed
    # process is removed by the next command that needs one (argkb.kb.scratch)
    with scratch(kb, "source") as tmp:
        node_file = tmp / f"{ident}.ttl"
        node_file.write_text(to_turtle(source_graph(iri, meta, sha), header), encoding="utf-8")
        outcome = add(
            kb,
            [node_file],
            author=author,
            message=message or f"register source {short(iri)}",
            timeout=timeout,
            attachments={text_file: article.text},
            guard=lambda live: check_unused(live, ident),
            inputs=[Path(path).name],
        )
    return Registration(iri, text_file, len(article.text), sha, outcome, meta)
