"""``argkb init``, ``diff``, ``add``, ``contributions``, ``retract``: contributing to a knowledge
base."""

from __future__ import annotations

import json
from pathlib import Path

import click

from argkb.cli.common import (
    emit,
    examples,
    format_option,
    kb_data_options,
    kb_only,
    no_cycle_collection,
    wait_option,
)

_files = click.argument(
    "files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path)
)


@click.command("init", epilog=examples("argkb init my-kb", "argkb init my-kb --empty"))
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "--empty",
    is_flag=True,
    help="Only the ontology, shapes and queries: no seed data, for your own articles.",
)
@kb_only
def init_cmd(folder, empty, kb):
    """Make FOLDER a new, writable knowledge base, seeded from the one argkb finds.

    FOLDER must not exist or be empty. It gets ontology/, data/ (the seed data, source
    texts, contributions and their log), queries/, a README stub and a .gitignore.
    With --empty, data/ starts empty: register articles with `argkb source add`.
    """
    from argkb.contrib.initkb import init_kb

    root = init_kb(folder, kb, empty=empty)
    files = sum(1 for p in root.rglob("*") if p.is_file())
    seeded = "empty: no data yet" if empty else f"seeded from {kb.root}"
    click.echo(f"created knowledge base {root} ({files} files, {seeded})")
    click.echo(f"next: cd {folder} && argkb validate")


@click.command(
    "diff",
    epilog=examples("argkb diff my-analysis.ttl", "argkb diff my-analysis.ttl --format json"),
)
@_files
@format_option(["text", "json"], "text")
@kb_data_options
def diff_cmd(files, fmt, kb):
    """Show what FILES would add: new nodes by type, new links, links to existing nodes, conflicts.

    Exit 0 when `argkb add` could take them (subject to validation), 1 when it would refuse
    them for conflicts or ids outside kb:, 2 for unreadable input.
    """
    from argkb.contrib.diff import compute_diff
    from argkb.contrib.prepare import prepare

    ontology = kb.ontology_graph()
    prepared = prepare(files, ontology, allow_network=kb.allow_network)
    from argkb.store import open_store

    diff = compute_diff(prepared.graph, open_store(kb), ontology, prepared.problems)
    emit(diff.to_json() if fmt == "json" else diff.to_text())
    raise SystemExit(1 if diff.refused else 0)


@click.command(
    "add",
    epilog=examples(
        'argkb add my-analysis.ttl --author "Jane Doe" -m "a diplomatic reading"',
        'argkb add my-analysis.ttl --amend -m "corrected warrant"',
    ),
)
@_files
@click.option(
    "--author",
    help="Who contributes: a name, or an agent id such as kb:argkb-editors "
    "(default: $ARGKB_AUTHOR, else your user name).",
)
@click.option("-m", "--message", default="", help="Why: recorded in the log.")
@click.option(
    "--amend",
    is_flag=True,
    help="Replace single-valued facts the contribution gives new values "
    "(label, statement, warrant, …), recording what was replaced.",
)
@format_option(["text", "json"], "text")
@wait_option
@kb_only
def add_cmd(files, author, message, amend, fmt, wait, kb):
    """Validate FILES in the knowledge base's context and, if they pass, add them as one
    contribution.

    Accepts Turtle, JSON-LD, N-Triples, RDF/XML or Argdown (`.argdown`: argkb-flavoured Argdown, see
    docs/argdown.md; its quotes are anchored in the source text). On a violation, a conflict or an
    id outside kb: nothing changes and the exit code is 1; unreadable input exits 2. Adding the same
    content again does nothing (exit 0).
    """
    from argkb.contrib.add import add

    if any(str(f).lower().endswith(".argdown") for f in files):
        from argkb.interop.argdown_add import add_with_argdown as add
    with no_cycle_collection():
        outcome = add(kb, files, author=author, message=message, amend=amend, timeout=wait)
        if fmt == "json":
            emit(json.dumps(_outcome_dict(outcome), indent=2, ensure_ascii=False))
        else:
            emit(_outcome_text(outcome))
    raise SystemExit(outcome.exit_code)


def _outcome_text(outcome) -> str:
    lines = list(outcome.notes)
    if outcome.diff is not None and (outcome.status != "unchanged" or outcome.diff.already_present):
        lines.append(outcome.diff.to_text())
    if outcome.inconsistencies:
        lines.append(f"contradicts the ontology: {len(outcome.inconsistencies)}")
        lines += [f"  {i}" for i in outcome.inconsistencies]
    if outcome.report is not None and (outcome.report.results or not outcome.report.conforms):
        lines.append(outcome.report.to_text())
    for r in outcome.diff.replaced if outcome.diff is not None else []:
        lines.append(
            f"supersedes in {r.file} (left as it is): <{r.subject}> <{r.predicate}> {r.object}"
        )
    lines.append(outcome.summary)
    return "\n".join(lines)


def _outcome_dict(outcome) -> dict:
    return {
        "status": outcome.status,
        "summary": outcome.summary,
        "notes": outcome.notes,
        "diff": outcome.diff.to_dict() if outcome.diff is not None else None,
        "validation": outcome.report.to_dict() if outcome.report is not None else None,
        "contribution": outcome.contribution.to_dict() if outcome.contribution else None,
        "inconsistencies": [
            {"node": str(i.node), "reason": i.reason} for i in outcome.inconsistencies
        ],
    }


@click.command(
    "contributions",
    epilog=examples("argkb contributions", "argkb contributions show 20261125T143615Z-e2fcac75"),
)
@click.argument("action", required=False, default="list", type=click.Choice(["list", "show"]))
@click.argument("ident", required=False)
@format_option(["text", "json"], "text")
@kb_only
def contributions_cmd(action, ident, fmt, kb):
    """The contributions log, newest first: `list` (default) or `show ID`.

    ID is a contribution id (e.g. 20250101T120000Z-1a2b3c4d), a unique prefix of it, or its
    8-digit SHA part. Retracted contributions are listed, marked as such.
    """
    from argkb.contrib.render import contribution, contributions, entry_text, list_text

    if action == "list":
        if ident:
            raise click.UsageError("`argkb contributions list` takes no ID; use `show ID`")
        entries = contributions(kb)
        emit(
            json.dumps(entries, indent=2, ensure_ascii=False)
            if fmt == "json"
            else list_text(entries)
        )
        return
    if not ident:
        raise click.UsageError("`argkb contributions show` needs an ID")
    entry = contribution(kb, ident)
    emit(json.dumps(entry, indent=2, ensure_ascii=False) if fmt == "json" else entry_text(entry))


@click.command(
    "retract",
    epilog=examples('argkb retract 20261125T143615Z-e2fcac75 -m "premise not in the source"'),
)
@click.argument("ident", metavar="ID")
@click.option(
    "-m",
    "--message",
    "--reason",
    "reason",
    required=True,
    help="Why the contribution is retracted: recorded in the log (as `add -m`; --reason, the older "
    "name, is kept for one release).",
)
@click.option("--author", help="Who retracts it (default: $ARGKB_AUTHOR, else your user name).")
@wait_option
@kb_only
def retract_cmd(ident, reason, author, wait, kb):
    """Take contribution ID out of the live knowledge base; it stays in history, marked retracted.

    Refused (exit 1) when what remains would no longer validate, naming the nodes that depend on it.
    """
    from argkb.contrib.retract import retract

    result = retract(kb, ident, reason, author=author, timeout=wait)
    emit(result.to_text())
    raise SystemExit(result.exit_code)
