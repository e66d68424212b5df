"""``argkb import``: a map file in, the text of a contribution file out (never added)."""

from __future__ import annotations

from pathlib import Path

from rdflib.namespace import RDF

from argkb.errors import UsageError
from argkb.interop.anchoring import find_words, registered_source
from argkb.interop.contribution import build, slug, to_text
from argkb.interop.read import read_map
from argkb.rdf.ids import perspective as perspective_term
from argkb.vocab.namespaces import ARGKB


def known_agents(kb, author: str | None) -> frozenset:
    """The agent ``--author`` names, if the knowledge base holds it (then it is referenced, never
    relabelled); an agent id the knowledge base does not hold is refused."""
    if not author:
        return frozenset()
    from rdflib.namespace import PROV

    from argkb.kb.log import agent_iri

    agent = agent_iri(author)
    if kb is None:
        return frozenset()
    held = (agent, RDF.type, PROV.Agent) in kb.graph() or (agent, None, None) in kb.graph()
    if ":" in author and not held:
        raise UsageError(
            f"--author {author}: no agent {author} in the knowledge base; give a name (e.g. "
            "--author 'Jane Roe', made an agent of its own) or an existing agent id such as "
            "kb:argkb-editors"
        )
    return frozenset({agent}) if held else frozenset()


def convert(
    path: Path,
    fmt: str,
    kb=None,
    source: str | None = None,
    perspective: str | None = None,
    author: str | None = None,
    prefix: str | None = None,
) -> tuple[str, dict]:
    """The contribution's Turtle and a summary (counts, TODOs, skipped)."""
    if fmt == "argdown":
        from argkb.interop.argdown_import import convert_flavoured

        done = convert_flavoured(Path(path), kb, source)
        if done is not None:
            return done
    lens = perspective_term(perspective) if perspective else None
    anchor = registered_source(kb, source) if source else None
    agents = known_agents(kb, author)
    imported = read_map(Path(path), fmt)
    prefix = slug(prefix or Path(path).stem)
    graph, todo = build(
        imported,
        prefix,
        author=author,
        perspective=lens,
        source=anchor,
        find=find_words,
        known_agents=agents,
    )
    summary = {
        **imported.counts(),
        "todo": len(todo),
        "skipped": len(imported.skipped),
        "quotes": sum(1 for _ in graph.subjects(RDF.type, ARGKB.Quote)),
    }
    return to_text(graph, todo, imported, Path(path).name), summary
