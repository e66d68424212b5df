"""The derived store: persistent, incremental, never silently out of step with the Turtle files."""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import sys

import pytest
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic

import argkb.store.derived as derived_module
from argkb.errors import InputError
from argkb.kb.folder import KnowledgeBase
from argkb.store import open_store
from argkb.store.backends import derived_store, store_status
from argkb.store.base import OxigraphStore
from argkb.store.derived import GRAPH_BASE, Manifest
from conftest import REPO

KB = "https://w3id.org/argkb/id/"
LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
ENV = {**os.environ, "PYTHONPATH": str(REPO / "src")}


def rows(store, sparql=ALL, bindings=None):
    return set(store.query(sparql, bindings).rows)


def fresh(root):
    """A new KnowledgeBase object (as a new argkb process would make) and its store."""
    kb = KnowledgeBase.locate(root)
    return kb, open_store(kb)


def graph(store):
    return store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").graph


def same_as_files(store, root) -> bool:
    """The store holds exactly what the files say (compared as graphs: the ontology has blank
    nodes)."""
    return isomorphic(graph(store), graph(OxigraphStore.from_kb(KnowledgeBase.locate(root))))


def count_files(root) -> int:
    return len(graph(OxigraphStore.from_kb(KnowledgeBase.locate(root))))


def add_file(path, subject, label):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'<{KB}{subject}> <{LABEL}> "{label}" .\n', "utf-8")


def test_built_once_then_reused_and_equal_to_the_files(mini_kb_dir):
    kb, store = fresh(mini_kb_dir)
    assert store.backend.startswith("disk")
    manifest = derived_store(kb).manifest()
    assert set(manifest.files) == {"ontology/argkb.ttl", "data/mini.ttl"}
    assert manifest.files["data/mini.ttl"].graph == GRAPH_BASE + "data/mini.ttl"
    assert same_as_files(store, mini_kb_dir)
    assert manifest.triples == len(graph(store))
    kb2, store2 = fresh(mini_kb_dir)
    assert derived_store(kb2).manifest().db == manifest.db  # nothing rebuilt
    assert store_status(kb2)["state"] == "fresh"


def test_bound_parameters_and_plain_literals_on_the_union_graph(mini_kb):
    store = open_store(mini_kb)
    found = store.query(
        "SELECT ?label WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?label }",
        {"x": URIRef("https://w3id.org/argkb/ontology#Claim")},
    ).rows
    assert found and all(isinstance(v, Literal) for (v,) in found)
    plain = store.query(
        "SELECT ?w WHERE { ?a <https://w3id.org/argkb/ontology#warrant> ?w } LIMIT 1"
    ).rows
    assert plain and plain[0][0].datatype is None and plain[0][0].language in (None, "en")
    assert store.query("ASK { GRAPH ?g { ?s ?p ?o } }").boolean is True


def test_edit_only_reloads_that_file(mini_kb_dir, monkeypatch):
    kb, store = fresh(mini_kb_dir)
    before = derived_store(kb).manifest()
    loaded = []
    real = derived_module._parse
    monkeypatch.setattr(
        derived_module, "_parse", lambda path, *a: loaded.append(path.name) or real(path, *a)
    )
    with open(mini_kb_dir / "data" / "mini.ttl", "a", encoding="utf-8") as f:
        f.write(f'\n<{KB}new-thing> <{LABEL}> "New thing" .\n')
    kb2, store2 = fresh(mini_kb_dir)
    after = derived_store(kb2).manifest()
    assert after.db != before.db
    assert after.files["data/mini.ttl"].sha256 != before.files["data/mini.ttl"].sha256
    assert after.files["data/mini.ttl"].triples == before.files["data/mini.ttl"].triples + 1
    assert loaded == ["mini.ttl"]  # the ontology's graph was kept, not re-read
    assert (URIRef(KB + "new-thing"), LABEL, Literal("New thing")) in rows(store2)
    assert same_as_files(store2, mini_kb_dir)


def test_same_size_edit_with_restored_timestamps_is_seen(mini_kb_dir):
    path = mini_kb_dir / "data" / "extra.ttl"
    add_file(path, "x", "aaaa")
    fresh(mini_kb_dir)
    st = path.stat()
    add_file(path, "x", "bbbb")  # same size
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # same mtime: only ctime and the hash tell
    kb, store = fresh(mini_kb_dir)
    assert (URIRef(KB + "x"), LABEL, Literal("bbbb")) in rows(store)
    assert (URIRef(KB + "x"), LABEL, Literal("aaaa")) not in rows(store)


def test_add_and_delete_contribution_files(mini_kb_dir):
    contribution = mini_kb_dir / "data" / "contributions" / "c1.ttl"
    fresh(mini_kb_dir)
    add_file(contribution, "contributed", "Contributed")
    kb, store = fresh(mini_kb_dir)
    assert "data/contributions/c1.ttl" in derived_store(kb).manifest().files
    assert (URIRef(KB + "contributed"), LABEL, Literal("Contributed")) in rows(store)
    status = store_status(kb)
    assert status["state"] == "fresh"
    contribution.unlink()
    assert store_status(KnowledgeBase.locate(mini_kb_dir))["removed"] == [
        "data/contributions/c1.ttl"
    ]
    kb2, store2 = fresh(mini_kb_dir)
    assert "data/contributions/c1.ttl" not in derived_store(kb2).manifest().files
    assert same_as_files(store2, mini_kb_dir)


