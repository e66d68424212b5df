"""The argument graph of a database that only added files, derived from its predecessor's view
(argkb.assess.incremental): equal to the graph scanned from the store, and the commands' outputs
(``lenses --format json``, GraphML) byte for byte those of a knowledge base read from scratch; any
other change (a removed or changed file, a second label, a qualifier's score) scans the store."""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import pytest

from argkb.assess import incremental
from argkb.assess.load import _load_scans
from argkb.assess.snapshot import encode, view_name
from argkb.cli.main import cli
from argkb.kb.folder import KnowledgeBase
from argkb.store.backends import open_store
from argkb.store.views import read_lineage

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from generate import generate  # noqa: E402

HEAD = (
    "@prefix kb: <https://w3id.org/argkb/id/> .\n"
    "@prefix argkb: <https://w3id.org/argkb/ontology#> .\n"
    "@prefix oa: <http://www.w3.org/ns/oa#> .\n"
    "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\n"
)
QUALIFIERS = ("argkb:Could", "argkb:Might", "argkb:Likely", "argkb:Certain")


def _seed(repo_kb, folder: Path) -> Path:
    shutil.copytree(repo_kb.root / "ontology", folder / "ontology")
    shutil.copytree(repo_kb.root / "data", folder / "data")
    return folder


def _generated(folder: Path) -> Path:
    generate(folder, 2_000, seed=7)
    return folder


def _run(runner, kb_dir: Path, *args: str) -> str:
    result = runner.invoke(cli, ["--kb", str(kb_dir), *args])
    assert result.exit_code == 0, result.output
    return result.output


def _lenses(runner, kb_dir: Path) -> str:
    return _run(runner, kb_dir, "lenses", "--format", "json")


def _graphml(runner, kb_dir: Path) -> str:
    return _run(runner, kb_dir, "export", "--format", "graphml")


def _same(a, b) -> None:
    assert list(a.arguments) == list(b.arguments) and list(a.claims) == list(b.claims)
    assert list(a.arguments.values()) == list(b.arguments.values())
    assert list(a.claims.values()) == list(b.claims.values())
    # the view's content, as written (the strengths' index is the graph's: lenses may have added it)
    assert _without_index(encode(a)) == _without_index(encode(b))


def _view_bytes(kb_dir: Path) -> dict:
    """The current database's views (argument graphs, map), by name without the database."""
    db = open_store(KnowledgeBase.locate(kb_dir)).db
    views = kb_dir / ".argkb-cache" / "store" / "views"
    found = {p.name.split(".", 1)[1]: p.read_bytes() for p in views.glob(f"{db}.*")}
    found.pop("lineage", None)  # the record of what the database added: the fresh one has none
    return found


def _without_index(data: dict) -> dict:
    return {key: value for key, value in data.items() if key != "strength_index"}


def _nodes(kb_dir: Path):
    graph = _load_scans(open_store(KnowledgeBase.locate(kb_dir)), True)
    assert graph is not None
    lenses = sorted({str(a.perspective) for a in graph.arguments.values() if a.perspective})
    implications = sorted(str(c) for c, claim in graph.claims.items() if claim.implication)
    claims = sorted(str(c) for c, claim in graph.claims.items() if not claim.implication)
    return lenses, implications, claims, sorted(str(a) for a in graph.arguments)


def contribution(
    kb_dir: Path, seed: int, kinds=("support", "attack", "implication", "quote")
) -> str:
    """One to three random items: an argument for or against an existing implication, claim or
    argument (new premises, sometimes an existing one too, sometimes weakening, sometimes held by a
    lens), a new implication with an argument for it, a new quote a new claim cites."""
    rnd = random.Random(seed)
    lenses, implications, claims, arguments = _nodes(kb_dir)
    out = [HEAD]
    for n in range(rnd.randint(1, 3)):
        tag = f"inc-{seed}-{n}"
        kind = rnd.choice(kinds)
        held = f" ;\n    argkb:heldBy <{rnd.choice(lenses)}>" if rnd.random() < 0.3 else ""
        out.append(
            f'kb:claim-{tag} a argkb:Claim ;\n    rdfs:label "claim {tag}"@en ;\n'
            f'    argkb:statement "A claim, {tag}."@en{held} ;\n'
            "    prov:wasAttributedTo kb:argkb-editors .\n\n"
        )
        premises = [f"kb:claim-{tag}"]
        if rnd.random() < 0.4:
            premises.append(f"<{rnd.choice(claims)}>")
        if kind == "implication":
            target = f"kb:impl-{tag}"
            out.append(
                f'{target} a argkb:Implication ;\n    rdfs:label "implication {tag}"@en ;\n'
                f'    argkb:statement "An implication, {tag}."@en ;\n'
                f"    argkb:qualifier {rnd.choice(QUALIFIERS)} .\n\n"
            )
        elif kind == "quote":
            out.append(
                f"kb:quote-{tag} a argkb:Quote ;\n    oa:hasSource kb:trump-putin-ukraine-talks ;\n"
                f'    oa:exact "words {tag}" .\n\n'
                f"kb:claim-{tag} argkb:evidence kb:quote-{tag} .\n\n"
            )
            continue
        else:
            target = f"<{rnd.choice(implications + claims + arguments)}>"
        link = "argkb:attacks" if kind == "attack" else "argkb:conclusion"
        force = (
            " ;\n    argkb:force argkb:Weaken" if kind == "attack" and rnd.random() < 0.5 else ""
        )
        out.append(
            f'kb:arg-{tag} a argkb:Argument ;\n    rdfs:label "argument {tag}"@en ;\n'
            f"    argkb:perspective <{rnd.choice(lenses)}> ;\n"
            f"    argkb:premise {', '.join(premises)} ;\n    {link} {target}{force} ;\n"
            '    argkb:warrant "Because."@en ;\n    prov:wasAttributedTo kb:argkb-editors .\n\n'
        )
    return "".join(out)


