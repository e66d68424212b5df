"""Load only the part of the argument graph one claim's verdict and strength depend on.

A claim's status depends on the arguments that conclude or attack it and, through the attacks,
on everything that attacks those, back to arguments nothing attacks; its strength depends, in
addition, on the support of every premise on the way. ``load_local`` follows exactly these links
from the claim with bound queries (one node at a time, never the whole knowledge base), so
``argkb why`` costs the size of that neighbourhood, not of the knowledge base.
"""

from __future__ import annotations

from rdflib import URIRef

from argkb.assess.graph import WEAKEN, Argument, ArgumentGraph, Claim, _score
from argkb.assess.queries import ARGUMENTS_Q, ATTACKING_Q, CLAIM_Q, CONCLUDING_Q, PREMISES_Q


def load_local(store, claim: URIRef) -> ArgumentGraph:
    """The arguments and claims ``claim``'s verdict and strength depend on, under any lens."""
    arguments: dict[URIRef, Argument] = {}
    claims: dict[URIRef, Claim] = {}
    claim_todo: list[URIRef] = [claim]
    arg_todo: list[URIRef] = []
    expanded: set[URIRef] = set()

    def attackers(node) -> list[URIRef]:
        return [r[0] for r in store.query(ATTACKING_Q, {"node": node}).rows]

    while claim_todo or arg_todo:
        if claim_todo:
            c = claim_todo.pop()
            if c in expanded:
                continue
            expanded.add(c)
            info = _claim(store, c)
            if info is not None:
                claims[c] = info
            arg_todo += [r[0] for r in store.query(CONCLUDING_Q, {"node": c}).rows]
            arg_todo += attackers(c)
            continue
        a = arg_todo.pop()
        if a in arguments:
            continue
        arg = _argument(store, a)
        arguments[a] = arg
        claim_todo += arg.premises
        arg_todo += attackers(a)
        if arg.conclusion is not None:
            arg_todo += attackers(
                arg.conclusion
            )  # its rebutters (the conclusion's own support is not needed)
            if arg.conclusion not in claims and arg.conclusion not in expanded:
                info = _claim(store, arg.conclusion)
                if info is not None:
                    claims[arg.conclusion] = info
        if arg.attacks is not None and arg.attacks not in claims and arg.attacks not in expanded:
            info = _claim(store, arg.attacks)
            if info is not None:
                claims[arg.attacks] = info
    return ArgumentGraph(arguments, claims)


def _argument(store, iri: URIRef) -> Argument:
    """One argument, by the whole-graph queries of ``argkb.assess.graph`` with ``?arg`` bound."""
    arg = Argument(iri)
    for row in store.query(ARGUMENTS_Q, {"arg": iri}).dicts():
        arg.label = arg.label or str(row["label"] or "")
        arg.perspective = arg.perspective or row["perspective"]
        arg.conclusion = arg.conclusion or row["conclusion"]
        arg.attacks = arg.attacks or row["target"]
        arg.weakens = arg.weakens or row["force"] == WEAKEN
    arg.premises = sorted({r[1] for r in store.query(PREMISES_Q, {"arg": iri}).rows})
    return arg


def _claim(store, iri: URIRef) -> Claim | None:
    rows = store.query(CLAIM_Q, {"node": iri}).dicts()
    if not rows:
        return None
    c = Claim(iri)
    lenses = set()
    for row in rows:
        c.label = c.label or str(row["label"] or "")
        c.implication = c.implication or (
            row["implication"] is not None and row["implication"].toPython() is True
        )
        if row["base"] is not None and c.base is None:
            c.base = _score(row["base"])
        if row["lens"] is not None:
            lenses.add(row["lens"])
    c.held_by = frozenset(lenses)
    return c
