"""Cutting the argument map down: by perspective (``--perspective``), by source (``--source``), to
what follows from one lever (``--lever``) and around a node (``--focus``).

Both keep every argument whole — with its premises and its conclusion or target — so
each format (and AIF in particular) always shows complete inferences.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from collections.abc import Set as AbstractSet

from rdflib import URIRef

from argkb.errors import UsageError
from argkb.export.mapview import load
from argkb.export.model import PERSPECTIVE_KEYS, STATUS_ATTRS, ArgumentMap, local_name
from argkb.rdf.ids import perspective as perspective_term
from argkb.rdf.ids import resolve
from argkb.store import open_store
from argkb.store.perspectives import declared_perspectives

DEFAULT_DEPTH = 2

#: edge kinds an argument owns: its premises in, its conclusion or target out
_ARGUMENT_EDGES = ("premise", "conclusion", "attacks")


def build_map(
    kb,
    perspectives: Iterable[str] = (),
    focus: str | None = None,
    depth: int | None = None,
    title: str | None = None,
    semantics: str = "grounded",
    source: str | None = None,
    lever: str | None = None,
    finish: list | None = None,
) -> ArgumentMap:
    """The argument map of ``kb`` (through ``open_store(kb)``), filtered as the export options ask.

    Statuses are computed on the whole knowledge base before any filter, under ``semantics``.
    ``finish``: as ``argkb.export.mapview.load``'s (the caller runs what it holds once it is done).
    """
    from argkb.assess.dung import SEMANTICS

    if semantics not in SEMANTICS:
        raise UsageError(f"unknown semantics {semantics!r} (choose from {', '.join(SEMANTICS)})")
    store = open_store(kb)
    amap = load(store, semantics, finish)
    if title:
        amap.title = title
    declared = declared_perspectives(store) if perspectives else None
    keys = [_perspective_key(p, declared) for p in perspectives]
    if keys:
        amap = by_perspective(amap, set(keys))
    if source is not None:
        amap = by_source(amap, _source_term(kb, source))
    if lever is not None:
        amap = by_lever(amap, lever)
    if focus is not None:
        amap = around(amap, focus, DEFAULT_DEPTH if depth is None else depth)
    elif depth is not None:
        raise UsageError("--depth needs --focus ID (the node to look around)")
    return amap


def _source_term(kb, text: str) -> URIRef:
    """``--source NAME``: a registered source (``argkb:Source``), or a usage error naming the
    sources."""
    from argkb.export.sparql import INSTANCES
    from argkb.vocab import ARGKB

    known = [row[0] for row in open_store(kb).query(INSTANCES, {"class": ARGKB.Source}).rows]
    return resolve(text, known, "source")


def _perspective_key(text: str, declared: dict[str, URIRef] | None = None) -> str:
    """The ``perspective`` attribute the map gives arguments of this lens (built-in or declared)."""
    term = perspective_term(text, declared)
    return PERSPECTIVE_KEYS.get(term, local_name(str(term)).lower())


def status_lens(text: str | None) -> str | None:
    """``--status-lens``: None or ``off`` (no status colouring), ``overall``, or a perspective
    key."""
    if text is None or text.strip().lower() == "off":
        return None
    if text.strip().lower() == "overall":
        return "overall"
    try:
        return _perspective_key(text)
    except UsageError:
        choices = ", ".join([*STATUS_ATTRS, "off"])
        raise UsageError(f"unknown status lens {text!r} (choose from {choices})") from None


def _argument_parts(amap: ArgumentMap, arg_id: str) -> set[str]:
    parts = {e.source for e in amap.in_edges(arg_id, "premise")}
    parts |= {e.target for e in amap.out_edges(arg_id) if e.kind in ("conclusion", "attacks")}
    return parts


def by_perspective(amap: ArgumentMap, keys: set[str]) -> ArgumentMap:
    """Only the arguments read through these lenses, with the claims, moves and actors they involve.

    An argument that undercuts an argument of another lens goes too: what it attacks is not shown.
    """
    return _with_arguments(
        amap, {n.id for n in amap.of_type("argument") if n.attrs.get("perspective") in keys}
    )


def by_source(amap: ArgumentMap, source: URIRef) -> ArgumentMap:
    """What one source says: the claims quoted from it, the arguments for or against them or resting
    on them (each whole), and the moves and actors of the implications kept.

    An argument that undercuts an argument not kept goes too, as in ``by_perspective``.
    """
    quoted = {n.id for n in amap.nodes.values() if any(q.source == str(source) for q in n.quotes)}
    args = set()
    for arg in amap.of_type("argument"):
        if _argument_parts(amap, arg.id) & quoted:
            args.add(arg.id)
    return _with_arguments(amap, args, quoted)


def by_lever(amap: ArgumentMap, lever: str) -> ArgumentMap:
    """What follows from one lever (IRI, CURIE or local name): the lever, its moves and their
    actors, the implications the moves trigger and the actors they affect, and each implication's
    trace — the arguments for and against it, their premises and undercuts, recursively (as the HTML
    map's trace)."""
    levers = [n for n in amap.of_type("lever")]
    start = {n.iri: n.id for n in levers}[
        str(resolve(lever, [URIRef(n.iri) for n in levers], "lever"))
    ]
    into: dict[str, list] = {}
    for e in amap.edges:
        into.setdefault(e.target, []).append(e)
    moves = {e.target for e in amap.edges if e.source == start and e.kind == "lever"}
    implications = {e.target for e in amap.edges if e.source in moves and e.kind == "trigger"}
    keep = {start} | moves | implications
    keep |= {e.source for m in moves for e in into.get(m, ()) if e.kind == "actor"}
    keep |= {e.target for e in amap.edges if e.source in implications and e.kind == "affects"}
    todo = list(implications)
    while todo:  # up from each implication: what argues for or against it, what those rest on
        here = todo.pop()
        kinds = (
            ("premise", "attacks")
            if amap.nodes[here].type == "argument"
            else ("conclusion", "attacks")
        )
        for e in into.get(here, ()):
            if e.kind in kinds and e.source not in keep:
                keep.add(e.source)
                todo.append(e.source)
    keep |= {
        e.target
        for e in amap.edges
        if e.source in keep
        and amap.nodes[e.source].type == "argument"
        and e.kind in ("conclusion", "attacks")
    }
    return amap.subgraph(keep)


def _with_arguments(
    amap: ArgumentMap, args: set[str], keep: AbstractSet[str] = frozenset()
) -> ArgumentMap:
    """The map cut down to these arguments (each whole), ``keep``, and the moves, levers and actors
    of the implications among them; an undercut whose target argument is not kept is dropped."""
    args = set(args)
    changed = True
    while changed:
        changed = False
        for arg in sorted(args):
            targets = [e.target for e in amap.out_edges(arg, "attacks")]
            if any(amap.nodes[t].type == "argument" and t not in args for t in targets):
                args.discard(arg)
                changed = True
    keep = set(keep) | args
    for arg in args:
        keep |= _argument_parts(amap, arg)
    claims = {k for k in keep if amap.nodes[k].type == "implication"}
    moves = {e.source for c in claims for e in amap.in_edges(c, "trigger")}
    keep |= moves
    keep |= {e.source for m in moves for e in amap.in_edges(m) if e.kind in ("actor", "lever")}
    keep |= {e.target for c in claims for e in amap.out_edges(c, "affects")}
    return amap.subgraph(keep)


def around(amap: ArgumentMap, focus: str, depth: int) -> ArgumentMap:
    """The nodes within ``depth`` steps of ``focus`` (either direction), each argument kept
    whole."""
    if depth < 0:
        raise UsageError(f"--depth must be 0 or more, not {depth}")
    by_iri = {n.iri: n.id for n in amap.nodes.values()}
    start = by_iri[str(resolve(focus, [URIRef(i) for i in by_iri], "node in the map"))]
    neighbours: dict[str, set[str]] = {k: set() for k in amap.nodes}
    for e in amap.edges:
        neighbours[e.source].add(e.target)
        neighbours[e.target].add(e.source)
    seen = {start: 0}
    queue = deque([start])
    while queue:
        here = queue.popleft()
        if seen[here] == depth:
            continue
        for nxt in sorted(neighbours[here]):
            if nxt not in seen:
                seen[nxt] = seen[here] + 1
                queue.append(nxt)
    keep = set(seen)
    todo = [k for k in keep if amap.nodes[k].type == "argument"]
    while todo:
        for part in _argument_parts(amap, todo.pop()):
            if part not in keep:
                keep.add(part)
                if amap.nodes[part].type == "argument":
                    todo.append(part)
    return amap.subgraph(keep)
