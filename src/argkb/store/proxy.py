"""The HTTP front of ``argkb serve``: every SPARQL request is checked here, then forwarded to
Oxigraph.

The Oxigraph server listens on a private loopback port; clients only reach this front, which

* answers ``/query`` only (GET ``?query=``, POST form or ``application/sparql-query``), and
  refuses updates and the Graph Store Protocol (403: the server is read-only);
* reads at most ``MAX_QUERY_BYTES`` of a request (413 beyond, before reading the rest), and closes a
  connection silent for ``IDLE_TIMEOUT_S`` while sending it (slow headers or body); listens with a
  backlog of 128;
* runs the caller's ``check(text)`` before anything parses the query, and forwards the text it
  returns (the canonical text that was checked: ``argkb.store.bounds.canonical``): argkb's bounds on
  size, nesting and operators (deep or long queries crash Oxigraph's parser), SERVICE (the server
  must not reach other hosts), FROM / FROM NAMED and the protocol's ``default-graph-uri`` /
  ``named-graph-uri`` (the server answers on the union of the knowledge base's graphs only);
  a refusal is a 400 whose body says what is wrong and how to fix it;
* forwards the query with the client's ``Accept`` header and relays the answer once it is whole:
  read in chunks, at most ``MAX_ANSWER_BYTES`` (507 beyond, the query stopped) and within the
  ``--timeout-s`` limit for the whole exchange (504), so a client never gets a 200 with a cut body
  and the front never holds more than the cap; a query past the limit is a 504 that retires only
  its own Oxigraph process (``argkb.store.upstream.Upstream``); a query whose process crashed
  under it is a 503 (it may be what crashed it: sent again, it would take the fresh process down
  with everyone else's requests), one whose process was replaced before it answered is sent again
  to the fresh one (reads are idempotent), and requests arriving meanwhile queue for it rather than
  fail.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Protocol

from argkb.errors import ArgkbError
from argkb.store.bounds import MAX_QUERY_BYTES

#: the largest answer relayed (it is held whole, so that its status is the true one): 32 MiB
MAX_ANSWER_BYTES = 32 * 2**20
CHUNK_BYTES = 64 * 1024
IDLE_TIMEOUT_S = 10
#: how long past the limit a request waits for a replaced Oxigraph process to answer
START_WAIT_S = 10.0
#: how often a read whose connection to Oxigraph failed before an answer is sent (to the replacing
#: process)
ATTEMPTS = 2
#: a form-encoded query grows up to three times (percent-encoding)
MAX_BODY_BYTES = 3 * MAX_QUERY_BYTES + 1024
_REFUSED_PARAMS = (
    "default-graph-uri",
    "named-graph-uri",
    "using-graph-uri",
    "using-named-graph-uri",
)


class Front(ThreadingHTTPServer):
    """The listening socket; ``upstream`` (the supervised Oxigraph) is set once it has started."""

    daemon_threads = True
    allow_reuse_address = True  # (Linux still refuses a port another socket listens on)
    request_queue_size = (
        128  # the listen backlog (socketserver's 5 reset 2-3 % of 50 clients' requests)
    )

    def __init__(self, address, check, timeout_s: float):
        super().__init__(address, Handler)
        self.check = check
        #: rdflib's query parser (pyparsing) is not thread-safe: concurrent checks broke each
        #: other's parse actions (TypeError in postParse), which dropped half of 50 clients'
        #: connections. It is CPU-bound under the GIL anyway, so one check at a time costs nothing
        self.check_lock = threading.Lock()
        self.timeout_s = timeout_s
        self.upstream: Supervisor | None = None


class Process(Protocol):
    """One Oxigraph process, as the front sees it (``argkb.store.upstream.Instance``)."""

    url: str
    retired_at: float | None

    def state(self) -> str: ...


class Supervisor(Protocol):
    """The supervised Oxigraph processes, as the front sees them
    (``argkb.store.upstream.Upstream``)."""

    def state(self) -> str: ...

    def acquire(self, timeout: float) -> Process | None: ...

    def release(self, instance: Process) -> None: ...

    def retire(self, instance: Process) -> None: ...


def _crashed(instance, wait_s: float = 1.0) -> str:
    """How the process of a failed exchange ended ("was killed by signal 9"), if it died on its own;
    "" when it runs on or was retired (stopped on purpose). A crash resets the connection a moment
    before the process can be reaped, hence the short wait."""
    if instance.retired_at is not None:
        return ""
    deadline = time.monotonic() + wait_s
    while not instance.state() and time.monotonic() < deadline:
        time.sleep(0.02)
    return instance.state() if instance.retired_at is None else ""


class Handler(BaseHTTPRequestHandler):
    server: Front
    server_version = "argkb-serve"
    protocol_version = "HTTP/1.0"
    #: seconds a client may stay silent while sending its request (headers or body), or reading the
    #: answer: a connection that trickles its headers is closed, not kept with a thread forever
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
            return self._refuse(
                status,
                "argkb serve is read-only: SPARQL Update and the Graph Store Protocol are "
                "refused; change the knowledge base with argkb add, then restart the server",
            )
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            return self._refuse(411, "send the query with a Content-Length header")
        if int(length) > MAX_BODY_BYTES:
            return self._refuse(
                413,
                f"the request is {int(length):,} bytes; queries are limited to "
                f"{MAX_QUERY_BYTES:,} bytes",
            )
        try:
            body = self.rfile.read(int(length)).decode("utf-8", "replace")
        except OSError:  # the client stalled past IDLE_TIMEOUT_S, or left
            self.close_connection = True
            return
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/sparql-query":
            params = urllib.parse.parse_qs(self.path.partition("?")[2], keep_blank_values=True)
            params["query"] = [body]
        elif kind == "application/x-www-form-urlencoded":
            params = urllib.parse.parse_qs(body, keep_blank_values=True)
        else:
            return self._refuse(
                415,
                "send the query as application/sparql-query or as a form "
                "(application/x-www-form-urlencoded, field query)",
            )
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
            return self._refuse(
                400,
                f"{refused[0]} is refused: the server answers on the union of the knowledge "
                "base's graphs; use GRAPH <…> { … } inside the query to read one file's graph",
            )
        try:
            with self.server.check_lock:
                text = self.server.check(queries[0])
        except ArgkbError as error:
            return self._refuse(400, str(error))
        except Exception as error:  # noqa: BLE001 - a client gets a status, never a dropped connection
            return self._refuse(
                500,
                f"argkb serve could not check the query ({type(error).__name__}): retry, "
                "or report it",
            )
        self._forward(text)  # the text that was checked, never the client's own

    def _forward(self, query: str) -> None:
        """Relay Oxigraph's answer once it is whole: read in chunks, at most ``MAX_ANSWER_BYTES``
        and until the server's limit, so the status sent is always the true one and the body is
        never cut.

        Every query is a read, so one whose connection to Oxigraph failed before an answer (its
        process was replaced, or reset the connection) is sent again, transparently, to the process
        that replaces it; a request waits for that process (up to the limit plus ``START_WAIT_S``)
        instead of failing. One whose process crashed under it is a 503: it may be the query that
        crashes it."""
        upstream = self.server.upstream
        if upstream is None:  # (the front listens only once it is set)
            return self._refuse(
                503, "the Oxigraph server behind argkb serve has not started: retry"
            )
        limit = self.server.timeout_s
        deadline = time.monotonic() + limit + START_WAIT_S
        for _attempt in range(ATTEMPTS):
            instance = upstream.acquire(max(0.0, deadline - time.monotonic()))
            if instance is None:
                return self._refuse(
                    503,
                    f"the Oxigraph server behind argkb serve {upstream.state() or 'is busy'}; "
                    "it is being restarted: retry",
                )
            try:
                outcome = self._exchange(instance, query, limit)
            finally:
                upstream.release(instance)
            if outcome is None:
                return  # answered
            if outcome == "expired":
                upstream.retire(
                    instance
                )  # stop the abandoned query for good; other requests on it finish
                return self._refuse(
                    504,
                    f"the query did not finish within the server's limit ({limit:g} s); it "
                    "was stopped: add a LIMIT, or narrow the pattern",
                )
            crash = _crashed(instance)
            if crash:
                return self._refuse(
                    503,
                    f"the Oxigraph server behind argkb serve {crash} while answering this "
                    "query; it is being restarted: retry (a query that crashes it every time "
                    "cannot be answered: simplify it)",
                )
            if time.monotonic() >= deadline:
                break
            if not instance.state() and instance.retired_at is None:
                time.sleep(0.05)  # a reset from a running process: try again, briefly later
        self._refuse(
            502, f"the Oxigraph server behind argkb serve did not answer ({outcome}): retry"
        )

    def _exchange(self, instance: Process, query: str, limit: float) -> str | None:
        """Send the query to one process and relay its answer (None); or say why not: "expired" when
        it outlived the limit, else the connection error (nothing was sent to the client: it can be
        retried)."""
        target = urllib.parse.urlsplit(instance.url)
        connection = http.client.HTTPConnection(
            target.hostname or "127.0.0.1", target.port, timeout=limit + 2
        )
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
            connection.request(
                "POST",
                target.path,
                body=query.encode("utf-8"),
                headers={
                    "Content-Type": "application/sparql-query; charset=utf-8",
                    "Accept": self.headers.get("Accept") or "application/sparql-results+json",
                },
            )
            answer = connection.getresponse()
            body = bytearray()
            while not expired.is_set():
                chunk = answer.read1(CHUNK_BYTES)
                if not chunk:
                    break
                body += chunk
                if len(body) > MAX_ANSWER_BYTES:
                    self._refuse(
                        507,
                        f"the answer is over {MAX_ANSWER_BYTES // 2**20} MiB, more than the "
                        "server relays: add a LIMIT (and OFFSET to page), or select fewer "
                        "variables; it was stopped",
                    )
                    return None
            if expired.is_set():
                return "expired"
            if answer.length:  # the process went away mid-answer (the body is shorter than it said)
                return "the answer was cut"
            self._send(answer.status, answer.getheader("Content-Type", "text/plain"), bytes(body))
            return None
        except (http.client.HTTPException, OSError) as error:
            return "expired" if expired.is_set() else (str(error) or type(error).__name__)
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
