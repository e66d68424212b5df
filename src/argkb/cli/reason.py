"""``argkb reason``, ``assess``, ``lenses``, ``scenario``: OWL reasoning and lens-by-lens
evaluation."""

from __future__ import annotations

import click

from argkb.assess.dung import STATUS_MEANING
from argkb.cli.common import (
    emit,
    examples,
    format_option,
    kb_options,
    no_cycle_collection,
    output_option,
    perspective_option,
)

perspective_options = perspective_option("Evaluate under this lens (repeatable)")


def _status_help(func):
    """Put the plain-words meaning of IN / OUT / UNDEC where the docstring says {meaning}."""
    func.__doc__ = func.__doc__.replace("{meaning}", STATUS_MEANING)
    return func


def semantics_option(func):
    return click.option(
        "--semantics",
        type=click.Choice(["grounded", "preferred", "stable"], case_sensitive=False),
        default="grounded",
        show_default=True,
        help="Argumentation semantics: grounded (the sceptical, unique labelling), preferred or "
        "stable (IN/OUT when so in every extension, else UNDEC).",
    )(func)


def gradual_option(func):
    return click.option(
        "--gradual",
        type=click.Choice(["df-quad", "quadratic-energy"], case_sensitive=False),
        default="df-quad",
        show_default=True,
        help="Gradual semantics of the strength in [0, 1]: DF-QuAD (Rago et al., KR 2016) or the "
        "quadratic energy model (Potyka, KR 2018).",
    )(func)


@click.command(
    "reason", epilog=examples("argkb reason", "argkb reason --reasoner pellet --format json")
)
@click.option(
    "--infer",
    "infer_to",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[FILE]",
    help="Also write the inferred types and property values as Turtle, to FILE "
    "(default: .argkb-cache/inferred.ttl in the knowledge base); never into the sources.",
)
@click.option(
    "--reasoner",
    type=click.Choice(["hermit", "pellet"]),
    default="hermit",
    show_default=True,
    help=(
        "OWL reasoner for the consistency check and inferences (Pellet always explains "
        "inconsistencies)."
    ),
)
@click.option(
    "--max-explanations",
    type=click.IntRange(1, 100),
    default=10,
    show_default=True,
    help="How many distinct inconsistencies to look for and explain.",
)
@format_option(["text", "json"], "text")
@output_option
@kb_options
def reason_cmd(infer_to, reasoner, max_explanations, fmt, output, kb):
    """Check that the knowledge base is logically consistent with the ontology (OWL, via owlready2).

    Reports: consistent or not; for each inconsistency, the individuals and axioms involved,
    in words; classes that became unsatisfiable; types and property values the reasoner
    inferred that were not asserted. Needs Java (HermiT and Pellet run on the JVM).
    Exit 0 when consistent, 1 when inconsistent or a class is unsatisfiable, 2 on bad input
    or missing Java.
    """
    from argkb.reason.owl import reason_and_infer

    result = reason_and_infer(kb, infer_to, reasoner=reasoner, max_explanations=max_explanations)
    emit(result.render(fmt), output)
    raise SystemExit(0 if result.ok else 1)


@click.command(
    "assess",
    epilog=examples("argkb assess", "argkb assess -p realism -p liberalism --format markdown"),
)
@perspective_options
@click.option(
    "--overall/--no-overall",
    default=None,
    help="Show the overall view (all arguments) too; default: only when no --perspective is given.",
)
@semantics_option
@format_option(["table", "json", "markdown"], "table")
@output_option
@kb_options
@_status_help
def assess_cmd(perspectives, overall, semantics, fmt, output, kb):
    """Label every argument and claim IN, OUT or UNDEC: overall, or under each --perspective.

    {meaning}
    """
    from argkb.assess.assessment import assess
    from argkb.assess.render import render_assessment

    emit(render_assessment(assess(kb, perspectives, semantics.lower(), overall), fmt), output)


@click.command(
    "lenses",
    epilog=examples("argkb lenses", "argkb lenses --semantics preferred --format markdown"),
)
@perspective_options
@semantics_option
@gradual_option
@format_option(["table", "json", "markdown"], "table")
@output_option
@kb_options
@_status_help
def lenses_cmd(perspectives, semantics, gradual, fmt, output, kb):
    """Each implication's status under the five lenses side by side, and where they part ways (and
    why).

    {meaning} "-": the lens neither concludes nor attacks the implication. Each status has its
    graded strength in [0, 1] beside it (--gradual). `argkb why ID -p LENS` explains one verdict.
    """
    from argkb.assess.assessment import lenses
    from argkb.assess.render import render_comparison

    with (
        no_cycle_collection()
    ):  # a million-triple argument graph: full collections walk it again and again
        emit(
            render_comparison(lenses(kb, semantics.lower(), perspectives, gradual.lower()), fmt),
            output,
        )


@click.command(
    "scenario",
    epilog=examples("argkb scenario --move move-donald-trump-decrease-sanctions -p realism"),
)
@click.option(
    "--move",
    "moves",
    multiple=True,
    required=True,
    metavar="MOVE",
    help="A move (id, CURIE or IRI), e.g. move-donald-trump-decrease-sanctions; repeatable.",
)
@perspective_options
@semantics_option
@format_option(["table", "json", "markdown"], "table")
@output_option
@kb_options
@_status_help
def scenario_cmd(moves, perspectives, semantics, fmt, output, kb):
    """What if these moves are made? Every implication they trigger, transitively, lens by lens.

    Each implication's status overall and under each lens. {meaning}
    """
    from argkb.assess.assessment import scenario
    from argkb.assess.render import render_scenario

    emit(render_scenario(scenario(kb, moves, perspectives, semantics.lower()), fmt), output)
