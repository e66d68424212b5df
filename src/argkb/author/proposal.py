"""What ``argkb draft`` proposes for one sentence (``Proposal``) and what a proposal refers to: the
actors it names (``ActorRef``), its trigger moves (``MoveRef``), a stub lever (``StubLever``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from argkb.author import gazetteer


@dataclass(frozen=True)
class ActorRef:
    """An actor named in a sentence: of the knowledge base (``entry`` None) or a stub from the
    gazetteer."""

    node: URIRef | None
    words: str  # the words found
    start: int
    entry: gazetteer.Entry | None = None
    how: str = field(default="", compare=False)  # which step proposed it (``argkb.author.refer``)

    @property
    def key(self) -> str:
        return self.entry.key if self.entry else str(self.node)

    @property
    def ident(self):
        return self.node or self.entry.key


@dataclass(frozen=True)
class StubLever:
    name: str


@dataclass
class MoveRef:
    """A proposed trigger: a move of the knowledge base (``node``) or a new stub move with what was
    found of it."""

    why: str
    node: URIRef | None = None
    label: str = ""
    actor: ActorRef | None = None
    lever: URIRef | StubLever | None = None
    direction: URIRef | None = None
    kind: URIRef | None = None


@dataclass
class Proposal:
    """What the draft proposes for one sentence."""

    label: str = ""
    affects: list[ActorRef] = field(default_factory=list)
    triggers: list[MoveRef] = field(default_factory=list)
    attribution: str | None = None  # what the label dropped: "according to X", "X fears that"
