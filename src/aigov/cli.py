"""The ``aigov`` command line: a thin layer over the library.

``main(argv, stdout, stderr)`` never exits the interpreter; it returns the exit
code: 0 ok, 1 a gate failed (``gaps``), 2 usage or I/O error, 3 invalid document(s).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections.abc import Iterator, Sequence
from typing import IO, Any, NoReturn

from aigov import __version__
from aigov._choices import CLASSIFICATION_FORMATS, EXPORT_FORMATS, LIST_KINDS, REGIMES
from aigov._cli_catalog import (
    _cmd_export,
    _cmd_list,
    _cmd_schema,
    _cmd_show,
    _cmd_sources,
    _cmd_validate,
)
from aigov._cli_engine import (
    _cmd_check,
    _cmd_classify,
    _cmd_coverage,
    _cmd_crosswalk,
    _cmd_explain,
)
from aigov._cli_io import (
    _STDIN,
    _STREAMS,
    EXIT_FAILED,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    MAX_LINE_BYTES,
    _Out,
)
from aigov._cli_parser import (
    _add_mappings,
    _add_rules,
    _command_of,
    _Commands,
    _Exit,
    _Parser,
    _percent,
)
from aigov._cli_sheets import (
    _cmd_checklist,
    _cmd_gaps,
)
from aigov._cli_start import (
    _cmd_examples,
    _cmd_init,
    _cmd_policy,
)
from aigov._jsonio import (
    atomic_writer,
)
from aigov.errors import (
    AigovError,
    DocumentError,
    UsageError,
    VersionDriftError,
)

__all__ = [
    "EXIT_FAILED",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "MAX_LINE_BYTES",
    "console_main",
    "main",
]


_LIST_KINDS = (*(kind + "s" for kind in LIST_KINDS), "rule-sets")


def _add_init_command(sub: Any, lang: _Parser, output: _Parser) -> None:  # noqa: ANN401
    """The profile wizard."""
    p = sub.add_parser(
        "init", parents=[lang, output], help="write a first system profile by answering questions"
    )
    p.add_argument(
        "--answers",
        metavar="FILE",
        help="take the answers from a JSON file ('-': standard input) instead of asking",
    )
    p.add_argument(
        "--rules",
        action="append",
        metavar="FILE",
        help="also ask about the custom facts these rule sets declare (repeatable)",
    )
    p.set_defaults(func=_cmd_init)


def _add_example_commands(sub: Any, lang: _Parser, output: _Parser) -> None:  # noqa: ANN401
    """The shipped examples, and a pack turned into a policy."""
    p = sub.add_parser(
        "examples", parents=[output], help="list the shipped examples, or copy one out"
    )
    p.add_argument("--format", choices=("table", "json"), default="table")
    actions = p.add_subparsers(dest="action", metavar="copy", parser_class=_Parser)
    copy = actions.add_parser("copy", help="write one example into a folder")
    copy.add_argument("name", metavar="NAME", help="an example's name (see 'aigov examples')")
    copy.add_argument(
        "directory", nargs="?", default=".", metavar="DIR", help="where to write it (default: .)"
    )
    copy.add_argument("--force", action="store_true", help="replace a file of the same name")
    p.set_defaults(func=_cmd_examples, action="list")

    p = sub.add_parser("policy", help="make a coverage policy from a catalogue pack")
    actions = p.add_subparsers(dest="action", metavar="from-pack", parser_class=_Parser)
    actions.required = True
    from_pack = actions.add_parser(
        "from-pack",
        parents=[lang, output],
        help="write the pack's own principles as a policy for 'aigov coverage'",
    )
    from_pack.add_argument("pack_file", metavar="PACK", help="a catalogue pack (JSON)")
    from_pack.add_argument(
        "--framework", metavar="ID", help="the pack's framework (needed if it has several)"
    )
    p.set_defaults(func=_cmd_policy)


def _add_triage_command(sub: Any, lang: _Parser, output: _Parser) -> None:  # noqa: ANN401
    """The EU AI Act triage."""
    p = sub.add_parser(
        "classify",
        parents=[lang, output],
        help="EU AI Act triage: tier, duties per role, articles, dates",
    )
    p.add_argument("profiles", nargs="+", metavar="PROFILE", help="JSON profile(s) or .jsonl files")
    p.add_argument("--regime", choices=REGIMES, default=REGIMES[0])
    p.add_argument("--format", choices=CLASSIFICATION_FORMATS, default="table")
    p.set_defaults(func=_cmd_classify)


def _add_engine_commands(sub: Any, packs: _Parser, lang: _Parser, output: _Parser) -> None:  # noqa: ANN401
    """Sub-commands that check profiles and walk the crosswalks."""
    p = sub.add_parser(
        "check",
        parents=[packs, lang, output],
        help="check system profiles: which principles apply and why",
    )
    p.add_argument("profiles", nargs="+", metavar="PROFILE", help="JSON profile(s) or .jsonl files")
    _add_rules(p)
    p.add_argument("--role", action="append", metavar="ROLE", help="only these roles (repeatable)")
    p.add_argument(
        "--framework",
        metavar="ID",
        help="also express the triggered principles in this framework's terms",
    )
    _add_mappings(p)
    p.add_argument("--format", choices=("table", "json", "markdown", "html"), default="table")
    p.set_defaults(func=_cmd_check)

    _add_sheet_commands(sub, packs, lang, output)

    p = sub.add_parser(
        "coverage",
        parents=[packs, lang, output],
        help="which values and principles AI policies cover",
    )
    p.add_argument("policies", nargs="+", metavar="POLICY")
    p.add_argument("--format", choices=("table", "markdown", "json"), default="table")
    p.set_defaults(func=_cmd_coverage)

    p = sub.add_parser(
        "crosswalk", parents=[packs, lang, output], help="items of other frameworks that correspond"
    )
    p.add_argument("id", metavar="ID")
    p.add_argument("--to", metavar="FRAMEWORK", help="only items of this framework")
    p.add_argument("--no-derived", action="store_true", help="curated mappings only")
    _add_mappings(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=_cmd_crosswalk)

    p = sub.add_parser(
        "explain", parents=[packs, lang, output], help="why a principle was or was not triggered"
    )
    p.add_argument("profile", metavar="PROFILE")
    p.add_argument("principle", metavar="PRINCIPLE_ID")
    _add_rules(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=_cmd_explain)


def _add_sheet_commands(sub: Any, packs: _Parser, lang: _Parser, output: _Parser) -> None:  # noqa: ANN401
    """Sub-commands that make check sheets and gate on filled ones."""
    p = sub.add_parser(
        "checklist", parents=[packs, lang, output], help="a check sheet for a profile or assessment"
    )
    p.add_argument("source", metavar="PROFILE_OR_ASSESSMENT")
    p.add_argument("--role", metavar="ROLE", help="only this role's items")
    _add_rules(p)
    p.add_argument(
        "--from",
        dest="earlier",
        metavar="OLD_SHEET",
        help="carry the answers of an earlier sheet (.json, .csv or .xlsx) over by item id",
    )
    p.add_argument(
        "--format", choices=("markdown", "csv", "xlsx", "json", "html"), default="markdown"
    )
    # A workbook is bytes, written by the command itself to its -o FILE.
    p.set_defaults(func=_cmd_checklist, writes_itself=lambda a: a.format == "xlsx")

    p = sub.add_parser(
        "gaps", parents=[packs, lang, output], help="what remains open on a filled sheet"
    )
    p.add_argument("sheet", metavar="FILLED_SHEET", help="a check sheet (.json, .csv or .xlsx)")
    p.add_argument("--profile", metavar="PROFILE", help="the system as it is now")
    _add_rules(p)
    p.add_argument(
        "--framework",
        metavar="ID",
        help="carry the answers to this framework's items and express the open principles in it",
    )
    _add_mappings(p)
    p.add_argument(
        "--fail-on",
        choices=("high", "medium", "low"),
        default="high",
        help="open items of this severity or higher fail the gate (default: high)",
    )
    p.add_argument(
        "--min-answered",
        type=_percent,
        metavar="PERCENT",
        help="fail the gate unless at least PERCENT of the items are answered",
    )
    p.add_argument(
        "--allow-version-drift",
        action="store_true",
        help="go on when the sheet was made with other rules or another catalogue",
    )
    p.add_argument("--format", choices=("table", "markdown", "json", "html"), default="table")
    p.set_defaults(func=_cmd_gaps)


def _build_parser() -> _Parser:
    parser = _Parser(
        prog="aigov",
        description="Japanese AI governance guidelines as typed, queryable data.",
        epilog="new here?\n"
        "  aigov examples copy resume-screener && aigov check resume-screener.json\n"
        "  aigov init -o mine.json             describe your own system\n"
        "  aigov COMMAND --help                what each command takes",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"aigov {__version__}")
    action = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    action.required = True
    sub = _Commands(action)

    packs = _Parser(add_help=False)
    packs.add_argument(
        "--pack",
        action="append",
        metavar="FILE",
        help="load a catalogue pack on top of the built-in data (repeatable)",
    )
    lang = _Parser(add_help=False)
    lang.add_argument("--lang", choices=("ja", "en"), default="en", help="label language")
    output = _Parser(add_help=False)
    output.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE, replaced only once complete (default or '-': standard output)",
    )

    # The help lists a newcomer's first commands first, then the daily work,
    # then the catalogue and schema look-ups.
    _add_init_command(sub, lang, output)
    _add_example_commands(sub, lang, output)
    _add_engine_commands(sub, packs, lang, output)
    _add_triage_command(sub, lang, output)

    p = sub.add_parser(
        "list", parents=[packs, lang, output], help="list catalogue items in official order"
    )
    p.add_argument("kind", choices=_LIST_KINDS, metavar="KIND", help=", ".join(_LIST_KINDS))
    p.add_argument("--framework", metavar="ID", help="only items of this framework")
    p.add_argument("--role", metavar="ID", help="principles addressed to this role")
    p.add_argument("--value", metavar="ID", help="principles embodying this value")
    p.add_argument("--all", action="store_true", help="include sub-items")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=_cmd_list)

    p = sub.add_parser(
        "show",
        parents=[packs, lang, output],
        help="show one item (or bibliography key) with its sources",
    )
    p.add_argument("id", metavar="ID", help="an item id, or a bibliography key")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=_cmd_show)

    p = sub.add_parser(
        "sources", parents=[lang, output], help="list the bibliography the data cites"
    )
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=_cmd_sources)

    p = sub.add_parser(
        "validate", parents=[packs, output], help="validate documents against the schemas"
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--schema", metavar="NAME", help="schema name (default: detect from the file)")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("schema", help="print a bundled JSON Schema (no NAME: list them)")
    p.add_argument("name", nargs="?", metavar="NAME")
    p.add_argument(
        "--all", action="store_true", help="write every schema and a SchemaStore catalog to -o DIR"
    )
    p.add_argument("-o", "--output", metavar="FILE_OR_DIR", help="write to FILE (DIR with --all)")
    p.add_argument(
        "--rules",
        action="append",
        metavar="FILE",
        help="system-profile: add the custom facts these rule sets declare (repeatable)",
    )
    # --all writes a folder of files: -o names the folder, not the output.
    p.set_defaults(func=_cmd_schema, writes_itself=lambda a: a.all)

    p = sub.add_parser(
        "export", parents=[packs, lang, output], help="export the catalogue or its graph"
    )
    p.add_argument(
        "--format",
        required=True,
        choices=EXPORT_FORMATS,
    )
    p.add_argument(
        "--framework",
        metavar="ID",
        help="oscal-catalog: the framework to write; oscal-mapping: only its mappings",
    )
    _add_mappings(p)
    p.set_defaults(func=_cmd_export)

    return parser


@contextlib.contextmanager
def _output(args: argparse.Namespace, out: _Out) -> Iterator[None]:
    """Send what the command writes to ``-o FILE``, replaced atomically when it ends.

    ``-o -`` (or no ``-o``) is standard output.  The file is written even when
    the command returns a failure code (a failed gate's report is the output);
    it is left untouched when the command raises an error.
    """
    path = getattr(args, "output", None)
    writes_itself = getattr(args, "writes_itself", None)
    if not path or path == "-" or (writes_itself is not None and writes_itself(args)):
        yield
        return
    saved = out.stdout
    with atomic_writer(path) as handle:
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        out.stdout = text
        try:
            yield
            text.flush()
        finally:
            out.stdout = saved
            text.detach()


def main(
    argv: Sequence[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
    stdin: IO[str] | None = None,
) -> int:
    """Run the CLI with ``argv`` (default: ``sys.argv[1:]``) and return the exit code.

    ``stdin`` is where ``aigov init`` reads its replies (default: ``sys.stdin``).
    """
    out = _Out(
        stdout if stdout is not None else sys.stdout, stderr if stderr is not None else sys.stderr
    )
    args_list = list(sys.argv[1:] if argv is None else argv)
    token = _STREAMS.set((out.stdout, out.stderr))  # type: ignore[arg-type]
    stdin_token = _STDIN.set(stdin if stdin is not None else sys.stdin)
    command = "aigov"
    try:
        parser = _build_parser()
        command = _command_of(parser, args_list)
        args = parser.parse_args(args_list)
        with _output(args, out):
            code: int = args.func(args, out)
        if out.stdout is not None:
            out.stdout.flush()  # a full disk shows here, not at interpreter exit
    except _Exit as done:
        if done.message:
            out.error(done.message)
        return done.status
    except DocumentError as err:
        out.error(f"aigov: invalid: {err}\n")
        return EXIT_INVALID
    except UsageError as err:
        text = str(err)
        if "--help'" not in text and not isinstance(err, VersionDriftError):
            text += f" (see '{command} --help')"
        out.error(f"aigov: error: {text}\n")
        return EXIT_USAGE
    except AigovError as err:
        out.error(f"aigov: error: {err}\n")
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. `aigov list values | head -1`: the reader has all it wants
        return EXIT_OK
    except OSError as err:  # flushing standard output failed
        out.error(f"aigov: error: standard output: {err.strerror or err}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        out.error("aigov: interrupted\n")
        return 130
    finally:
        _STREAMS.reset(token)
        _STDIN.reset(stdin_token)
    return code


def console_main() -> NoReturn:  # pragma: no cover - exercised through subprocess tests
    """Entry point of the ``aigov`` command: UTF-8 output, and no traceback on exit.

    Output is UTF-8 on every platform unless ``PYTHONIOENCODING`` asks for
    another encoding; characters that encoding lacks are written as escapes.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            if "PYTHONIOENCODING" in os.environ:
                stream.reconfigure(errors="backslashreplace")
            else:
                stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    code = main()
    # Whatever is still buffered must not fail at interpreter exit with a traceback.
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError:
        code = code or EXIT_USAGE
    finally:
        if sys.stdout is not None:
            with contextlib.suppress(OSError, ValueError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
    sys.exit(code)
