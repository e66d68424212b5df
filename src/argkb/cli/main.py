"""The ``argkb`` command line: a thin click layer over the library, one function per command.

Commands live in the other modules of ``argkb.cli`` and are imported only when used, so
``argkb --help`` stays fast; heavy libraries (pySHACL, pyoxigraph, owlready2)
are imported inside the library calls that need them.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path

import click

from argkb.errors import ArgkbError

#: where `argkb --kb DIR COMMAND` leaves DIR for the command (argkb.cli.common reads it)
KB_BEFORE_COMMAND = "argkb.kb"

#: command name -> "module:function"; one function per command
COMMANDS: dict[str, str] = {
    "validate": "argkb.cli.validate:validate_cmd",
    "queries": "argkb.cli.query:queries_cmd",
    "query": "argkb.cli.query:query_cmd",
    "trace": "argkb.cli.query:trace_cmd",
    "impacts": "argkb.cli.query:impacts_cmd",
    "export": "argkb.cli.export:export_cmd",
    "import": "argkb.cli.interop:import_cmd",
    "init": "argkb.cli.contrib:init_cmd",
    "diff": "argkb.cli.contrib:diff_cmd",
    "add": "argkb.cli.contrib:add_cmd",
    "contributions": "argkb.cli.contrib:contributions_cmd",
    "retract": "argkb.cli.contrib:retract_cmd",
    "store": "argkb.cli.store:store_cmd",
    "serve": "argkb.cli.store:serve_cmd",
    "push": "argkb.cli.store:push_cmd",
    "reason": "argkb.cli.reason:reason_cmd",
    "assess": "argkb.cli.reason:assess_cmd",
    "lenses": "argkb.cli.reason:lenses_cmd",
    "scenario": "argkb.cli.reason:scenario_cmd",
    "why": "argkb.cli.why:why_cmd",
    "draft": "argkb.cli.draft:draft_cmd",
    "quote": "argkb.cli.author:quote_cmd",
    "source": "argkb.cli.author:source_cmd",
    "anchor": "argkb.cli.author:anchor_cmd",
    "review": "argkb.cli.review:review_cmd",
}


def _version(ctx: click.Context, value: bool) -> None:
    """``--version``: as click's own option prints it; the version read only when asked for
    (start-up time)."""
    if not value or ctx.resilient_parsing:
        return
    from argkb import __version__

    click.echo(f"argkb, version {__version__}")
    ctx.exit()


def _available(target: str) -> bool:
    module = target.split(":")[0]
    return importlib.util.find_spec(module) is not None


class LazyGroup(click.Group):
    """Imports a command's module only when the command is asked for; turns ArgkbError into a clean
    exit."""

    def list_commands(self, ctx):
        return [name for name, target in COMMANDS.items() if _available(target)]

    def get_command(self, ctx, name):
        target = COMMANDS.get(name)
        if target is None or not _available(target):
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ArgkbError as exc:
            click.echo(f"argkb: error: {clip(str(exc))}", err=True)
            ctx.exit(exc.exit_code)
        except (
            OSError
        ) as exc:  # a file system refusal nothing above turned into a sentence: still no traceback
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"argkb: error: {where}{exc.strerror or exc}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("argkb: interrupted", err=True)
            _exit_now_if_a_query_runs_on(130)
            ctx.exit(130)


#: a run of non-blank characters longer than this in a message is shown by its ends (a 100 KB name
#: given on the command line is not echoed back whole)
MAX_ECHO = 200


def clip(message: str) -> str:
    """The message with every overlong word cut to its start and end, saying how long it was."""
    import re

    def cut(match: re.Match) -> str:
        word = match.group()
        return f"{word[:60]}…{word[-20:]} ({len(word):,} characters)"

    return re.sub(r"\S{%d,}" % (MAX_ECHO + 1), cut, message)


def _quiet_rdflib() -> None:
    """rdflib logs "… does not look like a valid URI" before argkb refuses the same IRI in a
    sentence of its own: that warning is argkb's to give."""
    import logging

    class NoUriWarnings(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            return "does not look like a valid URI" not in record.getMessage()

    logging.getLogger("rdflib.term").addFilter(NoUriWarnings())


_quiet_rdflib()


def _exit_now_if_a_query_runs_on(code: int) -> None:
    """After Ctrl-C, a query thread may still be inside pyoxigraph
    (``argkb.query.library.interruptible``): run the exit handlers (temporary snapshots are
    removed), flush, and end the process without the interpreter's shutdown, which could wait on
    that thread."""
    import atexit
    import os

    library = sys.modules.get("argkb.query.library")
    if library is None or not getattr(library, "ABANDONED", None):
        return
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda ctx, _p, v: _version(ctx, v),
    help="Show the version and exit.",
)
@click.option(
    "--kb",
    "kb_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar="DIRECTORY",
    help="Knowledge base folder, for the command that follows (as its own --kb).",
)
@click.option(
    "-v",
    "--verbose",
    count=True,
    help="Say more on stderr: how the command works (stores, timings).",
)
@click.option(
    "-q",
    "--quiet",
    count=True,
    help="Say less on stderr: -q warnings only (no 'wrote …' lines), -qq errors only.",
)
@click.pass_context
def cli(ctx, kb_dir, verbose, quiet):
    """argkb: a structured-argument knowledge base.

    Actors, levers, moves and the implications that could follow, each argued
    through an expert perspective and anchored to the words of its source.

    Exit codes: 0 success / conforms, 1 the data does not conform,
    2 usage error or unreadable / unparsable input.

    Messages go to stderr: -v says more (argkb -v COMMAND …), -q less.
    """
    from argkb.cli.logs import configure

    configure(verbose, quiet)
    if kb_dir is not None:
        command = cli.get_command(ctx, ctx.invoked_subcommand) if ctx.invoked_subcommand else None
        if (
            command is not None
            and not isinstance(command, click.Group)
            and not any(p.name == "kb_dir" for p in command.params)
        ):
            raise click.UsageError(
                f"argkb {ctx.invoked_subcommand} does not read a knowledge base: it takes no --kb"
            )
        ctx.meta[KB_BEFORE_COMMAND] = kb_dir


def main(argv=None):
    """Console entry point."""
    return cli.main(args=argv, prog_name="argkb")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
