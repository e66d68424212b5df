"""The HTTP front of ``argkb serve``: every SPARQL request is checked here, then forwarded to Oxigraph.

The Oxigraph server listens on a private loopback port; clients only reach this front, which

* answers ``/query`` only (GET ``?query=``, POST form or ``application/sparql-query``), and
  refuses updates and the Graph Store Protocol (403: the server is read-only);
* reads at most ``MAX_QUERY_BYTES`` of a request (413 beyond, before reading the rest);
* runs the caller's ``check(text)`` before anything parses the query: argkb's bounds on size,
  nesting and operators (deep or long queries crash Oxigraph's parser), SERVICE (the server
  must not reach other hosts), FROM / FROM NAMED and the protocol's ``default-graph-uri`` /
  ``named-graph-uri`` (the server answers on the union of the knowledge base's graphs only);
  a refusal is a 400 whose body says what is wrong and how to fix it;
* forwards the query with the client's ``Accept`` header and relays the answer; when the
  Oxigraph process is gone it answers 503 and says so (the supervisor restarts it).
"""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from argkb.errors import ArgkbError
from argkb.store.bounds import MAX_QUERY_BYTES

#: a form-encoded query grows up to three times (percent-encoding)
MAX_BODY_BYTES = 3 * MAX_QUERY_BYTES + 1024
_REFUSED_PARAMS = ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri")


class Front(ThreadingHTTPServer):
    """The listening socket; ``upstream`` (the supervised Oxigraph) is set once it has started."""

    daemon_threads = True
    allow_reuse_address = True  # (Linux still refuses a port another socket listens on)

    def __init__(self, address, check, timeout_s: float):
        super().__init__(address, Handler)
        self.check = check
        self.timeout_s = timeout_s
        self.upstream = None


class Handler(BaseHTTPRequestHandler):
    server: Front
    server_version = "argkb-serve"
    protocol_version = "HTTP/1.0"

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass  # quiet, like the Oxigraph server it replaces

    def do_GET(self):
        path, _, query_string = self.path.partition("?")
        if path != "/query":
            return self._refuse(404, f"no such endpoint {path!r}: the SPARQL endpoint is /query")
        self._query(urllib.parse.parse_qs(query_string, keep_blank_values=True))

    def do_POST(self):
        path = self.path.partition("?")[0]
        if path != "/query":
            status = 403 if path in ("/update", "/store") else 404
            return self._refuse(status, "argkb serve is read-only: SPARQL Update and the Graph Store Protocol are "
                                        "refused; change the knowledge base with argkb add, then restart the server")
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            return self._refuse(411, "send the query with a Content-Length header")
        if int(length) > MAX_BODY_BYTES:
            return self._refuse(413, f"the request is {int(length):,} bytes; queries are limited to "
                                     f"{MAX_QUERY_BYTES:,} bytes")
        body = self.rfile.read(int(length)).decode("utf-8", "replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/sparql-query":
            params = urllib.parse.parse_qs(self.path.partition("?")[2], keep_blank_values=True)
            params["query"] = [body]
        elif kind == "application/x-www-form-urlencoded":
            params = urllib.parse.parse_qs(body, keep_blank_values=True)
        else:
            return self._refuse(415, "send the query as application/sparql-query or as a form "
                                     "(application/x-www-form-urlencoded, field query)")
        self._query(params)

    def do_PUT(self):
        self._refuse(405, "argkb serve is read-only: send queries with GET or POST to /query")

    do_DELETE = do_PATCH = do_PUT

    def _query(self, params: dict[str, list[str]]) -> None:
        queries = params.get("query", [])
        if len(queries) != 1:
            return self._refuse(400, "give exactly one query parameter")
        refused = [name for name in _REFUSED_PARAMS if params.get(name)]
        if refused:
            return self._refuse(400, f"{refused[0]} is refused: the server answers on the union of the knowledge "
                                     "base's graphs; use GRAPH <…> { … } inside the query to read one file's graph")
        try:
            self.server.check(queries[0])
        except ArgkbError as error:
            return self._refuse(400, str(error))
        self._forward(queries[0])

    def _forward(self, query: str) -> None:
        upstream = self.server.upstream
        request = urllib.request.Request(
            upstream.url, data=query.encode("utf-8"), method="POST",
            headers={"Content-Type": "application/sparql-query; charset=utf-8",
                     "Accept": self.headers.get("Accept") or "application/sparql-results+json"})
        try:
            with urllib.request.urlopen(request, timeout=self.server.timeout_s + 2) as answer:
                self._send(answer.status, answer.headers.get("Content-Type", "application/octet-stream"), answer.read())
        except urllib.error.HTTPError as error:  # Oxigraph's own refusal (a syntax error, its timeout …)
            self._send(error.code, error.headers.get("Content-Type", "text/plain"), error.read())
        except (urllib.error.URLError, OSError) as error:
            state = upstream.state()
            if state:
                self._refuse(503, f"the Oxigraph server behind argkb serve {state}; it is being restarted: retry")
            else:
                upstream.recycle()   # stop the abandoned query for good
                self._refuse(504, f"the query did not finish within the server's limit ({self.server.timeout_s:g} s"
                                  f"): {getattr(error, 'reason', error)}; it was stopped")

    def _refuse(self, status: int, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client went away
