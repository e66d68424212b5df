"""What a validation checked: which knowledge base (its folder, whether it is the bundled one, or a
SPARQL server), which files, how many nodes and which rules — the first line of ``argkb validate``."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from argkb.kb.folder import KnowledgeBase, bundled_root, relative
from argkb.vocab.namespaces import KB

_NODES = ("SELECT (COUNT(DISTINCT ?node) AS ?n) WHERE { ?node a ?type "
          f'FILTER(STRSTARTS(STR(?node), "{KB}")) }}')


@dataclass
class Checked:
    knowledge_base: str
    bundled: bool
    endpoint: str | None
    files: list[str]               # the files validated: the contribution's, else the knowledge base's data files
    contribution: bool             # FILES were given: they were checked in the knowledge base's context
    nodes: int                     # kb: nodes checked (with FILES: the nodes the files describe)
    rules: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    def to_text(self) -> str:
        where = (f"the knowledge base bundled with argkb ({self.knowledge_base})" if self.bundled
                 else f"knowledge base {self.knowledge_base}")
        if self.endpoint:
            where += f" through the SPARQL server {self.endpoint}"
        rules = _rule_span(self.rules)
        files = f"{len(self.files)} file{'s' * (len(self.files) != 1)}"
        if self.contribution:
            return (f"checked {files} ({', '.join(self.files)}): {self.nodes} node{'s' * (self.nodes != 1)} "
                    f"against {rules}, in the context of {where}")
        return f"checked {where}: {len(self.files)} data file{'s' * (len(self.files) != 1)}, {self.nodes} node{'s' * (self.nodes != 1)}, {rules}"


def _rule_span(rules: list[int]) -> str:
    if not rules:
        return "the rules of ontology/shapes.ttl"
    span = f"{rules[0]}–{rules[-1]}" if rules == list(range(rules[0], rules[-1] + 1)) else ", ".join(map(str, rules))
    return f"{len(rules)} rule{'s' * (len(rules) != 1)} ({span})"


def count_nodes(store) -> int:
    """The kb: nodes with a type in ``store``."""
    rows = store.query(_NODES).rows
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0


def contribution_nodes(graph: Graph) -> int:
    """The kb: nodes the contribution's files describe (their IRI subjects)."""
    return len({s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(str(KB))})


def rule_numbers(kb: KnowledgeBase, compiled=None) -> list[int]:
    """The rule numbers of the shapes in force (from the compiled checks, else the shapes' sh:group)."""
    if compiled is not None:
        return sorted({c.rule for c in compiled.checks if c.rule is not None})
    from argkb.validation.compiled import rule_of

    shapes = kb.shapes_graph()
    return sorted({n for s in set(shapes.subjects(SH.group, None)) if (n := rule_of(shapes, s)[0]) is not None})


def checked(kb: KnowledgeBase, files, nodes: int, compiled=None) -> Checked:
    bundled = bundled_root()
    return Checked(knowledge_base=str(kb.root), endpoint=kb.endpoint,
                   bundled=kb.is_bundled or (bundled is not None and kb.root.resolve() == bundled.resolve()),
                   files=[relative(p) for p in (files or kb.data_files())], contribution=bool(files),
                   nodes=nodes, rules=rule_numbers(kb, compiled))
