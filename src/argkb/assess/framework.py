"""The knowledge base as an abstract argumentation framework, overall and lens by lens.

Arguments are the ``argkb:Argument`` nodes. Argument B attacks argument A when
  * B undercuts A:   ``B argkb:attacks A``;
  * B rebuts A:      ``B argkb:attacks C`` and ``A argkb:conclusion C``;
  * B undermines A:  ``B argkb:attacks C`` and ``A argkb:premise C``.
Premises are taken as given unless attacked: an argument is not weakened because the
arguments supporting one of its premises fall, only when that premise is itself attacked.

A lens (perspective) L sees the arguments L makes plus every argument, of any lens, that
attacks one of them, with all attacks among those arguments: L must answer every objection
raised against its own reasoning, but borrows no other lens's support or defence.

A claim's status follows from the argument labelling: OUT if an IN argument attacks it;
otherwise, if arguments in view support it, IN when one of them is IN, OUT when all are OUT,
else UNDEC. A claim nothing in view supports is UNDEC when an UNDEC argument attacks it or
when, under a lens, the lens's own arguments attack it (they failed to refute it, but nothing they say
supports it either), and IN otherwise: a premise taken as given. Under a lens only its own
arguments count as support, and a claim is in view when the lens concludes it, attacks it
or reasons from it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from rdflib import URIRef

from argkb.assess.dung import IN, OUT, UNDEC, Framework, labels
from argkb.store import open_store

_PREFIX = """PREFIX argkb: <https://w3id.org/argkb/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
ARGUMENTS_Q = _PREFIX + """SELECT ?arg ?perspective ?label ?conclusion ?target WHERE {
  ?arg a argkb:Argument .
  OPTIONAL { ?arg argkb:perspective ?perspective }
  OPTIONAL { ?arg rdfs:label ?label }
  OPTIONAL { ?arg argkb:conclusion ?conclusion }
  OPTIONAL { ?arg argkb:attacks ?target }
}"""
PREMISES_Q = _PREFIX + "SELECT ?arg ?premise WHERE { ?arg a argkb:Argument ; argkb:premise ?premise }"
CLAIMS_Q = _PREFIX + """SELECT ?claim ?label ?implication WHERE {
  { ?claim a argkb:Claim } UNION { ?claim a argkb:Implication }
  OPTIONAL { ?claim rdfs:label ?label }
  BIND (EXISTS { ?claim a argkb:Implication } AS ?implication)
}"""

LENSES = ("Realism", "Liberalism", "Constructivism", "DiplomaticPractice", "SecurityAnalysis")


@dataclass
class Argument:
    iri: URIRef
    label: str = ""
    perspective: URIRef | None = None
    conclusion: URIRef | None = None
    attacks: URIRef | None = None
    premises: list[URIRef] = field(default_factory=list)


@dataclass
class Claim:
    iri: URIRef
    label: str = ""
    implication: bool = False


@dataclass
class ArgumentGraph:
    """Arguments, claims, and the attacks between arguments with their kind."""

    arguments: dict[URIRef, Argument]
    claims: dict[URIRef, Claim]

    @cached_property
    def concluding(self) -> dict[URIRef, list[URIRef]]:
        """claim -> the arguments that conclude it (an index, so lookups never scan every argument)."""
        index: dict[URIRef, list[URIRef]] = {}
        for a in self.arguments.values():
            if a.conclusion is not None:
                index.setdefault(a.conclusion, []).append(a.iri)
        return index

    @cached_property
    def using(self) -> dict[URIRef, list[URIRef]]:
        """claim -> the arguments that reason from it."""
        index: dict[URIRef, list[URIRef]] = {}
        for a in self.arguments.values():
            for p in a.premises:
                index.setdefault(p, []).append(a.iri)
        return index

    @cached_property
    def rebutting(self) -> dict[URIRef, list[URIRef]]:
        """claim -> the arguments that attack it."""
        index: dict[URIRef, list[URIRef]] = {}
        for a in self.arguments.values():
            if a.attacks is not None and a.attacks not in self.arguments:
                index.setdefault(a.attacks, []).append(a.iri)
        return index

    @cached_property
    def attacks(self) -> dict[tuple[URIRef, URIRef], str]:
        """(attacker, attacked) -> "undercut" | "rebut" | "undermine"."""
        out: dict[tuple[URIRef, URIRef], str] = {}
        for b in self.arguments.values():
            t = b.attacks
            if t is None:
                continue
            if t in self.arguments:
                out[(b.iri, t)] = "undercut"
                continue
            for a in self.using.get(t, ()):
                out[(b.iri, a)] = "undermine"
            for a in self.concluding.get(t, ()):
                out[(b.iri, a)] = "rebut"
        return out

    @cached_property
    def attackers_of(self) -> dict[URIRef, list[URIRef]]:
        result: dict[URIRef, list[URIRef]] = {}
        for a, b in self.attacks:
            result.setdefault(b, []).append(a)
        return result

    def lens_arguments(self, lens: URIRef | None) -> tuple[set[URIRef], set[URIRef]]:
        """(the arguments the lens makes, the arguments in its view): all of them when lens is None."""
        if lens is None:
            everything = set(self.arguments)
            return everything, everything
        own = {a.iri for a in self.arguments.values() if a.perspective == lens}
        return own, own | {b for a in own for b in self.attackers_of.get(a, ())}

    def framework(self, view: set[URIRef]) -> Framework:
        return Framework(sorted(view), {(a, b) for a, b in self.attacks if a in view and b in view})


