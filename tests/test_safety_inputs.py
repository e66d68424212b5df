"""Issue 14, items 12 and 13: every bad input is a clear error (exit 2), never a traceback or a
wrong answer."""

from __future__ import annotations

import errno
import json
import os
import sys

import pytest

from argkb.cli.main import cli
from argkb.contrib.lock import LOCK_NAME
from contrib_support import VALID, tree_digest

HEAD = (
    "@prefix kb: <https://w3id.org/argkb/id/> .\n"
    "@prefix argkb: <https://w3id.org/argkb/ontology#> .\n"
    "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
)
CLAIM = (
    'argkb:Claim ; rdfs:label "c" ; argkb:statement "s" ; prov:wasAttributedTo kb:argkb-editors .\n'
)
RDFXML = (
    '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">\n<rdf:Description rdf:about="{iri}">'
    "<rdfs:label>x</rdfs:label></rdf:Description>\n</rdf:RDF>\n"
)

BAD_FILES = {
    "lone-surrogate.ttl": (HEAD + "kb:c a " + CLAIM.replace('"s"', '"\\uD800"'), "U+D800"),
    "surrogate-pair-escapes.ttl": (
        HEAD + "kb:c a " + CLAIM.replace('"s"', '"\\uD83D\\uDE00"'),
        "\\U0001F600",
    ),
    "iri-brace-escape.ttl": (
        HEAD + "<https://w3id.org/argkb/id/a\\u007Bb> a " + CLAIM,
        "not a valid IRI",
    ),
    "iri-control-escape.ttl": (
        HEAD + "<https://w3id.org/argkb/id/a\\u0001b> a " + CLAIM,
        "not a valid IRI",
    ),
    "iri-bad-percent.rdf": (RDFXML.format(iri="https://w3id.org/argkb/id/a%zz"), "not a valid IRI"),
    "iri-bad-percent.jsonld": (
        json.dumps(
            {
                "@id": "https://w3id.org/argkb/id/a%zz",
                "http://www.w3.org/2000/01/rdf-schema#label": "x",
            }
        ),
        "not a valid IRI",
    ),
    "iri-pipe.jsonld": (
        json.dumps(
            {
                "@id": "https://w3id.org/argkb/id/a|b",
                "http://www.w3.org/2000/01/rdf-schema#label": "x",
            }
        ),
        "not a valid IRI",
    ),
}


@pytest.mark.parametrize(
    "name, command",
    [(name, "add") for name in sorted(BAD_FILES)]
    + [
        (name, "validate")
        for name in ("lone-surrogate.ttl", "iri-bad-percent.rdf", "iri-pipe.jsonld")
    ],
)
def test_bad_text_and_bad_iris_are_clear_errors(runner, mini_kb_dir, tmp_path, name, command):
    content, says = BAD_FILES[name]
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    before = tree_digest(mini_kb_dir)
    result = runner.invoke(cli, [command, "--kb", str(mini_kb_dir), str(path)])
    assert result.exit_code == 2, result.output
    assert says in result.output and "argkb: error:" in result.output, result.output
    assert tree_digest(mini_kb_dir) == before


@pytest.mark.parametrize(
    "option, value",
    [("-m", "bad \udcff byte"), ("--author", "Ad\udcffa"), ("ARGKB_AUTHOR", "Ad\udcffa")],
)
def test_invalid_utf8_in_message_or_author_is_refused_before_anything_is_written(
    runner, mini_kb_dir, option, value
):
    before = tree_digest(mini_kb_dir)
    args = ["add", "--kb", str(mini_kb_dir), str(VALID / "attack-existing-claim.ttl")]
    env = {}
    if option == "ARGKB_AUTHOR":
        env[option] = value
    else:
        args += [option, value]
    result = runner.invoke(cli, args, env=env)
    assert result.exit_code == 2, result.output
    assert "U+DCFF" in result.output and "not valid Unicode" in result.output
    assert tree_digest(mini_kb_dir) == before  # no orphan .pending, no log