def _derived(monkeypatch) -> list:
    """What ``derive`` returns, call by call."""
    calls: list = []
    real = incremental.derive

    def spy(store, name, labels, without_labels=None):
        calls.append(real(store, name, labels, without_labels))
        return calls[-1]

    monkeypatch.setattr(incremental, "derive", spy)
    return calls


def _check(runner, monkeypatch, kb_dir: Path, text: str, tmp_path: Path, derived: bool) -> str:
    """Add ``text`` as a new file after both views were kept; the graph derived (or not) equals
    the scanned one, and lenses and GraphML equal those of a copy read from scratch."""
    _lenses(runner, kb_dir)
    _graphml(runner, kb_dir)
    fresh = tmp_path / "fresh"
    shutil.copytree(kb_dir, fresh, ignore=shutil.ignore_patterns(".argkb-cache"))
    for folder in (kb_dir, fresh):
        (folder / "data" / "contributions").mkdir(exist_ok=True)
        (folder / "data" / "contributions" / "added.ttl").write_text(text, encoding="utf-8")
    export_first = tmp_path / "export-first"  # its export derives the labelled graph
    shutil.copytree(kb_dir, export_first)
    store = open_store(KnowledgeBase.locate(kb_dir))
    assert read_lineage(store) is not None
    for labels in (False, True):
        graph = incremental.derive(store, view_name(labels), labels)
        assert (graph is not None) == derived
        if graph is not None:
            _same(graph, _load_scans(store, labels))
    calls = _derived(monkeypatch)
    lenses = _lenses(runner, kb_dir)  # reads the derived graph
    assert [c is not None for c in calls] == [derived]
    graphml = _graphml(runner, kb_dir)  # its map's graph: the labels added to the lean view
    calls.clear()
    graphml_first = _graphml(runner, export_first)  # reads the derived labelled graph
    assert [c is not None for c in calls] == [derived]
    lenses_after = _lenses(runner, export_first)
    assert lenses == _lenses(runner, fresh) == lenses_after
    assert graphml == _graphml(runner, fresh) == graphml_first
    views = _view_bytes(kb_dir)
    assert views == _view_bytes(fresh)  # the kept views themselves, byte for byte
    assert any(name.startswith("argument-graph-") for name in views) == derived  # else: queries
    return graphml


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(6))
def test_an_added_contribution_derives_the_scanned_graph_seed(
    repo_kb, tmp_path, runner, monkeypatch, seed
):
    kb_dir = _seed(repo_kb, tmp_path / "kb")
    graphml = _check(runner, monkeypatch, kb_dir, contribution(kb_dir, seed), tmp_path, True)
    assert f"claim inc-{seed}-0" in graphml  # the contribution is on the map


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(3))
def test_an_added_contribution_derives_the_scanned_graph_generated(
    tmp_path, runner, monkeypatch, seed
):
    kb_dir = _generated(tmp_path / "kb")
    text = contribution(kb_dir, 100 + seed)
    assert f"claim inc-{100 + seed}-0" in _check(runner, monkeypatch, kb_dir, text, tmp_path, True)


def test_a_second_label_or_a_qualifier_score_is_not_derived(repo_kb, tmp_path, runner, monkeypatch):
    kb_dir = _seed(repo_kb, tmp_path / "kb")
    _, implications, _, _ = _nodes(kb_dir)
    text = HEAD + f'<{implications[0]}> rdfs:label "a second label"@de .\n'
    _check(runner, monkeypatch, kb_dir, text, tmp_path / "label", derived=False)
    kb_dir = _seed(repo_kb, tmp_path / "kb2")
    text = HEAD + "argkb:Could argkb:baseScore 0.9 .\n"
    _check(runner, monkeypatch, kb_dir, text, tmp_path / "score", derived=False)


