"""Atomic writes leave either the old file or the new one, with ordinary permissions."""

from __future__ import annotations

import os
import stat

import pytest

from argkb.errors import UsageError
from argkb.rdf.atomic import atomic_write_text


def test_new_file_gets_umask_permissions_not_0600(tmp_path):
    target = tmp_path / "out" / "map.html"
    atomic_write_text(target, "<html></html>")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert target.read_text() == "<html></html>"


def test_existing_file_keeps_its_mode_and_no_temp_file_is_left(tmp_path):
    target = tmp_path / "kb.ttl"
    target.write_text("old")
    target.chmod(0o640)
    atomic_write_text(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["kb.ttl"]


def test_failed_write_leaves_the_old_content(tmp_path, monkeypatch):
    target = tmp_path / "kb.ttl"
    target.write_text("old")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(UsageError, match="No space left on device; the file was not changed"):
        atomic_write_text(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["kb.ttl"]
