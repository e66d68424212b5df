"""Validate a knowledge base, or contributions in its context, against ``ontology/shapes.ttl``.

``validate(kb, files)`` returns a ``ValidationReport``. The shapes are data: this module
supplies what SHACL cannot read by itself — the text of every source (as ``argkb:text``,
so rule 6 can compare quotes with it) — and says, for each result, which rule it breaks
and which file defines its focus node.

Three engines give the same results (the tests hold them to it):

* whole knowledge base: the shapes compiled to one set-based SPARQL query per constraint
  (``argkb.validation.compiled``), run on ``open_store(kb)``;
* with ``files`` (a contribution): only the nodes they touch, from a small neighbourhood
  graph taken from ``open_store(kb)`` by bound queries (``argkb.validation.incremental``);
* ``engine="pyshacl"``: plain pySHACL on the merged rdflib graph (the reference, and the
  fallback when the shapes use a feature the compiler does not translate).

With ``files`` the report covers the nodes the files touch: their subjects and the IRIs they name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from argkb.errors import UsageError
from argkb.kb.folder import KnowledgeBase, new_graph, relative
from argkb.kb.locate import Locator
from argkb.rdf.parse import USER_MAX_BYTES, parse_file
from argkb.store import open_store
from argkb.validation.raw_results import pyshacl_raw, report_of
from argkb.validation.report import ValidationReport
from argkb.validation.scope import checked, contribution_nodes, count_nodes
from argkb.vocab.namespaces import ARGKB

ENGINES = ("auto", "fast", "pyshacl")


def add_source_texts(kb: KnowledgeBase, graph: Graph) -> Graph:
    """Each source's text added to ``graph`` as ``argkb:text``, for rule 6."""
    from argkb.store.base import RdflibStore

    graph += _source_texts(kb, RdflibStore(graph))
    return graph


class ShapesRefused(UsageError):
    """pySHACL cannot validate with these shapes (they break a SHACL syntax rule, or use what it
    does not support)."""


def run_shacl(data: Graph, shapes: Graph) -> Graph:
    """pySHACL over ``data`` (which already holds the ontology); the results graph."""
    from pyshacl import validate as shacl_validate

    try:
        _conforms, results, text = shacl_validate(
            data,
            shacl_graph=shapes,
            inference="none",
            abort_on_first=False,
            allow_warnings=True,
            advanced=False,
            do_owl_imports=False,
            meta_shacl=False,
            inplace=True,
        )
    except (
        Exception
    ) as error:  # pySHACL and rdflib raise many kinds: all mean "cannot use these shapes"
        raise ShapesRefused(
            f"pySHACL cannot validate with these shapes: {error}; "
            "fix the shapes (see the SHACL specification's syntax rules)"
        ) from None
    if not isinstance(results, Graph):  # a pyshacl ValidationFailure
        raise ShapesRefused(
            f"the shapes break a SHACL rule: {getattr(results, 'message', results)}; fix the shapes"
        )
    return results


def validate(
    kb: KnowledgeBase,
    files: Iterable[Path | str] = (),
    max_bytes: int | None = None,
    engine: str = "auto",
    parsed: Graph | None = None,
    violations_only: bool = False,
) -> ValidationReport:
    """Validate the knowledge base; with ``files``, validate them in its context and report on what
    they bring.

    ``parsed``: the files' triples when the caller has already read them (``argkb add``: not parsed
    twice). ``violations_only``: whole-knowledge-base validation runs only the rules of severity
    Violation (``argkb retract`` compares violations before and after; the warnings of a large
    knowledge base are many)."""
    if engine not in ENGINES:
        raise UsageError(f"unknown validation engine {engine!r}: use one of {', '.join(ENGINES)}")
    paths = [Path(f) for f in files]
    graphs = (
        [parsed]
        if parsed is not None and paths
        else [
            parse_file(
                p,
                new_graph(),
                max_bytes=max_bytes or USER_MAX_BYTES,
                allow_network=kb.allow_network,
            )
            for p in paths
        ]
    )
    compiled = _compiled(kb, required=engine == "fast") if engine != "pyshacl" else None
    contribution = _union(graphs)  # (the one graph itself when there is one: read, never changed)
    if compiled is not None and graphs:
        from argkb.validation.canonical import rewritten_literal
        from argkb.validation.compiled import Unsupported

        rewritten = rewritten_literal(contribution)
        if rewritten is not None and engine == "fast":
            raise Unsupported(
                f"data holding {rewritten.n3()}, which the engine's store rewrites to its "
                "canonical form"
            )
        compiled = None if rewritten is not None else compiled
    if compiled is None:
        return validate_whole(kb, paths, graphs, engine="pyshacl")
    if not paths:
        return validate_whole(kb, engine="fast", violations_only=violations_only)
    from argkb.validation.incremental import check_contribution

    raw = check_contribution(kb, contribution, compiled)
    return _report(
        raw,
        kb,
        paths,
        Locator(kb, paths, store=open_store(kb)),
        contribution_nodes(contribution),
        compiled,
        contribution,
    )