def test_invalid_utf8_as_a_real_command_line_argument(mini_kb_dir):
    import subprocess

    from contrib_support import ENV, argkb_cmd

    cmd = [
        os.fsencode(a)
        for a in argkb_cmd("add", "--kb", mini_kb_dir, VALID / "attack-existing-claim.ttl")
    ]
    done = subprocess.run(
        [*cmd, b"-m", b"bad \xff byte"], env=ENV, capture_output=True, timeout=120
    )
    assert (
        done.returncode == 2
        and b"not valid Unicode" in done.stderr
        and b"Traceback" not in done.stderr
    )
    assert not list((mini_kb_dir / "data").rglob("*.pending"))
    trace = [os.fsencode(a) for a in argkb_cmd("trace", "--kb", mini_kb_dir)]
    done = subprocess.run([*trace, b"claim-\xff"], env=ENV, capture_output=True, timeout=120)
    assert done.returncode == 2 and b"not valid Unicode" in done.stderr, done.stderr


def test_an_author_that_is_only_a_colon_is_refused(runner, mini_kb_dir):
    before = tree_digest(mini_kb_dir)
    result = runner.invoke(
        cli,
        [
            "add",
            "--kb",
            str(mini_kb_dir),
            str(VALID / "attack-existing-claim.ttl"),
            "--author",
            ":",
        ],
    )
    assert result.exit_code == 2 and "not an agent id" in result.output, result.output
    assert tree_digest(mini_kb_dir) == before


def test_a_source_id_too_long_for_its_text_file_is_refused(runner, mini_kb_dir, tmp_path):
    name = "s" * 300
    path = tmp_path / "long.ttl"
    path.write_text(HEAD + f'kb:{name} a argkb:Source ; dcterms:title "t" .\n', encoding="utf-8")
    for command in ("add", "validate"):
        result = runner.invoke(cli, [command, "--kb", str(mini_kb_dir), str(path)])
        assert result.exit_code == 1, result.output
        assert "may be at most 255 bytes" in result.output and "Traceback" not in result.output


def test_a_full_disk_leaves_no_lock_and_says_so(runner, mini_kb_dir, monkeypatch):
    """Fault injection: the lock's PID write fails with ENOSPC, as on a full disk."""

    def full(*_args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "pwrite", full)
    before = tree_digest(mini_kb_dir)
    result = runner.invoke(
        cli, ["add", "--kb", str(mini_kb_dir), str(VALID / "attack-existing-claim.ttl")]
    )
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.output and "free some disk space" in result.output
    assert not (mini_kb_dir / "data" / LOCK_NAME).exists()
    assert tree_digest(mini_kb_dir) == before


def test_a_full_disk_while_writing_the_contribution_leaves_no_pending_file(
    runner, mini_kb_dir, monkeypatch
):
    import argkb.rdf.atomic as atomic

    real = atomic._write_replace

    def full_for_the_log(path, data, mode, *options):
        if path.name == "contributions.ttl":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(path, data, mode, *options)

    monkeypatch.setattr(atomic, "_write_replace", full_for_the_log)
    before = tree_digest(mini_kb_dir)
    result = runner.invoke(
        cli, ["add", "--kb", str(mini_kb_dir), str(VALID / "attack-existing-claim.ttl")]
    )
    assert result.exit_code == 2 and "No space left on device" in result.output, result.output
    assert tree_digest(mini_kb_dir) == before


def test_a_read_only_knowledge_base_is_a_clear_error(runner, mini_kb_dir, monkeypatch):
    """Fault injection (tests may run as root, who ignores file modes): creating the lock fails with
    EROFS."""
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):
        if str(path).endswith(LOCK_NAME):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    result = runner.invoke(
        cli, ["add", "--kb", str(mini_kb_dir), str(VALID / "attack-existing-claim.ttl")]
    )
    assert result.exit_code == 2, result.output
    assert "Read-only file system" in result.output and "read-only?" in result.output


def test_init_onto_a_dangling_symlink(runner, tmp_path):
    link = tmp_path / "new-kb"
    link.symlink_to(tmp_path / "missing")
    result = runner.invoke(cli, ["init", str(link)])
    assert result.exit_code == 2 and "symbolic link to a missing path" in result.output, (
        result.output
    )
    assert not (tmp_path / "missing").exists() and [p.name for p in tmp_path.iterdir()] == [
        "new-kb"
    ]


