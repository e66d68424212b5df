"""What ``bench/before.py`` runs in a child process (``before.py --child NAME``): pyoxigraph's own
loads of the knowledge base's files (the floors), their conversion to N-Quads, opening the store
cold, and trace timings."""

from __future__ import annotations

import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

ID_BASE = "https://w3id.org/argkb/id/"


def child_floor(kb: Path, mode: str, nquads: Path) -> dict:
    """pyoxigraph's own load of the knowledge base's files (``mode``: disk-graphs, disk-default,
    memory)."""
    import pyoxigraph as ox

    started, cpu = time.perf_counter(), time.process_time()
    if mode == "memory":
        store = in_memory(kb)
        folder = None
    else:
        folder = Path(tempfile.mkdtemp(prefix="floor-", dir=nquads.parent))
        store = ox.Store(str(folder))
        fmt = ox.RdfFormat.N_QUADS if mode == "disk-graphs" else ox.RdfFormat.N_TRIPLES
        store.bulk_load(
            path=str(nquads if mode == "disk-graphs" else nquads.with_suffix(".nt")), format=fmt
        )
        store.flush()
    figures = {
        "wall": time.perf_counter() - started,
        "cpu": time.process_time() - cpu,
        "quads": len(store),
    }
    del store
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
    return figures


def in_memory(kb: Path):
    """An in-memory pyoxigraph store of each Turtle file bulk-loaded into its own named graph."""
    import pyoxigraph as ox

    store = ox.Store()
    for path in kb_files(kb):
        store.bulk_load(
            path=str(path),
            format=ox.RdfFormat.TURTLE,
            base_iri=path.resolve().as_uri(),
            to_graph=ox.NamedNode(graph_of(kb, path)),
        )
    return store


def child_convert(kb: Path, nquads: Path) -> dict:
    """The knowledge base's files as one N-Quads file (a named graph per file) and one N-Triples
    file."""
    import pyoxigraph as ox

    store = in_memory(kb)
    store.dump(str(nquads), format=ox.RdfFormat.N_QUADS)
    with open(nquads.with_suffix(".nt"), "wb") as out:
        for path in kb_files(kb):
            out.write(
                ox.serialize(
                    ox.parse(
                        path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()
                    ),
                    format=ox.RdfFormat.N_TRIPLES,
                )
            )
    return {"quads": len(store)}


def child_open(kb: Path) -> dict:
    from argkb.kb.folder import KnowledgeBase
    from argkb.store import open_store

    return {"ask": bool(open_store(KnowledgeBase.locate(kb)).query("ASK { ?s ?p ?o }").boolean)}


def child_trace(kb: Path, samples: int = 60) -> dict:
    import random

    from rdflib import URIRef

    from argkb.kb.folder import KnowledgeBase
    from argkb.navigate.trace import trace
    from argkb.store import open_store

    manifest = json.loads((kb / "generated.json").read_text(encoding="utf-8"))
    rng = random.Random(5)  # the implications of bench/ops.py's ``queries``
    impls = [
        URIRef(ID_BASE + i["iri"].split(":", 1)[1])
        for i in rng.sample(manifest["implications"], min(samples, len(manifest["implications"])))
    ]
    store = open_store(KnowledgeBase.locate(kb))
    for iri in impls[:2]:
        trace(store, iri)
    walls, cpus = [], []
    for iri in impls:
        started, cpu = time.perf_counter(), time.process_time()
        trace(store, iri)
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    walls.sort()
    return {
        "trace_p50": statistics.median(walls),
        "trace_p95": walls[int(round(0.95 * (len(walls) - 1)))],
        "trace_cpu_p50": statistics.median(cpus),
    }


def kb_files(kb: Path) -> list[Path]:
    return [kb / "ontology" / "argkb.ttl", *sorted((kb / "data").rglob("*.ttl"))]


def graph_of(kb: Path, path: Path) -> str:
    return "https://w3id.org/argkb/graph/" + path.relative_to(kb).as_posix()