def test_an_existing_claim_held_by_a_lens_is_read_again(repo_kb, tmp_path, runner, monkeypatch):
    kb_dir = _seed(repo_kb, tmp_path / "kb")
    lenses, _, claims, _ = _nodes(kb_dir)
    text = HEAD + f"<{claims[3]}> argkb:heldBy <{lenses[0]}> .\n"
    _check(runner, monkeypatch, kb_dir, text, tmp_path, derived=True)


def test_a_removed_or_changed_file_records_no_lineage(repo_kb, tmp_path, runner):
    kb_dir = _seed(repo_kb, tmp_path / "kb")
    _lenses(runner, kb_dir)
    extra = kb_dir / "data" / "extra.ttl"
    extra.write_text(contribution(kb_dir, 1), encoding="utf-8")
    assert read_lineage(open_store(KnowledgeBase.locate(kb_dir))) is not None
    extra.write_text(extra.read_text() + contribution(kb_dir, 3)[len(HEAD) :], encoding="utf-8")
    assert read_lineage(open_store(KnowledgeBase.locate(kb_dir))) is not None  # it only grew
    extra.write_text(contribution(kb_dir, 2), encoding="utf-8")  # changed
    assert read_lineage(open_store(KnowledgeBase.locate(kb_dir))) is None
    extra.unlink()  # removed
    store = open_store(KnowledgeBase.locate(kb_dir))
    assert read_lineage(store) is None
    assert incremental.derive(store, view_name(False), False) is None


def test_argkb_add_then_lenses_after_export_alone(repo_kb, tmp_path, runner, monkeypatch):
    """A contribution added by ``argkb add`` (validated, written where contributions go), after an
    export alone: lenses derive their graph from the export's labelled view, labels dropped."""
    kb_dir = _seed(repo_kb, tmp_path / "kb")
    _graphml(runner, kb_dir)
    source = tmp_path / "contribution.ttl"
    source.write_text(contribution(kb_dir, 11, ("support", "attack")), encoding="utf-8")
    _run(runner, kb_dir, "add", str(source), "--format", "json")
    fresh = tmp_path / "fresh"
    shutil.copytree(kb_dir, fresh, ignore=shutil.ignore_patterns(".argkb-cache"))
    calls = _derived(monkeypatch)
    lenses = _lenses(runner, kb_dir)
    assert [c is not None for c in calls] == [True]
    assert lenses == _lenses(runner, fresh)
    assert _graphml(runner, kb_dir) == _graphml(runner, fresh)


def test_a_file_that_only_grew_derives_the_scanned_graph(repo_kb, tmp_path, runner, monkeypatch):
    kb_dir = _seed(repo_kb, tmp_path / "kb")
    (kb_dir / "data" / "contributions").mkdir()
    grown = kb_dir / "data" / "contributions" / "added.ttl"  # _check writes it again, longer
    first = contribution(kb_dir, 21, ("support", "attack"))
    grown.write_text(first, encoding="utf-8")
    text = first + contribution(kb_dir, 22)[len(HEAD) :]
    assert "claim inc-22-0" in _check(runner, monkeypatch, kb_dir, text, tmp_path, True)


def test_a_predecessor_without_a_view_is_scanned(repo_kb, tmp_path, runner, monkeypatch):
    kb_dir = _seed(repo_kb, tmp_path / "kb")
    expected_kb = tmp_path / "fresh"
    _lenses(runner, kb_dir)
    shutil.rmtree(kb_dir / ".argkb-cache" / "store" / "views")
    text = contribution(kb_dir, 31)
    shutil.copytree(kb_dir, expected_kb, ignore=shutil.ignore_patterns(".argkb-cache"))
    for folder in (kb_dir, expected_kb):
        (folder / "data" / "added.ttl").write_text(text, encoding="utf-8")
    assert read_lineage(open_store(KnowledgeBase.locate(kb_dir))) is not None
    calls = _derived(monkeypatch)
    lenses = _lenses(runner, kb_dir)
    assert [c is not None for c in calls] == [False]
    assert lenses == _lenses(runner, expected_kb)


@pytest.mark.slow
def test_views_derived_one_after_another_stay_equal_to_a_scan(
    repo_kb, tmp_path, runner, monkeypatch
):
    """Three contributions, each added after the last one's lenses: each graph derived from a
    derived view, the last outputs those of a knowledge base read from scratch."""
    kb_dir = _seed(repo_kb, tmp_path / "kb")
    _lenses(runner, kb_dir)
    calls = _derived(monkeypatch)
    for n in range(3):
        (kb_dir / "data" / f"added-{n}.ttl").write_text(contribution(kb_dir, 40 + n), "utf-8")
        _lenses(runner, kb_dir)
        graph = calls[-1]
        assert graph is not None
        _same(graph, _load_scans(open_store(KnowledgeBase.locate(kb_dir)), False))
    fresh = tmp_path / "fresh"
    shutil.copytree(kb_dir, fresh, ignore=shutil.ignore_patterns(".argkb-cache"))
    assert _lenses(runner, kb_dir) == _lenses(runner, fresh)
    assert _graphml(runner, kb_dir) == _graphml(runner, fresh)
