"""The argument map kept beside the derived store's database (argkb.store.views,
argkb.export.mapview): read back identical (every format the same, byte for byte), one per
semantics, never written by other code, never trusted when damaged, never stale."""

from __future__ import annotations

import marshal
import shutil
from pathlib import Path

import pytest

from argkb.cli.main import cli
from argkb.export import mapview, render
from argkb.export.mapview import load
from argkb.export.model import load as computed
from argkb.kb.folder import KnowledgeBase
from argkb.store import open_store
from argkb.store.views import MAGIC, view_path

FORMATS = ("graphml", "graphml-yed", "gexf", "cyjs", "dot", "mermaid", "aif", "xaif")


def _copy_seed(repo_kb, folder: Path) -> Path:
    shutil.copytree(repo_kb.root / "ontology", folder / "ontology")
    shutil.copytree(repo_kb.root / "data", folder / "data")
    return folder


def _same(a, b) -> None:
    assert list(a.nodes) == list(b.nodes) and list(a.nodes.values()) == list(b.nodes.values())
    assert a.edges == b.edges and (a.title, a.semantics) == (b.title, b.semantics)


def _export(runner, kb_dir: Path, fmt: str, *extra: str) -> str:
    result = runner.invoke(cli, ["--kb", str(kb_dir), "export", "--format", fmt, *extra])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("semantics", ["grounded", "preferred"])
def test_the_kept_map_is_the_map_read_from_the_store(repo_kb, tmp_path, monkeypatch, semantics):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # AIF and GEXF carry the export's time
    store = open_store(KnowledgeBase.locate(_copy_seed(repo_kb, tmp_path / "kb")))
    path = view_path(store, mapview.view_name(semantics))
    assert path is not None and not path.exists()
    first = load(store, semantics)  # read from the store, then kept
    assert path.is_file() and first.graph is not None
    again = load(store, semantics)  # read back from the view
    assert again.graph is None and again.store is store
    _same(first, again)
    _same(again, computed(store, semantics))
    assert len(again.nodes) > 50 and any(n.quotes for n in again.nodes.values())
    assert any(n.attrs.get("status_realism") for n in again.nodes.values())
    for fmt in FORMATS:
        assert render(again, fmt) == render(first, fmt), fmt


def test_every_export_reads_the_same_map_back(repo_kb, tmp_path, runner, monkeypatch):
    """The CLI's exports (the HTML map's traces load the argument graph the view does not hold),
    filters included, are the same with the view as without it (an in-memory store keeps none)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    kb_dir = _copy_seed(repo_kb, tmp_path / "kb")
    cases = [
        ("graphml",),
        ("html",),
        ("gexf", "-p", "realism"),
        ("cyjs", "--lever", "sanctions"),
        ("graphml", "--semantics", "stable"),
    ]
    first = [_export(runner, kb_dir, *case) for case in cases]
    views = kb_dir / ".argkb-cache" / "store" / "views"
    assert len([p for p in views.iterdir() if p.name.split(".")[1].startswith(mapview.VIEW)]) == 2
    assert [_export(runner, kb_dir, *case) for case in cases] == first
    monkeypatch.setenv("ARGKB_STORE", "memory")
    assert [_export(runner, kb_dir, *case) for case in cases] == first


def _kept_path(kb_dir: Path) -> Path:
    views = kb_dir / ".argkb-cache" / "store" / "views"
    (path,) = (p for p in views.iterdir() if mapview.VIEW in p.name)
    return path


def test_a_view_written_by_other_code_is_not_read(repo_kb, tmp_path, runner, monkeypatch):
    """A tampered view is read (the view is really used), and ignored once the code differs."""
    kb_dir = _copy_seed(repo_kb, tmp_path / "kb")
    expected = _export(runner, kb_dir, "graphml")
    path = _kept_path(kb_dir)
    assert mapview._code_digest() in path.name
    kept = marshal.loads(path.read_bytes()[len(MAGIC) :])
    kept["nodes"] = [
        (i, iri, t, "TAMPERED" if t == "claim" else label, attrs, quotes)
        for i, iri, t, label, attrs, quotes in kept["nodes"]
    ]
    path.write_bytes(MAGIC + marshal.dumps(kept))
    tampered = _export(runner, kb_dir, "graphml")
    assert "TAMPERED" in tampered and "TAMPERED" not in expected
    monkeypatch.setattr(mapview, "_code_digest", lambda: "0" * 12)
    assert _export(runner, kb_dir, "graphml") == expected


def test_a_damaged_view_is_ignored(repo_kb, tmp_path, runner):
    kb_dir = _copy_seed(repo_kb, tmp_path / "kb")
    expected = _export(runner, kb_dir, "graphml")
    path = _kept_path(kb_dir)
    good = path.read_bytes()
    kept = marshal.loads(good[len(MAGIC) :])
    wrong = [
        b"",
        good[:20],
        good[: len(good) // 2],
        b"not a view at all",
        MAGIC + marshal.dumps({**kept, "edges": [(10**6, 0, 0)]}),
        MAGIC + marshal.dumps({**kept, "nodes": [("kb:x",)]}),
    ]
    for damaged in wrong:
        path.write_bytes(damaged)
        assert _export(runner, kb_dir, "graphml") == expected
    assert mapview.decode({"nodes": [], "kinds": []}, None) is None


def test_a_changed_knowledge_base_is_read_again(repo_kb, tmp_path, runner):
    kb_dir = _copy_seed(repo_kb, tmp_path / "kb")
    before = _export(runner, kb_dir, "graphml")
    victim = max(
        (p for p in (kb_dir / "data").rglob("*.ttl") if "argkb:Argument" in p.read_text()),
        key=lambda p: p.stat().st_size,
    )
    victim.write_text(
        "\n".join(
            line for line in victim.read_text().splitlines() if "argkb:conclusion" not in line
        )
    )
    after = _export(runner, kb_dir, "graphml")
    assert after != before
    shutil.rmtree(kb_dir / ".argkb-cache")
    assert _export(runner, kb_dir, "graphml") == after
