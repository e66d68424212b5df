"""The text argkb checks is the text that runs: no line end, escape or bracket read one way by the
check (rdflib and argkb's bounds scan) and another way by Oxigraph.

Oxigraph ends a comment at a carriage return, rdflib at the next line feed; rdflib expands
``\\uXXXX`` escapes everywhere (and reads 8 hex digits after ``\\u``), Oxigraph only inside strings
and IRIs. Each gap hid a SERVICE, a FROM or 5,000 nested brackets from the check. ``argkb query``
and ``argkb serve`` now check and run one canonical text (``argkb.store.bounds.canonical``).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading

import pytest

from argkb.errors import ArgkbError, InputError, NetworkRefused, UsageError
from argkb.query import library as Q
from argkb.store.bounds import canonical, check_bounds
from conftest import REPO


class Listener:
    """A TCP port on 127.0.0.1 that records every connection made to it (and answers nothing)."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.hits = 0
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while self.running:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            self.hits += 1
            connection.close()

    def close(self):
        self.running = False
        self.thread.join(2)
        self.socket.close()


@pytest.fixture
def listener():
    listening = Listener()
    yield listening
    listening.close()


#: ways to end a comment for Oxigraph but not for rdflib: a carriage return, written raw or escaped
LINE_ENDS = {"CR": "\r", "u000D": "\\u000D", "U0000000D": "\\U0000000D", "u000d": "\\u000d"}


def hidden(clause: str, line_end: str, url: str) -> str:
    """A query whose ``clause`` sits behind a comment that ``line_end`` may or may not end."""
    if clause == "SERVICE":
        return f"SELECT * WHERE {{ # x{line_end}SERVICE <{url}> {{ ?s ?p ?o }}\n ?a ?b ?c }}"
    if clause == "FROM":
        return f"SELECT * # x{line_end}FROM <{url}>\nWHERE {{ ?a ?b ?c }}"
    return f"SELECT * # x{line_end}FROM NAMED <{url}>\nWHERE {{ GRAPH ?g {{ ?a ?b ?c }} }}"


#: a backslash that ends a string for Oxigraph (a code point, not an escape) but escapes the quote
#: for rdflib
ESCAPED_BACKSLASH = (
    'SELECT * WHERE {{ BIND("x\\u005C" AS ?y) SERVICE <{url}> {{ ?s ?p ?o }} }} # " AS ?z) }}\n'
)


@pytest.mark.parametrize("clause", ["SERVICE", "FROM", "FROM NAMED"])
@pytest.mark.parametrize("end", list(LINE_ENDS))
def test_a_clause_hidden_behind_a_comment_is_never_run(clause, end):
    """What the check passes is the canonical text, and the canonical text holds no comment, CR or
    escape."""
    text = hidden(clause, LINE_ENDS[end], "http://127.0.0.1:9/x")
    try:
        form, checked = Q.checked(text)
    except ArgkbError as refused:
        assert isinstance(refused, (NetworkRefused, InputError, UsageError))
        if end == "CR":  # a raw CR ends the comment: the clause is live, and refused as such
            assert isinstance(refused, NetworkRefused), refused
        return
    assert end != "CR"
    assert "\r" not in checked and "\\u" not in checked.lower() and "#" not in checked
    assert (
        "SERVICE" not in checked and "FROM" not in checked
    )  # the comment, clause and all, is gone


@pytest.mark.parametrize("clause", ["SERVICE", "FROM", "FROM NAMED"])
def test_a_carriage_return_is_a_line_end_for_the_check(clause):
    with pytest.raises(NetworkRefused, match="SERVICE|FROM"):
        Q.check(hidden(clause, "\r", "http://127.0.0.1:9/x"))
    with pytest.raises(NetworkRefused, match="SERVICE|FROM"):
        Q.check(hidden(clause, "\r\n", "http://127.0.0.1:9/x"))


