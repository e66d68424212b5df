"""``argkb anchor``: fill in, or correct, the offsets of Quotes from their exact text.

An author may write a Quote with only ``oa:hasSource`` and ``oa:exact``. For each node with
both, ``anchor`` looks the exact text up in the source's stored text (``find_quote``: tolerant of
quotes, dashes and spacing) and, when it occurs exactly once — or the offsets given name one of
its occurrences — writes ``oa:start``/``oa:end`` and the stored wording of ``oa:exact``,
reporting each change. It never guesses between several occurrences: those quotes are
reported, with the offsets of every occurrence, for the author to pick one with
``argkb quote SOURCE TEXT --near OFFSET``. Quotes already right are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal
from rdflib.compare import isomorphic

from argkb.author.find import closest, find_quote
from argkb.author.turtle_edit import Change, patch
from argkb.errors import InputError
from argkb.kb.folder import KnowledgeBase, register_hint, relative
from argkb.rdf.ids import short
from argkb.rdf.parse import parse_file, parse_text
from argkb.rdf.serialize import to_turtle
from argkb.vocab.namespaces import OA

FILLED, CORRECTED, OK, AMBIGUOUS, NOT_FOUND, NO_TEXT = (
    "filled",
    "corrected",
    "ok",
    "ambiguous",
    "not-found",
    "no-text",
)


@dataclass
class QuoteFix:
    file: str
    quote: str  # its id, or its content for a blank node
    status: str
    message: str
    change: Change | None = None  # what --write edits in the file's text (argkb.author.turtle_edit)

    @property
    def failed(self) -> bool:
        return self.status in (AMBIGUOUS, NOT_FOUND, NO_TEXT)


@dataclass
class AnchorReport:
    graphs: dict[Path, Graph]
    fixes: list[QuoteFix] = field(default_factory=list)
    changed: set[Path] = field(
        default_factory=set
    )  # the files whose quotes were filled in or corrected

    @property
    def exit_code(self) -> int:
        return 1 if any(f.failed for f in self.fixes) else 0

    def to_text(self) -> str:
        lines = [f"{f.file}: {f.quote}: {f.message}" for f in self.fixes if f.status != OK]
        counts = {s: sum(1 for f in self.fixes if f.status == s) for s in (FILLED, CORRECTED, OK)}
        failed = sum(1 for f in self.fixes if f.failed)
        lines.append(
            f"{len(self.fixes)} quote(s): {counts[FILLED]} filled in, {counts[CORRECTED]} "
            f"corrected, {counts[OK]} already right, {failed} need you"
        )
        return "\n".join(lines)


def _name(node, exact: str) -> str:
    if isinstance(node, BNode):
        words = " ".join(exact.split())
        return f'the quote "{words[:50]}{"…" if len(words) > 50 else ""}"'
    return short(node)


def _int(value) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def anchor_graph(kb: KnowledgeBase, g: Graph, file: str) -> list[QuoteFix]:
    """Anchor every quote of ``g`` in place; one QuoteFix per node with ``oa:hasSource`` and
    ``oa:exact``."""
    fixes = []
    for node in sorted(
        set(g.subjects(OA.exact, None)),
        key=lambda n: (
            isinstance(n, BNode),
            str(g.value(n, OA.exact)) if isinstance(n, BNode) else str(n),
        ),
    ):
        source, exact = g.value(node, OA.hasSource), g.value(node, OA.exact)
        if source is None or exact is None:
            continue
        fixes.append(_anchor_one(kb, g, node, source, str(exact), file))
    return fixes


def _anchor_one(kb: KnowledgeBase, g: Graph, node, source, exact: str, file: str) -> QuoteFix:
    name = _name(node, exact)
    text = kb.source_text(source)
    if text is None:
        return QuoteFix(
            file,
            name,
            NO_TEXT,
            f"{short(source)} has no registered text; {register_hint(source)} first",
        )
    start, end = _int(g.value(node, OA.start)), _int(g.value(node, OA.end))
    if (
        start is not None
        and end is not None
        and 0 <= start < end <= len(text)
        and text[start:end] == exact
    ):
        return QuoteFix(file, name, OK, f"already right at [{start}, {end})")
    matches = find_quote(text, exact)
    chosen = [m for m in matches if (m.start, m.end) == (start, end)] or (
        matches if len(matches) == 1 else []
    )
    if not matches:
        near = closest(text, exact, n=1)
        hint = (
            f"; the closest passage is [{near[0].start}, {near[0].end}) {near[0].exact!r}"
            if near
            else ""
        )
        return QuoteFix(file, name, NOT_FOUND, f"the exact text is not in {short(source)}{hint}")
    if not chosen:
        at = ", ".join(str(m.start) for m in matches)
        return QuoteFix(
            file,
            name,
            AMBIGUOUS,
            f"the exact text occurs {len(matches)} times in {short(source)} (at {at}); not "
            f"guessing: pick one with `argkb quote {short(source)} TEXT --near OFFSET` and write "
            "its oa:start and oa:end",
        )
    m = chosen[0]
    status = FILLED if start is None and end is None else CORRECTED
    changes = (
        [f"oa:start {m.start}, oa:end {m.end}"]
        if status == FILLED
        else [f"offsets [{start}, {end}) → [{m.start}, {m.end})"]
        if (start, end) != (m.start, m.end)
        else []
    )
    if m.exact != exact:
        changes.append(f"oa:exact {exact!r} → the stored {m.exact!r}")
    g.set((node, OA.start, Literal(m.start)))
    g.set((node, OA.end, Literal(m.end)))
    g.set((node, OA.exact, Literal(m.exact)))
    return QuoteFix(file, name, status, "; ".join(changes), Change(exact, m.start, m.end, m.exact))


def anchor_files(kb: KnowledgeBase, files) -> AnchorReport:
    report = AnchorReport({})
    for path in map(Path, files):
        g = parse_file(path)
        fixes = anchor_graph(kb, g, relative(path))
        if any(f.status in (FILLED, CORRECTED) for f in fixes):
            report.changed.add(path)
        report.fixes += fixes
        report.graphs[path] = g
    return report


def turtle_of(g: Graph, path: Path | str, header: str = "") -> str:
    """``g`` through the project's serialiser, parsed back and compared before anyone writes it."""
    text = to_turtle(g, header, blank_nodes=True)
    if not isomorphic(
        parse_text(text, path), g
    ):  # pragma: no cover - a serialiser bug, never user input
        raise InputError(
            path, "the anchored Turtle does not read back as the same graph; nothing written"
        )
    return text


