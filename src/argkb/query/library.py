"""The named query library: ``queries/*.rq`` files, their headers, parameters and safety checks.

Each file starts with a comment header::

    #+ summary: one sentence (continued on "#+   " lines)
    #+ params:
    #+   name (iri|perspective|literal|integer[, optional][, default V]): what it is. Example: kb:x
    #+ example: argkb query NAME --param name=x
    #+   ...its output, as comment lines...

Parameters are ``?_name`` variables, bound at run time through ``Store.query(sparql,
bindings)`` — never pasted into the query text. Queries are read-only: SPARQL Update is
refused, and so are SERVICE and dataset clauses (FROM / FROM NAMED) unless the caller
allows the network. Everything is checked by parsing, not by searching the text.
The header itself is read by ``argkb.query.header`` (re-exported here).
"""

from __future__ import annotations

import difflib
import logging
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from argkb.errors import InputError, NetworkRefused, NoSuchNode, UsageError

# the header of a query file (re-exported: ``from argkb.query.library import NamedQuery`` keeps
# working)
from argkb.query.header import KINDS, NamedQuery, Param, _without_comments, from_text, parse_header  # noqa: F401
from argkb.rdf import ids

if TYPE_CHECKING:  # pragma: no cover
    from rdflib.term import Identifier

log = logging.getLogger(__name__)


#: one node's label, for the label columns of ``argkb query --labels`` (``argkb.query.labels``)
LABEL_QUERY = (
    "SELECT ?label WHERE { ?_node <http://www.w3.org/2000/01/rdf-schema#label> ?label } "
    "ORDER BY ?label LIMIT 1"
)


# ----------------------------------------------------------------- library ---
def library_dirs(kb=None) -> list[Path]:
    """Where named queries live: the library shipped with argkb, then the knowledge base's own
    queries/."""
    from argkb.kb.folder import bundled_root

    dirs = []
    root = bundled_root()
    if root is not None and (root / "queries").is_dir():
        dirs.append(root / "queries")
    if (
        kb is not None
        and kb.queries_dir.is_dir()
        and kb.queries_dir.resolve() not in [d.resolve() for d in dirs]
    ):
        dirs.append(kb.queries_dir)
    return dirs


def library(kb=None) -> dict[str, NamedQuery]:
    """Every named query by name (a knowledge base's own query overrides a library one of the same
    name)."""
    found: dict[str, NamedQuery] = {}
    for folder in library_dirs(kb):
        for path in sorted(folder.glob("*.rq")):
            found[path.stem] = load_file(path)
    return dict(sorted(found.items()))


def load_file(path: Path) -> NamedQuery:
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read query: {exc}") from None
    return from_text(text, path.stem, path)


