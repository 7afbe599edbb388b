"""The parts of the CLI's argument parser (private).

Choices with a did-you-mean, errors that raise instead of exiting, and the
names of the sub-commands.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from typing import Any, NoReturn

from aigov._cli_io import (
    _STREAMS,
)
from aigov._suggest import suggest
from aigov.errors import (
    UsageError,
)

__all__ = [
    "_Choice",
    "_Commands",
    "_Exit",
    "_Parser",
    "_add_mappings",
    "_add_rules",
    "_command_of",
    "_known",
    "_percent",
    "_takes_value",
]


class _Choice:
    """An argument type: one of fixed choices, with a did-you-mean when it is not.

    Used instead of argparse's ``choices`` so that every choice of every
    command gets the same suggestion, worded by aigov.
    """

    def __init__(self, choices: Sequence[str]) -> None:
        self.choices = tuple(choices)
        self.__name__ = "choice"  # argparse names the type in some messages

    def __call__(self, text: str) -> str:
        if text in self.choices:
            return text
        close = suggest(text, self.choices)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        msg = f"invalid choice {text!r}{hint} (choose from {', '.join(self.choices)})"
        raise argparse.ArgumentTypeError(msg)


class _Parser(argparse.ArgumentParser):
    """An argument parser that raises instead of exiting, and writes to main's streams."""

    #: The sub-command parsers by name (the top-level parser's), in the order added.
    commands: dict[str, _Parser]

    #: The options by their strings (``-o``, ``--output``...).
    options: dict[str, argparse.Action]

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401
        self.commands = {}
        self.options = {}
        super().__init__(*args, **kwargs)
        for parent in kwargs.get("parents", ()):
            self.options.update(getattr(parent, "options", {}))

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:  # noqa: ANN401
        """Add an argument; ``choices`` become a :class:`_Choice` type (did-you-mean)."""
        choices = kwargs.pop("choices", None)
        if choices is not None:
            kwargs["type"] = _Choice(choices)
            kwargs.setdefault("metavar", "{" + ",".join(choices) + "}")
        action = super().add_argument(*args, **kwargs)
        for option in action.option_strings:
            self.options[option] = action
        return action

    def add_subparsers(self, **kwargs: Any) -> Any:  # noqa: ANN401 - argparse's action
        """Add sub-commands (or actions of one); they are listed in ``commands``."""
        action = super().add_subparsers(**kwargs)
        self.commands = action.choices
        return action

    def _print_message(self, message: str, file: Any = None) -> None:  # noqa: ANN401
        if not message:
            return
        stdout, stderr = _STREAMS.get((sys.stdout, sys.stderr))
        (stderr if file is sys.stderr else stdout).write(message)

    def error(self, message: str) -> NoReturn:
        # main() adds which help to see: the sub-command's, when there is one.
        raise UsageError(message)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        raise _Exit(status, message)


class _Commands:
    """The sub-commands of the top-level parser; each one's help is its description too."""

    def __init__(self, action: Any) -> None:  # noqa: ANN401 - argparse's subparsers action
        self.action = action

    def add_parser(self, name: str, *, help: str, parents: Sequence[_Parser] = ()) -> _Parser:
        description = help[0].upper() + help[1:] + "."
        parser: _Parser = self.action.add_parser(
            name, help=help, description=description, parents=list(parents)
        )
        return parser


class _Exit(Exception):
    def __init__(self, status: int, message: str | None) -> None:
        self.status = status
        self.message = message
        super().__init__(status)


def _percent(text: str) -> float:
    """A percentage from 0 to 100 (``80`` or ``80%``)."""
    try:
        value = float(text.strip().removesuffix("%"))
    except ValueError:
        value = -1.0
    if not 0 <= value <= 100:
        msg = f"not a percentage from 0 to 100: {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _add_mappings(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--mappings",
        action="append",
        metavar="FILE",
        help="add a mapping set to the built-in crosswalks (repeatable)",
    )


def _add_rules(parser: argparse.ArgumentParser) -> None:
    """The options that choose the rules: files of one's own, and the built-in sets."""
    parser.add_argument(
        "--rules", action="append", metavar="FILE", help="add a rule set (repeatable)"
    )
    parser.add_argument("--no-builtin-rules", action="store_true", help="use only the --rules sets")
    parser.add_argument(
        "--rule-set",
        action="append",
        metavar="ID",
        help="only these built-in rule sets (repeatable; see 'aigov list rule-sets')",
    )


def _command_of(parser: _Parser, argv: Sequence[str]) -> str:
    """``aigov NAME`` for the sub-command ``argv`` names (``aigov`` when none).

    Raises:
        UsageError: An unknown sub-command (or action of one, such as
            ``examples copy``), with a did-you-mean, before argparse would
            list them all.
    """
    name = next((a for a in argv if not a.startswith("-")), None)
    if name is None or "--version" in argv[: argv.index(name)]:
        return "aigov"
    _known(name, parser.commands, "command", "aigov")
    command = parser.commands[name]
    rest = argv[argv.index(name) + 1 :]
    action = next((a for a in rest if not a.startswith("-")), None)
    if command.commands and action is not None and not _takes_value(command, rest, action):
        _known(action, command.commands, "action", f"aigov {name}")
    return f"aigov {name}"


def _takes_value(parser: _Parser, argv: Sequence[str], word: str) -> bool:
    """Whether ``word`` is the value of the option just before it (``--format json``)."""
    i = list(argv).index(word)
    if i == 0:
        return False
    option = parser.options.get(argv[i - 1])
    return option is not None and option.nargs != 0


def _known(name: str, commands: Mapping[str, _Parser], what: str, prog: str) -> None:
    if name not in commands:
        close = suggest(name, commands)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise UsageError(
            f"unknown {what} {name!r} of '{prog}'{hint} (choose from {', '.join(commands)}; "
            f"see '{prog} --help')"
        )