def load(store) -> ArgumentGraph:
    """Read arguments and claims through a Store (``open_store(kb)``) with SPARQL."""
    arguments: dict[URIRef, Argument] = {}
    for row in store.query(ARGUMENTS_Q).dicts():
        a = arguments.setdefault(row["arg"], Argument(row["arg"]))
        a.label = a.label or str(row["label"] or "")
        a.perspective = a.perspective or row["perspective"]
        a.conclusion = a.conclusion or row["conclusion"]
        a.attacks = a.attacks or row["target"]
    for row in store.query(PREMISES_Q).rows:
        if row[0] in arguments and row[1] not in arguments[row[0]].premises:
            arguments[row[0]].premises.append(row[1])
    for a in arguments.values():
        a.premises.sort()
    claims: dict[URIRef, Claim] = {}
    for iri, label, implication in store.query(CLAIMS_Q).rows:
        c = claims.setdefault(iri, Claim(iri))
        c.label = c.label or str(label or "")
        c.implication = c.implication or (implication is not None and implication.toPython() is True)
    return ArgumentGraph(arguments, claims)


@dataclass
class Evaluation:
    """The labelling of one view (overall, or one lens) of the argument graph."""

    graph: ArgumentGraph
    lens: URIRef | None
    semantics: str
    own: set[URIRef]
    view: set[URIRef]
    arguments: dict[URIRef, str]
    claims: dict[URIRef, str]
    extensions: int

    def supporters(self, claim: URIRef) -> list[URIRef]:
        return sorted(a for a in self.graph.concluding.get(claim, ()) if a in self.own)

    def claim_attackers(self, claim: URIRef) -> list[URIRef]:
        return sorted(a for a in self.graph.rebutting.get(claim, ()) if a in self.view)

    def argues(self, claim: URIRef) -> bool:
        """Does this view conclude or attack the claim (rather than only reason from it)?"""
        return any(a in self.own for a in (*self.graph.concluding.get(claim, ()), *self.graph.rebutting.get(claim, ())))

    def deciding(self, claim: URIRef) -> list[tuple[URIRef, str, str]]:
        """The arguments that decide the claim's status here: (argument, role, status).

        Its supporters, the arguments attacking it, and the IN or UNDEC attackers of its supporters.
        """
        rows = [(a, "supports", self.arguments[a]) for a in self.supporters(claim)]
        rows += [(a, "attacks", self.arguments[a]) for a in self.claim_attackers(claim)]
        seen = {r[0] for r in rows}
        for s in self.supporters(claim):
            for b in sorted(self.graph.attackers_of.get(s, ())):
                if b in self.view and b not in seen and self.arguments[b] != OUT:
                    rows.append((b, f"{self.graph.attacks[(b, s)]}s {_local(s)}", self.arguments[b]))
                    seen.add(b)
        return rows


def evaluate(graph: ArgumentGraph, lens: URIRef | None = None, semantics: str = "grounded") -> Evaluation:
    """Label the arguments in view of ``lens`` (None: all of them) and derive the claims' statuses."""
    own, view = graph.lens_arguments(lens)
    arg_labels, count = labels(graph.framework(view), semantics)
    in_scope = set(graph.claims) if lens is None else {
        c for a in own for c in (graph.arguments[a].conclusion, graph.arguments[a].attacks, *graph.arguments[a].premises)
        if c in graph.claims}
    ev = Evaluation(graph, lens, semantics, own, view, arg_labels, {}, count)
    for c in sorted(in_scope):
        ev.claims[c] = claim_status(ev, c)
    return ev


def claim_status(ev: Evaluation, claim: URIRef) -> str:
    attackers = [ev.arguments[a] for a in ev.claim_attackers(claim)]
    if IN in attackers:
        return OUT
    support = [ev.arguments[a] for a in ev.supporters(claim)]
    if support:
        return IN if IN in support else OUT if all(s == OUT for s in support) else UNDEC
    if UNDEC in attackers or (ev.lens is not None and any(a in ev.own for a in ev.claim_attackers(claim))):
        return UNDEC
    return IN


def lens_iri(name: str | URIRef | None, declared: dict | None = None) -> URIRef | None:
    """A lens by user name (``realism``, or one the knowledge base declares: ``declared``), CURIE
    or IRI; None stays None (overall)."""
    if name is None or isinstance(name, URIRef):
        return name
    from argkb.rdf.ids import perspective

    return perspective(name, declared)


def statuses(kb, perspective=None, semantics: str = "grounded") -> dict[URIRef, str]:
    """IN / OUT / UNDEC of every argument and claim in view, overall or under one lens.

    ``perspective``: None (all arguments), a user name such as ``"realism"``, or a perspective IRI.
    Claims outside the lens's view are absent from the result.
    """
    from argkb.store.perspectives import declared_perspectives

    store = open_store(kb)
    declared = declared_perspectives(store) if isinstance(perspective, str) else None
    ev = evaluate(load(store), lens_iri(perspective, declared), semantics)
    return {**ev.arguments, **ev.claims}


def _local(iri: URIRef) -> str:
    from argkb.rdf.ids import short

    return short(iri)


def annotate(node, status: dict[URIRef, str]) -> None:
    """Set ``.status`` on every claim and argument node of a trace tree (``argkb.navigate.trace``), None where
    not in view, and ``.statuses`` on the root (``annotate_dict`` uses it for JSON)."""
    node.statuses = status
    stack = [node]
    while stack:
        n = stack.pop()
        n.status = status.get(URIRef(n.iri))
        for name in ("supported_by", "attacked_by", "premises", "undercuts"):
            stack.extend(getattr(n, name, ()))


def annotate_dict(data, status: dict[URIRef, str]):
    """Add ``"status"`` to every node (a dict with an ``iri`` and a ``kind``) of a trace's JSON tree (iteratively:
    a trace may be thousands of arguments deep)."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if "iri" in item and item.get("kind") in ("claim", "argument"):
                item["status"] = status.get(URIRef(item["iri"]))
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return data
