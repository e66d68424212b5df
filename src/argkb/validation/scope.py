"""What a validation checked: which knowledge base (its folder, whether it is the bundled one, or a
SPARQL server), which files, how many nodes and which rules — the first line of ``argkb validate``
(``argkb.validation.report.Checked``)."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from argkb.kb.folder import KnowledgeBase, bundled_root, relative
from argkb.validation.queries import KB_NODES as _NODES
from argkb.validation.report import Checked
from argkb.vocab.namespaces import KB


def count_nodes(store) -> int:
    """The kb: nodes with a type in ``store``."""
    rows = store.query(_NODES).rows
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0


def contribution_nodes(graph: Graph) -> int:
    """The kb: nodes the contribution's files describe (their IRI subjects)."""
    return len(
        {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(str(KB))}
    )


def rule_numbers(kb: KnowledgeBase, compiled=None) -> list[int]:
    """The rule numbers of the shapes in force (from the compiled checks, else the shapes'
    sh:group)."""
    if compiled is not None:
        return sorted({c.rule for c in compiled.checks if c.rule is not None})
    from argkb.validation.compiled import rule_of

    shapes = kb.shapes_graph()
    return sorted(
        {
            n
            for s in set(shapes.subjects(SH.group, None))
            if (n := rule_of(shapes, s)[0]) is not None
        }
    )


def checked(kb: KnowledgeBase, files, nodes: int, compiled=None) -> Checked:
    bundled = bundled_root()
    return Checked(
        knowledge_base=str(kb.root),
        endpoint=kb.endpoint,
        bundled=kb.is_bundled or (bundled is not None and kb.root.resolve() == bundled.resolve()),
        files=[relative(p) for p in (files or kb.data_files())],
        contribution=bool(files),
        nodes=nodes,
        rules=rule_numbers(kb, compiled),
    )
