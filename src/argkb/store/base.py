"""The one small interface every read goes through: SPARQL with bound parameters.

``Store.query(sparql, bindings, prefixes=…)`` runs a read-only SPARQL 1.1 query with
``?_name``-style variables bound to RDF terms (never pasted into the text), and prefixes the query
may use without declaring them, and returns a ``QueryResult`` of rdflib terms, whatever the engine:
``OxigraphStore`` (pyoxigraph, the default), ``RdflibStore`` (an rdflib graph, for small graphs and
cross-checks), ``EndpointStore`` (any SPARQL 1.1 Protocol server, ``argkb.store.endpoint``).
``argkb.store.open_store(kb)`` picks one (``argkb.store.backends.open_store``): the persistent
derived store (``argkb.store.derived``) by default.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from argkb.store.sparql_terms import checked_term, with_values

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph
    from rdflib.term import Identifier, Node

    from argkb.kb.folder import KnowledgeBase
    from argkb.rdf.strict import from_ox  # noqa: F401


def __getattr__(name: str):
    """``from_ox`` (``argkb.rdf.strict``), re-exported: readers of query results import it from
    here; rdflib is imported when it is first asked for, not with the store (``argkb query`` needs
    none of it)."""
    if name == "from_ox":
        from argkb.rdf.strict import from_ox

        return from_ox
    raise AttributeError(f"module 'argkb.store.base' has no attribute {name!r}")


@dataclass
class QueryResult:
    """A SELECT (``vars`` + ``rows``), ASK (``boolean``) or CONSTRUCT/DESCRIBE (``graph``)
    answer."""

    kind: str  # "select" | "ask" | "graph"
    vars: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)  # rdflib terms or None, in ``vars`` order
    boolean: bool | None = None
    graph: Graph | None = None

    def dicts(self) -> list[dict[str, Identifier | None]]:
        return [dict(zip(self.vars, row)) for row in self.rows]


class Store:
    """Read-only SPARQL over a knowledge base."""

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Node] | None = None,
        max_rows: int | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> QueryResult:
        """The answer; with ``max_rows``, a ``TooLarge`` error as soon as it has more rows (triples
        for a CONSTRUCT), so a cartesian product is never held whole. ``prefixes`` (name ->
        namespace IRI) are those the query may use without declaring them; a PREFIX the query
        declares wins."""
        raise NotImplementedError

    def describes(self, node: Node) -> bool:
        """Whether some triple has ``node`` as its subject."""
        from argkb.store.queries import DESCRIBES

        return bool(self.query(DESCRIBES, {"s": node}).boolean)


# ----------------------------------------------------------------- rdflib ---
class RdflibStore(Store):
    def __init__(self, graph: Graph):
        self.graph = graph

    def query(self, sparql, bindings=None, max_rows=None, prefixes=None):
        from rdflib import Graph
        from rdflib.term import Variable

        init = {Variable(k.lstrip("?$")): v for k, v in (bindings or {}).items()}
        result = self.graph.query(sparql, initBindings=init, initNs=dict(prefixes or {}))
        if result.type == "ASK":
            return QueryResult("ask", boolean=bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            g = Graph()
            for t in capped(result, max_rows):
                g.add(t)
            return QueryResult("graph", graph=g)
        names = [str(v) for v in result.vars]
        return QueryResult(
            "select",
            vars=names,
            rows=[tuple(row[i] for i in range(len(names))) for row in capped(result, max_rows)],
        )


class TooLarge(Exception):
    """An answer with more rows than the caller allowed (``Store.query(max_rows=…)``)."""

    def __init__(self, max_rows: int):
        super().__init__(f"more than {max_rows:,} rows")
        self.max_rows = max_rows


def capped(items, max_rows: int | None):
    """``items``, raising ``TooLarge`` at the first one beyond ``max_rows``."""
    if max_rows is None:
        yield from items
        return
    for n, item in enumerate(items):
        if n >= max_rows:
            raise TooLarge(max_rows)
        yield item


# -------------------------------------------------------------- pyoxigraph ---
class OxigraphStore(Store):
    """pyoxigraph over the knowledge base's files (in memory unless given a store).

    ``union``: query the union of the named graphs as the default graph (the derived store
    keeps one named graph per file). ``backend`` says what the store is, for ``argkb store status``.
    """

    def __init__(self, store=None, union: bool = False, backend: str = "memory"):
        import pyoxigraph

        self.ox = store if store is not None else pyoxigraph.Store()
        self.union = union
        self.backend = backend
        # set by ``open_store`` on a committed database of the derived store (``argkb.store.views``)
        self.views_folder: Path | None = None
        self.db: str | None = None

    @classmethod
    def from_files(cls, paths: Iterable) -> OxigraphStore:
        import pyoxigraph

        from argkb.rdf.parse import guess_format

        media = {
            "turtle": pyoxigraph.RdfFormat.TURTLE,
            "nt": pyoxigraph.RdfFormat.N_TRIPLES,
            "xml": pyoxigraph.RdfFormat.RDF_XML,
            "json-ld": None,
        }
        self = cls()
        for path in paths:
            fmt = media.get(guess_format(path))
            if fmt is None:  # formats pyoxigraph does not read: go through rdflib
                from argkb.rdf.parse import parse_file

                self.add_graph(parse_file(path))
            else:
                self._bulk_load(path, fmt)
        return self

    def _bulk_load(self, path, fmt) -> None:
        """Load one file; a syntax error becomes an InputError naming file, line and column (not a
        traceback)."""
        from argkb.errors import InputError
        from argkb.rdf.parse import MAX_FILE_BYTES, check_input_file

        check_input_file(path, MAX_FILE_BYTES)
        try:
            self.ox.bulk_load(path=str(path), format=fmt)
        except SyntaxError as exc:
            message = re.sub(r"^Parser error (at|between) line .*?: ", "", exc.msg or str(exc))
            raise InputError(path, f"syntax error: {message}", exc.lineno, exc.offset) from None

    @classmethod
    def from_kb(cls, kb: KnowledgeBase) -> OxigraphStore:
        gone = kb.superseded()
        store = cls.from_files(
            [kb.ontology_file, *(p for p in kb.data_files() if p not in gone), *kb.extra]
        )
        for path in kb.data_files():
            if path in gone:  # amended: its own triples minus what live amendments replaced
                store.add_graph(kb.read_file(path))
        return store

    def add_graph(self, graph: Graph, name: str | None = None) -> None:
        import pyoxigraph

        target = pyoxigraph.NamedNode(name) if name else pyoxigraph.DefaultGraph()
        self.ox.extend([pyoxigraph.Quad(to_ox(s), to_ox(p), to_ox(o), target) for s, p, o in graph])

    def describes(self, node):
        """An index lookup, not a query to parse and plan (``Locator`` asks once per validation
        result)."""
        import pyoxigraph
        from rdflib import URIRef

        try:
            subject = to_ox(node) if isinstance(node, URIRef) else None
        except ValueError:  # not an IRI pyoxigraph takes: the query says what it says of it
            subject = None
        if subject is None:
            return super().describes(node)
        graph = (
            None if self.union else pyoxigraph.DefaultGraph()
        )  # union: every graph is the default graph
        return next(iter(self.ox.quads_for_pattern(subject, None, None, graph)), None) is not None

    def query(self, sparql, bindings=None, max_rows=None, prefixes=None, native: bool = False):
        """As ``Store.query``; with ``native``, a SELECT's rows hold pyoxigraph's own terms, not
        rdflib's (``argkb query`` renders them as they are: no rdflib to import, no terms to
        convert)."""
        import pyoxigraph

        options = {"prefixes": dict(prefixes)} if prefixes else {}
        result = _ox_query(
            self.ox, sparql, bindings, use_default_graph_as_union=self.union, **options
        )
        if isinstance(result, pyoxigraph.QueryBoolean):
            return QueryResult("ask", boolean=bool(result))
        try:
            if native and isinstance(result, pyoxigraph.QuerySolutions):
                names = [v.value for v in result.variables]
                return QueryResult(
                    "select", vars=names, rows=[tuple(sol) for sol in capped(result, max_rows)]
                )
            from rdflib import Graph

            from argkb.rdf.strict import from_ox

            if isinstance(result, pyoxigraph.QueryTriples):
                g = Graph()
                for t in capped(result, max_rows):
                    g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
                return QueryResult("graph", graph=g)
            names = [v.value for v in result.variables]
            rows = [
                tuple(from_ox(sol[name]) if sol[name] is not None else None for name in names)
                for sol in capped(result, max_rows)
            ]
            return QueryResult("select", vars=names, rows=rows)
        except Exception as exc:  # noqa: BLE001 - re-raised below, as it is
            error = exc.with_traceback(None)
        # raised again outside the handler, the answer dropped first: pyoxigraph's solutions must be
        # freed on the thread that made them, not where a traceback holding them ends up (the
        # caller's, after Ctrl-C)
        del result
        raise error


#: query texts whose parameters pyoxigraph's ``substitutions=`` cannot bind (kept for the process;
#: bounded)
_NOT_SUBSTITUTABLE: set[str] = set()


def _ox_query(ox, sparql: str, bindings: Mapping[str, Node] | None, **options):
    """``ox.query`` with the parameters bound by pyoxigraph's ``substitutions=``. It follows
    SEP-0007, which binds a SELECT's variables only where the SELECT projects them (ASK, CONSTRUCT
    and DESCRIBE always), and refuses the query before running it otherwise: then the parameters go
    in as a VALUES block of escaped terms (``with_values``), as for a SPARQL server."""
    import pyoxigraph

    if not bindings:
        return ox.query(sparql, **options)
    if sparql not in _NOT_SUBSTITUTABLE:
        substitutions = {
            pyoxigraph.Variable(k.lstrip("?$")): to_ox(checked_term(v)) for k, v in bindings.items()
        }
        try:
            return ox.query(sparql, substitutions=substitutions, **options)
        except RuntimeError as exc:
            if "projection" not in str(exc):
                raise
            if len(_NOT_SUBSTITUTABLE) < 4096:
                _NOT_SUBSTITUTABLE.add(sparql)
    return ox.query(with_values(sparql, bindings), **options)


def to_ox(term):
    import pyoxigraph
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(str(term))
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
        return pyoxigraph.Literal(str(term))
    raise TypeError(f"cannot bind {term!r}")
