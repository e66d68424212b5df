"""``argkb review``: the findings an editor works through (see argkb.review)."""

from __future__ import annotations

import click

from argkb.cli.common import emit, examples, format_option, kb_options, output_option


@click.command(
    "review", epilog=examples("argkb review", "argkb review --format json -o review.json")
)
@format_option(["text", "json"], "text")
@output_option
@kb_options
def review_cmd(fmt, output, kb):
    """List what an editor should work through: uncited background premises, implication labels
    that drop the source's hedge, single-lens implications, alternatives of which only one side
    is ever attacked, lens descriptions used as premises, moves without kind, undated sources,
    refuting rebuttals of a could/might implication; and, computed from the verdicts, a premise
    that alone flips three or more verdicts, and a verdict resting on one unattacked, uncited
    editors' premise (`argkb why ID` shows what a verdict rests on).

    Each query check is a named query queries/review-*.rq (run one alone with `argkb query`).
    Findings the editors chose to leave (argkb:acceptedFinding with an argkb:reviewNote) are listed
    apart, with their reason. Exit 0 whatever is found; 2 on unreadable input.
    """
    from argkb.review import review
    from argkb.review.render import render

    emit(render(review(kb), fmt), output)
