"""argkb's messages go through logging: -v adds how (debug lines), -q keeps warnings only, errors
stay one sentence and exit 2 whatever the level (docs/commands.md, "Messages on stderr")."""

from __future__ import annotations

import logging

from argkb.cli.logs import MessageFormatter
from argkb.cli.main import cli


def _export(runner, kb, tmp_path, *before):
    out = tmp_path / "map.dot"
    result = runner.invoke(
        cli, [*before, "export", "--format", "dot", "-o", str(out), "--kb", str(kb)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("digraph")
    return result.stderr


def test_the_line_saying_what_was_written_is_info_and_q_silences_it(runner, mini_kb_dir, tmp_path):
    said = _export(runner, mini_kb_dir, tmp_path)
    assert said.startswith(f"wrote {tmp_path / 'map.dot'}: Graphviz DOT")
    assert _export(runner, mini_kb_dir, tmp_path, "-q") == ""
    assert "debug" not in said


def test_v_says_which_store_answered_and_how_long_a_query_took(runner, mini_kb_dir):
    result = runner.invoke(cli, ["-v", "query", "actor-levers", "--kb", str(mini_kb_dir)])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert any(line.startswith("argkb: debug: store.backends: derived store ") for line in lines), (
        lines
    )
    assert any(
        line.startswith("argkb: debug: query.library: actor-levers on disk ") for line in lines
    ), lines
    quiet = runner.invoke(cli, ["query", "actor-levers", "--kb", str(mini_kb_dir)])
    assert quiet.stderr == "" and quiet.stdout == result.stdout


def test_an_error_is_one_sentence_and_exit_2_even_with_qq(runner, mini_kb_dir):
    result = runner.invoke(cli, ["-qq", "trace", "kb:no-such-claim", "--kb", str(mini_kb_dir)])
    assert result.exit_code == 2
    assert result.stderr.startswith("argkb: error: ") and "Traceback" not in result.stderr


def test_a_warning_names_itself():
    record = logging.LogRecord(
        "argkb.store.backends", logging.WARNING, __file__, 1, "store %s gone", ("x",), None
    )
    assert MessageFormatter().format(record) == "argkb: warning: store x gone"