def test_corrupt_or_missing_manifest_or_database_means_rebuild(mini_kb_dir):
    kb, _ = fresh(mini_kb_dir)
    derived = derived_store(kb)
    derived.manifest_path.write_text('{"format": 1, "files": {', "utf-8")
    assert store_status(kb)["state"] == "needs rebuild"
    assert same_as_files(fresh(mini_kb_dir)[1], mini_kb_dir)
    shutil.rmtree(derived.folder / derived.manifest().db)
    assert "missing" in store_status(kb)["reason"]
    assert same_as_files(fresh(mini_kb_dir)[1], mini_kb_dir)
    data = json.loads(derived.manifest_path.read_text("utf-8"))
    data["files"]["data/mini.ttl"]["sha256"] = "0" * 64  # a manifest that lies about a hash
    data["files"]["data/mini.ttl"]["hashed_ns"] = 0  # and whose stat signature is racy
    derived.manifest_path.write_text(json.dumps(data), "utf-8")
    assert store_status(kb)["changed"] == ["data/mini.ttl"]
    assert same_as_files(fresh(mini_kb_dir)[1], mini_kb_dir)


def test_interrupted_update_marker_is_recovered(mini_kb_dir):
    kb, _ = fresh(mini_kb_dir)
    derived = derived_store(kb)
    half = derived.folder / "db-halfbuilt0000"
    half.mkdir()
    (half / "junk").write_text("x")
    derived.dirty_path.write_text(half.name + "\n")
    add_file(mini_kb_dir / "data" / "more.ttl", "more", "More")
    kb2, store = fresh(mini_kb_dir)
    assert not half.exists() and not derived.dirty_path.exists()
    assert same_as_files(store, mini_kb_dir)


CRASH = """
import os, signal, sys
import argkb.store.derived as d
from argkb.kb.folder import KnowledgeBase
from argkb.store import open_store
real = d._parse
def crash(path, data, graph):
    yield from real(path, data, graph)
    os.kill(os.getpid(), signal.SIGKILL)   # die in the middle of the update, after one file
d._parse = crash
open_store(KnowledgeBase.locate(sys.argv[1]))
"""


def test_process_killed_mid_build_is_detected_next_time(mini_kb_dir):
    fresh(mini_kb_dir)
    add_file(mini_kb_dir / "data" / "a.ttl", "a", "A")
    add_file(mini_kb_dir / "data" / "b.ttl", "b", "B")
    done = subprocess.run(
        [sys.executable, "-c", CRASH, str(mini_kb_dir)], env=ENV, capture_output=True
    )
    assert done.returncode == -9
    derived = derived_store(KnowledgeBase.locate(mini_kb_dir))
    assert derived.dirty_path.exists()
    assert "a.ttl" not in json.dumps(
        json.loads(derived.manifest_path.read_text())
    )  # old manifest intact
    derived.update()
    assert any("interrupted" in note for note in derived.notes)
    assert not derived.dirty_path.exists()
    kb, store = fresh(mini_kb_dir)
    assert same_as_files(store, mini_kb_dir)
    assert len(list(derived.folder.glob("db-*"))) <= 2


def test_bad_turtle_names_line_and_column_and_keeps_the_old_store(mini_kb_dir):
    kb, _ = fresh(mini_kb_dir)
    before = derived_store(kb).manifest()
    (mini_kb_dir / "data" / "bad.ttl").write_text('<http://x/a> <http://x/b> "open .\n', "utf-8")
    with pytest.raises(InputError) as err:
        fresh(mini_kb_dir)
    assert err.value.path.endswith("bad.ttl") and err.value.line == 1
    derived = derived_store(kb)
    assert derived.manifest().db == before.db and not derived.dirty_path.exists()
    assert sorted(p.name for p in derived.folder.glob("db-*")) == [before.db]


def test_data_files_are_read_on_top_in_a_private_snapshot(mini_kb_dir, tmp_path):
    review = tmp_path / "review.ttl"
    add_file(review, "under-review", "Under review")
    fresh(mini_kb_dir)

    def review_in_store():
        store = open_store(KnowledgeBase.locate(mini_kb_dir, extra=[review]))
        path = store.backend.split()[-1]
        return (
            (URIRef(KB + "under-review"), LABEL, Literal("Under review")) in rows(store),
            path,
            os.path.isdir(path),
        )

    seen, snapshot, existed = review_in_store()
    assert seen and existed
    gc.collect()
    assert not os.path.exists(snapshot)  # removed when the store was dropped
    assert (URIRef(KB + "under-review"), LABEL, Literal("Under review")) not in rows(
        fresh(mini_kb_dir)[1]
    )


