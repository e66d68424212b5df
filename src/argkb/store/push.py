"""``argkb push``: load the knowledge base into a SPARQL server through the Graph Store Protocol.

One named graph per file (the same names as the derived store: ``argkb.store.derived.graph_iri``),
so a server holds the ontology, each source's file and each contribution separately. Each graph
is replaced whole (HTTP PUT) with N-Triples taken from the derived store (no Turtle re-parsed;
N-Triples is also Turtle, which every server reads); graphs argkb pushed earlier whose file is gone
are deleted; then the server's triple count per graph is compared with the files'.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from argkb.errors import UsageError

if TYPE_CHECKING:  # pragma: no cover
    from argkb.kb.folder import KnowledgeBase


def graph_store_url(endpoint: str) -> str:
    """The Graph Store Protocol URL that usually sits next to a SPARQL query URL."""
    parts = urllib.parse.urlsplit(endpoint)
    path = parts.path.rstrip("/")
    rules = [
        (r"^/repositories/[^/]+$", lambda m: path + "/rdf-graphs/service"),  # GraphDB, RDF4J
        (
            r"^/sparql$",
            lambda m: "/sparql-graph-crud-auth" if parts.username else "/sparql-graph-crud",
        ),  # Virtuoso
        (r"^/query$", lambda m: "/store"),  # Oxigraph server
        (r"^(/[^/]+)/(?:sparql|query)$", lambda m: m.group(1) + "/data"),  # Apache Jena Fuseki
    ]
    for pattern, make in rules:
        match = re.match(pattern, path)
        if match:
            return urllib.parse.urlunsplit(parts._replace(path=make(match), query=""))
    raise UsageError(
        f"{endpoint}: cannot tell where its Graph Store Protocol service is; give --graph-store URL"
    )


@dataclass
class PushReport:
    graph_store: str
    pushed: dict[str, int] = field(default_factory=dict)  # graph IRI -> triples
    removed: list[str] = field(default_factory=list)
    mismatched: dict[str, tuple[int, int]] = field(
        default_factory=dict
    )  # graph -> (ours, server's)

    @property
    def triples(self) -> int:
        return sum(self.pushed.values())

    def to_text(self) -> str:
        lines = [f"pushed {len(self.pushed)} graphs, {self.triples} triples to {self.graph_store}"]
        lines += [f"removed stale graph {g}" for g in self.removed]
        if self.mismatched:
            lines += [
                f"MISMATCH {g}: {a} triples here, {b} on the server"
                for g, (a, b) in self.mismatched.items()
            ]
        else:
            lines.append("verified: the server's triple count matches for every graph")
        return "\n".join(lines)


def push(kb: KnowledgeBase, endpoint: str, graph_store: str | None = None) -> PushReport:
    import pyoxigraph

    from argkb.store.backends import derived_store
    from argkb.store.derived import GRAPH_BASE
    from argkb.store.endpoint import EndpointStore, Http

    query = EndpointStore(endpoint)
    gsp = Http(graph_store or graph_store_url(endpoint))
    report = PushReport(gsp.url)
    derived = derived_store(kb)
    manifest = derived.update()
    source = pyoxigraph.Store.read_only(str(derived.folder / manifest.db))
    for _key, entry in sorted(manifest.files.items()):
        data = source.dump(
            format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.NamedNode(entry.graph)
        )
        gsp.request(
            "PUT",
            data=data or b"\n",
            params={"graph": entry.graph},
            headers={"Content-Type": "text/turtle; charset=utf-8"},
        )
        report.pushed[entry.graph] = entry.triples
    counts = server_counts(query, GRAPH_BASE)
    for graph in sorted(set(counts) - set(report.pushed)):
        gsp.request("DELETE", params={"graph": graph})
        report.removed.append(graph)
    for graph, ours in report.pushed.items():
        theirs = counts.get(graph, 0)
        if theirs != ours:
            report.mismatched[graph] = (ours, theirs)
    return report


def server_counts(store, prefix: str) -> dict[str, int]:
    """Triples per named graph under ``prefix`` on the server."""
    from rdflib import Literal

    from argkb.store.queries import GRAPH_COUNTS

    result = store.query(GRAPH_COUNTS, {"prefix": Literal(prefix)})
    return {str(g): int(n) for g, n in result.rows}
