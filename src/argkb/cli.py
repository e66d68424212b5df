"""The ``argkb`` command line: a thin click layer over the library, one function per command.

Commands live in small ``cli_*`` modules and are imported only when used, so
``argkb --help`` stays fast; heavy libraries (pySHACL, pyoxigraph, owlready2)
are imported inside the library calls that need them.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys

import click

from argkb import __version__
from argkb.errors import ArgkbError

#: command name -> "module:function"; one function per command
COMMANDS: dict[str, str] = {
    "validate": "argkb.cli_validate:validate_cmd",
    "queries": "argkb.cli_query:queries_cmd",
    "query": "argkb.cli_query:query_cmd",
    "trace": "argkb.cli_query:trace_cmd",
    "impacts": "argkb.cli_query:impacts_cmd",
    "export": "argkb.cli_export:export_cmd",
    "init": "argkb.cli_contrib:init_cmd",
    "diff": "argkb.cli_contrib:diff_cmd",
    "add": "argkb.cli_contrib:add_cmd",
    "contributions": "argkb.cli_contrib:contributions_cmd",
    "retract": "argkb.cli_contrib:retract_cmd",
    "store": "argkb.cli_store:store_cmd",
    "serve": "argkb.cli_store:serve_cmd",
    "push": "argkb.cli_store:push_cmd",
    "reason": "argkb.cli_reason:reason_cmd",
    "assess": "argkb.cli_reason:assess_cmd",
    "lenses": "argkb.cli_reason:lenses_cmd",
    "scenario": "argkb.cli_reason:scenario_cmd",
}


def _available(target: str) -> bool:
    module = target.split(":")[0]
    return importlib.util.find_spec(module) is not None


class LazyGroup(click.Group):
    """Imports a command's module only when the command is asked for; turns ArgkbError into a clean exit."""

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
            click.echo(f"argkb: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("argkb: interrupted", err=True)
            ctx.exit(130)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="argkb")
def cli():
    """argkb: a structured-argument knowledge base.

    Actors, levers, moves and the implications that could follow, each argued
    through an expert perspective and anchored to the words of its source.

    Exit codes: 0 success / conforms, 1 the data does not conform,
    2 usage error or unreadable / unparsable input.
    """


def main(argv=None):
    """Console entry point."""
    return cli.main(args=argv, prog_name="argkb")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
