"""``argkb source list`` and ``argkb source show``: the registered sources, what is anchored to
them, and (through ``argkb.author.draft``) which of a source's consequence sentences no implication
quotes yet."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from argkb.author.queries import ANCHORED_QUERY, LIST_QUERY, META_QUERY
from argkb.author.quote import stored_text
from argkb.errors import UsageError
from argkb.kb.folder import KnowledgeBase, relative
from argkb.rdf.ids import short, to_iri, unknown_message

_META_NAMES = {
    "http://purl.org/dc/terms/title": "title",
    "http://purl.org/dc/terms/date": "date",
    "http://purl.org/dc/terms/creator": "creator",
    "http://purl.org/dc/terms/publisher": "publisher",
    "http://purl.org/dc/terms/source": "url",
    "http://purl.org/dc/terms/language": "language",
    "http://purl.org/dc/terms/format": "format",
    "https://w3id.org/argkb/ontology#sha256": "sha256",
}


@dataclass
class SourceSummary:
    source: URIRef
    title: str
    date: str | None
    quotes: int
    claims: int
    text_file: str | None  # relative path, None when no text is stored

    def to_dict(self) -> dict:
        return {
            "id": short(self.source),
            "title": self.title,
            "date": self.date,
            "quotes": self.quotes,
            "claims": self.claims,
            "text_file": self.text_file,
        }


@dataclass
class SourceDetail:
    summary: SourceSummary
    metadata: dict[str, list[str]]
    chars: int | None
    claims: list[tuple[str, str, int | None]] = field(default_factory=list)  # (claim, quote, start)
    unquoted: list[tuple[int, int, str, int]] = field(
        default_factory=list
    )  # consequences `draft` finds, open

    def to_dict(self) -> dict:
        return {
            **self.summary.to_dict(),
            "metadata": self.metadata,
            "characters": self.chars,
            "anchored": [{"claim": c, "quote": q, "start": s} for c, q, s in self.claims],
            "unquoted_consequences": [
                {"number": n, "start": a, "end": b, "sentence": t} for a, b, t, n in self.unquoted
            ],
        }


def _store(kb: KnowledgeBase):
    from argkb.store import open_store

    return open_store(kb)


def _text_file(kb: KnowledgeBase, source: URIRef) -> str | None:
    path = kb.source_text_path(source)
    return relative(path) if path is not None and path.is_file() else None


def list_sources(kb: KnowledgeBase) -> list[SourceSummary]:
    rows = _store(kb).query(LIST_QUERY).dicts()
    return [
        SourceSummary(
            r["source"],
            str(r["title"] or ""),
            None if r["date"] is None else str(r["date"]),
            int(r["quotes"]),
            int(r["claims"]),
            _text_file(kb, r["source"]),
        )
        for r in rows
        if isinstance(r["source"], URIRef)
    ]


def show_source(kb: KnowledgeBase, ident: str) -> SourceDetail:
    iri = to_iri(ident)
    summaries = {s.source: s for s in list_sources(kb)}
    if iri not in summaries:
        raise UsageError(unknown_message(ident, summaries, "source") + "; see `argkb source list`")
    store = _store(kb)
    meta: dict[str, list[str]] = {}
    for r in store.query(META_QUERY, {"_source": iri}).dicts():
        name = _META_NAMES.get(str(r["p"]))
        if name:
            meta.setdefault(name, []).append(str(r["o"]))
    anchored = [
        (
            short(r["claim"]) if r["claim"] is not None else "",
            short(r["quote"]),
            None if r["start"] is None else int(r["start"]),
        )
        for r in store.query(ANCHORED_QUERY, {"_source": iri}).dicts()
    ]
    chars = unquoted = None
    if summaries[iri].text_file:
        from argkb.author.draft import unquoted_consequences

        chars = len(stored_text(kb, ident)[1])
        unquoted = [
            (f.sentence.start, f.sentence.end, f.sentence.text, f.sentence.number)
            for f in unquoted_consequences(kb, ident, store)
        ]
    return SourceDetail(
        summaries[iri],
        {k: sorted(v) for k, v in meta.items()},
        chars,
        [a for a in anchored if a[0]],
        unquoted or [],
    )


def list_text(summaries: list[SourceSummary]) -> str:
    if not summaries:
        return (
            "no sources yet: register an article with `argkb source add FILE --id NAME --title "
            "TITLE`"
        )
    lines = []
    for s in summaries:
        text = s.text_file or "NO TEXT (quotes cannot be checked)"
        lines.append(
            f"{short(s.source)}  {s.date or '':10}  quotes {s.quotes:>3}  claims {s.claims:>3}  "
            f"{text}"
        )
        lines.append(f"    {s.title}")
    return "\n".join(lines)


def detail_text(d: SourceDetail) -> str:
    s = d.summary
    lines = [short(s.source)]
    for name in ("title", "date", "creator", "publisher", "url", "language", "format", "sha256"):
        for value in d.metadata.get(name, []):
            lines.append(f"  {name + ':':11}{value}")
    lines.append(
        f"  {'text:':11}{s.text_file or 'none registered'}"
        + (f" ({d.chars} characters)" if d.chars is not None else "")
    )
    lines.append(f"  {'anchored:':11}{s.quotes} quote(s), {s.claims} claim(s)")
    for claim, quote, start in d.claims:
        lines.append(f"    {claim} ← {quote}" + (f" @{start}" if start is not None else ""))
    if d.chars is not None:
        lines.append(
            f"  {'unquoted:':11}{len(d.unquoted)} sentence(s) stating a consequence that no "
            "implication quotes yet"
            + (
                " (`argkb draft` drafts them; `argkb source dismiss NAME N --reason …` sets "
                "aside sentence N if it states none):"
                if d.unquoted
                else ""
            )
        )
        lines += [f"    {n}. [{a}, {b}) {' '.join(t.split())}" for a, b, t, n in d.unquoted]
    return "\n".join(lines)
