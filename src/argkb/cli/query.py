"""``argkb queries``, ``argkb query``, ``argkb trace``, ``argkb impacts``: reading the knowledge
base."""

from __future__ import annotations

import json
import os
import sys

import click

from argkb.assess.dung import STATUS_MEANING
from argkb.cli.common import (
    emit,
    examples,
    format_option,
    kb_only,
    kb_options,
    output_option,
    perspective_option,
)


def _terminal(output) -> bool:
    return output is None and sys.stdout.isatty()


def _colour(output) -> bool:
    return _terminal(output) and not os.environ.get("NO_COLOR")


def _width(output) -> int:
    """The terminal's width on a terminal; wide enough never to fold lines in a file or a pipe."""
    import shutil

    return max(60, shutil.get_terminal_size((120, 24)).columns) if _terminal(output) else 1000


@click.command("queries", epilog=examples("argkb queries", "argkb queries implications-of-lever"))
@click.argument("name", required=False)
@format_option(["table", "json"], "table")
@kb_only
def queries_cmd(name, fmt, kb):
    """List the named queries (summary and parameters), or show one query in full.

    Named queries are the .rq files shipped with argkb plus those in the knowledge
    base's own queries/ folder. Run one with `argkb query NAME --param name=value`.
    """
    from argkb.query.library import find, library

    chosen = [find(name, kb)] if name else list(library(kb).values())
    if fmt == "json":
        emit(json.dumps([q.to_dict() for q in chosen], indent=2, ensure_ascii=False))
        return
    if name:
        emit(_describe(chosen[0]))
        return
    lines = []
    for q in chosen:
        lines.append(q.name)
        lines.append(f"    {q.summary}")
        for p in q.params:
            lines.append(f"    --param {_param_usage(p)}")
    emit("\n".join(lines))


def _param_usage(p) -> str:
    flags = [p.kind] + (
        ["default " + p.default] if p.default else ["optional"] if p.optional else []
    )
    text = f"{p.name}=VALUE  ({', '.join(flags)}) {p.description}".rstrip()
    return text + (f" Example: {p.example}" if p.example else "")


def _describe(q) -> str:
    lines = [q.name, "", q.summary, ""]
    if q.path:
        lines += [f"file: {q.path}", ""]
    lines.append("parameters:" if q.params else "parameters: none")
    lines += [f"  --param {_param_usage(p)}" for p in q.params]
    if q.example:
        lines += ["", f"example: {q.example}", *[f"  {line}" for line in q.example_output]]
    return "\n".join(lines)


@click.command(
    "query",
    epilog=examples(
        "argkb query implications-of-lever --param lever=sanctions",
        "argkb query my-query.rq --format csv --labels -o answer.csv",
    ),
)
@click.argument("spec", metavar="NAME|FILE.rq|-")
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind the query's ?_NAME variable (repeatable). VALUE: an IRI, a CURIE (kb:x), a bare "
    "name (x, read as kb:x), or text where the query declares a literal parameter.",
)
@format_option(["table", "csv", "tsv", "json", "turtle", "jsonld"])
@click.option(
    "--labels",
    is_flag=True,
    help=(
        "Add a NAME_label column (rdfs:label) after every column holding IRIs, e.g. for CSV or TSV."
    ),
)
@click.option(
    "--allow-network", is_flag=True, help="Permit SERVICE and FROM clauses (refused by default)."
)
@click.option(
    "--max-rows",
    type=click.IntRange(1),
    default=200_000,
    show_default=True,
    help=(
        "Refuse (exit 2) an answer with more rows than this (triples for CONSTRUCT), as soon as "
        "it passes them: a cartesian product is never held whole."
    ),
)
@output_option
@kb_options
def query_cmd(spec, params, fmt, labels, allow_network, output, kb, max_rows=200_000):
    """Run a named query, a .rq file, or a query read from standard input (-).

    SELECT and ASK answers print as a table (the default on a terminal; CSV otherwise),
    CSV, TSV or SPARQL 1.1 Results JSON; CONSTRUCT and DESCRIBE as Turtle (default) or
    JSON-LD. Parameters are bound as RDF terms, never pasted into the query. Queries are
    read-only: SPARQL Update is refused (changes go through contributions). A query may use
    the standard prefixes (argkb:, kb:, rdf:, rdfs:, owl:, prov:, oa:, skos:, dcterms:, xsd:)
    without declaring them. Exit 2 on an unknown query, a bad parameter, a syntax error (with line
    and column) or a refusal.
    """
    from argkb.query.ask import answer
    from argkb.query.results import default_format, render

    _refuse_inline_sparql(spec)
    result = answer(kb, spec, params, allow_network, max_rows, labels)
    chosen = fmt or default_format(result.kind, _terminal(output))
    emit(render(result, chosen, color=_colour(output), width=_width(output)), output)