def rewritten(report: AnchorReport, path: Path, header: str) -> tuple[str, bool]:
    """The new text of ``path`` for ``--write``: edited in place, its comments and layout kept, when
    that can be done safely; else re-serialised. The flag says whether the comments were kept."""
    changes = [f.change for f in report.fixes if f.file == relative(path) and f.change is not None]
    kept = patch(Path(path).read_text(encoding="utf-8"), changes, report.graphs[path], str(path))
    return (
        (kept, True) if kept is not None else (turtle_of(report.graphs[path], path, header), False)
    )


def merged(graphs) -> Graph:
    out = Graph()
    for g in graphs:
        out += g
    return out


HEADER = "anchored by `argkb anchor`"


def write_anchored(report) -> list[Path]:
    """``argkb anchor --write``: each changed file rewritten in place, atomically (``rewritten``:
    its comments and layout kept where that can be done safely); the files that had to be
    re-serialised instead."""
    from argkb.rdf.atomic import atomic_write_text

    reserialised = []
    for path in sorted(report.changed):
        text, kept = rewritten(report, path, HEADER)
        atomic_write_text(path, text, create_folders=False, option="--write")
        if not kept:
            reserialised.append(path)
    return reserialised


def anchored_text(report, target: Path) -> str:
    """The anchored Turtle of every file, merged (``argkb anchor`` without --write), written as for
    ``target``."""
    return turtle_of(merged(report.graphs.values()), target, HEADER)