def find(spec: str, kb=None) -> NamedQuery:
    """A query by name, by file (``*.rq`` or any existing file), or ``-`` for standard input."""
    if spec == "-":
        return from_text(sys.stdin.read(), "<stdin>")
    path = Path(spec)
    if spec.endswith((".rq", ".sparql")) or path.is_file():
        if not path.is_file():
            raise UsageError(f"no such query file: {spec}")
        return load_file(path)
    queries = library(kb)
    if spec in queries:
        return queries[spec]
    close = difflib.get_close_matches(spec, list(queries), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UsageError(
        f"unknown query {spec!r}{hint}\nnamed queries: {', '.join(queries) or '(none)'}"
    )


# ------------------------------------------------------------------ safety ---
SERVER_NETWORK_HINT = (
    "argkb serve never reaches other hosts, and answers on the union of the knowledge base's "
    "graphs: read one file's graph with GRAPH <…> { … }"
)


def check(
    text: str,
    origin: str = "query",
    allow_network: bool = False,
    network_hint: str = "pass --allow-network to permit it",
) -> str:
    """Parse ``text`` as a SPARQL 1.1 query; returns its form (select, ask, construct, describe).

    Refuses queries beyond ``argkb.store.bounds`` (size, nesting, operators) and SPARQL Update
    (UsageError), SERVICE and FROM / FROM NAMED unless ``allow_network``
    (NetworkRefused), and reports a syntax error with its line and column (InputError).
    What runs must be the text ``checked`` returns, not ``text``.
    """
    return checked(text, origin, allow_network, network_hint)[0]


def checked(
    text: str,
    origin: str = "query",
    allow_network: bool = False,
    network_hint: str = "pass --allow-network to permit it",
) -> tuple[str, str]:
    """(form, the canonical text) of a query that passes ``check``: the canonical text
    (``argkb.store.bounds.canonical``: no comment, no carriage return, no escape read two ways)
    is what was checked, and is the only text that may be run or forwarded.
    """
    from argkb.query import checked_cache
    from argkb.store.bounds import canonical, check_bounds, check_size

    check_size(text, origin)
    text = canonical(
        text, origin
    )  # the one text checked, then run: CR and escapes read alike by all
    if not text.strip():
        raise InputError(
            origin, "the query is empty: give a SELECT, ASK, CONSTRUCT or DESCRIBE query"
        )
    check_bounds(text, origin)  # before any parser: deep or long queries crash Oxigraph's
    prologue = standard_prologue(text)
    form = checked_cache.recall(prologue + text, allow_network)  # passed before: not parsed again
    if form is not None:
        return form, text
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(prologue + text)
    except ParseBaseException as exc:
        if _is_update(text):
            raise UsageError(
                f"{origin}: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, COPY, MOVE, "
                "ADD) is refused: argkb only reads; changes go through the contribution "
                "workflow (argkb add)"
            ) from None
        near = (prologue + text)[exc.loc :].split("\n", 1)[0].strip()[:30]
        where = f" at {near!r}" if near else " at the end of the query"
        line = exc.lineno - prologue.count("\n")  # as the user wrote it
        raise InputError(origin, f"SPARQL syntax error{where} ({exc.msg})", line, exc.col) from None
    except RecursionError:
        raise InputError(origin, "SPARQL query nested too deeply") from None
    if not allow_network:
        found = _find_network(tree)
        if found:
            raise NetworkRefused(
                f"{origin}: {found} may reach the network and is refused; {network_hint}"
            )
    try:
        translateQuery(tree)
    except Exception as exc:  # rdflib raises bare Exceptions for e.g. an unknown prefix
        raise InputError(origin, f"SPARQL error: {exc}") from None
    form = tree[1].name.replace("Query", "").lower()
    checked_cache.remember(prologue + text, allow_network, form)
    return form, text


#: the prefixes a query may use without declaring them
STANDARD_PREFIXES = ("argkb", "kb", "rdf", "rdfs", "owl", "prov", "oa", "skos", "dcterms", "xsd")


def standard_prefixes() -> dict[str, str]:
    """The prefixes a query may use without declaring them (name -> namespace IRI)."""
    from argkb.vocab.namespaces import PREFIXES

    return {name: PREFIXES[name] for name in STANDARD_PREFIXES}


def server_check(text: str) -> str:
    """What ``argkb serve`` forwards for a query: the canonical text that was checked (as
    ``argkb query`` checks it), with the standard prefixes it uses."""
    canonical = checked(text, "query", network_hint=SERVER_NETWORK_HINT)[1]
    return standard_prologue(canonical) + canonical


def standard_prologue(text: str) -> str:
    """PREFIX declarations for the standard prefixes ``text`` does not declare itself, one a line,
    for rdflib's parser and for a SPARQL server (errors subtract them: line numbers stay those of
    the query as written). The embedded store takes them as pyoxigraph's ``prefixes=`` instead
    (``run``)."""
    from argkb.store.queries import prefix_prologue

    return prefix_prologue(text, standard_prefixes())


UPDATE_KEYWORDS = (
    "INSERT",
    "DELETE",
    "LOAD",
    "CLEAR",
    "CREATE",
    "DROP",
    "COPY",
    "MOVE",
    "ADD",
    "WITH",
)


def _is_update(text: str) -> bool:
    """Whether ``text`` is (or starts like) a SPARQL Update: it parses as one, or its first
    keyword after the prologue (PREFIX / BASE, comments skipped by the grammar) is an update's."""
    from pyparsing import CaselessKeyword, MatchFirst, ParseBaseException, python_style_comment
    from rdflib.plugins.sparql.parser import Prologue, parseUpdate

    try:
        parseUpdate(text)
        return True
    except ParseBaseException:
        pass
    leading = (Prologue + MatchFirst([CaselessKeyword(k) for k in UPDATE_KEYWORDS])).ignore(
        python_style_comment
    )
    try:
        leading.parse_string(text)
        return True
    except ParseBaseException:
        return False


def _find_network(node) -> str | None:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name == "ServiceGraphPattern":
            return "SERVICE"
        if node.name == "DatasetClause":
            return "a dataset clause (FROM / FROM NAMED)"
        children = node.values()
    elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
        children = node
    else:
        return None
    for child in children:
        found = _find_network(child)
        if found:
            return found
    return None


# ----------------------------------------------------------------- binding ---
def split_assignments(pairs) -> dict[str, str]:
    """``name=value`` strings (from ``--param``) as a dict; the name may be written ``?_name`` or
    ``_name``."""
    values: dict[str, str] = {}
    for pair in pairs:
        if "=" not in pair:
            raise UsageError(f"--param takes name=value, not {pair!r}")
        name, value = pair.split("=", 1)
        name = name.strip().lstrip("?$").lstrip("_")
        if name in values:
            raise UsageError(f"parameter {name!r} given twice")
        values[name] = value
    return values


def bind(
    query: NamedQuery, values: dict[str, str], perspectives: dict | None = None
) -> dict[str, Identifier]:
    """Terms for the query's ``?_name`` variables from the user's text; checks names and required
    ones."""
    names = ", ".join(p.name for p in query.params) or "none"
    bindings: dict[str, Identifier] = {}
    defaults = {
        p.name: p.default for p in query.params if p.default is not None and p.name not in values
    }
    for name, value in {**values, **defaults}.items():
        param = query.param(name)
        if param is None:
            raise UsageError(
                f"query {query.name!r} has no parameter {name!r} (its parameters: {names})"
            )
        bindings["_" + name] = param.bind(value, perspectives)
    missing = [p.name for p in query.params if not p.optional and p.name not in values]
    if missing:
        example = "; ".join(
            f"--param {p.name}={p.example or '…'}" for p in query.params if p.name in missing
        )
        raise UsageError(f"query {query.name!r} needs {', '.join(missing)} ({example})")
    return bindings


Q_NODE_MENTIONED = "ASK { { ?_node ?p ?o } UNION { ?s ?p ?_node } }"
_Q_NODES = "SELECT DISTINCT ?node WHERE { ?node a ?class . FILTER (isIRI(?node)) }"


def require_nodes(store, query: NamedQuery, bindings: dict[str, Identifier]) -> None:
    """Refuse (exit 2, a bad parameter) an IRI parameter that names a node no triple mentions: it
    would answer 0 rows silently."""
    if not bindings:
        return
    from rdflib import URIRef

    for param in query.params:
        value = bindings.get("_" + param.name)
        if param.kind not in ("iri", "term") or not isinstance(value, URIRef):
            continue
        if not store.query(Q_NODE_MENTIONED, {"_node": value}).boolean:
            known = [row[0] for row in store.query(_Q_NODES).rows]  # the error path may scan
            raise NoSuchNode(
                f"parameter {param.name}: no node {ids.short(value)} in the knowledge base, so "
                f"query {query.name!r} would answer "
                f"nothing{ids.did_you_mean(ids.short(value), known, n=3)}"
            )


#: the most rows (triples for CONSTRUCT / DESCRIBE) ``argkb query`` holds by default
#: (``--max-rows``)
MAX_ROWS = 200_000


def run(
    store,
    query: NamedQuery,
    values: dict[str, str] | None = None,
    allow_network: bool = False,
    max_rows: int | None = MAX_ROWS,
    native: bool = False,
):
    """Check, bind and run a query on a Store; returns its QueryResult (a UsageError beyond
    ``max_rows``: a cartesian product is refused as soon as it passes the cap, never held whole).
    With ``native`` and the derived store, a SELECT's rows hold pyoxigraph's terms, and the answers
    of argkb's own queries are kept beside the database (``argkb.query.answers``)."""
    from argkb.store.base import TooLarge

    origin = str(query.path) if query.path else query.name
    text = checked(query.text, origin, allow_network)[1]
    perspectives = None
    if any(p.kind == "perspective" for p in query.params):
        from argkb.store.perspectives import declared_perspectives

        perspectives = declared_perspectives(store)
    bindings = bind(query, values or {}, perspectives)
    try:
        require_nodes(store, query, bindings)
        started = time.perf_counter()
        if native and hasattr(store, "ox"):
            result = _native(store, query, text, bindings, max_rows)
        else:
            result = interruptible(
                lambda: store.query(text, bindings, max_rows=max_rows, prefixes=standard_prefixes())
            )
        log.debug(
            "%s on %s: %s in %.3f s",
            query.name,
            getattr(store, "backend", type(store).__name__),
            f"{len(result.rows)} rows" if result.kind == "select" else result.kind,
            time.perf_counter() - started,
        )
        return result
    except TooLarge as exc:
        raise UsageError(
            f"{origin}: the answer has more than {exc.max_rows:,} rows: add a LIMIT (and OFFSET to "
            "page) or narrow the pattern, or raise --max-rows"
        ) from None
    except SyntaxError as exc:
        raise InputError(origin, f"SPARQL syntax error: {exc}") from None
    except (ValueError, TypeError) as exc:
        raise UsageError(f"{origin}: cannot bind parameters: {exc}") from None
    except OSError as exc:
        raise UsageError(f"{origin}: the query failed: {exc}") from None


def _native(store, query: NamedQuery, text: str, bindings: dict, max_rows: int | None):
    """``text`` run on an Oxigraph store, its rows in pyoxigraph's terms; a kept answer read back
    (``argkb.query.answers``), else the answer kept when it may be."""
    from argkb.query import answers
    from argkb.store.base import TooLarge

    prefixes = standard_prefixes()
    view = answers.name(text, bindings, prefixes) if answers.keeps(store, query, text) else None
    result = answers.recall(store, view) if view else None
    if result is None:
        result = interruptible(
            lambda: store.query(text, bindings, max_rows=max_rows, prefixes=prefixes, native=True)
        )
        if view:
            answers.remember(store, view, result)
    elif max_rows is not None and result.kind == "select" and len(result.rows) > max_rows:
        raise TooLarge(max_rows)
    return result


#: query threads left running after Ctrl-C (``argkb.cli.main`` then ends the process at once)
ABANDONED: list = []
#: the stack of the thread a query runs in (reserved, used only as deep as the query goes):
#: Oxigraph's parser and evaluator recurse over the query, and the 8 MiB default overflowed
#: (exit 139) on 10,000 chained "||"; the bounds of ``argkb.store.bounds`` refuse such queries
#: first, and this makes any that slips through an answer, not a crash
QUERY_STACK_BYTES = 512 * 2**20


def interruptible(call):
    """``call()`` in a worker thread, so that Ctrl-C (SIGINT) stops a long query at once.

    Python runs signal handlers only in the main thread and only between bytecodes; a query
    evaluated inside pyoxigraph (which releases the GIL) would otherwise run to its end. The
    main thread waits in short steps, so KeyboardInterrupt reaches it (the CLI then exits 130);
    the worker has a ``QUERY_STACK_BYTES`` stack, so no query can overflow it;
    the abandoned worker is listed in ``ABANDONED``, and the CLI ends the process without the
    interpreter's shutdown, which could otherwise wait on the engine the worker is still inside.
    """
    import threading

    if threading.current_thread() is not threading.main_thread():
        return call()
    outcome: dict = {}

    def work():
        try:
            outcome["value"] = call()
        except BaseException as error:  # handed to the main thread as it is
            outcome["error"] = error

    previous = threading.stack_size()
    try:
        # a deep stack: Oxigraph recurses over the query, and must never overflow it (a segmentation
        # fault)
        threading.stack_size(QUERY_STACK_BYTES)
    except (ValueError, RuntimeError):  # a platform that refuses it keeps its default
        pass
    try:
        worker = threading.Thread(target=work, name="argkb-query", daemon=True)
        worker.start()
    finally:
        threading.stack_size(previous)
    try:
        while worker.is_alive():
            worker.join(0.05)
    except KeyboardInterrupt:
        ABANDONED.append(
            worker
        )  # still inside the engine: the process must not wait for it at exit
        raise
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
