"""`argkb export` on the command line: every format, options, errors (exit 2), and a real
subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from argkb.cli.export import FORMAT_NAMES
from argkb.cli.main import cli
from argkb.export import FORMATS
from argkb.export.select import build_map
from argkb.kb.folder import KnowledgeBase
from conftest import REPO
from export_support import HOSTILE, mini_kb_copy


@pytest.fixture(scope="module")
def kb_dir(tmp_path_factory):
    return mini_kb_copy(tmp_path_factory.mktemp("export-cli")).root


def test_every_format_is_offered():
    assert sorted(FORMAT_NAMES) == sorted(FORMATS)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_each_format_writes_a_file(runner, kb_dir, tmp_path, fmt):
    out = tmp_path / f"map.{fmt}"
    result = runner.invoke(cli, ["export", "--kb", str(kb_dir), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "Russia grows bolder" in text or "Russia could grow bolder" in text


def test_options_reach_the_model(runner, kb_dir):
    result = runner.invoke(
        cli,
        [
            "export",
            "--kb",
            str(kb_dir),
            "--format",
            "cyjs",
            "--perspective",
            "realism",
            "--focus",
            "kb:impl-allies-doubt",
            "--depth",
            "1",
            "--title",
            "Doubt <&>",
        ],
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    amap = build_map(KnowledgeBase.locate(kb_dir), ["realism"], "kb:impl-allies-doubt", 1)
    assert (len(doc["elements"]["nodes"]), len(doc["elements"]["edges"])) == amap.counts() == (5, 4)
    assert doc["data"]["name"] == "Doubt <&>"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "dot", "--focus", "nowhere"], "unknown node in the map 'nowhere'"),
        (["--format", "dot", "--perspective", "stoicism"], "unknown perspective 'stoicism'"),
        (["--format", "dot", "--depth", "2"], "--depth needs --focus"),
        (["--format", "pdf"], "Invalid value for '--format'"),
        (["--format", "dot", "--data", "no-such-file.ttl"], "no-such-file.ttl"),
    ],
)
def test_bad_input_exits_2(runner, kb_dir, args, message):
    result = runner.invoke(cli, ["export", "--kb", str(kb_dir), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_real_subprocess_with_extra_data(kb_dir, tmp_path):
    out = tmp_path / "map.gexf"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "argkb",
            "export",
            "--kb",
            str(kb_dir),
            "--data",
            str(HOSTILE),
            "--format",
            "gexf",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.count("<node ") == 19 and text.count("<edge ") == 23
    assert 'label="&lt;script&gt;alert(1)&lt;/script&gt;"' in text