def test_a_code_point_backslash_cannot_hide_a_service_inside_a_string():
    with pytest.raises(NetworkRefused, match="SERVICE"):
        Q.check(ESCAPED_BACKSLASH.format(url="http://127.0.0.1:9/x"))


@pytest.mark.parametrize("end", ["\r", "\\u000D", "\\U0000000D"])
def test_the_cli_never_reaches_a_hidden_service(runner, mini_kb_dir, listener, end):
    from argkb.cli.main import cli

    url = f"http://127.0.0.1:{listener.port}/sparql"
    for text in (hidden("SERVICE", end, url), ESCAPED_BACKSLASH.format(url=url)):
        result = runner.invoke(
            cli, ["query", "--kb", str(mini_kb_dir), "--format", "json", "-"], input=text
        )
        if end == "\r" or text.startswith("SELECT * WHERE { BIND"):  # the clause is live: refused
            assert result.exit_code == 2 and "SERVICE may reach the network" in result.output, (
                result.output
            )
            assert result.output.count("\n") == 1, result.output
        else:  # an escaped CR is comment text to Oxigraph: the query runs without the clause
            assert result.exit_code == 0, result.output
        assert "Traceback" not in result.output
    assert listener.hits == 0
    # with --allow-network the same query does run, so the test would see a request
    text = hidden("SERVICE", "\r", url)
    runner.invoke(cli, ["query", "--kb", str(mini_kb_dir), "--allow-network", "-"], input=text)
    assert listener.hits >= 1


def test_nesting_behind_a_carriage_return_is_refused_not_crashed(mini_kb_dir):
    """5,000 nested groups behind a CR comment: the CLI said exit 139 (Oxigraph's stack
    overflowed)."""
    deep = "SELECT * WHERE { # x\r" + "{" * 5000 + " ?s ?p ?o " + "}" * 5000 + "\n}"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "argkb", "query", "--kb", str(mini_kb_dir), "-"],
        input=deep,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "nested more than" in done.stderr and "Traceback" not in done.stderr


def test_canonical_text_keeps_strings_and_iris():
    text = (
        'SELECT * WHERE {\r\n  BIND("a\\u0022b\\u005C" AS ?x) BIND("""x\ry""" AS ?y)  # note\r'
        "  BIND(<http://x.example/\\u0061> AS ?z) BIND(kb:a\\#b AS ?w) BIND('\\u00530045' AS ?v)\n}"
    )
    out = canonical(text)
    assert out == (
        'SELECT * WHERE {\n  BIND("a\\"b\\\\" AS ?x) BIND("""x\\ry""" AS ?y)  \n'
        "  BIND(<http://x.example/a> AS ?z) BIND(kb:a\\#b AS ?w) BIND('S0045' AS ?v)\n}"
    )
    # and the values are those Oxigraph gives the original
    import pyoxigraph

    row = next(iter(pyoxigraph.Store().query(Q.standard_prologue(text) + text)))
    again = next(iter(pyoxigraph.Store().query(Q.standard_prologue(out) + out)))
    assert [row[v] for v in ("x", "y", "z", "w", "v")] == [
        again[v] for v in ("x", "y", "z", "w", "v")
    ]


def test_the_rdflib_eight_digit_escape_is_a_plain_query():
    """``"\\u00530045"`` is "S0045" to SPARQL; rdflib read 8 hex digits and raised a ValueError."""
    assert Q.check('SELECT * WHERE { BIND("\\u00530045" AS ?x) }') == "select"


