"""The first command on a new database of the derived store: the argument graph read through the
export's reader (``argkb.assess.load``'s ``shared``) decodes no property the map scanned already,
and is the graph read alone, equal in order and values, or given up on (None) exactly when the
graph read alone is; a view written twice (``argkb.assess.snapshot.encode``) is numbered once."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from argkb.assess.load import _load_scans
from argkb.cli.main import cli
from argkb.export.model import GRAPH_PROPERTIES
from argkb.export.model import load as computed
from argkb.export.scan import scanner_of
from argkb.kb.folder import KnowledgeBase
from argkb.store.backends import open_store

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from generate import generate  # noqa: E402

#: odd data the scans must treat alike: a second label, a second perspective, a literal premise,
#: a typed label, and an empty one (each file alone, on top of the seed knowledge base)
ODD = {
    "two-labels": 'kb:odd-a a argkb:Argument ; rdfs:label "one"@en, "two"@en ;\n'
    "    argkb:perspective argkb:Realism ; argkb:conclusion kb:odd-c .\n"
    'kb:odd-c a argkb:Claim ; rdfs:label "c"@en .',
    "same-text-twice": 'kb:odd-a a argkb:Argument ; rdfs:label "one"@en, "one" ;\n'
    "    argkb:perspective argkb:Realism ; argkb:conclusion kb:odd-c .\n"
    'kb:odd-c a argkb:Claim ; rdfs:label "c"@en .',
    "two-perspectives": 'kb:odd-a a argkb:Argument ; rdfs:label "a"@en ;\n'
    "    argkb:perspective argkb:Realism, argkb:Liberalism ; argkb:conclusion kb:odd-c .\n"
    'kb:odd-c a argkb:Claim ; rdfs:label "c"@en .',
    "two-conclusions": 'kb:odd-a a argkb:Argument ; rdfs:label "a"@en ;\n'
    "    argkb:perspective argkb:Realism ; argkb:conclusion kb:odd-c, kb:odd-d .\n"
    'kb:odd-c a argkb:Claim ; rdfs:label "c"@en .\nkb:odd-d a argkb:Claim .',
    "literal-premise": 'kb:odd-a a argkb:Argument ; rdfs:label "a"@en ;\n'
    '    argkb:perspective argkb:Realism ; argkb:conclusion kb:odd-c ; argkb:premise "p" .\n'
    'kb:odd-c a argkb:Claim ; rdfs:label "c"@en .',
    "typed-and-empty-labels": 'kb:odd-a a argkb:Argument ; rdfs:label "0"^^xsd:integer ;\n'
    "    argkb:perspective argkb:Realism ; argkb:conclusion kb:odd-c ;\n"
    "    argkb:premise kb:odd-d, kb:odd-c .\n"
    'kb:odd-c a argkb:Claim ; rdfs:label "" .\nkb:odd-d a argkb:Claim ; rdfs:label "d"@en .',
}
#: the cases where the scans give up (the graph is read by queries instead), labels read
GIVES_UP = {"two-labels", "two-perspectives", "two-conclusions", "literal-premise"}
PREFIXES = (
    "@prefix argkb: <https://w3id.org/argkb/ontology#> .\n"
    "@prefix kb: <https://w3id.org/argkb/id/> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
)


def _same(a, b) -> None:
    assert (a is None) == (b is None)
    if a is None:
        return
    assert list(a.arguments) == list(b.arguments) and list(a.claims) == list(b.claims)
    assert list(a.arguments.values()) == list(b.arguments.values())
    assert list(a.claims.values()) == list(b.claims.values())


def _check(store) -> None:
    """For both label settings: the graph from a scanner that read the map's properties equals
    the one read alone."""
    for labels in (True, False):
        alone = _load_scans(store, labels)
        scanner = scanner_of(store)
        assert scanner is not None
        scanner.keep.update(GRAPH_PROPERTIES)  # as ``model.load`` asks it to
        for prop in GRAPH_PROPERTIES:
            assert isinstance(scanner.pairs(prop), dict)
        _same(_load_scans(store, labels, scanner), alone)


def test_the_shared_scans_give_the_graph_read_alone(repo_kb):
    _check(open_store(repo_kb))


def test_on_generated_knowledge_bases(tmp_path):
    for seed in (1, 2):
        kb_dir = tmp_path / f"kb{seed}"
        generate(kb_dir, 3_000, seed=seed)
        _check(open_store(KnowledgeBase.locate(kb_dir)))


@pytest.mark.parametrize("case", sorted(ODD))
def test_odd_data_is_treated_alike(repo_kb, tmp_path, case):
    kb_dir = tmp_path / "kb"
    shutil.copytree(repo_kb.root / "ontology", kb_dir / "ontology")
    shutil.copytree(repo_kb.root / "data", kb_dir / "data")
    (kb_dir / "data" / "odd.ttl").write_text(PREFIXES + ODD[case] + "\n")
    store = open_store(KnowledgeBase.locate(kb_dir))
    assert (_load_scans(store, True) is None) == (case in GIVES_UP)
    _check(store)
    # and the export's map (which reads its graph through its scanner) is the in-memory one's
    amap = computed(store)
    assert amap.graph is not None and any(str(a).endswith("odd-a") for a in amap.graph.arguments)


@pytest.mark.parametrize("before", [None, "lenses"])
def test_the_export_is_the_same_as_in_memory(repo_kb, tmp_path, runner, monkeypatch, before):
    """The CLI's GraphML on the derived store (graph read through the map's scans, or from the
    lenses' view and the map's labels) equals the in-memory store's (read by queries)."""
    kb_dir = tmp_path / "kb"
    shutil.copytree(repo_kb.root / "ontology", kb_dir / "ontology")
    shutil.copytree(repo_kb.root / "data", kb_dir / "data")
    if before:
        assert runner.invoke(cli, ["--kb", str(kb_dir), before]).exit_code == 0
    args = ["--kb", str(kb_dir), "export", "--format", "graphml"]
    first = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    monkeypatch.setenv("ARGKB_STORE", "memory")
    second = runner.invoke(cli, args)
    assert second.exit_code == 0 and second.output == first.output


