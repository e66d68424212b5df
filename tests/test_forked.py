"""Work done beside the caller in a forked child (``argkb.assess.forked``), and ``lenses`` and the
first ``export`` on a database using it: the same output and the same kept views as computed in one
process."""

from __future__ import annotations

import json
import marshal
import os
import shutil
import subprocess
import sys
import threading

import pytest

from argkb.assess import forked
from argkb.assess.forked import ENV_WORKERS, FAILED, beside, may_fork
from argkb.store.prefetch import ENV_THREADS
from argkb.store.views import MAGIC
from conftest import REPO, unavailable


@pytest.fixture
def forking(monkeypatch):
    """Fork here even though pytest-xdist runs a thread beside the tests (the child only computes
    and leaves through os._exit)."""
    monkeypatch.delenv(ENV_WORKERS, raising=False)
    monkeypatch.setattr(forked.threading, "active_count", lambda: 1)
    if not may_fork():
        unavailable("forking needs Linux and two usable cores")


def test_the_child_sends_its_value_then_runs_then(forking, tmp_path):
    mark = tmp_path / "then"
    child = beside(
        lambda: {"pid": os.getpid(), "squares": [i * i for i in range(1000)]},
        lambda: mark.write_text("done"),
    )
    assert child is not None
    value = child.value()
    assert value["pid"] != os.getpid() and value["squares"][999] == 998001
    assert child.wait() is True and mark.read_text() == "done"


def test_a_failing_child_gives_failed_and_the_caller_goes_on(forking, tmp_path):
    child = beside(lambda: 1 / 0, lambda: (tmp_path / "never").write_text("x"))
    assert child is not None
    assert child.value() is FAILED
    assert child.wait() is False and not (tmp_path / "never").exists()


def test_a_failing_then_is_reported_by_wait(forking):
    child = beside(lambda: "sent", lambda: 1 / 0)
    assert child.value() == "sent" and child.wait() is False


def test_no_fork_when_asked_not_to_or_beside_another_thread(monkeypatch):
    monkeypatch.setenv(ENV_WORKERS, "1")
    assert may_fork() is False and beside(lambda: 1) is None
    monkeypatch.delenv(ENV_WORKERS)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert may_fork() is False  # a server's threads, pytest-xdist's: no fork
    finally:
        stop.set()
        thread.join()


def _lenses_in_process(kb, workers: str) -> tuple[str, str]:
    return _argkb(kb, {ENV_WORKERS: workers}, "lenses", "--format", "json")


def _argkb(kb, env: dict, *args: str) -> tuple[str, str]:
    """``argkb -v --kb KB ARGS`` as a process of its own (a fork in pytest's would copy its
    threads): its output and its log."""
    done = subprocess.run(
        [sys.executable, "-m", "argkb", "-v", "--kb", str(kb), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "src"), **env},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, done.stderr


def test_lenses_forked_or_not_give_the_same_output_and_keep_the_same_view(tmp_path):
    if len(os.sched_getaffinity(0)) < 2:
        unavailable("lenses forks only with two usable cores")
    kbs = {}
    for workers in ("1", "2"):
        kb = tmp_path / f"kb{workers}"
        shutil.copytree(REPO / "ontology", kb / "ontology")
        shutil.copytree(REPO / "data", kb / "data")
        kbs[workers] = kb
    alone, alone_log = _lenses_in_process(kbs["1"], "1")
    both, both_log = _lenses_in_process(kbs["2"], "2")
    assert json.loads(both) == json.loads(alone) and both == alone
    assert "in child process" in both_log and "in child process" not in alone_log
    # the child kept the strengths' index in the view, as the single process does
    views = {
        w: sorted((kb / ".argkb-cache" / "store" / "views").iterdir()) for w, kb in kbs.items()
    }
    assert [p.name.split(".", 1)[1] for p in views["1"]] == [
        p.name.split(".", 1)[1] for p in views["2"]
    ]
    assert [p.read_bytes() for p in views["1"]] == [p.read_bytes() for p in views["2"]]
    # and the next run, forked again, reads it back: still the same output
    again, again_log = _lenses_in_process(kbs["2"], "2")
    assert again == alone and "in child process" in again_log


def _value(path) -> object:
    """A kept view's value (marshal's bytes differ with refcounts, not its values)."""
    data = path.read_bytes()
    assert data.startswith(MAGIC)
    return marshal.loads(data[len(MAGIC) :])


def _export(kb, workers: str, threads: str = "2") -> tuple[str, str]:
    return _argkb(kb, {ENV_WORKERS: workers, ENV_THREADS: threads}, "export", "--format", "graphml")


def test_the_export_forked_or_not_gives_the_same_output_and_views(tmp_path):
    if len(os.sched_getaffinity(0)) < 2:
        unavailable("the export forks only with two usable cores")
    kbs = {}
    for name in ("alone", "forked", "rows"):
        kb = tmp_path / name
        shutil.copytree(REPO / "ontology", kb / "ontology")
        shutil.copytree(REPO / "data", kb / "data")
        kbs[name] = kb
    alone, alone_log = _export(kbs["alone"], "1")
    forked, forked_log = _export(kbs["forked"], "2")
    rows, rows_log = _export(kbs["rows"], "2", "0")  # no reader thread: forks too
    assert forked == alone == rows and "<graphml" in alone
    assert "in child process" in forked_log and "in child process" in rows_log
    assert "in child process" not in alone_log
    views = {
        name: sorted((kb / ".argkb-cache" / "store" / "views").iterdir())
        for name, kb in kbs.items()
    }
    names = {name: [p.name.split(".", 1)[1] for p in found] for name, found in views.items()}
    assert names["alone"] == names["forked"] == names["rows"]
    assert any("argument-graph" in n for n in names["alone"])  # kept by the child, strengths too
    for name in ("forked", "rows"):  # equal values (marshal's bytes differ with refcounts)
        assert [_value(p) for p in views[name]] == [_value(p) for p in views["alone"]]
    # the next export reads the map back: no child, the same bytes
    again, again_log = _export(kbs["forked"], "2")
    assert again == alone and "in child process" not in again_log


def test_a_map_view_left_to_finish_is_written_by_the_time_it_is_settled(forking, tmp_path):
    """``mapview.load(..., finish)``: the map's view written by a child while the caller goes on;
    once the caller runs what ``finish`` holds, it is there, the same as one written in process."""
    from argkb.export import mapview
    from argkb.kb.folder import KnowledgeBase
    from argkb.store import open_store
    from argkb.store.views import view_path

    kb = tmp_path / "kb"
    shutil.copytree(REPO / "ontology", kb / "ontology")
    shutil.copytree(REPO / "data", kb / "data")
    store = open_store(KnowledgeBase.locate(kb))
    name = mapview.view_name("grounded")
    finish: list = []
    amap = mapview.load(store, "grounded", finish)
    assert finish, "the first export on a database leaves the views' writing to its caller"
    for settle in finish:
        settle()
    written = view_path(store, name).read_bytes()
    view_path(store, name).unlink()
    again = mapview.load(store, "grounded")  # computed again, the view written in process
    assert view_path(store, name).read_bytes() == written
    assert list(again.nodes) == list(amap.nodes) and again.edges == amap.edges
