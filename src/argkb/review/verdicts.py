"""Review findings computed from the verdicts rather than read by a query: premises that decide
them.

A **verdict** is the status of one implication in one view: overall, or under one lens (the
built-in five and any the knowledge base declares), as ``argkb assess lenses`` shows it
(grounded semantics). A view that neither concludes nor attacks the implication is *silent*
(``argkb.assess.framework.Evaluation.argues``), and silent is a verdict value too.

For each claim some argument reasons from, the arguments resting on it (``argkb:premise``) are
removed and the verdicts recomputed; the change is the pairs (implication, view) whose value
differs. Only the implications whose status depends on a removed argument in that view are
recomputed, on the arguments their status depends on (``argkb.assess.crux.region``: grounded
labelling is directional), so each premise costs a few small labellings.

- ``argkb:DecisivePremise``: the removal flips three verdicts or more from one status to another
  (IN, OUT, UNDEC: a lens falling silent because its only argument rested on the premise is no flip,
  or every premise of every lone argument would be decisive);
- ``argkb:RestsOnEditorsPremise``: the claim is the editors' own (``prov:wasAttributedTo
  kb:argkb-editors``), quotes no evidence, cites nothing and nothing attacks it, and the removal
  changes at least one verdict.

An ``argkb:acceptedFinding`` of that kind with an ``argkb:reviewNote`` on the claim marks the
finding as left by the editors, with that note.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from argkb.assess.crux import region
from argkb.assess.dung import labels
from argkb.assess.framework import ArgumentGraph, claim_status, evaluate, framework, load
from argkb.assess.render import lens_name
from argkb.rdf.ids import short
from argkb.store.perspectives import lenses as all_lenses

DECISIVE = "argkb:DecisivePremise"
EDITORS = "argkb:RestsOnEditorsPremise"
#: the name computed findings carry where a query's findings carry the query's name
CHECK = "verdicts"
CHECKS = [
    (
        CHECK,
        DECISIVE,
        "Review (computed): premises that alone decide three or more verdicts (an implication's "
        "status overall or under a lens): removing the arguments resting on one changes them.",
    ),
    (
        CHECK,
        EDITORS,
        "Review (computed): verdicts that rest on one premise of the editors' own that quotes and "
        "cites nothing and that nothing attacks: removing the arguments resting on it changes "
        "them.",
    ),
]
#: how many verdict changes a premise needs to be decisive
DECISIVE_AT = 3
#: how many changed verdicts a finding's detail lists before "…"
LISTED = 6
SILENT = "silent"
SEMANTICS = "grounded"

_PREFIX = """PREFIX argkb: <https://w3id.org/argkb/ontology#>
PREFIX kb:    <https://w3id.org/argkb/id/>
PREFIX prov:  <http://www.w3.org/ns/prov#>
"""
EDITORS_Q = (
    _PREFIX
    + """SELECT DISTINCT ?node WHERE {
  ?argument argkb:premise ?node .
  ?node prov:wasAttributedTo kb:argkb-editors .
  FILTER NOT EXISTS { ?node argkb:evidence ?quote }
  FILTER NOT EXISTS { ?node argkb:cites ?work }
  FILTER NOT EXISTS { ?attacker argkb:attacks ?node }
  FILTER NOT EXISTS { ?node a argkb:Implication }
}"""
)
NOTES_Q = (
    _PREFIX
    + """SELECT ?node ?kind ?note WHERE {
  VALUES ?kind { argkb:DecisivePremise argkb:RestsOnEditorsPremise }
  ?node argkb:acceptedFinding ?kind ;
        argkb:reviewNote ?note .
}"""
)


@dataclass(frozen=True)
class Change:
    """One verdict that removing a premise's arguments changes."""

    claim: URIRef
    lens: URIRef | None  # None: overall
    before: str  # IN / OUT / UNDEC, or SILENT
    after: str

    def __str__(self) -> str:
        name = short(self.claim)
        return f"{name.removeprefix('kb:')} {_under(self.lens)} {self.before} -> {self.after}"


def _under(lens: URIRef | None) -> str:
    return "overall" if lens is None else f"under {lens_name(lens)}"


