"""The first export on a database computes the strengths in a forked child beside the labellings
(``argkb.export.statuses``, ``argkb.assess.forked``) once its reader's threads have ended: the same
output and the same kept views as in one process, and the next export reads them back."""

from __future__ import annotations

import marshal
import os
import shutil
import subprocess
import sys

from argkb.assess.forked import ENV_WORKERS
from argkb.store.prefetch import ENV_THREADS
from argkb.store.views import MAGIC
from conftest import REPO, unavailable


def _value(path) -> object:
    data = path.read_bytes()
    assert data.startswith(MAGIC)
    return marshal.loads(data[len(MAGIC) :])


def _export(kb, workers: str, threads: str = "2") -> tuple[str, str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "src"),
        ENV_WORKERS: workers,
        ENV_THREADS: threads,
    }
    args = ["-v", "--kb", str(kb), "export", "--format", "graphml"]
    done = subprocess.run(
        [sys.executable, "-m", "argkb", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, done.stderr


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
    rows, rows_log = _export(kbs["rows"], "2", threads="0")  # no reader thread: forks too
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
