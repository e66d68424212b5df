"""``argkb why``: why a claim has its verdict, overall or under a lens, and what would change it."""

from __future__ import annotations

import click

from argkb.assess.dung import STATUS_MEANING
from argkb.cli.common import LENSES, emit, examples, format_option, kb_options, output_option
from argkb.cli.reason import gradual_option, semantics_option


@click.command(
    "why",
    epilog=examples(
        "argkb why impl-aid-sovereignty -p liberalism",
        "argkb why impl-aid-sovereignty --between realism liberalism --format json",
    ),
)
@click.argument("claim")
@click.option(
    "--perspective",
    "-p",
    "perspective",
    metavar="LENS",
    default=None,
    help=f"Explain the verdict under this lens ({', '.join(LENSES)}, or its IRI / CURIE); "
    "default: the overall view.",
)
@click.option(
    "--between",
    nargs=2,
    metavar="LENS LENS",
    default=None,
    help=(
        "Also compare two lenses: each one's verdict, and the arguments one counts and the other "
        "does not."
    ),
)
@semantics_option
@gradual_option
@format_option(["text", "json", "markdown"], "text")
@output_option
@kb_options
def why_cmd(claim, perspective, between, semantics, gradual, fmt, output, kb):
    """Why CLAIM is IN, OUT or UNDEC, overall or under a lens, with its cruxes.

    OUT: the standing attacks that defeat it, back to their premises. IN: each objection and what
    answers it. UNDEC: the arguments that hold each other in check. Every premise says whether the
    lens grants it and why (quoted, shared ground, or held by which lens). Cruxes: the smallest
    sets of up to three arguments whose removal changes the verdict, each checked by recomputing
    it. {meaning}
    """
    from argkb.assess.why import why
    from argkb.assess.why_render import render_why

    result = why(kb, claim, perspective, semantics.lower(), gradual.lower(), tuple(between or ()))
    emit(render_why(result, fmt), output)


why_cmd.help = (why_cmd.help or "").replace("{meaning}", STATUS_MEANING)
