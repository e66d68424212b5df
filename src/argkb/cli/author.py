"""``argkb quote``, ``source``, ``anchor``: authoring a contribution from a new article."""
from __future__ import annotations

import click

from argkb.cli.common import emit, format_option, kb_only


@click.command("quote")
@click.argument("source")
@click.argument("text")
@click.option("--occurrence", type=click.IntRange(min=1), default=None, metavar="N",
              help="Take the N-th occurrence (1-based) when the text occurs several times.")
@click.option("--near", type=click.IntRange(min=0), default=None, metavar="OFFSET",
              help="Take the occurrence starting nearest this code-point offset.")
@click.option("--id", "node", default=None, metavar="ID",
              help="Name the Quote node (default: kb:quote-SOURCE-START).")
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
