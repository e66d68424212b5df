"""Silent row caps are caught: a server header saying so, or a round row count a COUNT
contradicts."""

from __future__ import annotations

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from argkb.store.endpoint import EndpointStore, TruncatedResult, query_form, split_prologue


class Capped(BaseHTTPRequestHandler):
    """Answers any SELECT with ``rows`` rows (plus ``header``), and a COUNT with ``total``."""

    rows, total, header = 1000, 1500, None

    def do_POST(self):
        form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        query = form["query"][0]
        if "argkb_rows" in query:
            body = {
                "head": {"vars": ["argkb_rows"]},
                "results": {
                    "bindings": [
                        {
                            "argkb_rows": {
                                "type": "literal",
                                "datatype": "http://www.w3.org/2001/XMLSchema#integer",
                                "value": str(self.total),
                            }
                        }
                    ]
                },
            }
        else:
            body = {
                "head": {"vars": ["s"]},
                "results": {
                    "bindings": [
                        {"s": {"type": "uri", "value": f"urn:x:{i}"}} for i in range(self.rows)
                    ]
                },
            }
        raw = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        if self.header:
            self.send_header("X-SPARQL-MaxRows", self.header)
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Capped)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    Capped.rows, Capped.total, Capped.header = 1000, 1500, None


def test_round_row_count_contradicted_by_count_is_refused(server):
    store = EndpointStore(f"http://127.0.0.1:{server.server_port}/sparql")
    with pytest.raises(TruncatedResult, match="cut at 1000 rows, the query has 1500 rows"):
        store.query("PREFIX x: <urn:x:>\nSELECT ?s WHERE { ?s ?p ?o }")


def test_round_row_count_confirmed_by_count_is_accepted(server):
    Capped.total = 1000
    store = EndpointStore(f"http://127.0.0.1:{server.server_port}/sparql")
    assert len(store.query("SELECT ?s WHERE { ?s ?p ?o }").rows) == 1000


def test_server_cap_header_is_refused_even_on_odd_counts(server):
    Capped.rows, Capped.total, Capped.header = 7, 12, "7"
    store = EndpointStore(f"http://127.0.0.1:{server.server_port}/sparql")
    with pytest.raises(TruncatedResult, match="X-SPARQL-MaxRows: 7"):
        store.query("SELECT ?s WHERE { ?s ?p ?o }")


def test_small_answers_are_not_checked(server):
    Capped.rows, Capped.total = 999, 5000  # not a round cap, no header: taken as is
    store = EndpointStore(f"http://127.0.0.1:{server.server_port}/sparql")
    assert len(store.query("SELECT ?s WHERE { ?s ?p ?o }").rows) == 999


def test_query_form_and_prologue():
    q = "# c\nPREFIX a: <urn:a#>\nBASE <urn:b>\n  ASK { ?s ?p ?o }"
    assert query_form(q) == "ask"
    assert split_prologue(q)[1].lstrip().startswith("ASK")
    assert query_form("prefix x: <urn:x> construct { ?s ?p ?o } where { ?s ?p ?o }") == "graph"
    assert query_form("SELECT * { ?s ?p ?o }") == "select"
