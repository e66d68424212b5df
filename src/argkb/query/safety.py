"""A query's safety checks before it runs: SPARQL 1.1 parsed (not searched), read-only, and
network-free unless the caller allows it; and the standard prefixes a query may use undeclared.

SPARQL Update is refused, and so are SERVICE and dataset clauses (FROM / FROM NAMED) unless the
caller allows the network; queries beyond ``argkb.store.bounds`` are refused before any parser.
``argkb.query.library`` runs what ``checked`` returns.
"""

from __future__ import annotations

from argkb.errors import InputError, NetworkRefused, UsageError

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