class _View:
    """One view (overall or a lens): its verdicts, and which implications each argument can sway."""

    def __init__(self, graph: ArgumentGraph, lens: URIRef | None, implications: list[URIRef]):
        self.graph, self.lens = graph, lens
        ev = evaluate(graph, lens, SEMANTICS)
        self.own, self.view = ev.own, ev.view
        self.before: dict[URIRef, str] = {}
        self.regions: dict[URIRef, list[URIRef]] = {}
        self.sways: dict[
            URIRef, list[URIRef]
        ] = {}  # argument -> the implications whose status depends on it
        for c in implications:
            if not ev.argues(c):
                continue  # silent before; silent after removing anything
            self.before[c] = ev.claims.get(c, SILENT)
            self.regions[c] = region(graph, c, self.view, SEMANTICS)
            for a in self.regions[c]:
                self.sways.setdefault(a, []).append(c)

    def changes(self, removed: set[URIRef]) -> list[Change]:
        """The verdicts of this view that change when the ``removed`` arguments are taken away."""
        affected = sorted({c for a in removed for c in self.sways.get(a, ())})
        if not affected:
            return []
        sub = {a for c in affected for a in self.regions[c]} - removed
        arg_labels, _ = labels(framework(self.graph, sub), SEMANTICS)
        out = []
        for c in affected:
            after = (
                claim_status(self.graph, self.lens, c, sub, arg_labels)
                if self._argues(c, removed)
                else SILENT
            )
            if after != self.before[c]:
                out.append(Change(c, self.lens, self.before[c], after))
        return out

    def _argues(self, claim: URIRef, removed: set[URIRef]) -> bool:
        g = self.graph
        return any(
            a in self.own and a not in removed
            for a in (*g.concluding.get(claim, ()), *g.rebutting.get(claim, ()))
        )


def verdict_changes(graph: ArgumentGraph, lenses) -> dict[URIRef, list[Change]]:
    """premise -> the verdicts (overall and under each of ``lenses``) that removing the arguments
    resting on it changes; premises whose removal changes nothing are left out."""
    implications = sorted(c for c, info in graph.claims.items() if info.implication)
    order = {c: i for i, c in enumerate(implications)}
    views = [_View(graph, lens, implications) for lens in (None, *lenses)]
    result: dict[URIRef, list[Change]] = {}
    for premise in sorted(graph.using):
        removed = set(graph.using[premise])
        changed = [ch for v in views for ch in v.changes(removed)]
        if changed:  # by implication; a stable sort keeps the views in order (overall first)
            result[premise] = sorted(changed, key=lambda ch: order[ch.claim])
    return result


def describe(graph: ArgumentGraph, premise: URIRef, changed: list[Change]) -> str:
    """What removing the premise's arguments changes, as in ``removing the 3 arguments resting on it
    changes 4 verdicts: impl-x under realism OUT -> IN; …`` (at most ``LISTED`` changes)."""
    n, k = len(graph.using[premise]), len(changed)
    listed = "; ".join(str(ch) for ch in changed[:LISTED]) + ("; …" if k > LISTED else "")
    args = "the argument" if n == 1 else f"the {n} arguments"
    return f"removing {args} resting on it changes {k} verdict{'' if k == 1 else 's'}: {listed}"


def computed(store) -> list[tuple[str, str, str, str]]:
    """The computed findings on ``store``: (kind, node, detail, note), node and kind as CURIEs."""
    graph = load(store)
    changes = verdict_changes(graph, all_lenses(store))
    if not changes:
        return []
    editors = {row[0] for row in store.query(EDITORS_Q).rows}
    notes: dict[tuple[URIRef, str], str] = {}
    for node, kind, note in sorted(
        store.query(NOTES_Q).rows, key=lambda r: tuple(str(t) for t in r)
    ):
        notes.setdefault((node, short(kind)), str(note))
    found = []
    for premise, changed in changes.items():
        flips = [ch for ch in changed if SILENT not in (ch.before, ch.after)]
        kinds = ([DECISIVE] if len(flips) >= DECISIVE_AT else []) + (
            [EDITORS] if premise in editors else []
        )
        for kind in kinds:
            shown = flips if kind == DECISIVE else changed
            found.append(
                (
                    kind,
                    short(premise),
                    describe(graph, premise, shown),
                    notes.get((premise, kind), ""),
                )
            )
    return found