def test_memory_mode(mini_kb_dir, monkeypatch):
    monkeypatch.setenv("ARGKB_STORE", "memory")
    kb, store = fresh(mini_kb_dir)
    assert store.backend == "memory" and not (mini_kb_dir / ".argkb-cache").exists()
    assert same_as_files(store, mini_kb_dir)


READER = """
import sys
from argkb.kb.folder import KnowledgeBase
from argkb.store import open_store
store = open_store(KnowledgeBase.locate(sys.argv[1]))
n = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0]
print(store.backend.split()[0], int(n))
"""


def test_concurrent_processes_build_and_read(mini_kb_dir):
    for i in range(30):
        add_file(mini_kb_dir / "data" / f"f{i}.ttl", f"n{i}", f"N {i}")
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", READER, str(mini_kb_dir)],
            env=ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    expected = count_files(mini_kb_dir)
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
        assert out.split() == ["disk", str(expected)], err
    derived = derived_store(KnowledgeBase.locate(mini_kb_dir))
    assert isinstance(Manifest.read(derived.manifest_path), Manifest)
    assert len(list(derived.folder.glob("db-*"))) <= 2


def test_a_view_is_the_live_store_changed_and_writes_nothing_into_the_knowledge_base(
    runner, mini_kb_dir
):
    """knowledge_base_as (what add --amend and retract validate) gives the knowledge base as a
    changed log would leave it: its store holds exactly what the view's files say, without a copy of
    the folder (no symbolic link anywhere) and without touching the live store; its checkpoint is
    gone when the view is."""
    from argkb.cli.main import cli
    from argkb.kb.log import read_log
    from argkb.store.backends import derived_store
    from argkb.store.base import OxigraphStore
    from argkb.store.view import knowledge_base_as
    from contrib_support import VALID

    assert (
        runner.invoke(
            cli, ["add", "--kb", str(mini_kb_dir), str(VALID / "attack-existing-claim.ttl")]
        ).exit_code
        == 0
    )
    live = KnowledgeBase.locate(mini_kb_dir)
    derived_store(live).update()
    before = sorted(str(p) for p in mini_kb_dir.rglob("*") if ".argkb-cache" not in p.parts)
    live_triples = len(open_store(live).ox)
    (entry,) = read_log(live.data_dir)
    retracted = [type(entry)(**{**entry.__dict__, "retracted_at": "2026-01-01T00:00:00Z"})]
    with knowledge_base_as(live, log=retracted) as view:
        assert live.root / entry.content_file not in view.data_files()
        store = open_store(view)
        assert store is not open_store(live) and store.backend.startswith("disk view")
        seen = [str(q.triple) for q in store.ox.quads_for_pattern(None, None, None, None)]
        fresh = [
            str(q.triple)
            for q in OxigraphStore.from_kb(view).ox.quads_for_pattern(None, None, None, None)
        ]
        folder = store.path
        assert not any(p.is_symlink() for p in mini_kb_dir.rglob("*"))
    assert len(seen) == len(fresh)  # blank nodes (the ontology's lists) get new labels at each load
    assert {t for t in seen if "_:" not in t} == {t for t in fresh if "_:" not in t}
    assert not any("claim-allies-hedge-anyway" in t for t in seen)
    assert any(
        "claim-allies-hedge-anyway" in str(q.triple) for q in open_store(live).ox
    )  # the live store as it was
    assert len(open_store(live).ox) == live_triples
    assert not folder.exists()
    assert sorted(str(p) for p in mini_kb_dir.rglob("*") if ".argkb-cache" not in p.parts) == before


def test_keys_and_graphs_are_those_of_the_resolved_paths(tmp_path, monkeypatch):
    """Each folder is resolved once (speed): a file reached through a symlinked folder, a symlinked
    file, a file outside the knowledge base and a relative path get the keys and graphs
    ``Path.resolve()`` gives."""
    from argkb.store.derived import DerivedStore, graph_iri

    root, outside = tmp_path / "kb", tmp_path / "elsewhere"
    (root / "data" / "real").mkdir(parents=True)
    outside.mkdir()
    for folder in (root / "data" / "real", outside):
        (folder / "a.ttl").write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    (root / "data" / "linked").symlink_to(root / "data" / "real")
    (root / "data" / "b.ttl").symlink_to(outside / "a.ttl")
    monkeypatch.chdir(root)
    paths = [
        root / "data" / "linked" / "a.ttl",
        root / "data" / "b.ttl",
        outside / "a.ttl",
        root / "data" / "real" / "a.ttl",
        root / "data" / "real" / ".." / "real" / "a.ttl",
        type(root)("data/linked/a.ttl"),
    ]
    store = DerivedStore(root, paths)
    for path in paths:
        real = path.resolve()
        try:
            expected = real.relative_to(root.resolve()).as_posix()
        except ValueError:
            expected = str(real)
        assert store.key(path) == expected
        assert store._hash(path)[0].graph == graph_iri(root, path)
    assert store.key(paths[0]) == "data/real/a.ttl" and store.key(paths[1]) == str(
        (outside / "a.ttl").resolve()
    )
