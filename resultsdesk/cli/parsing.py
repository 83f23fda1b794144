"""The argparse classes of the command line: its parser (saying how to give a value that
starts with '-') and its command words (taking `--db` and `--user` typed before the command).
Loaded when `cli.build_parser` builds the parser, not for `resultsdesk --version`."""

from __future__ import annotations

import argparse
import itertools
import re
from collections.abc import Iterator, Sequence
from typing import Any, NoReturn

# The options of the main parser a command takes too, by the command's dest: their dests on
# the main parser (where, with no command, they are the app's).
BEFORE_THE_COMMAND = {"db": "gui_db", "user": "gui_user"}

typed: list[str] = []  # the words `cli.main` parses, for `Parser.error`'s example


class Parser(argparse.ArgumentParser):
    """argparse, saying how to give a value that starts with '-': it reads `--size -5x100`
    as an option of its own and said only "expected one argument"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.register("action", "parsers", Commands)  # every add_subparsers, nested too

    def error(self, message: str) -> NoReturn:
        match = re.fullmatch(r"argument (--[\w-]+)(?:/[^:]*)?: expected one argument", message)
        if match:
            option = match.group(1)
            value = next((after for word, after in itertools.pairwise(typed)
                          if word == option and after.startswith("-")), None)
            if value is not None:
                message += (f" (a value that starts with '-' is written with '=': "
                            f"{option}={value})")
        from ..desk.failures import one_line

        # argparse quotes the value typed: an escape sequence in it reaches the terminal
        super().error(one_line(message))


class Commands(argparse._SubParsersAction):
    """The command words. `--db` and `--user` typed before the command, as the main usage
    line shows them (`resultsdesk [--db PATH] [--user NAME] COMMAND`), are the command's
    own: `resultsdesk --db night.db summary` is `resultsdesk summary --db night.db`. Before,
    the command's parser, which never sees the main parser's options, said "the following
    arguments are required: --db". Given on both sides with two values, which one was meant
    is not guessed: a usage error naming both."""

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        # A command's own --help said nothing of what it does where it has no description
        # of its own (`resultsdesk demo --help`: its usage line and -h alone): the line the
        # list of commands gives it heads it.
        if kwargs.get("help") and "description" not in kwargs:
            kwargs["description"] = kwargs["help"]
        return super().add_parser(name, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Sequence[Any], option_string: str | None = None) -> None:
        before = {dest: getattr(namespace, main_dest, None)
                  for dest, main_dest in BEFORE_THE_COMMAND.items()}
        before = {dest: value for dest, value in before.items() if value is not None}
        command = self._name_parser_map.get(values[0])
        if not before or command is None:  # a command's own word (`import results`), or
            super().__call__(parser, namespace, values, option_string)  # argparse's error
            return
        # given already: the command's parser must not ask for it (restored for the next
        # parse, as a test may parse twice with one parser)
        relaxed = [a for a in _actions_below(command) if a.dest in before and a.required]
        for action in relaxed:
            action.required = False
        try:
            super().__call__(parser, namespace, values, option_string)
        finally:
            for action in relaxed:
                action.required = True
        chosen = command_parser(command, namespace)
        for dest, value in before.items():
            option = f"--{dest}"
            if not any(option in a.option_strings for a in chosen._actions):
                chosen.error(f"{option} (given before the command) is not one of its options")
            after = getattr(namespace, dest, None)
            if after is not None and after != value:
                chosen.error(f"{option} is given twice, as {_shown(value)} before the command "
                             f"and as {_shown(after)} after it; give it once")
            setattr(namespace, dest, value)


def _actions_below(parser: argparse.ArgumentParser) -> Iterator[argparse.Action]:
    """The actions of `parser` and of every command word under it (`import`'s KINDs)."""
    for action in parser._actions:
        yield action
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _actions_below(sub)


def _shown(value: object) -> str:
    from ..desk.session import redacted

    return f"'{redacted(value)}'"  # a server URL's password left out


def command_parser(parser: argparse.ArgumentParser,
                   args: argparse.Namespace) -> argparse.ArgumentParser:
    """The parser of the command `args` ran (`import results`, `users role`): its usage
    is the one a usage error shows."""
    while True:
        subs = next((a for a in parser._actions
                     if isinstance(a, argparse._SubParsersAction)), None)
        chosen = getattr(args, subs.dest, None) if subs is not None else None
        if chosen not in (subs.choices if subs is not None else {}):
            return parser
        parser = subs.choices[chosen]