def test_a_view_encoded_again_with_strengths_is_a_fresh_encoding(repo_kb):
    import marshal

    from argkb.assess import framework
    from argkb.assess.snapshot import encode
    from argkb.assess.strength_view import view_strengths

    store = open_store(repo_kb)
    graph = _load_scans(store, True)
    first = marshal.dumps(encode(graph))  # as ``load`` writes the view
    ev = framework.evaluate(graph, None, "grounded")
    assert view_strengths(graph, ev.lens, ev.view, ev.gradual)
    again = encode(graph)  # as ``keep_strengths`` writes it, the numbering kept from the first
    assert "strength_index" in again and "strength_index" not in marshal.loads(first)
    fresh = _load_scans(store, True)
    fresh.__dict__["_strength_index"] = graph.__dict__["_strength_index"]
    # equal values (marshal's bytes differ only in which equal strings it writes as references)
    assert marshal.loads(marshal.dumps(again)) == marshal.loads(marshal.dumps(encode(fresh)))


def test_a_view_left_for_later_is_written_once_with_its_strengths(repo_kb, tmp_path):
    from argkb.assess import framework
    from argkb.assess.load import keep_strengths, load
    from argkb.assess.snapshot import decode, view_name
    from argkb.assess.strength_view import view_strengths
    from argkb.store.views import read_view, view_path

    kb_dir = tmp_path / "kb"
    shutil.copytree(repo_kb.root / "ontology", kb_dir / "ontology")
    shutil.copytree(repo_kb.root / "data", kb_dir / "data")
    store = open_store(KnowledgeBase.locate(kb_dir))
    path = view_path(store, view_name(False))
    assert path is not None
    graph = load(store, False, later=True)
    assert not path.exists(), "left for keep_strengths"
    ev = framework.evaluate(graph, None, "grounded")
    strengths = view_strengths(graph, ev.lens, ev.view, ev.gradual)
    keep_strengths(store, graph)
    kept = read_view(store, view_name(False))
    assert "strength_index" in kept
    _same(decode(kept), _load_scans(store, False))
    again = load(store, False)  # read back, with the index: the same strengths
    ev2 = framework.evaluate(again, None, "grounded")
    assert view_strengths(again, ev2.lens, ev2.view, ev2.gradual) == strengths
    # without strengths computed, the graph is still kept
    path.unlink()
    keep_strengths(store, load(store, False, later=True))
    assert path.is_file() and "strength_index" not in read_view(store, view_name(False))


