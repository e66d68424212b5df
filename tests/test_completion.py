"""Shell completion (click's ``_ARGKB_COMPLETE``): the scripts for bash, zsh and fish, and
answers."""

from __future__ import annotations

import pytest

from argkb.cli import cli


def complete(runner, env: dict) -> list[str]:
    result = runner.invoke(cli, [], prog_name="argkb", env=env)
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


@pytest.mark.parametrize(
    "shell, marker",
    [
        ("bash", "complete -o nosort -F"),
        ("zsh", "compdef"),
        ("fish", "complete --no-files --command argkb"),
    ],
)
def test_each_shell_gets_a_script_that_calls_argkb_back(runner, shell, marker):
    script = "\n".join(complete(runner, {"_ARGKB_COMPLETE": f"{shell}_source"}))
    assert marker in script
    assert "_ARGKB_COMPLETE" in script


def test_commands_complete(runner):
    answers = complete(
        runner, {"_ARGKB_COMPLETE": "bash_complete", "COMP_WORDS": "argkb va", "COMP_CWORD": "1"}
    )
    assert answers == ["plain,validate"]


def test_option_values_complete(runner):
    answers = complete(
        runner,
        {
            "_ARGKB_COMPLETE": "bash_complete",
            "COMP_WORDS": "argkb trace --format ",
            "COMP_CWORD": "3",
        },
    )
    assert {a.split(",", 1)[1] for a in answers} == {"tree", "json", "markdown"}


def test_lens_names_complete(runner):
    answers = complete(
        runner,
        {
            "_ARGKB_COMPLETE": "bash_complete",
            "COMP_WORDS": "argkb lenses -p diplo",
            "COMP_CWORD": "3",
        },
    )
    assert answers == ["plain,diplomatic-practice"]
