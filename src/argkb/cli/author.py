"""``argkb quote``, ``source``, ``anchor``: authoring a contribution from a new article."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import click

from argkb.cli.common import emit, examples, format_option, kb_only, output_option, wait_option

log = logging.getLogger(__name__)


@click.command(
    "quote",
    epilog=examples(
        'argkb quote trump-putin-ukraine-talks "could strain relations with traditional U.S. '
        'allies"',
        'argkb quote my-article "sanctions" --occurrence 2 --format text',
    ),
)
@click.argument("source")
@click.argument("text")
@click.option(
    "--occurrence",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Take the N-th occurrence (1-based) when the text occurs several times.",
)
@click.option(
    "--near",
    type=click.IntRange(min=0),
    default=None,
    metavar="OFFSET",
    help="Take the occurrence starting nearest this code-point offset.",
)
@click.option(
    "--id",
    "node",
    default=None,
    metavar="ID",
    help="Name the Quote node (default: kb:quote-SOURCE-START).",
)
@format_option(["turtle", "json", "text"], "turtle")
@kb_only
def quote_cmd(source, text, occurrence, near, node, fmt, kb):
    """Find TEXT in the stored text of SOURCE and print it as a ready Quote node.

    TEXT may differ from the stored text in quotes and apostrophes (straight or typographic),
    hyphens and dashes, line breaks and runs of spaces: the Quote carries the stored words and
    their code-point offsets. Exit 1 when TEXT occurs several times (each is listed with its
    context: pick one with --occurrence or --near) or not at all (the closest passages are shown).
    """
    from argkb.author.quote import explain, quote, render
    from argkb.rdf.ids import to_iri

    result = quote(kb, source, text, occurrence=occurrence, near=near)
    out = render(result, fmt.lower(), to_iri(node) if node else None)
    if out:
        emit(out)
    if result.exit_code:
        click.echo(explain(result), err=True)
    raise SystemExit(result.exit_code)


@click.group(
    "source",
    epilog=examples(
        "argkb source add article.html --id my-article --date 2025-02-18",
        "argkb source show trump-putin-ukraine-talks",
    ),
)
def source_cmd():
    """Register articles (`add`), see what is anchored to them (`list`, `show`), and set aside
    drafted sentences that state no consequence (`dismiss`)."""


@source_cmd.command(
    "add",
    epilog=examples(
        'argkb source add article.txt --id my-article --title "Talks in Riyadh" --date 2025-02-18',
        'argkb source add report.pdf --id my-report --creator "Jane Doe" -m "the ministry\'s '
        'report"',
    ),
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--id",
    "ident",
    required=True,
    metavar="NAME",
    help="The source's id: kb:NAME, its text data/sources/NAME.txt (letters, digits, - and _).",
)
@click.option(
    "--title", default=None, help="The article's title (an HTML or PDF file may supply it)."
)
@click.option("--date", default=None, metavar="YYYY-MM-DD", help="Publication date.")
@click.option(
    "--creator",
    "creators",
    multiple=True,
    metavar="NAME",
    help="An author of the article (repeatable).",
)
@click.option("--publisher", default=None, help="Who published it.")
@click.option("--url", default=None, help="Where it was published (http:// or https://).")
@click.option("--language", default=None, metavar="TAG", help="Its language, e.g. en.")
@click.option(
    "--encoding", default=None, help="The file's encoding when it is not UTF-8 (e.g. cp1252)."
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=None,
    help="Largest article file accepted (default 16 MiB).",
)
@click.option(
    "--author",
    help="Who contributes: a name, or an agent id such as kb:argkb-editors "
    "(default: $ARGKB_AUTHOR, else your user name).",
)
@click.option("-m", "--message", default="", help="Why: recorded in the log.")
@wait_option
@kb_only
def source_add_cmd(
    file,
    ident,
    title,
    date,
    creators,
    publisher,
    url,
    language,
    encoding,
    max_bytes,
    author,
    message,
    wait,
    kb,
):
    """Register the article FILE (.txt, .md, .html, .pdf) as source kb:NAME, in one logged
    contribution.

    The text is stored in data/sources/NAME.txt with LF line endings and in Unicode NFC (quote
    offsets count code points in that file); the argkb:Source node carries its SHA-256. HTML and
    PDF need the extra: pip install 'argkb[ingest]'. Retract it like any contribution.
    """
    from argkb.author.ingest import MAX_SOURCE_BYTES
    from argkb.author.sources import register

    done = register(
        kb,
        file,
        ident,
        title=title,
        date=date,
        creators=creators,
        publisher=publisher,
        url=url,
        language=language,
        author=author,
        message=message,
        encoding=encoding,
        max_bytes=max_bytes or MAX_SOURCE_BYTES,
        timeout=wait,
    )
    emit(done.to_text())
    raise SystemExit(done.exit_code)


@source_cmd.command("list", epilog=examples("argkb source list", "argkb source list --format json"))
@format_option(["text", "json"], "text")
@kb_only
def source_list_cmd(fmt, kb):
    """Every source: id, date, how many quotes and claims anchor to it, its stored text."""
    from argkb.author.catalogue import list_sources, list_text
    from argkb.author.ingest import printable

    summaries = list_sources(kb)
    emit(
        _json_c1(json.dumps([s.to_dict() for s in summaries], indent=2, ensure_ascii=False))
        if fmt == "json"
        else printable(list_text(summaries))
    )


def _json_c1(text: str) -> str:
    """JSON text with DEL and the C1 control characters written as \\u escapes (json.dumps escapes
    only C0)."""
    return re.sub(r"[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", text)


@source_cmd.command(
    "show",
    epilog=examples(
        "argkb source show trump-putin-ukraine-talks", "argkb source show my-article --format json"
    ),
)
@click.argument("name")
@format_option(["text", "json"], "text")
@kb_only
def source_show_cmd(name, fmt, kb):
    """One source: its metadata, its stored text, the claims anchored to it through quotes, and the
    sentences stating a consequence (as `argkb draft` finds them) that no implication quotes yet."""
    from argkb.author.catalogue import detail_text, show_source
    from argkb.author.ingest import printable

    detail = show_source(kb, name)
    # control characters a hand-edited text or label may hold are printed escaped, never raw (JSON
    # escapes C0 itself; C1, such as the 8-bit CSI \x9b, is escaped here)
    emit(
        _json_c1(json.dumps(detail.to_dict(), indent=2, ensure_ascii=False))
        if fmt == "json"
        else printable(detail_text(detail))
    )


@source_cmd.command(
    "dismiss",
    epilog=examples('argkb source dismiss my-article 12 --reason "a capability, not an outcome"'),
)
@click.argument("name")
@click.argument("sentence", type=click.IntRange(min=1))
@click.option(
    "--reason",
    required=True,
    help="Why the sentence states no consequence (recorded in the knowledge base).",
)
@click.option(
    "--author",
    help="Who contributes: a name, or an agent id such as kb:argkb-editors "
    "(default: $ARGKB_AUTHOR, else your user name).",
)
@click.option("-m", "--message", default="", help="Why: recorded in the log (default: the reason).")
@wait_option
@kb_only
def source_dismiss_cmd(name, sentence, reason, author, message, wait, kb):
    """Record that SENTENCE of source NAME (its number, as `argkb draft` and `argkb source show`
    give it) states no consequence, with --reason: an argkb:Dismissal of its quote, attributed to
    kb:argkb-editors, added as one logged contribution. `argkb source show` stops listing it."""
    from argkb.author.dismiss import dismiss

    outcome = dismiss(kb, name, sentence, reason, author=author, message=message, timeout=wait)
    emit(
        "\n".join(
            [
                *outcome.notes,
                *(
                    [outcome.report.to_text()]
                    if outcome.report is not None and not outcome.report.conforms
                    else []
                ),
                outcome.summary,
            ]
        )
    )
    raise SystemExit(outcome.exit_code)


@click.command(
    "anchor",
    epilog=examples(
        "argkb anchor my-analysis.ttl --write", "argkb anchor my-analysis.ttl -o anchored.ttl"
    ),
)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--write", is_flag=True, help="Rewrite each FILE in place (atomically).")
@output_option
@kb_only
def anchor_cmd(files, write, output, kb):
    """Fill in oa:start/oa:end of the Quotes in FILES from their oa:exact, and correct wrong ones.

    A Quote may give only oa:hasSource and oa:exact. Where the exact text occurs once in the
    stored source (allowing for quotes, dashes and spacing), its offsets and stored wording are
    written; where it occurs several times nothing is guessed and the quote is reported. The
    anchored Turtle goes to standard output, to -o OUT, or back into FILES with --write, which
    edits only the offsets and wording in each file's own text, keeping its comments and layout
    (re-serialising, and saying so, only where it cannot do that safely); the report goes to
    standard error. Exit 1 when a quote needs you.
    """
    from argkb.author.anchor import anchor_files, anchored_text, write_anchored

    if write and output:
        raise click.UsageError("give --write or -o OUT, not both")
    if write and any(Path(f).suffix.lower() not in (".ttl", ".turtle") for f in files):
        raise click.UsageError(
            "--write rewrites Turtle files (.ttl) only; for other formats give -o OUT.ttl"
        )
    report = anchor_files(kb, files)
    if write:
        for path in write_anchored(report):
            log.warning(f"{path}: re-serialised (its comments and layout could not be kept)")
    else:
        emit(anchored_text(report, output or Path(files[0])), output)
    click.echo(report.to_text(), err=True)
    raise SystemExit(report.exit_code)
