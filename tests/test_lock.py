"""The writers' lock: exclusive, cleared when its holder died, gone when released."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from argkb.contrib.lock import LOCK_NAME, KBLock
from argkb.errors import UsageError
from argkb.kb.processes import pid_alive
from contrib_support import VALID, run_argkb, tree_digest


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    assert not pid_alive(proc.pid)
    return proc.pid


def test_lock_is_exclusive_and_removed_on_release(tmp_path):
    with KBLock(tmp_path, timeout=1) as held:
        assert (tmp_path / LOCK_NAME).read_text().strip() == str(os.getpid())
        with pytest.raises(UsageError, match=f"being changed by process {os.getpid()}"):
            KBLock(tmp_path, timeout=0.2).acquire()
        assert held.stale_pid is None
    assert not (tmp_path / LOCK_NAME).exists()
    with KBLock(tmp_path, timeout=0.2):  # free again
        pass


def test_stale_lock_of_a_dead_process_is_cleared(tmp_path):
    pid = dead_pid()
    (tmp_path / LOCK_NAME).write_text(f"{pid}\n")
    with KBLock(tmp_path, timeout=1) as lock:
        assert lock.stale_pid == pid
        assert (tmp_path / LOCK_NAME).read_text().strip() == str(os.getpid())


def test_add_clears_a_stale_lock_and_says_so(mini_kb_dir):
    pid = dead_pid()
    (mini_kb_dir / "data" / LOCK_NAME).write_text(f"{pid}\n")
    done = run_argkb("add", "--kb", mini_kb_dir, VALID / "editor-claim.nt")
    assert done.returncode == 0, done.stderr
    assert f"cleared a stale lock left by process {pid}" in done.stdout
    assert not (mini_kb_dir / "data" / LOCK_NAME).exists()


def test_add_waits_for_a_live_writer_then_gives_up_cleanly(mini_kb_dir):
    with KBLock(mini_kb_dir / "data"):
        before = tree_digest(mini_kb_dir)
        done = run_argkb("add", "--kb", mini_kb_dir, VALID / "editor-claim.nt", "--wait", "0.3")
        assert done.returncode == 2
        assert f"being changed by process {os.getpid()}" in done.stderr
        assert tree_digest(mini_kb_dir) == before
