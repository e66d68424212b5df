"""The command line is consistent wherever a user looks: options only where they apply, one meaning
per short option, examples at the end of every command's help, IN/OUT/UNDEC explained where they
appear."""

from __future__ import annotations

import shlex

import click
import pytest

from argkb.assess.dung import STATUS_MEANING
from argkb.cli import cli
from argkb.cli.main import COMMANDS


def all_commands() -> dict[str, click.Command]:
    """Every command by its full name ("store status"), groups included."""
    found = {}

    def walk(group, prefix):
        ctx = click.Context(group)
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            found[prefix + name] = command
            if isinstance(command, click.Group):
                walk(command, prefix + name + " ")

    walk(cli, "")
    return found


COMMAND_NAMES = sorted(all_commands())


def options(command: click.Command) -> dict[str, click.Option]:
    return {opt: p for p in command.params if isinstance(p, click.Option) for opt in p.opts}


def test_every_command_of_the_table_is_walked():
    assert set(COMMANDS) <= set(COMMAND_NAMES)


@pytest.mark.parametrize("name", COMMAND_NAMES)
def test_help_ends_with_one_or_two_examples_that_parse(runner, name):
    result = runner.invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0
    lines = result.output.rstrip().splitlines()
    heading = max(i for i, line in enumerate(lines) if line.strip() == "Examples:")
    found = [line.strip() for line in lines[heading + 1 :]]
    assert 1 <= len(found) <= 2, (
        f"argkb {name} --help should end with one or two examples, not {found}"
    )
    for example in found:
        words = shlex.split(example)
        assert words[: 1 + len(name.split())] == ["argkb", *name.split()], example
        parsed = runner.invoke(cli, [*words[1:], "--help"])  # unknown options fail even with --help
        assert parsed.exit_code == 0, f"{example}: {parsed.output}"


@pytest.mark.parametrize("name", COMMAND_NAMES)
def test_a_short_option_means_one_thing(name):
    meanings = {"-p": "--perspective", "-m": "--message", "-o": "--output"}
    for param in all_commands()[name].params:
        for short in (o for o in getattr(param, "opts", []) if o in meanings):
            assert meanings[short] in param.opts, (
                f"argkb {name}: {short} is {param.opts}, not {meanings[short]}"
            )


def test_every_command_that_filters_by_lens_has_p():
    lens_commands = [n for n in COMMAND_NAMES if "--perspective" in options(all_commands()[n])]
    assert {"trace", "impacts", "export", "assess", "lenses", "scenario"} <= set(lens_commands)
    for name in lens_commands:
        assert "-p" in options(all_commands()[name])["--perspective"].opts, name


def test_options_only_where_they_apply():
    commands = all_commands()
    assert [n for n in COMMAND_NAMES if "--update-endpoint" in options(commands[n])] == []
    for name in (
        "serve",
        "store status",
        "store rebuild",
        "init",
        "add",
        "retract",
        "contributions",
        "queries",
    ):
        assert "--endpoint" not in options(commands[name]), name
        assert "--data" not in options(commands[name]), name
    for name in (
        "validate",
        "query",
        "trace",
        "impacts",
        "export",
        "assess",
        "lenses",
        "scenario",
        "reason",
    ):
        assert {"--endpoint", "--data", "--kb"} <= set(options(commands[name])), name


def test_scenario_move_has_no_short_option():
    assert options(all_commands()["scenario"])["--move"].opts == ["--move"]


@pytest.mark.parametrize("args", [["assess"], ["lenses"], ["scenario"], ["trace"]])
def test_status_words_are_explained_in_help(runner, args):
    help_text = " ".join(runner.invoke(cli, [*args, "--help"], terminal_width=1000).output.split())
    assert STATUS_MEANING in help_text


@pytest.mark.parametrize(
    "args",
    [
        ["assess"],
        ["lenses"],
        ["scenario", "--move", "move-us-decrease-sanctions"],
        ["trace", "impl-russia-bolder", "--status", "overall"],
        ["trace", "impl-russia-bolder", "--status", "realism", "--format", "markdown"],
    ],
)
def test_status_words_are_explained_in_a_footer(runner, mini_kb_dir, args):
    result = runner.invoke(cli, [*args, "--kb", str(mini_kb_dir)])
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith(STATUS_MEANING)


def test_no_status_footer_without_statuses_or_in_json(runner, mini_kb_dir):
    plain = runner.invoke(cli, ["trace", "impl-russia-bolder", "--kb", str(mini_kb_dir)])
    as_json = runner.invoke(cli, ["lenses", "--format", "json", "--kb", str(mini_kb_dir)])
    assert plain.exit_code == as_json.exit_code == 0
    assert STATUS_MEANING not in plain.output and STATUS_MEANING not in as_json.output
