"""``argkb import``: an argument map from another tool as a contribution file to review."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from argkb.cli.common import emit, examples, kb_options, output_option

log = logging.getLogger(__name__)

#: kept here (not imported from argkb.interop) so `argkb --help` stays light
IMPORT_FORMATS = ["aif", "xaif", "argdown", "sadface", "kialo"]

#: (option, metavar, help) of the options that take one value and default to none
VALUE_OPTIONS = (
    (
        "--source",
        "NAME",
        "A source registered in the knowledge base (kb:NAME, its text in data/sources/NAME.txt): "
        "claims whose words occur in it are quoted there.",
    ),
    (
        "--perspective",
        "LENS",
        "The lens of every argument the map does not tag with one; recorded as your "
        "declared default. Without it each such argument is a TODO.",
    ),
    (
        "--author",
        "WHO",
        "Who made the map (a name, or an agent id such as kb:argkb-editors); arguments, and claims "
        "with no speaker, are attributed to it (default: an agent 'the authors of FILE').",
    ),
    (
        "--prefix",
        "SLUG",
        "Start of every id the import creates (default: the file name without extension).",
    ),
)


#: the short option of each, where the rest of the command line has one (-p is --perspective
#: everywhere)
SHORT = {"--perspective": "-p"}


def _value_options(func):
    for name, metavar, text in reversed(VALUE_OPTIONS):
        decls = [SHORT[name], name] if name in SHORT else [name]
        func = click.option(*decls, metavar=metavar, default=None, help=text)(func)
    return func


@click.command(
    "import",
    epilog=examples(
        "argkb import nodeset6064.json --from aif -o imported.ttl",
        "argkb import talks.json --from xaif --source trump-putin-ukraine-talks -p realism -o "
        "talks.ttl",
    ),
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--from",
    "fmt",
    type=click.Choice(IMPORT_FORMATS, case_sensitive=False),
    required=True,
    help="The map's format: aif (AIFdb, OVA), xaif (OVA3, arg-tech), argdown (a documented subset, "
    "see docs/import.md), sadface, kialo (Kialo's plain-text export).",
)
@_value_options
@output_option
@kb_options
def import_cmd(kb, file, fmt, source, perspective, author, prefix, output):
    """Convert an argument map into an argkb contribution file; it never adds anything.

    I-nodes and statements become claims; supports (RA) and rephrases (MA) arguments with a
    conclusion; attacks (CA) arguments that attack a claim or undercut an argument. What the map
    does not say — a perspective, a warrant — is left out and listed as a TODO at the top of the
    file: `argkb validate FILE` reports exactly those until you supply them; then `argkb add FILE`.
    """
    from argkb.interop.convert import convert

    text, summary = convert(
        file,
        fmt.lower(),
        kb=kb,
        source=source,
        perspective=perspective,
        author=author,
        prefix=prefix,
    )
    emit(text, output)
    if summary.get("flavoured"):
        log.info(
            f"{file.name} (argkb-flavoured Argdown): {summary['claims']} claims, "
            f"{summary['supports']} supports, {summary['attacks']} attacks, {summary['quotes']} "
            f"quotes anchored, {summary['todo']} TODOs" + (f"; wrote {output}" if output else "")
        )
        return
    log.info(
        f"{file.name}: {summary['claims']} claims, {summary['supports']} supports, "
        f"{summary['attacks']} attacks, {summary['quotes']} quotes; {summary['todo']} TODOs, "
        f"{summary['skipped']} map elements not imported (listed in the file's header)"
        + (f"; wrote {output}" if output else "")
    )
