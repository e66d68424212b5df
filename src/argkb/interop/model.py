"""The neutral form every reader produces: statements and the inferences between them.

An ``Inference`` is one AIF S-node (RA, CA, MA), one Argdown relation or argument, one Kialo
pro/con: premises (statement ids) and one target, a statement or another inference.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SUPPORT, ATTACK, REPHRASE = "support", "attack", "rephrase"


class MapError(ValueError):
    """The file is not a map of the format asked for: the message says what is wrong and how to fix
    it."""


@dataclass
class Statement:
    id: str
    text: str
    title: str = ""
    speakers: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    #: the words said for it (an AIF locution), tried before ``text`` when quoting a source
    words: list[str] = field(default_factory=list)


@dataclass
class Inference:
    id: str
    kind: str  # support, attack or rephrase
    premises: list[str]
    target: str  # a statement id, or an inference id (an undercut)
    title: str = ""  # an Argdown argument title, an AIF scheme name
    warrant: str = ""  # only where the format states why the inference holds
    tags: list[str] = field(default_factory=list)


@dataclass
class ImportedMap:
    name: str
    statements: dict[str, Statement] = field(default_factory=dict)
    inferences: dict[str, Inference] = field(default_factory=dict)
    #: what the reader left out, and why (said in the contribution's header)
    skipped: list[str] = field(default_factory=list)

    def prune(self) -> ImportedMap:
        """Leave out (and list) every inference whose premise or target the map does not hold as a
        statement or an inference, until none is left: an attack on a dropped support goes too.
        Nothing then points at a claim or argument the contribution does not define."""
        changed = True
        while changed:
            changed = False
            for inf in list(self.inferences.values()):
                missing = [p for p in inf.premises if p not in self.statements]
                if inf.target not in self.statements and inf.target not in self.inferences:
                    missing.append(inf.target)
                if missing:
                    self.skipped.append(
                        f"node {inf.id}: a {inf.kind} of {', '.join(missing)}, which is not "
                        "imported"
                    )
                    del self.inferences[inf.id]
                    changed = True
        return self

    def counts(self) -> dict[str, int]:
        kinds = [i.kind for i in self.inferences.values()]
        return {
            "claims": len(self.statements),
            "supports": kinds.count(SUPPORT) + kinds.count(REPHRASE),
            "attacks": kinds.count(ATTACK),
        }