def test_the_lean_graph_from_the_labelled_view_is_the_lean_graph_read(repo_kb, tmp_path):
    """``lenses`` after ``export`` on a new database: the graph without labels comes from the
    labelled view the export kept (with its strengths' index), and is the graph the scans read."""
    from argkb.assess.load import load
    from argkb.assess.snapshot import view_name
    from argkb.store.views import view_path

    generate(tmp_path / "gen", 3_000, seed=3)
    seed = tmp_path / "seed"
    shutil.copytree(repo_kb.root / "ontology", seed / "ontology")
    shutil.copytree(repo_kb.root / "data", seed / "data")
    for kb_dir in (seed, tmp_path / "gen"):
        store = open_store(KnowledgeBase.locate(kb_dir))
        computed(store)  # the export's map: keeps the labelled graph
        lean_path = view_path(store, view_name(False))
        assert lean_path is not None and not lean_path.exists()
        assert view_path(store, view_name(True)).is_file()
        lean = load(store, False)
        assert lean.__dict__.get("_strength_index_data") is not None, "the export's index"
        _same(lean, _load_scans(store, False))
        assert lean_path.is_file()
        assert any(c.label for c in lean.claims.values() if c.implication)


def test_lenses_after_export_are_the_lenses_in_memory(repo_kb, tmp_path, runner, monkeypatch):
    kb_dir = tmp_path / "kb"
    shutil.copytree(repo_kb.root / "ontology", kb_dir / "ontology")
    shutil.copytree(repo_kb.root / "data", kb_dir / "data")
    lenses = ["--kb", str(kb_dir), "lenses", "--format", "json"]
    exported = runner.invoke(cli, ["--kb", str(kb_dir), "export", "--format", "graphml"])
    assert exported.exit_code == 0, exported.output
    after_export = runner.invoke(cli, lenses)
    assert after_export.exit_code == 0, after_export.output
    monkeypatch.setenv("ARGKB_STORE", "memory")
    assert runner.invoke(cli, lenses).output == after_export.output


@pytest.mark.parametrize("case", ["seed", "generated", *sorted(ODD)])
def test_the_labelled_graph_from_the_lean_view_is_the_labelled_graph_read(repo_kb, tmp_path, case):
    """``export`` after ``lenses`` on a new database: the labelled graph is the lean view the
    lenses kept plus the labels the map scanned, and is the graph read alone (or, where two labels
    make the scans give up, the graph the queries read)."""
    from argkb.assess.load import load
    from argkb.assess.snapshot import view_name
    from argkb.store.views import view_path

    kb_dir = tmp_path / "kb"
    if case == "generated":
        generate(kb_dir, 3_000, seed=4)
    else:
        shutil.copytree(repo_kb.root / "ontology", kb_dir / "ontology")
        shutil.copytree(repo_kb.root / "data", kb_dir / "data")
        if case != "seed":
            (kb_dir / "data" / "odd.ttl").write_text(PREFIXES + ODD[case] + "\n")
    store = open_store(KnowledgeBase.locate(kb_dir))
    load(store, False)  # as lenses reads it (kept only when the scans read it)
    lean_kept = view_path(store, view_name(False)).is_file()
    assert lean_kept == (_load_scans(store, False) is not None)
    scanner = scanner_of(store)
    scanner.keep.update(GRAPH_PROPERTIES)
    graph = load(store, True, shared=scanner)
    alone = _load_scans(store, True)
    _same(graph, alone if alone is not None else load(_Queries(store), True))
    assert view_path(store, view_name(True)).is_file() == (alone is not None)
    if alone is None:
        assert case in GIVES_UP


class _Queries:
    """A store that answers by SPARQL alone: ``load`` reads it by its queries."""

    def __init__(self, store):
        self.store = store

    def query(self, *args):
        return self.store.query(*args)
