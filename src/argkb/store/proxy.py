"""The HTTP front of ``argkb serve``: every SPARQL request is checked here, then forwarded to Oxigraph.

The Oxigraph server listens on a private loopback port; clients only reach this front, which

* answers ``/query`` only (GET ``?query=``, POST form or ``application/sparql-query``), and
  refuses updates and the Graph Store Protocol (403: the server is read-only);
* reads at most ``MAX_QUERY_BYTES`` of a request (413 beyond, before reading the rest), and closes a
  connection silent for ``IDLE_TIMEOUT_S`` while sending it (slow headers or body); listens with a
  backlog of 128;
* runs the caller's ``check(text)`` before anything parses the query, and forwards the text it
  returns (the canonical text that was checked: ``argkb.store.bounds.canonical``): argkb's bounds on size,
  nesting and operators (deep or long queries crash Oxigraph's parser), SERVICE (the server
  must not reach other hosts), FROM / FROM NAMED and the protocol's ``default-graph-uri`` /
  ``named-graph-uri`` (the server answers on the union of the knowledge base's graphs only);
  a refusal is a 400 whose body says what is wrong and how to fix it;
* forwards the query with the client's ``Accept`` header and relays the answer once it is whole:
  read in chunks, at most ``MAX_ANSWER_BYTES`` (507 beyond, the query stopped) and within the
  ``--timeout-s`` limit for the whole exchange (504), so a client never gets a 200 with a cut body
  and the front never holds more than the cap; when the Oxigraph process is gone it answers 503
  and says so (the supervisor restarts it).
"""
from __future__ import annotations

import http.client
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from argkb.errors import ArgkbError
from argkb.store.bounds import MAX_QUERY_BYTES

#: the largest answer relayed (it is held whole, so that its status is the true one): 32 MiB
MAX_ANSWER_BYTES = 32 * 2**20
CHUNK_BYTES = 64 * 1024
IDLE_TIMEOUT_S = 10
#: a form-encoded query grows up to three times (percent-encoding)
MAX_BODY_BYTES = 3 * MAX_QUERY_BYTES + 1024
_REFUSED_PARAMS = ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri")


class Front(ThreadingHTTPServer):
    """The listening socket; ``upstream`` (the supervised Oxigraph) is set once it has started."""

    daemon_threads = True
    allow_reuse_address = True  # (Linux still refuses a port another socket listens on)
    request_queue_size = 128    # the listen backlog (socketserver's 5 reset 2-3 % of 50 clients' requests)

    def __init__(self, address, check, timeout_s: float):
        super().__init__(address, Handler)
        self.check = check
        self.timeout_s = timeout_s
        self.upstream = None


class Handler(BaseHTTPRequestHandler):
    server: Front
    server_version = "argkb-serve"
    protocol_version = "HTTP/1.0"
    #: seconds a client may stay silent while sending its request (headers or body), or reading the answer:
    #: a connection that trickles its headers is closed, not kept with a thread forever
    timeout = IDLE_TIMEOUT_S

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
        try:
            body = self.rfile.read(int(length)).decode("utf-8", "replace")
        except OSError:   # the client stalled past IDLE_TIMEOUT_S, or left
            self.close_connection = True
            return
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
            text = self.server.check(queries[0])
        except ArgkbError as error:
            return self._refuse(400, str(error))
        self._forward(text)  # the text that was checked, never the client's own

    def _forward(self, query: str) -> None:
        """Relay Oxigraph's answer once it is whole: read in chunks, at most ``MAX_ANSWER_BYTES`` and until
        the server's limit, so the status sent is always the true one and the body is never cut."""
        upstream = self.server.upstream
        limit = self.server.timeout_s
        if not upstream.wait_running(10):   # a recycled server is replaced within a second or so
            return self._refuse(503, f"the Oxigraph server behind argkb serve {upstream.state()}; it is being "
                                     "restarted: retry")
        target = urllib.parse.urlsplit(upstream.url)
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=limit + 2)
        expired = threading.Event()
        watchdog = None
        try:
            connection.connect()
            sock = connection.sock

            def expire():  # the whole exchange, not each read, is held to the limit
                expired.set()
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

            watchdog = threading.Timer(limit + 1, expire)
            watchdog.daemon = True
            watchdog.start()
            connection.request("POST", target.path, body=query.encode("utf-8"), headers={
                "Content-Type": "application/sparql-query; charset=utf-8",
                "Accept": self.headers.get("Accept") or "application/sparql-results+json"})
            answer = connection.getresponse()
            body = bytearray()
            while not expired.is_set():
                chunk = answer.read1(CHUNK_BYTES)
                if not chunk:
                    break
                body += chunk
                if len(body) > MAX_ANSWER_BYTES:
                    return self._refuse(507, f"the answer is over {MAX_ANSWER_BYTES // 2**20} MiB, more than the "
                                             "server relays: add a LIMIT (and OFFSET to page), or select fewer "
                                             "variables; it was stopped")
            if expired.is_set():
                raise TimeoutError("the answer was not complete in time")
            self._send(answer.status, answer.getheader("Content-Type", "text/plain"), bytes(body))
        except (http.client.HTTPException, OSError) as error:
            state = upstream.state()
            if state:
                self._refuse(503, f"the Oxigraph server behind argkb serve {state}; it is being restarted: retry")
            elif expired.is_set() or isinstance(error, TimeoutError):
                upstream.recycle()   # stop the abandoned query for good
                self._refuse(504, f"the query did not finish within the server's limit ({limit:g} s); it was "
                                  "stopped: add a LIMIT, or narrow the pattern")
            else:
                self._refuse(502, f"the Oxigraph server behind argkb serve did not answer ({error}): retry")
        finally:
            if watchdog is not None:
                watchdog.cancel()
            connection.close()

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
