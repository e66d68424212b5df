"""The argument graph kept beside the derived store's database (argkb.store.views,
argkb.assess.snapshot): read back identical, never stale, never trusted when damaged, removed with
its database."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from argkb.assess.load import _load_scans, load
from argkb.assess.snapshot import decode, encode, view_name
from argkb.cli.main import cli
from argkb.kb.folder import KnowledgeBase
from argkb.store.backends import open_store
from argkb.store.views import view_path


def _copy_seed(repo_kb, folder: Path) -> Path:
    shutil.copytree(repo_kb.root / "ontology", folder / "ontology")
    shutil.copytree(repo_kb.root / "data", folder / "data")
    return folder


def _same(a, b) -> None:
    assert list(a.arguments) == list(b.arguments) and list(a.claims) == list(b.claims)
    assert list(a.arguments.values()) == list(b.arguments.values())
    assert list(a.claims.values()) == list(b.claims.values())


def _lenses_json(runner, kb_dir: Path) -> dict:
    result = runner.invoke(cli, ["--kb", str(kb_dir), "lenses", "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_the_kept_graph_is_the_graph_read_from_the_store(repo_kb, tmp_path):
    kb = KnowledgeBase.locate(_copy_seed(repo_kb, tmp_path / "kb"))
    store = open_store(kb)
    for labels in (False, True):
        path = view_path(store, view_name(labels))
        assert path is not None and not path.exists()
        first = load(store, labels)  # read by index scans, then kept
        assert path.is_file()
        again = load(store, labels)  # read back from the view
        _same(first, again)
        _same(again, _load_scans(store, labels))
        assert len(again.arguments) > 20 and any(c.held_by for c in again.claims.values())
    # one object per IRI, as the scans give it: lookups compare by identity
    graph = load(store, False)
    lenses_ = {a.perspective for a in graph.arguments.values()}
    held = {lens for c in graph.claims.values() for lens in c.held_by}
    assert all(any(h is lens for lens in lenses_) for h in held)


def test_a_changed_knowledge_base_is_read_again_and_old_views_are_removed(
    repo_kb, tmp_path, runner
):
    kb_dir = _copy_seed(repo_kb, tmp_path / "kb")
    before = _lenses_json(runner, kb_dir)
    views = kb_dir / ".argkb-cache" / "store" / "views"
    old = sorted(p.name for p in views.iterdir())
    assert len(old) == 1
    # drop every argument of one file: the verdicts change, so a stale view would show
    data = kb_dir / "data"
    victim = max(
        (p for p in data.rglob("*.ttl") if "argkb:Argument" in p.read_text()),
        key=lambda p: p.stat().st_size,
    )
    victim.write_text(
        "\n".join(
            line for line in victim.read_text().splitlines() if "argkb:conclusion" not in line
        )
    )
    after = _lenses_json(runner, kb_dir)
    assert after != before
    # the previous database is kept for readers still open, and its view with it; one more change
    # removes both
    victim.write_text(victim.read_text() + "\n# a change\n")
    assert _lenses_json(runner, kb_dir) == after
    now = sorted(p.name for p in views.iterdir() if not p.name.endswith(".lineage"))
    assert old[0] not in now and len(now) <= 2, "the view of an old database goes with it"
    shutil.rmtree(kb_dir / ".argkb-cache")
    assert _lenses_json(runner, kb_dir) == after


def test_a_damaged_view_is_ignored(repo_kb, tmp_path, runner):
    kb_dir = _copy_seed(repo_kb, tmp_path / "kb")
    expected = _lenses_json(runner, kb_dir)
    (path,) = (kb_dir / ".argkb-cache" / "store" / "views").iterdir()
    good = path.read_bytes()
    for damaged in (
        b"",
        good[:20],
        good[: len(good) // 2],
        b"not a view at all",
        good.replace(b"argkb-view 1", b"argkb-view 9"),
    ):
        path.write_bytes(damaged)
        assert _lenses_json(runner, kb_dir) == expected
    assert decode({"iris": [], "arguments": [(5, "", -1, -1, -1, (), False)], "claims": []}) is None


def test_a_cache_folder_that_cannot_be_written_costs_only_time(repo_kb, tmp_path, runner):
    kb_dir = _copy_seed(repo_kb, tmp_path / "kb")
    expected = _lenses_json(runner, kb_dir)
    views = kb_dir / ".argkb-cache" / "store" / "views"
    shutil.rmtree(views)
    views.write_text("a file where the folder should be")
    assert _lenses_json(runner, kb_dir) == expected
    assert views.read_text() == "a file where the folder should be"


def test_encode_decode_round_trip_keeps_order_and_values(repo_kb):
    graph = _load_scans(open_store(repo_kb), True)
    _same(graph, decode(encode(graph)))


def test_the_kept_strength_index_gives_the_same_strengths(repo_kb, tmp_path, runner, monkeypatch):
    """``lenses`` keeps the strengths' index in the view once; read back, every strength and verdict
    is the same as computed afresh (and as in memory, where nothing is kept); an index that does not
    fit is rebuilt."""
    import marshal

    from argkb.store.views import MAGIC

    kb_dir = _copy_seed(repo_kb, tmp_path / "kb")
    for gradual in ("df-quad", "quadratic-energy"):
        args = ["--kb", str(kb_dir), "lenses", "--format", "json", "--gradual", gradual]
        first = runner.invoke(cli, args)  # reads the store, keeps the graph, then its index
        (path,) = (kb_dir / ".argkb-cache" / "store" / "views").iterdir()
        kept = marshal.loads(path.read_bytes()[len(MAGIC) :])
        assert "strength_index" in kept
        again = runner.invoke(cli, args)  # reads both back
        assert first.exit_code == again.exit_code == 0 and first.output == again.output
        monkeypatch.setenv("ARGKB_STORE", "memory")
        assert runner.invoke(cli, args).output == first.output
        monkeypatch.delenv("ARGKB_STORE")
    expected = runner.invoke(cli, ["--kb", str(kb_dir), "lenses", "--format", "json"]).output
    index = kept["strength_index"]
    for broken in (
        {**index, "touched_by": index["touched_by"][:-1]},
        {**index, "nodes": index["nodes"][:-1]},
        {**index, "n": "x"},
    ):
        path.write_bytes(MAGIC + marshal.dumps({**kept, "strength_index": broken}))
        assert (
            runner.invoke(cli, ["--kb", str(kb_dir), "lenses", "--format", "json"]).output
            == expected
        )


def test_a_view_written_by_other_code_is_not_read(repo_kb, tmp_path, runner, monkeypatch):
    """The view's name holds a digest of the code that computed it: a tampered view is read (the
    view is really used), and the same view is ignored once the code differs (another argkb
    version)."""
    import marshal

    from argkb.assess import snapshot
    from argkb.store.views import MAGIC

    kb_dir = _copy_seed(repo_kb, tmp_path / "kb")
    expected = _lenses_json(runner, kb_dir)
    (path,) = (kb_dir / ".argkb-cache" / "store" / "views").iterdir()
    assert snapshot._code_digest() in path.name
    kept = marshal.loads(path.read_bytes()[len(MAGIC) :])
    kept.pop("strength_index", None)
    kept["claims"] = [
        (node, label, False, held, base) for node, label, _impl, held, base in kept["claims"]
    ]
    path.write_bytes(MAGIC + marshal.dumps(kept))  # every implication turned into a plain claim
    assert _lenses_json(runner, kb_dir)["implications"] == []
    monkeypatch.setattr(snapshot, "_code_digest", lambda: "0" * 12)
    assert _lenses_json(runner, kb_dir) == expected
