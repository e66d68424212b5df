"""Any SPARQL 1.1 server as a Store: the SPARQL 1.1 Protocol for reads, the Graph Store Protocol for
writes.

``EndpointStore(query_url, update_url=None)`` answers ``query(sparql, bindings)`` like the
embedded stores (same ``QueryResult`` of rdflib terms, parameters bound in a VALUES block).
It refuses silently truncated answers: a server that says it capped the rows
(Virtuoso's ``X-SPARQL-MaxRows`` header), or a SELECT returning a round number of rows
(≥ 1000, a multiple of 1000, as row caps are) that a COUNT of the same query contradicts,
raises ``TruncatedResult``.

Credentials, where a server needs them for writes, go in the URL (``http://user:pass@host/…``):
they are sent with HTTP Basic or Digest authentication, as the server asks, never logged.
Nothing here runs unless the user gave an endpoint URL.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from argkb.errors import ArgkbError, UsageError
from argkb.store.base import QueryResult, Store, TooLarge
from argkb.store.queries import count_rows, prefix_prologue
from argkb.store.sparql_terms import with_values

SELECT_TYPES = ("application/sparql-results+json", "application/json")
GRAPH_TYPES = (
    "application/n-triples",
    "text/plain",
    "text/turtle",
    "application/turtle",
    "text/n-triples",
)
ACCEPT = {
    "select": "application/sparql-results+json",
    "ask": "application/sparql-results+json",
    "graph": "application/n-triples, text/turtle;q=0.9",
}
CAP_HEADERS = ("X-SPARQL-MaxRows",)
#: the largest answer read from a server
MAX_ANSWER_BYTES = 512 * 2**20


class EndpointError(ArgkbError):
    """The server could not be reached or refused the request."""


class TruncatedResult(ArgkbError):
    """The server returned fewer rows than the query has (a row cap)."""


class Http:
    """urllib with credentials taken from the URL (Basic or Digest, as the server asks)."""

    def __init__(self, url: str, timeout: float = 120.0):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UsageError(f"{url!r}: not an http(s) URL of a SPARQL endpoint")
        handlers = []
        if parts.username:
            netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
            url = urllib.parse.urlunsplit(parts._replace(netloc=netloc))
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            manager.add_password(
                None,
                url,
                urllib.parse.unquote(parts.username),
                urllib.parse.unquote(parts.password or ""),
            )
            handlers = [
                urllib.request.HTTPBasicAuthHandler(manager),
                urllib.request.HTTPDigestAuthHandler(manager),
            ]
        self.url = url
        self.timeout = timeout
        self.opener = urllib.request.build_opener(*handlers)

    def request(
        self,
        method: str,
        url: str | None = None,
        data: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
    ):
        """(status, headers, body) of one request; HTTP and network errors as EndpointError."""
        target = url or self.url
        if params:
            target += ("&" if "?" in target else "?") + urllib.parse.urlencode(params)
        req = urllib.request.Request(target, data=data, method=method, headers=dict(headers or {}))
        try:
            with self.opener.open(req, timeout=self.timeout) as resp:
                body = resp.read(
                    MAX_ANSWER_BYTES + 1
                )  # never more than the cap held, whatever the server sends
                if len(body) > MAX_ANSWER_BYTES:
                    raise EndpointError(
                        f"{target}: the answer is over {MAX_ANSWER_BYTES // 2**20} MiB, more than "
                        "argkb reads from a server: add a LIMIT (and OFFSET to page)"
                    )
                return resp.status, resp.headers, body
        except urllib.error.HTTPError as exc:
            body = re.sub(
                r"\s+",
                " ",
                re.sub(r"<[^<>]*>", " ", exc.read(64 * 1024).decode("utf-8", "replace")),
            ).strip()
            detail = body[:300] or exc.reason
            if exc.code in (401, 403):
                detail += " (the server wants credentials: put them in the URL, http://USER:PASSWORD@host/…)"
            raise EndpointError(f"{target}: HTTP {exc.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise EndpointError(f"{target}: cannot reach the server ({reason})") from None


class EndpointStore(Store):
    """Read-only SPARQL (and SPARQL Update where ``update_url`` is given) on a remote server."""

    backend = "endpoint"

    def __init__(self, query_url: str, update_url: str | None = None, timeout: float = 120.0):
        self.http = Http(query_url, timeout)
        self.query_url = self.http.url
        self.updater = Http(update_url, timeout) if update_url else None
        self.backend = f"endpoint {self.query_url}"

    def query(self, sparql, bindings=None, max_rows=None, prefixes=None):
        text = with_values(sparql, bindings) if bindings else sparql
        if prefixes:
            text = prefix_prologue(text, prefixes) + text
        form = query_form(text)
        status, headers, body = self._post(text, form)
        kind = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind in SELECT_TYPES:
            result = parse_results_json(body, self.query_url)
            if (
                form == "ask"
                and result.kind == "select"
                and len(result.vars) == 1
                and len(result.rows) <= 1
            ):
                # Virtuoso answers ASK as a one-column SELECT: one row "1", or no row
                return QueryResult(
                    "ask", boolean=bool(result.rows) and str(result.rows[0][0]) in ("1", "true")
                )
            if result.kind == "select":
                if max_rows is not None and len(result.rows) > max_rows:
                    raise TooLarge(max_rows)
                self._check_cap(text, result, headers)
            return result
        if kind in GRAPH_TYPES:
            graph = parse_graph(body, kind, self.query_url)
            if max_rows is not None and len(graph) > max_rows:
                raise TooLarge(max_rows)
            return QueryResult("graph", graph=graph)
        raise EndpointError(
            f"{self.query_url}: unexpected answer type {kind or 'none'!r} (HTTP {status})"
        )

    def update(self, sparql: str) -> None:
        if self.updater is None:
            raise UsageError("this command writes to the server: give --update-endpoint URL")
        self.updater.request(
            "POST",
            data=urllib.parse.urlencode({"update": sparql}).encode("ascii"),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )

    def _post(self, text: str, form: str = "select"):
        # form-encoded POST: the one request shape every server reads (Virtuoso 7.2 hangs on a
        # direct application/sparql-query body)
        return self.http.request(
            "POST",
            data=urllib.parse.urlencode({"query": text}).encode("ascii"),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT[form]},
        )

    def _check_cap(self, text: str, result: QueryResult, headers) -> None:
        n = len(result.rows)
        capped = [h for h in CAP_HEADERS if headers.get(h)]
        if not capped and not (n >= 1000 and n % 1000 == 0):
            return
        try:
            total = self.count(text)
        except ArgkbError:
            total = None
        if total is not None and total == n:
            return
        said = f" (the server sent {capped[0]}: {headers.get(capped[0])})" if capped else ""
        really = (
            f"the query has {total} rows"
            if total is not None
            else "the full count could not be checked"
        )
        raise TruncatedResult(
            f"{self.query_url}: the answer was cut at {n} rows{said}, {really}. The server caps "
            "result sizes (Virtuoso: raise ResultSetMaxRows in the [SPARQL] section of "
            "virtuoso.ini); argkb refuses to use a truncated answer"
        )

    def count(self, select_text: str) -> int:
        """How many rows a SELECT has, asked of the server as a COUNT over it as a subquery."""
        prologue, body = split_prologue(select_text)
        status, headers, raw = self._post(count_rows(prologue, body))
        rows = parse_results_json(raw, self.query_url).rows
        return int(rows[0][0])


_PROLOGUE = re.compile(
    r"\A(?:\s+|#[^\n]*(?:\n|\Z)|(?:PREFIX\s+[^\s:]*:\s*<[^>]*>)|(?:BASE\s*<[^>]*>))*", re.I
)


def split_prologue(sparql: str) -> tuple[str, str]:
    """(PREFIX/BASE declarations, the rest) of a query."""
    prologue = _PROLOGUE.match(sparql)  # (it matches every text, if only the empty prologue)
    end = prologue.end() if prologue else 0
    return sparql[:end], sparql[end:]


def query_form(sparql: str) -> str:
    """select | ask | graph (CONSTRUCT, DESCRIBE), from the first keyword after the prologue."""
    match = re.match(r"\s*(\w+)", split_prologue(sparql)[1])
    word = match.group(1).upper() if match else ""
    return {"ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}.get(word, "select")


def parse_results_json(body: bytes, where: str) -> QueryResult:
    """SPARQL 1.1 Query Results JSON as a QueryResult of rdflib terms (plain literals stay
    plain)."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise EndpointError(f"{where}: the answer is not SPARQL results JSON ({exc})") from None
    if "boolean" in data:
        return QueryResult("ask", boolean=bool(data["boolean"]))
    names = list(data.get("head", {}).get("vars", []))
    rows = [
        tuple(json_term(b.get(name)) for name in names)
        for b in data.get("results", {}).get("bindings", [])
    ]
    return QueryResult("select", vars=names, rows=rows)


def json_term(value: dict | None):
    if value is None:
        return None
    kind, text = value.get("type"), value.get("value", "")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        if value.get("xml:lang"):
            return Literal(text, lang=value["xml:lang"])
        datatype = value.get("datatype")
        if datatype and datatype != str(XSD.string):
            return Literal(text, datatype=URIRef(datatype))
        return Literal(text)
    raise EndpointError(f"unexpected term type {kind!r} in a SPARQL JSON answer")


def parse_graph(body: bytes, media: str, where: str) -> Graph:
    fmt = "nt" if media in ("application/n-triples", "text/plain", "text/n-triples") else "turtle"
    graph = Graph()
    try:
        graph.parse(data=body.decode("utf-8"), format=fmt)
    except Exception as exc:  # noqa: BLE001 - any parser failure means a bad answer
        raise EndpointError(f"{where}: cannot read the graph the server sent ({exc})") from None
    for s, p, o in list(
        graph
    ):  # typed xsd:string literals read back as plain, like the embedded stores
        if isinstance(o, Literal) and o.datatype == XSD.string:
            graph.remove((s, p, o))
            graph.add((s, p, Literal(str(o))))
    return graph
