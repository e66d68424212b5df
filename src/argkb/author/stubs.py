"""The new nodes a draft proposes beside its implications: stub actors, levers and moves, and
readable ids.

A stub is written once per draft, before the first implication that uses it, marked as proposed
as a whole (``argkb:proposed rdf:type``) with a comment saying where it came from. A stub actor
(from the gazetteer) and a stub lever are complete as they stand; a stub move carries an
``argkb:todo`` asking the analyst to check it and to supply what the clause did not name (its
actor, lever or direction), so ``argkb validate`` reports it by that TODO alone.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from argkb.author import clauses
from argkb.author.draft_turtle import Statement, Turtle, kb_node
from argkb.author.propose import ActorRef, MoveRef, StubLever
from argkb.author.queries import HAS_TYPE, MENTIONED
from argkb.vocab import ARGKB

_ASK = MENTIONED
TODO_STUB_MOVE = (
    "the proposed move: check its label, actor, lever and direction against the sentence{missing}, "
    "then delete this TODO (or point the implication's argkb:trigger at an existing move and "
    "delete this stub)"
)


class Ids:
    """The ids a draft has used, and those the knowledge base holds (asked of the store when
    needed)."""

    def __init__(self, store):
        self.store, self.used = store, set[str]()

    def __contains__(self, local: str) -> bool:
        return local in self.used or (
            self.store is not None and self.store.query(_ASK, {"_node": kb_node(local)}).boolean
        )

    def add(self, local: str) -> None:
        self.used.add(local)

    def new(self, text: str, prefix: str, words: int = 4) -> URIRef:
        """A readable id for a new node, ``PREFIX-content-words`` from ``text``, unique."""
        return kb_node(clauses.slug(text, self, prefix, words))


class Stubs:
    """The stub actors, levers and moves of one draft, each written once."""

    def __init__(self, out: Turtle, ids: Ids, store):
        self.out, self.ids, self.store = out, ids, store
        self.nodes: dict = {}  # actor entry key / lever name / move label -> node

    def actor(self, ref: ActorRef, blocks: list[str]) -> URIRef:
        """The actor's node: the knowledge base's, or a stub from the gazetteer (written the first
        time)."""
        if ref.node is not None:
            return ref.node
        entry = ref.entry
        assert entry is not None, (
            "an actor not of the knowledge base is a gazetteer entry (ActorRef)"
        )
        if ("actor", entry.key, entry.name) in self.nodes:
            return self.nodes[("actor", entry.key, entry.name)]
        node = kb_node(entry.slug)
        if entry.slug in self.ids:
            node = self.ids.new(entry.name, "actor", 6)
        self.ids.add(str(node).rsplit("/", 1)[-1])
        self.nodes[("actor", entry.key, entry.name)] = node
        source = (
            "ISO 3166-1 through pycountry, with argkb's curated names"
            if entry.kind == ARGKB.State
            else "argkb's curated list of leaders"
            if entry.kind == ARGKB.Leader
            else "argkb's curated list of organisations"
        )
        aliases = [Literal(n, lang="en") for n in entry.labels if n != entry.name][:6]
        statements: list[Statement] = [
            (RDF.type, [ARGKB.Actor, entry.kind], None),
            (RDFS.label, [Literal(entry.name, lang="en")], None),
        ]
        statements += [(SKOS.altLabel, aliases, None)] if aliases else []
        statements += [
            (
                RDFS.comment,
                [
                    Literal(
                        f"Proposed by argkb draft from the gazetteer ({source}; key "
                        f'{entry.key}): the article names it as "{ref.words}".',
                        lang="en",
                    )
                ],
                None,
            ),
            (ARGKB.proposed, [RDF.type, RDFS.label] + ([SKOS.altLabel] if aliases else []), None),
        ]
        blocks.append(self.out.block(node, statements))
        return node

    def lever(self, lever, blocks: list[str]) -> URIRef:
        if not isinstance(lever, StubLever):
            return lever
        if ("lever", lever.name) in self.nodes:
            return self.nodes[("lever", lever.name)]
        local = clauses.slug(lever.name, set(), "", 6).strip("-")
        node = kb_node(local)
        if local in self.ids:
            known = (
                self.store is not None
                and self.store.query(HAS_TYPE, {"_node": node, "_kind": ARGKB.Lever}).boolean
            )
            if not known:
                node = self.ids.new(lever.name, "lever", 6)
        if node not in self.nodes.values() and not (
            self.store is not None
            and self.store.query(HAS_TYPE, {"_node": node, "_kind": ARGKB.Lever}).boolean
        ):
            self.ids.add(str(node).rsplit("/", 1)[-1])
            blocks.append(
                self.out.block(
                    node,
                    [
                        (RDF.type, [ARGKB.Lever], None),
                        (RDFS.label, [Literal(lever.name, lang="en")], None),
                        (
                            RDFS.comment,
                            [
                                Literal(
                                    "Proposed by argkb draft from argkb's curated list of levers.",
                                    lang="en",
                                )
                            ],
                            None,
                        ),
                        (ARGKB.proposed, [RDF.type, RDFS.label], None),
                    ],
                )
            )
        self.nodes[("lever", lever.name)] = node
        return node

    def move(self, move: MoveRef, blocks: list[str]) -> URIRef:
        """The trigger's node: a move of the knowledge base, or a stub move (written the first
        time)."""
        if move.node is not None:
            return move.node
        if ("move", move.label) in self.nodes:
            return self.nodes[("move", move.label)]
        node = self.ids.new(move.label, "move", 5)
        self.nodes[("move", move.label)] = node
        statements: list[Statement] = [
            (RDF.type, [ARGKB.Move], None),
            (RDFS.label, [Literal(move.label, lang="en")], f"proposed: {move.why}"),
        ]
        proposed, missing = [RDF.type, RDFS.label], []
        if move.actor is not None:
            how = move.actor.how or f'named in it ("{move.actor.words}")'
            statements.append((ARGKB.actor, [self.actor(move.actor, blocks)], f"proposed: {how}"))
            proposed.append(ARGKB.actor)
        else:
            missing.append("argkb:actor (the clause names none)")
        if move.lever is not None:
            statements.append(
                (ARGKB.lever, [self.lever(move.lever, blocks)], "proposed from the clause's words")
            )
            proposed.append(ARGKB.lever)
        else:
            missing.append("argkb:lever")
        if move.direction is not None:
            statements.append(
                (ARGKB.direction, [move.direction], "proposed from the clause's verb")
            )
            proposed.append(ARGKB.direction)
        else:
            missing.append("argkb:direction (Increase, Decrease, Maintain or Undertake)")
        if move.kind is not None:
            statements.append(
                (ARGKB.moveKind, [move.kind], "proposed: the clause says it is expressed")
            )
            proposed.append(ARGKB.moveKind)
        todo = TODO_STUB_MOVE.format(missing=("; add " + ", ".join(missing)) if missing else "")
        statements += [
            (ARGKB.proposed, proposed, None),
            (ARGKB.todo, [Literal(todo, lang="en")], None),
        ]
        blocks.append(self.out.block(node, statements))
        return node