@pytest.mark.parametrize(
    "text, says",
    [
        ("SELECT * WHERE { ?s ?p \\u003Fo }", "outside a string or IRI"),
        ('SELECT * WHERE { BIND("a\nb" AS ?x) }', "line break inside"),
        ("SELECT * WHERE { BIND(<http://x/\\u0020> AS ?x) }", "not allowed in an IRI"),
        ('SELECT * WHERE { BIND("\\uD800" AS ?x) }', "not a Unicode character"),
        ('SELECT * WHERE { BIND("\\U00110000" AS ?x) }', "not a Unicode character"),
        ('SELECT * WHERE { BIND("a\\\\u0041" AS ?x) }', "backslash"),
    ],
)
def test_escapes_the_parsers_read_differently_are_refused_in_one_sentence(text, says):
    with pytest.raises((InputError, UsageError), match=says) as refused:
        Q.check(text)
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { ?s ?p kb:a\\#"
        + "{" * 200
        + " ?o "
        + "}" * 200
        + " }",  # an escaped # is no comment
        "SELECT * WHERE { ?s ?p kb:a\\' "
        + "{" * 200
        + " ?o "
        + "}" * 200
        + " }",  # an escaped ' opens no string
        'SELECT * WHERE { BIND("""a\\"""" AS ?x) '
        + "{" * 200
        + " ?o "
        + "}" * 200
        + ' BIND("x" AS ?y) }',
        "SELECT * WHERE { ?a ?b ?c FILTER(?a <"
        + "(" * 200
        + "1"
        + ")" * 200
        + "> 2) }",  # < is an operator here
    ],
)
def test_the_bounds_scan_reads_strings_escapes_and_iris_as_oxigraph_does(text):
    with pytest.raises(UsageError, match="nested more than"):
        check_bounds(canonical(text))


@pytest.mark.slow
def test_the_cartesian_query_is_refused_at_the_row_cap_not_held_whole(mini_kb_dir):
    """738 triples cubed is 4 × 10⁸ rows: the CLI stops at --max-rows, in seconds and bounded
    memory."""
    import resource

    cartesian = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    script = (
        "import resource, sys\nfrom argkb.cli.main import main\ntry:\n    main()\nfinally:\n"
        "    print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            "query",
            "--kb",
            str(mini_kb_dir),
            "--max-rows",
            "50000",
            "-",
        ],
        input=cartesian,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    message = [line for line in done.stderr.splitlines() if not line.startswith("PEAK")]
    assert len(message) == 1 and "more than 50,000 rows" in message[0] and "LIMIT" in message[0]
    peak_mb = int(done.stderr.split("PEAK ")[1].split()[0]) / 1024
    assert peak_mb < 1000, peak_mb
    assert resource  # (the cap holds memory: 4 × 10⁸ rows would need far more)


def test_a_less_than_before_a_variable_is_a_comparison_not_an_iri(mini_kb_dir):
    """``?a<?b)#>`` read as an IRI hid the comment after it, and the 10,000 chained ``||`` on the
    next lines from the bounds scan: Oxigraph crashed (exit 139) after rdflib spent 40 s on them."""
    ors = "||".join(["?a=1"] * 10_000)
    hiding = f'SELECT * WHERE {{ ?a ?b ?c FILTER(?a<?b)#>"""\nFILTER({ors})\n#"""\n}}\n'
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "argkb", "query", "--kb", str(mini_kb_dir), "-"],
        input=hiding,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "more than 1,000 operators" in done.stderr, done.stderr
    assert (
        canonical("SELECT * WHERE { ?a ?b ?c FILTER(?a<?b) # x\n}")
        == "SELECT * WHERE { ?a ?b ?c FILTER(?a<?b) \n}"
    )


def test_a_query_that_slips_past_the_bounds_cannot_overflow_the_stack():
    """The query thread has a deep stack: 20,000 nested groups, given to the engine directly, are an
    answer."""
    script = (
        "from argkb.query.library import interruptible\n"
        "from argkb.store.base import OxigraphStore\n"
        "deep = 'SELECT * WHERE ' + '{' * 20000 + ' ?s ?p ?o ' + '}' * 20000\n"
        "print(interruptible(lambda: OxigraphStore().query(deep)).kind)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0 and done.stdout.strip() == "select", (
        done.returncode,
        done.stderr[-500:],
    )
