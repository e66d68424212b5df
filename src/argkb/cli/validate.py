"""``argkb validate``: the knowledge base, or contributions in its context, against the SHACL
rules."""

from __future__ import annotations

from pathlib import Path

import click

from argkb.cli.common import emit, examples, format_option, kb_options, output_option


@click.command(
    "validate", epilog=examples("argkb validate", "argkb validate my-analysis.ttl --strict")
)
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@format_option(["text", "json", "turtle"], "text")
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option(
    "--engine",
    type=click.Choice(["auto", "fast", "pyshacl"]),
    default="auto",
    show_default=True,
    help="fast: the shapes compiled to SPARQL (refuses shapes it cannot translate exactly); "
    "pyshacl: the reference; auto: fast when the shapes compile, else pySHACL.",
)
@output_option
@kb_options
def validate_cmd(files, fmt, strict, engine, output, kb):
    """Validate the knowledge base, or FILES together with it (RDF, or Argdown: `.argdown`).

    With no FILES the whole knowledge base is checked. With FILES, they are read on
    top of the knowledge base (so they may refer to existing actors and claims) and
    the report covers the nodes they bring or touch. Exit 0 when nothing is violated
    (warnings are shown), 1 on violations (or warnings with --strict), 2 on bad input.
    --format turtle writes a SHACL sh:ValidationReport (its sh:conforms is false as soon as
    there is any result, warnings included, as SHACL defines it).
    """
    from contextlib import nullcontext

    from argkb.contrib.prepare import validate_files

    if any(str(f).lower().endswith(".argdown") for f in files):
        from argkb.interop.argdown_add import as_turtle, name_argdown

        converted = as_turtle(kb, files)
    else:
        converted, name_argdown = nullcontext((files, {})), None
    with converted as (files, named):
        report, problems = validate_files(kb, files, engine)
        if name_argdown is not None:
            name_argdown(report, named)
    emit(report.render(fmt), output)
    if (
        problems
    ):  # the same id rules as `argkb add`: a file validate passes, add does not refuse for its ids
        click.echo(
            f"refused ids ({len(problems)}; `argkb add` would refuse these files):", err=True
        )
        for problem in problems:
            click.echo(f"  {problem}", err=True)
    failed = not report.conforms or (strict and report.warnings) or problems
    raise SystemExit(1 if failed else 0)