def validate_whole(
    kb: KnowledgeBase,
    files: Sequence[Path] = (),
    graphs: list[Graph] | None = None,
    engine: str = "fast",
    violations_only: bool = False,
) -> ValidationReport:
    """Whole-graph validation of the knowledge base plus ``files``, reported on the nodes the files
    touch."""
    files = list(files)
    graphs = (
        graphs
        if graphs is not None
        else [parse_file(p, new_graph(), allow_network=kb.allow_network) for p in files]
    )
    contribution = _union(graphs)
    compiled = None
    if engine == "pyshacl":
        from argkb.store.base import RdflibStore, Store

        data = kb.graph() if not files else _union([kb.graph(), contribution])
        shapes = kb.shapes_graph()
        raw = list(pyshacl_raw(run_shacl(add_source_texts(kb, data), shapes), shapes))
        store: Store = RdflibStore(data)
    elif (
        kb.endpoint
    ):  # a SPARQL server: the checks run there (texts are joined in a small local store)
        compiled, store = _severe(_compiled(kb), violations_only), open_store(kb)
        raw = run_fast(kb, store, compiled)
    else:  # the files, bulk-loaded into memory: faster than the on-disk store for whole-graph scans
        from argkb.store.base import OxigraphStore

        compiled, memory = _severe(_compiled(kb), violations_only), OxigraphStore.from_kb(kb)
        memory.add_graph(contribution)
        memory.add_graph(_source_texts(kb, memory))
        raw = compiled.run(memory)
        store = memory
    if files:
        from argkb.validation.incremental import touched_nodes

        touched = touched_nodes(contribution)
        raw = [r for r in raw if r.focus in touched]
    nodes = contribution_nodes(contribution) if files else count_nodes(store)
    return _report(raw, kb, files, Locator(kb, files), nodes, compiled, contribution)


def run_fast(kb: KnowledgeBase, store, compiled) -> list:
    """Every result of the compiled shapes on ``store``; checks reading source texts run on a small
    text store."""
    plain = [c for c in compiled.checks if not c.needs_text]
    texts = [c for c in compiled.checks if c.needs_text]
    raw = compiled.run(store, checks=plain)
    if texts:
        raw += compiled.run(_text_store(kb, store, texts), checks=texts)
    return raw


def _text_store(kb: KnowledgeBase, store, checks) -> object:
    """The nodes the text-reading checks target (their descriptions), the class tree, and the
    sources' texts."""
    import pyoxigraph as ox

    from argkb.store.base import OxigraphStore, to_ox
    from argkb.validation.incremental import construct_triples

    small = ox.Store()
    from argkb.validation.queries import SUBCLASS_TRIPLES, target_descriptions

    queries = [
        SUBCLASS_TRIPLES,
        *(target_descriptions(target) for target in sorted({c.target for c in checks})),
    ]
    closure = None
    for query in queries:
        if "#SUBCLASSES" in query:
            from argkb.validation.compiled import SUBCLASSES, subclass_closure

            closure = closure or subclass_closure(store)
            query = SUBCLASSES.sub(_expanded_by(closure), query)
        small.extend(
            [ox.Quad(t.subject, t.predicate, t.object) for t in construct_triples(store, query)]
        )
    small.extend([ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in _source_texts(kb, store)])
    return OxigraphStore(small)


def _expanded_by(closure) -> Callable[[re.Match[str]], str]:
    """A ``#SUBCLASSES <C>#`` marker's replacement: C and the classes below it
    (``subclass_closure``)."""
    return lambda match: " ".join(closure(match.group(1)))


def _source_texts(kb: KnowledgeBase, store) -> Graph:
    """``argkb:text`` for every source in ``store`` whose text file exists (what
    ``add_source_texts`` adds)."""
    texts = new_graph()
    from argkb.validation.queries import SOURCES

    for (source,) in store.query(SOURCES).rows:
        text = kb.source_text(source) if isinstance(source, URIRef) else None
        if text is not None:
            texts.add((source, ARGKB.text, Literal(text)))
    return texts


def _severe(compiled, violations_only: bool):
    """``compiled`` with only its Violation rules when ``violations_only``."""
    if not violations_only:
        return compiled
    from argkb.validation.compiled import CompiledShapes

    return CompiledShapes([c for c in compiled.checks if c.severity == "Violation"])


def _compiled(kb: KnowledgeBase, required: bool = False):
    """The knowledge base's shapes compiled; None if they use what the compiler refuses (unless
    ``required``)."""
    from argkb.validation.compiled import Unsupported, compiled_for

    try:
        return compiled_for(kb.shapes_file, kb.cache_dir)
    except Unsupported:
        if required:
            raise
        return None


def _union(graphs: list[Graph]) -> Graph:
    """The graphs as one: a new graph, or the graph itself when there is just one (copying a large
    contribution triple by triple cost seconds; callers only read it)."""
    if len(graphs) == 1:
        return graphs[0]
    out = new_graph()
    for g in graphs:
        for triple in g:
            out.add(triple)
    return out


def _report(
    raw: list,
    kb: KnowledgeBase,
    files: list[Path],
    locator: Locator,
    nodes: int,
    compiled=None,
    contribution: Graph | None = None,
) -> ValidationReport:
    """The report on the knowledge base (or ``files`` in its context), with actionable hints in the
    messages, saying what was checked (``nodes``: how many kb: nodes; ``compiled``: the shapes'
    checks, for the rules)."""
    from argkb.validation.hints import enrich

    report = report_of(raw, locator.where)
    report.results = enrich(report.results, kb, contribution, files)
    report.files = [relative(p) for p in (files or kb.data_files())]
    report.checked = checked(kb, files, nodes, compiled)
    return report


__all__ = [
    "validate",
    "validate_whole",
    "add_source_texts",
    "run_shacl",
    "ValidationReport",
    "ENGINES",
]
