"""An HTML page's metadata, read from its metadata only, with where each field came from.

trafilatura reads the article's text, but its date finder (htmldate) falls back on dates in the
body text when the markup gives none: "back in 2011" became a publication date. Here every field
comes from the page's own metadata: the JSON-LD blocks (schema.org ``headline``, ``datePublished``,
``author``, ``publisher``, ``url``), the ``<meta>`` tags (trafilatura's ``examine_meta``: Open
Graph, Dublin Core, ``author``, ``article:published_time`` …), the date markup htmldate reads with
its body-text search off, the ``<title>`` element and ``<html lang>``. ``origins`` says, field by
field, which of these gave the value; a field the metadata lacks stays empty (``argkb source add``
then asks for it: ``--date``, ``--title``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

#: JSON-LD keys read, per field, in order of preference
_JSONLD = {
    "title": ("headline", "name"),
    "date": ("datePublished", "dateCreated"),
    "author": ("author",),
    "publisher": ("publisher",),
    "url": ("url", "mainEntityOfPage"),
}


@dataclass
class PageMeta:
    title: str | None = None
    date: str | None = None
    creators: list[str] = field(default_factory=list)
    publisher: str | None = None
    url: str | None = None
    language: str | None = None
    origins: dict[str, str] = field(default_factory=dict)  # field -> where its value came from


def _name(value) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return "; ".join(names) or None
    if isinstance(value, dict):
        return _name(value.get("name") or value.get("@id"))
    return str(value).strip() if isinstance(value, (str, int)) and str(value).strip() else None


def _jsonld(tree) -> dict[str, str]:
    found: dict[str, str] = {}
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        items = (
            data
            if isinstance(data, list)
            else data.get("@graph", [data])
            if isinstance(data, dict)
            else []
        )
        for item in (i for i in items if isinstance(i, dict)):
            for key, names in _JSONLD.items():
                value = next((v for v in (_name(item.get(n)) for n in names) if v), None)
                if value and key not in found:
                    found[key] = value
    return found


def page_meta(html: str) -> PageMeta:
    """The page's metadata (see the module), each field with its origin."""
    from htmldate import find_date
    from trafilatura.metadata import examine_meta
    from trafilatura.utils import load_html

    tree = load_html(html)
    meta = PageMeta()
    if tree is None:
        return meta
    ld = _jsonld(tree)
    tags = examine_meta(load_html(html))

    def take(name: str, *candidates: tuple[str | None, str]) -> str | None:
        for value, origin in candidates:
            if value and str(value).strip():
                meta.origins[name] = origin
                return " ".join(str(value).split())
        return None

    titles = tree.xpath("//head/title/text()")
    meta.title = take(
        "title",
        (ld.get("title"), "the page's JSON-LD (headline)"),
        (tags.title, "the page's <meta> tags (og:title, dc.title …)"),
        (
            titles[0].split(" | ")[0].split(" - ")[0] if titles else None,
            "the page's <title> element",
        ),
    )
    date = find_date(tree, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    meta.date = take(
        "date",
        ((ld.get("date") or "")[:10] or None, "the page's JSON-LD (datePublished)"),
        (
            date,
            "the page's date markup (<meta> tags, read by htmldate without its body-text search)",
        ),
    )
    author = take(
        "creators",
        (ld.get("author"), "the page's JSON-LD (author)"),
        (tags.author, "the page's <meta> tags (author, article:author …)"),
    )
    meta.creators = [a.strip() for a in (author or "").split(";") if a.strip()]
    meta.publisher = take(
        "publisher",
        (ld.get("publisher"), "the page's JSON-LD (publisher)"),
        (tags.sitename, "the page's <meta> tags (og:site_name …)"),
    )
    url = ld.get("url") if str(ld.get("url", "")).startswith("http") else None
    meta.url = take(
        "url",
        (url, "the page's JSON-LD (url)"),
        (tags.url, "the page's <meta> tags (og:url, canonical link)"),
    )
    lang = tree.xpath("/html/@lang")
    meta.language = take(
        "language", (lang[0] if lang else None, "the page's <html lang> attribute")
    )
    return meta
