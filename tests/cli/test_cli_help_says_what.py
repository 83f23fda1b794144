"""Each command's own --help says what the command does. `resultsdesk demo --help`, the
first a new user reads after README's set-up, printed its usage line and -h alone (so did
`declare`, `verify`, `summary`...): what each does was said only in `resultsdesk --help`'s
list of commands. A command with a description of its own (`init`, `export`) keeps it."""

from __future__ import annotations

import argparse
import re

import pytest

from resultsdesk import cli


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()):
    """(command words, its parser, the line the list of commands gives it)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            lines = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                yield (*prefix, name), sub, lines.get(name)
                yield from _commands(sub, (*prefix, name))


COMMANDS = sorted(_commands(cli.build_parser()), key=lambda item: item[0])


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_command_is_listed_with_what_it_does():
    assert ("demo",) in [words for words, _, _ in COMMANDS]
    assert all(line for _, _, line in COMMANDS)


@pytest.mark.parametrize(("command", "parser", "line"), COMMANDS,
                         ids=[" ".join(words) for words, _, _ in COMMANDS])
def test_a_commands_own_help_says_what_it_does(capsys, command, parser, line):
    with pytest.raises(SystemExit) as info:
        cli.main([*command, "--help"])
    assert info.value.code == 0
    shown = _words(capsys.readouterr().out)
    said = _words(parser.description or "")
    assert said, f"`resultsdesk {' '.join(command)} --help` says nothing of what it does"
    assert said in shown
    if command == ("demo",):
        assert _words(line) in shown  # the list's line, where it has no other
