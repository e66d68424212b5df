"""``argkb quote``: a pasted passage as a ready Quote node, with the stored text and its offsets.

One occurrence: the Quote. Several: each with its context, unless ``occurrence`` (1-based) or
``near`` (an offset; the occurrence starting closest to it) picks one. None: the closest passages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from argkb.author.find import Match, closest, find_quote
from argkb.errors import UsageError
from argkb.kb.folder import KnowledgeBase, register_hint
from argkb.rdf.ids import short, to_iri, unknown_message
from argkb.rdf.serialize import to_turtle
from argkb.vocab.namespaces import ARGKB, KB, OA

FOUND, AMBIGUOUS, NOT_FOUND = "found", "ambiguous", "not-found"


def registered_sources(kb: KnowledgeBase) -> list[URIRef]:
    """The sources whose text is stored in ``data/sources/`` (``kb:NAME`` for ``NAME.txt``)."""
    if not kb.sources_dir.is_dir():
        return []
    return [KB[p.stem] for p in sorted(kb.sources_dir.glob("*.txt"))]


def stored_text(kb: KnowledgeBase, source: str) -> tuple[URIRef, str]:
    """The source's IRI and its stored text; a clear error when it has none."""
    iri = to_iri(source)
    path = kb.source_text_path(iri)
    if path is None or not path.is_file():
        known = registered_sources(kb)
        hint = unknown_message(source, known, "source") if known else f"unknown source {source!r}"
        where = f" ({path.relative_to(kb.root)})" if path is not None else ""
        raise UsageError(f"{hint}: no text is registered for it{where}; {register_hint(iri)}")
    try:
        return iri, path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{path}: not UTF-8 at byte {exc.start}; source texts are stored as UTF-8 "
            "(register them with `argkb source add`)"
        ) from None


@dataclass
class QuoteResult:
    source: URIRef
    text: str  # the source's stored text
    needle: str
    status: str  # found | ambiguous | not-found
    matches: list[Match] = field(default_factory=list)
    chosen: Match | None = None
    nearest: list[Match] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 0 if self.status == FOUND else 1


def quote(
    kb: KnowledgeBase,
    source: str,
    needle: str,
    occurrence: int | None = None,
    near: int | None = None,
) -> QuoteResult:
    if occurrence is not None and near is not None:
        raise UsageError("give --occurrence or --near, not both")
    if not needle.strip():
        raise UsageError(
            "the text to find is empty; give the words of the passage as they read in the article"
        )
    iri, text = stored_text(kb, source)
    matches = find_quote(text, needle)
    result = QuoteResult(iri, text, needle, NOT_FOUND, matches)
    if not matches:
        result.nearest = closest(text, needle)
        return result
    chosen = pick(matches, occurrence, near)
    if chosen is None:
        result.status = AMBIGUOUS
        return result
    result.status, result.chosen = FOUND, chosen
    return result


def pick(matches: list[Match], occurrence: int | None, near: int | None) -> Match | None:
    """The one match meant: the only one, the ``occurrence``-th (1-based), or the one starting
    nearest ``near``."""
    if occurrence is not None:
        if not 1 <= occurrence <= len(matches):
            raise UsageError(
                f"--occurrence {occurrence}: the text occurs {len(matches)} time(s); "
                f"give a number from 1 to {len(matches)}"
            )
        return matches[occurrence - 1]
    if near is not None:
        return min(matches, key=lambda m: (abs(m.start - near), m.start))
    return matches[0] if len(matches) == 1 else None


def quote_id(source: URIRef, match: Match) -> URIRef:
    name = str(source)[len(str(KB)) :] if str(source).startswith(str(KB)) else "source"
    return KB[f"quote-{name}-{match.start}"]


def quote_graph(source: URIRef, match: Match, node: URIRef | None = None) -> Graph:
    node = node or quote_id(source, match)
    g = Graph()
    g.add((node, RDF.type, ARGKB.Quote))
    g.add((node, OA.hasSource, source))
    g.add((node, OA.exact, Literal(match.exact)))
    g.add((node, OA.start, Literal(match.start)))
    g.add((node, OA.end, Literal(match.end)))
    return g


def render(result: QuoteResult, fmt: str, node: URIRef | None = None) -> str:
    """What goes to standard output: the Quote (turtle / json / text), or, in json, why there is
    none."""
    if fmt == "json":
        out: dict[str, object] = {
            "source": short(result.source),
            "status": result.status,
            "matches": [dict(m.to_dict(), context=m.context(result.text)) for m in result.matches],
        }
        if result.chosen:
            out["quote"] = dict(
                result.chosen.to_dict(), id=short(node or quote_id(result.source, result.chosen))
            )
        if result.nearest:
            out["closest"] = [
                dict(m.to_dict(), context=m.context(result.text)) for m in result.nearest
            ]
        return json.dumps(out, indent=2, ensure_ascii=False)
    if result.chosen is None:
        return ""
    if fmt == "turtle":
        return to_turtle(quote_graph(result.source, result.chosen, node))
    m = result.chosen
    return f"{short(result.source)} [{m.start}, {m.end}): {m.exact}"


def explain(result: QuoteResult) -> str:
    """Why no single Quote was printed, and how to get one (for standard error)."""
    where = short(result.source)
    if result.status == AMBIGUOUS:
        lines = [
            f"the text occurs {len(result.matches)} times in {where}; pick one with --occurrence N "
            "or --near OFFSET:"
        ]
        lines += [
            f"  {i}. [{m.start}, {m.end}) {m.context(result.text)}"
            for i, m in enumerate(result.matches, 1)
        ]
        return "\n".join(lines)
    if result.status == NOT_FOUND:
        lines = [f"the text is not in {where}, even allowing for quotes, dashes and spacing"]
        if result.nearest:
            lines.append("closest passages (similarity 0-100); paste one of them exactly:")
            lines += [f"  [{m.start}, {m.end}) {m.score:.0f}: {m.exact!r}" for m in result.nearest]
        return "\n".join(lines)
    return ""
