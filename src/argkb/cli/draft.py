"""``argkb draft``: a Turtle scaffold of a registered source's implications, for the analyst to
finish."""

from __future__ import annotations

import click

from argkb.cli.common import emit, examples, kb_options, output_option


@click.command(
    "draft",
    epilog=examples(
        "argkb draft trump-putin-ukraine-talks -o draft.ttl",
        "argkb draft my-article --claims --format argdown -o draft.argdown",
    ),
)
@click.argument("source")
@output_option(help="Write the draft to this file (atomically) instead of standard output.")
@click.option(
    "--claims", is_flag=True, help="Also draft the article's other (non-conditional) claims."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["turtle", "argdown"]),
    default="turtle",
    show_default=True,
    help="turtle, or argdown: argkb-flavoured Argdown (docs/argdown.md) to complete in an Argdown "
    "editor; `argkb add` takes either.",
)
@kb_options
def draft_cmd(source, output, claims, fmt, kb):
    """Draft the implications SOURCE states, as Turtle (or Argdown) to complete and then
    `argkb add`.

    SOURCE is a registered source (`argkb source add`): its id, e.g. `my-article` or
    `kb:my-article`. Each sentence stating a consequence (if / when / unless / should
    clauses; could, might, may, would, will, can, likely, risks, is bound to) becomes an
    argkb:Implication stub, with an id made from its label, and its Quote anchored in the
    stored text. Proposed (argkb:proposed): the qualifier, a label of at most 12 words from
    the consequence clause, the triggering move from the condition clause (a move of the
    knowledge base or a new stub move with actor, lever and direction), and the affected
    actors (the knowledge base's, by label or skos:altLabel, else new stub actors from the
    gazetteer: pycountry's states and a curated list of organisations). What only the
    analyst can decide is an argkb:todo; `argkb validate FILE` lists one violation per open
    TODO. The qualifier comes from the one list of hedge words (argkb:hedgeWord): could,
    can, risks -> argkb:Could; might, may -> argkb:Might; would, likely, unlikely, probably,
    tends to -> argkb:Likely; will, is bound to, and a conditional without a modal ->
    argkb:Certain.
    """
    if fmt == "argdown":
        from argkb.author.draft_argdown import draft_argdown

        emit(draft_argdown(kb, source, claims=claims), output)
        return
    from argkb.author.draft import draft

    emit(draft(kb, source, claims=claims), output)