_SPARQL_START = (
    "select",
    "ask",
    "construct",
    "describe",
    "prefix",
    "base",
    "insert",
    "delete",
    "with",
    "load",
    "clear",
    "create",
    "drop",
    "copy",
    "move",
    "add",
)


def _refuse_inline_sparql(spec: str) -> None:
    """A query's text given where a name goes: say how to pass it (standard input or a .rq file)."""
    words = spec.split()
    if len(words) > 1 and words[0].lower() in _SPARQL_START and not spec.endswith(".rq"):
        from argkb.errors import UsageError

        quoted = spec.replace("'", "'\\''")
        raise UsageError(
            "that is a SPARQL query, not a query name: pass its text on standard input, "
            f"echo '{quoted}' | argkb query -, or save it in a file and run argkb query FILE.rq"
        )


@click.command(
    "trace",
    epilog=examples(
        "argkb trace impl-strain-allies -p realism",
        "argkb trace impl-strain-allies --status-lens overall --depth 1",
    ),
)
@click.argument("claim", metavar="ID")
@perspective_option()
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=None,
    help="Expand at most N argument steps below the claim (default: all).",
)
@click.option(
    "--status-lens",
    "--status",
    "status_lens",
    metavar="LENS|overall",
    default=None,
    help="Show each claim's and argument's status (grounded semantics) overall or under a lens "
    "(see argkb assess), and each claim's strength in [0, 1] (DF-QuAD); the same option as "
    "`export --status-lens` (--status, the older name, is kept for one release). " + STATUS_MEANING,
)
@format_option(["tree", "json", "markdown"], "tree")
@output_option
@kb_options
def trace_cmd(claim, perspectives, depth, fmt, output, kb, status_lens=None):
    """Why would this follow? Trace an implication (or any claim) back to its sources.

    Shows every argument for or against ID, lens by lens, with its warrant and premises;
    each premise's own arguments, recursively; undercuts against each argument; and every
    claim's quotes (source, exact words, character offsets) or attribution. A node met
    again is shown once and then referred to ("shown above"), so cycles end.
    """
    from argkb.navigate.trace import trace
    from argkb.navigate.trace_render import render

    node = trace(kb, claim, perspectives=perspectives, depth=depth, status_lens=status_lens)
    emit(render(node, fmt, color=_colour(output), width=_width(output)), output)


@click.command(
    "impacts",
    epilog=examples(
        "argkb impacts sanctions -p realism",
        "argkb impacts move-donald-trump-decrease-sanctions --format markdown",
    ),
)
@click.argument("node", metavar="ID")
@perspective_option()
@format_option(["tree", "json", "markdown"], "tree")
@output_option
@kb_options
def impacts_cmd(node, perspectives, fmt, output, kb):
    """What follows if this move is made? Impacts of a move, a lever or an actor.

    ID is a move (its implications), a lever (the moves that work it) or an actor (the
    moves it makes), told apart by its rdf:type. Every implication triggered, and those
    it leads to in turn, with qualifier, affected actors and, lens by lens, the arguments
    for and against it.
    """
    from argkb.navigate.impacts import impacts
    from argkb.navigate.impacts_render import render

    report = impacts(kb, node, perspectives=perspectives)
    emit(render(report, fmt, color=_colour(output), width=_width(output)), output)
