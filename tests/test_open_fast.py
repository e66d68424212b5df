"""The cold open's shortcuts (issue 23) read what the slow ways read: the data files as pathlib's
glob lists them, the manifest's entries as the dataclass makes them, no supersession without a
log."""

from __future__ import annotations

import json
from pathlib import Path

from argkb.kb.folder import KnowledgeBase, _turtle_files
from argkb.store.backends import derived_store
from argkb.store.derived import FileEntry, Manifest


def test_the_data_files_are_those_pathlib_globs(tmp_path):
    for name in (".hidden.ttl", "a.ttl", "B.ttl", "c.TTL", "d.ttl.bak", "é.ttl", "z.ttl"):
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "dir.ttl").mkdir()
    assert _turtle_files(tmp_path) == sorted(tmp_path.glob("*.ttl"))
    assert len(_turtle_files(tmp_path)) == 6
    assert _turtle_files(tmp_path / "missing") == sorted((tmp_path / "missing").glob("*.ttl")) == []


def test_manifest_entries_are_the_dataclass(mini_kb_dir):
    kb = KnowledgeBase.locate(mini_kb_dir)
    derived = derived_store(kb)
    derived.update()
    manifest = derived.manifest()
    data = json.loads(Path(derived.manifest_path).read_text("utf-8"))
    made = {key: FileEntry(**fields) for key, fields in data["files"].items()}
    assert manifest is not None and manifest.files == made and len(made) >= 2
    assert all(type(entry) is FileEntry for entry in manifest.files.values())
    # an entry of an older manifest without every field still goes through the dataclass
    for fields in data["files"].values():
        del fields["superseded"]
    Path(derived.manifest_path).write_text(json.dumps(data), "utf-8")
    older = Manifest.read(Path(derived.manifest_path))
    assert older is not None and {e.superseded for e in older.files.values()} == {""}
    # a field of another version: not this format, the manifest is not read
    next(iter(data["files"].values()))["unknown"] = 1
    Path(derived.manifest_path).write_text(json.dumps(data), "utf-8")
    assert Manifest.read(Path(derived.manifest_path)) is None


def test_no_log_no_supersession(mini_kb_dir):
    kb = KnowledgeBase.locate(mini_kb_dir)
    assert not (kb.data_dir / "contributions.ttl").exists()
    assert kb.superseded() == {}
