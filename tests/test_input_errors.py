"""Bad input gets a clear error naming file, line and column — never a traceback, never the
network."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from argkb.cli.main import cli
from argkb.errors import InputError
from argkb.rdf.parse import parse_file

REPO = Path(__file__).resolve().parents[1]
PREFIX = "@prefix kb: <https://w3id.org/argkb/id/> .\n"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    "body, line, column",
    [
        (PREFIX + 'kb:a kb:b kb:c .\nkb:a kb:b "unterminated .\n', 3, None),
        (PREFIX + "kb:a kb:b kb:c ;;; foo bar .\n", 2, None),
        (PREFIX + "kb:a kb:b undeclared:c .\n", 2, None),
    ],
)
def test_malformed_turtle_names_file_line_and_column(tmp_path, body, line, column):
    path = write(tmp_path, "bad.ttl", body)
    with pytest.raises(InputError) as err:
        parse_file(path)
    assert err.value.path.endswith("bad.ttl")
    assert err.value.line == line
    assert err.value.column is not None and err.value.column >= 1
    assert str(err.value).startswith(f"{path}:{line}:{err.value.column}: syntax error")


def test_malformed_ntriples_is_located_by_the_second_parser(tmp_path):
    path = write(
        tmp_path, "bad.nt", '<http://a> <http://b> <http://c> .\n<http://a> <http://b> "x .\n'
    )
    with pytest.raises(InputError) as err:
        parse_file(path)
    assert err.value.line == 2 and err.value.column is not None


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ('kb:a kb:b "caf\xe9" .'.encode("latin-1"), "not UTF-8"),
        (b"   \n\n", "empty"),
    ],
)
def test_binary_wrong_encoding_and_empty_files(tmp_path, content, reason):
    with pytest.raises(InputError) as err:
        parse_file(write(tmp_path, "x.ttl", content))
    assert reason in str(err.value)


def test_missing_file_and_unknown_suffix(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        parse_file(tmp_path / "nope.ttl")
    with pytest.raises(InputError, match="unknown RDF file type"):
        parse_file(write(tmp_path, "x.docx", "hello"))


def test_size_bound(tmp_path):
    with pytest.raises(InputError, match="over the limit"):
        parse_file(write(tmp_path, "big.ttl", PREFIX + "kb:a kb:b kb:c .\n" * 100), max_bytes=100)


def test_rdfxml_entities_are_refused_never_resolved(tmp_path):
    secret = write(tmp_path, "secret.txt", "TOP SECRET")
    xml = f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY x SYSTEM "file://{secret}"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
  <rdf:Description rdf:about="https://w3id.org/argkb/id/a"><rdfs:label>&x;</rdfs:label></rdf:Description>
</rdf:RDF>"""
    with pytest.raises(InputError, match="entity") as err:
        parse_file(write(tmp_path, "x.rdf", xml))
    assert err.value.line == 2


def test_jsonld_remote_context_is_refused(tmp_path):
    doc = '{"@context": "https://example.org/context.jsonld", "@id": "https://w3id.org/argkb/id/a"}'
    with pytest.raises(InputError, match="remote @context"):
        parse_file(write(tmp_path, "x.jsonld", doc))


def test_jsonld_with_inline_context_parses(tmp_path):
    doc = (
        '{"@context": {"rdfs": "http://www.w3.org/2000/01/rdf-schema#"}, "@id": '
        '"https://w3id.org/argkb/id/a", "rdfs:label": "A"}'
    )
    assert len(parse_file(write(tmp_path, "x.jsonld", doc))) == 1


def test_owl_imports_is_never_followed(tmp_path):
    body = (
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<https://w3id.org/argkb/id/o> a owl:Ontology ; owl:imports <http://127.0.0.1:9/never> .\n"
    )
    assert len(parse_file(write(tmp_path, "x.ttl", body))) == 2


def test_cli_reports_parse_error_without_traceback(runner, mini_kb_dir, tmp_path):
    bad = write(tmp_path, "bad.ttl", PREFIX + "kb:a kb:b kb:c ;;; foo bar .\n")
    result = runner.invoke(cli, ["validate", "--kb", str(mini_kb_dir), str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:2:" in result.output and "Traceback" not in result.output


def test_cli_subprocess_binary_input_exit_2(mini_kb_dir, tmp_path):
    bad = write(tmp_path, "bad.ttl", b"\x00\x01\x02")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.run(
        [sys.executable, "-m", "argkb", "validate", "--kb", str(mini_kb_dir), str(bad)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.returncode == 2
    assert "binary data" in proc.stderr and "Traceback" not in proc.stderr + proc.stdout


def test_error_at_end_of_file_has_a_positive_column(tmp_path):
    path = write(tmp_path, "eof.ttl", PREFIX + "kb:a kb:b kb:c ;\n  kb:d [ kb:e ")
    with pytest.raises(InputError) as err:
        parse_file(path)
    assert err.value.line == 3 and err.value.column >= 1


def test_utf16_is_named_as_such(tmp_path):
    with pytest.raises(InputError, match="UTF-16"):
        parse_file(write(tmp_path, "x.ttl", (PREFIX + "kb:a kb:b kb:c .\n").encode("utf-16")))