def test_an_unparsable_data_file_under_validate(runner, mini_kb_dir):
    (mini_kb_dir / "data" / "broken.ttl").write_text(HEAD + "kb:a kb:b .\n")
    result = runner.invoke(cli, ["validate", "--kb", str(mini_kb_dir)])
    assert result.exit_code == 2, result.output
    assert "broken.ttl:6" in result.output and "syntax error" in result.output


@pytest.mark.parametrize("host", ["evil host", "a;b", "-x", ""])
def test_serve_refuses_a_host_that_is_not_one(runner, mini_kb_dir, host):
    result = runner.invoke(cli, ["serve", "--kb", str(mini_kb_dir), "--host", host])
    assert result.exit_code == 2 and "neither an IP address nor a host name" in result.output, (
        result.output
    )


def test_an_empty_query_is_not_called_an_update(runner, mini_kb_dir):
    for text in ("", "   \n", "# only a comment\n"):
        result = runner.invoke(cli, ["query", "--kb", str(mini_kb_dir), "-"], input=text)
        assert result.exit_code == 2, result.output
        assert "the query is empty" in result.output and "Update" not in result.output


def test_a_syntax_error_does_not_echo_a_file_that_is_not_rdf(runner, mini_kb_dir, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(
        "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n"
    )
    link = tmp_path / "looks.ttl"
    link.symlink_to(secret)
    for command in ("validate", "add"):
        result = runner.invoke(cli, [command, "--kb", str(mini_kb_dir), str(link)])
        assert result.exit_code == 2, result.output
        assert "does not look like Turtle" in result.output
        assert (
            "root" not in result.output.replace(str(tmp_path), "") and "daemon" not in result.output
        )


def test_validate_file_applies_the_id_rules_of_add(runner, mini_kb_dir, tmp_path):
    path = tmp_path / "outside.ttl"
    path.write_text(HEAD + "<https://example.org/elsewhere> a " + CLAIM, encoding="utf-8")
    added = runner.invoke(cli, ["add", "--kb", str(mini_kb_dir), str(path)])
    assert added.exit_code == 1 and "defines a node outside kb:" in added.output
    checked = runner.invoke(cli, ["validate", "--kb", str(mini_kb_dir), str(path)])
    assert checked.exit_code == 1, checked.output
    assert (
        "defines a node outside kb:" in checked.output
        and "argkb add` would refuse" in checked.output
    )


def _chain(n: int) -> str:
    lines = [HEAD]
    lines += [f"kb:deep-c{i} a {CLAIM}" for i in range(n + 1)]
    lines += [
        f'kb:deep-a{i} a argkb:Argument ; rdfs:label "a{i}" ; argkb:perspective argkb:Realism ; '
        f'argkb:premise kb:deep-c{i + 1} ; argkb:conclusion kb:deep-c{i} ; argkb:warrant "w" ; '
        "prov:wasAttributedTo kb:argkb-editors .\n"
        for i in range(n)
    ]
    return "".join(lines)


@pytest.mark.slow
def test_a_trace_210_arguments_deep(runner, mini_kb_dir):
    depth = 210
    (mini_kb_dir / "data" / "deep.ttl").write_text(_chain(depth), encoding="utf-8")
    old = sys.getrecursionlimit()
    for fmt in ("json", "tree", "markdown"):
        result = runner.invoke(
            cli,
            ["trace", "--kb", str(mini_kb_dir), "deep-c0", "--format", fmt, "--status", "realism"],
        )
        assert result.exit_code == 0, (fmt, result.output[-2000:])
        assert (
            fmt == "tree" or f"deep-c{depth}" in result.output
        )  # a terminal tree that deep is cut at its width
    assert sys.getrecursionlimit() == old
    sys.setrecursionlimit(10_000)  # only to read the answer back: Python's json decoder recurses
    try:
        node = json.loads(
            runner.invoke(
                cli, ["trace", "--kb", str(mini_kb_dir), "deep-c0", "--format", "json"]
            ).output
        )
    finally:
        sys.setrecursionlimit(old)
    steps = 0
    while node["supported_by"]:
        node = node["supported_by"][0]["premises"][0]
        steps += 1
    assert steps == depth and node["id"] == f"kb:deep-c{depth}"
