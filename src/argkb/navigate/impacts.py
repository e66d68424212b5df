"""What follows from a move, a lever or an actor: ``impacts(store, id) -> ImpactReport``.

Given a move, its implications; given a lever, the moves that work it; given an actor, the
moves it makes — then every implication those moves trigger, and the implications those lead
to (where an implication is a premise of an argument concluding another), cycle-safe. Each
implication comes with its qualifier, the actors it affects and, lens by lens, the arguments
for and against it (with the undercuts against each). Like ``trace``, the walk starts from the
bound node and asks small bound queries through the Store: no scan of the knowledge base.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from rdflib import URIRef

from argkb.navigate import walk
from argkb.navigate.trace import _lenses
from argkb.vocab.namespaces import ARGKB

KINDS = {ARGKB.Move: "move", ARGKB.Lever: "lever", ARGKB.Actor: "actor"}


@dataclass
class ArgumentSummary:
    iri: str
    id: str
    label: str
    warrant: str | None
    undercut_by: list[walk.Named] = field(default_factory=list)


@dataclass
class LensView:
    perspective: str | None
    perspective_label: str | None
    supporting: list[ArgumentSummary] = field(default_factory=list)
    attacking: list[ArgumentSummary] = field(default_factory=list)


@dataclass
class Step:
    """How an implication was reached from the previous one: through which argument, under which
    lens."""

    argument: walk.Named
    perspective: str | None
    perspective_label: str | None


@dataclass
class ImplicationImpact:
    iri: str
    id: str
    label: str
    statement: str | None = None
    qualifier: str | None = None
    qualifier_label: str | None = None
    affects: list[walk.Named] = field(default_factory=list)
    alternatives: list[walk.Named] = field(
        default_factory=list
    )  # argkb:alternativeTo, either direction
    lenses: list[LensView] = field(default_factory=list)
    via: Step | None = None
    leads_to: list[ImplicationImpact] = field(default_factory=list)
    ref: bool = False  # already shown above: not expanded again


@dataclass
class MoveImpact:
    move: walk.Named
    actor: walk.Named | None
    lever: walk.Named | None
    direction: walk.Named | None
    implications: list[ImplicationImpact] = field(default_factory=list)


@dataclass
class ImpactReport:
    subject: walk.Named
    kind: str  # "move" | "lever" | "actor"
    moves: list[MoveImpact] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def impacts(kb_or_store, node, perspectives=None) -> ImpactReport:
    """The impact report of a move, lever or actor (IRI, CURIE or bare name; type read from
    rdf:type).

    ``perspectives``: only arguments under these lenses count; implications no such argument
    speaks to are left out, and chains are followed only through such arguments.
    """
    store = walk.as_store(kb_or_store)
    iri, cls = walk.resolve(store, str(node), tuple(KINDS), "move, lever or actor")
    kind = KINDS[cls]
    report = ImpactReport(walk.Named.of(iri, walk.info(store, iri)["label"]), kind)
    if kind == "move":
        moves = [report.subject]
    else:
        moves = walk.linking(store, iri, ARGKB.lever if kind == "lever" else ARGKB.actor)
    walker = _Walker(store, _lenses(perspectives, store))
    report.moves = [walker.move(URIRef(m.iri), m) for m in moves]
    return report


class _Walker:
    def __init__(self, store, lenses):
        self.store, self.lenses = store, lenses
        self.seen: dict[str, ImplicationImpact] = {}

    def one(self, node: URIRef, prop: URIRef) -> walk.Named | None:
        found = walk.linked(self.store, node, prop)
        return found[0] if found else None

    def move(self, iri: URIRef, named: walk.Named) -> MoveImpact:
        result = MoveImpact(
            named,
            self.one(iri, ARGKB.actor),
            self.one(iri, ARGKB.lever),
            self.one(iri, ARGKB.direction),
        )
        for impl in walk.linking(self.store, iri, ARGKB.trigger):
            node = self.implication(URIRef(impl.iri), None)
            if node is not None:
                result.implications.append(node)
        return result

    def implication(self, iri: URIRef, via: Step | None) -> ImplicationImpact | None:
        key = str(iri)
        if key in self.seen:
            first = self.seen[key]
            return ImplicationImpact(
                first.iri,
                first.id,
                first.label,
                qualifier=first.qualifier,
                qualifier_label=first.qualifier_label,
                via=via,
                ref=True,
            )
        arguments = walk.arguments_about(self.store, iri, self.lenses)
        if self.lenses and not arguments:
            return None
        details = walk.info(self.store, iri)
        named = walk.Named.of(iri, details["label"])
        node = ImplicationImpact(
            named.iri,
            named.id,
            named.label,
            details["statement"],
            details["qualifier"],
            details["qualifier_label"],
            walk.linked(self.store, iri, ARGKB.affects),
            via=via,
        )
        self.seen[key] = node
        node.alternatives = walk.alternatives(self.store, iri)
        node.lenses = self.lens_views(arguments)
        for step, target in self.next_steps(iri):
            child = self.implication(target, step)
            if child is not None:
                node.leads_to.append(child)
        return node

    def lens_views(self, arguments: list[dict]) -> list[LensView]:
        views: dict[str | None, LensView] = {}
        for arg in arguments:
            view = views.setdefault(
                arg["perspective"], LensView(arg["perspective"], arg["perspective_label"])
            )
            named = walk.Named.of(arg["iri"], arg["label"])
            undercuts = [
                walk.Named.of(u["iri"], u["label"])
                for u in walk.attackers(self.store, arg["iri"], self.lenses)
            ]
            summary = ArgumentSummary(named.iri, named.id, named.label, arg["warrant"], undercuts)
            (view.supporting if arg["relation"] == "supports" else view.attacking).append(summary)
        return sorted(views.values(), key=lambda v: v.perspective_label or "")

    def next_steps(self, iri: URIRef):
        """(step, implication) for each argument that has ``iri`` as premise and concludes an
        implication."""
        steps = []
        for arg in walk.linking(self.store, iri, ARGKB.premise):
            arg_iri = URIRef(arg.iri)
            lens = self.one(arg_iri, ARGKB.perspective)
            if self.lenses and (lens is None or URIRef(lens.iri) not in self.lenses):
                continue
            for target in walk.linked(self.store, arg_iri, ARGKB.conclusion):
                if ARGKB.Implication in walk.classes(self.store, URIRef(target.iri)):
                    steps.append(
                        (
                            Step(arg, lens.iri if lens else None, lens.label if lens else None),
                            URIRef(target.iri),
                        )
                    )
        return steps


__all__ = [
    "impacts",
    "ImpactReport",
    "MoveImpact",
    "ImplicationImpact",
    "LensView",
    "ArgumentSummary",
    "Step",
]
