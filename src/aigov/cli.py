"""The ``aigov`` command line: a thin layer over the library.

``main(argv, stdout, stderr)`` never exits the interpreter; it returns the exit
code: 0 ok, 1 a gate failed (``gaps``), 2 usage or I/O error, 3 invalid document(s).
"""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import io
import os
import sys
import warnings
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

from aigov import __version__
from aigov._choices import CLASSIFICATION_FORMATS, EXPORT_FORMATS, LIST_KINDS, REGIMES
from aigov._jsonio import (
    atomic_write_bytes,
    atomic_write_text,
    atomic_writer,
    dumps_canonical,
    read_document,
    read_limited,
)
from aigov._render import table, truncate, words
from aigov._suggest import suggest
from aigov.assess import Assessment, check, explain, load_assessment
from aigov.catalog import Catalog, load_catalog
from aigov.crosswalk import MappingIndex, find_correspondences, load_mappings
from aigov.errors import (
    AigovError,
    DocumentError,
    FileAccessError,
    Issue,
    LimitError,
    OutdatedIdentifierWarning,
    UsageError,
    VersionDriftError,
    printable,
)
from aigov.profile import SystemProfile, load_profile
from aigov.rules import BUILTIN_RULE_SETS, CompiledRules, builtin_rule_set, compile_rules

if TYPE_CHECKING:
    from aigov.checklist import Checklist
    from aigov.triage import Classification


__all__ = [
    "EXIT_FAILED",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "MAX_LINE_BYTES",
    "console_main",
    "main",
]

#: Longest line of a JSON Lines input, in bytes.
MAX_LINE_BYTES = 1024 * 1024

#: Everything went well (and a gate passed).
EXIT_OK = 0
#: ``gaps``: the gate failed (open items, too few answers, or edited generated cells).
EXIT_FAILED = 1
#: Wrong arguments, or a file that cannot be read or written.
EXIT_USAGE = 2
#: A document is invalid (whatever the command), so that CI can tell it from a failed gate.
EXIT_INVALID = 3

_LIST_KINDS = (*(kind + "s" for kind in LIST_KINDS), "rule-sets")


_STREAMS: contextvars.ContextVar[tuple[IO[str], IO[str]]] = contextvars.ContextVar("streams")
#: Where ``aigov init`` reads replies (``main``'s ``stdin``; the process's by default).
_STDIN: contextvars.ContextVar[IO[str] | None] = contextvars.ContextVar("stdin")


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


class _Out:
    """Where a command writes: the streams given to :func:`main`.

    Output never fails on a character the stream's encoding lacks (it is
    written as an escape), and an I/O error of the stream becomes a
    :class:`FileAccessError` (exit 2), never a traceback.
    """

    def __init__(self, stdout: IO[str] | None, stderr: IO[str] | None) -> None:
        self.stdout = stdout
        self.stderr = stderr

    def write(self, text: str) -> None:
        if self.stdout is None:
            raise FileAccessError("standard output", "is closed")
        try:
            _write_text(self.stdout, text)
        except BrokenPipeError:
            raise
        except OSError as err:
            raise FileAccessError("standard output", err.strerror or str(err)) from err

    def json(self, data: object) -> None:
        self.write(dumps_canonical(data))

    def error(self, text: str) -> None:
        """Write a message to standard error; a closed or broken one loses it quietly."""
        if self.stderr is None:
            return
        with contextlib.suppress(OSError):
            _write_text(self.stderr, text)


def _write_text(stream: IO[str], text: str) -> None:
    try:
        stream.write(text)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "utf-8"
        stream.write(text.encode(encoding, "backslashreplace").decode(encoding))


def _catalog(args: argparse.Namespace) -> Catalog:
    return load_catalog(*getattr(args, "pack", None) or ())


# -- list, show ----------------------------------------------------------------------


def _cmd_list(args: argparse.Namespace, out: _Out) -> int:
    from aigov._render.catalog import render_items  # noqa: PLC0415 - see tests/test_layers.py

    if args.kind == "rule-sets":
        return _list_rule_sets(args, out)
    catalog = _catalog(args)
    kind = args.kind.rstrip("s")
    if args.role or args.value:
        if kind != "principle":
            raise UsageError("--role and --value only filter principles")
        items: list[Any] = catalog.filter_principles(
            framework=args.framework, role=args.role, value=args.value
        )
    else:
        items = catalog.items(kind, framework=args.framework)
    if args.all and kind == "principle":
        items = [x for p in items for x in (p, *p.items)]
    out.write(render_items(catalog, items, kind, args.format, args.lang))
    return EXIT_OK


def _list_rule_sets(args: argparse.Namespace, out: _Out) -> int:
    """The built-in rule sets, all on by default; ``--rule-set ID`` picks among them."""
    sets = [builtin_rule_set(rid) for rid in BUILTIN_RULE_SETS]
    if args.format == "json":
        out.json(
            [
                {
                    "id": rs.id,
                    "version": rs.version,
                    "rules": len(rs.rules),
                    "title": rs.title.model_dump() if rs.title else None,
                }
                for rs in sets
            ]
        )
        return EXIT_OK
    rows = [
        [rs.id, rs.version, str(len(rs.rules)), getattr(rs.title, args.lang) if rs.title else ""]
        for rs in sets
    ]
    out.write(table(["ID", "VERSION", "RULES", "TITLE"], rows))
    return EXIT_OK


def _cmd_show(args: argparse.Namespace, out: _Out) -> int:
    from aigov._render.catalog import render_item  # noqa: PLC0415 - see tests/test_layers.py
    from aigov.bibliography import builtin_bibliography  # noqa: PLC0415 - see tests/test_layers.py
    from aigov.report import render_reference  # noqa: PLC0415 - see tests/test_layers.py

    catalog = _catalog(args)
    if args.id not in catalog and args.id in builtin_bibliography():
        # A bibliography key: the sources that the data cites.
        out.write(render_reference(builtin_bibliography(), args.id, args.format, args.lang))
        return EXIT_OK
    out.write(render_item(catalog, args.id, args.format, args.lang))
    return EXIT_OK


def _cmd_sources(args: argparse.Namespace, out: _Out) -> int:
    from aigov.bibliography import builtin_bibliography  # noqa: PLC0415 - see tests/test_layers.py
    from aigov.report import render_references  # noqa: PLC0415 - see tests/test_layers.py

    out.write(render_references(builtin_bibliography(), args.format, args.lang))
    return EXIT_OK


# -- validate, schema, export ------------------------------------------------------------


def _failed(out: _Out, name: str, err: AigovError, status: int) -> int:
    """Report one document of several that failed; return the exit code so far.

    The highest code met wins (docs/cli.md), whatever the order of the files:
    assigning the usage code outright let a later I/O error hide an invalid
    document once invalid documents exit 3.
    """
    if isinstance(err, DocumentError):
        out.error(f"{err}\n" if err.source else f"{printable(name)}: {err}\n")
        return max(status, EXIT_INVALID)
    out.error(f"aigov: error: {err}\n")
    return max(status, EXIT_USAGE)


def _cmd_validate(args: argparse.Namespace, out: _Out) -> int:
    from aigov.documents import check_document  # noqa: PLC0415 - see tests/test_layers.py

    catalog = _catalog(args)
    status = EXIT_OK
    for path in args.files:
        caught: list[warnings.WarningMessage] = []
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", OutdatedIdentifierWarning)
                name = check_document(path, schema=args.schema, catalog=catalog)
        except AigovError as err:
            status = _failed(out, path, err, status)
            continue
        finally:
            # An invalid document may use an old identifier too: say both.
            _warn(out, path, caught)
        out.write(f"{printable(path)}: valid {name}\n")
    return status


def _warn(out: _Out, path: str, caught: Sequence[warnings.WarningMessage]) -> None:
    """Say what a document should update; hand any other warning on unchanged."""
    for item in caught:
        if issubclass(item.category, OutdatedIdentifierWarning):
            out.error(f"{printable(path)}: warning: {item.message}\n")
        else:
            warnings.warn_explicit(item.message, item.category, item.filename, item.lineno)


def _cmd_schema(args: argparse.Namespace, out: _Out) -> int:
    from aigov.schemas import load_schema, schema_files, schema_names  # noqa: PLC0415 - see tests/test_layers.py

    if args.all:
        if args.name is not None or not args.output:
            raise UsageError("--all writes every schema and a catalog into a folder: give -o DIR")
        folder = Path(args.output)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise FileAccessError(args.output, err.strerror or str(err)) from err
        for file_name, text in schema_files().items():
            atomic_write_text(folder / file_name, text)
        return EXIT_OK
    if args.name is None:
        out.write("\n".join(schema_names()) + "\n")
        return EXIT_OK
    if args.rules:
        from aigov.rules import facts_for  # noqa: PLC0415 - see tests/test_layers.py
        from aigov.schemas import system_profile_schema  # noqa: PLC0415 - see tests/test_layers.py

        if args.name != "system-profile":
            raise UsageError("--rules extends the system-profile schema only")
        facts = facts_for(args.rules)
        out.write(dumps_canonical(system_profile_schema(facts.values())))
        return EXIT_OK
    out.write(dumps_canonical(load_schema(args.name)))
    return EXIT_OK


def _cmd_export(args: argparse.Namespace, out: _Out) -> int:
    from aigov.export import export  # noqa: PLC0415 - see tests/test_layers.py

    catalog = _catalog(args)
    text = export(
        catalog,
        args.format,
        lang=args.lang,
        mappings=_mappings(args, catalog),
        framework=args.framework,
    )
    out.write(text)
    return EXIT_OK


def _mappings(args: argparse.Namespace, catalog: Catalog) -> MappingIndex:
    """The built-in mapping sets and those of --mappings, checked against the catalogue."""
    return load_mappings(*(getattr(args, "mappings", None) or ()), catalog=catalog)


def _view_mappings(args: argparse.Namespace, catalog: Catalog) -> MappingIndex | None:
    """--mappings for a command whose --framework they serve (refused without one)."""
    if not args.mappings:
        return None
    if args.framework is None:
        raise UsageError("--mappings serves --framework: give --framework ID too")
    return _mappings(args, catalog)


# -- check, explain ----------------------------------------------------------------------


def _rules(args: argparse.Namespace, catalog: Catalog) -> CompiledRules:
    if args.no_builtin_rules and not args.rules:
        raise UsageError("--no-builtin-rules needs at least one --rules FILE")
    return compile_rules(
        *(args.rules or ()),
        builtin=not args.no_builtin_rules,
        catalog=catalog,
        rule_sets=getattr(args, "rule_set", None),
    )


def _profiles(paths: Sequence[str]) -> Iterator[tuple[str, bytes | AigovError]]:
    """Yield ``(name, JSON bytes or the error reading them)`` for files and JSONL lines."""
    for path in paths:
        if not path.endswith(".jsonl"):
            try:
                yield path, read_limited(path)
            except AigovError as err:
                yield path, err
            continue
        try:
            handle = open(path, "rb")  # noqa: SIM115, PTH123 - streamed line by line
        except OSError as err:
            yield path, FileAccessError(path, err.strerror or str(err))
            continue
        with handle:
            number = 0
            while True:
                # Bounded reads: one huge line must not be read into memory whole.
                line = handle.readline(MAX_LINE_BYTES + 1)
                if not line:
                    break
                number += 1
                name = f"{path}:{number}"
                if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
                    while line and not line.endswith(b"\n"):
                        line = handle.readline(MAX_LINE_BYTES)
                    yield (
                        name,
                        LimitError(
                            [Issue("$", f"line longer than {MAX_LINE_BYTES} bytes", "split it")],
                            source=name,
                        ),
                    )
                elif line.strip():
                    yield name, line


def _cmd_classify(args: argparse.Namespace, out: _Out) -> int:
    from aigov.report import render_classification  # noqa: PLC0415 - see tests/test_layers.py
    from aigov.triage import classify  # noqa: PLC0415 - see tests/test_layers.py

    if len(args.profiles) > 1 and args.format == "html":
        raise UsageError("--format html writes one fragment for one profile")
    status = EXIT_OK
    for name, data in _profiles(args.profiles):
        try:
            if isinstance(data, AigovError):
                raise data
            result = classify(load_profile(data, name=name), regime=args.regime)
        except (DocumentError, FileAccessError) as err:
            status = _failed(out, name, err, status)
            continue
        if args.format == "json" and len(args.profiles) > 1:
            out.write(result.to_json(compact=True) + "\n")
        else:
            out.write(render_classification(result, args.format, args.lang))
    return status


def _eu_classification(
    framework: str | None, profile: SystemProfile, assessment: Assessment
) -> Classification | None:
    """The classification the assessment carries, when it is asked for or in the EU's scope."""
    in_scope = profile.eu_ai_act is not None and profile.eu_ai_act.in_scope is True
    return assessment.eu_ai_act if framework in REGIMES or in_scope else None


def _cmd_check(args: argparse.Namespace, out: _Out) -> int:
    from aigov._render.assessment import render_assessment  # noqa: PLC0415 - see tests/test_layers.py

    many = len(args.profiles) > 1 or args.profiles[0].endswith(".jsonl")
    if many and args.format == "html":
        raise UsageError(
            "--format html writes one page for one profile; check the profiles one by one "
            "(or use --format json for several)"
        )
    catalog = _catalog(args)
    compiled = _rules(args, catalog)
    index = _view_mappings(args, catalog)
    status = EXIT_OK
    first = True
    # Asked for a regime, the assessment carries its classification even without the block.
    regimes = (args.framework,) if args.framework in REGIMES else None
    for name, data in _profiles(args.profiles):
        try:
            if isinstance(data, AigovError):
                raise data
            profile = load_profile(data, name=name)
            assessment = check(
                profile,
                compiled,
                roles=args.role,
                framework=args.framework,
                mappings=index,
                regimes=regimes,
                name=name,
            )
        except (DocumentError, FileAccessError) as err:
            status = _failed(out, name, err, status)
            continue
        if args.format == "json" and many:
            # Several profiles: one compact JSON document per line (JSON Lines).
            out.write(assessment.to_json(compact=True) + "\n")
            continue
        if not first and args.format != "json":
            out.write("\n")
        first = False
        # A regime's tiers come from its own tests, never from a view through values;
        # a profile in the EU's scope gets its EU section unasked.
        eu = _eu_classification(args.framework, profile, assessment)
        if args.format == "html":
            from aigov.report import render_html  # noqa: PLC0415 - see tests/test_layers.py

            out.write(render_html(assessment, lang=args.lang, catalog=catalog, classification=eu))
        else:
            out.write(render_assessment(assessment, args.format, args.lang))
        if eu is not None and args.format in ("table", "markdown"):
            from aigov._render.triage import render_classification  # noqa: PLC0415 - see above

            out.write("\n" + render_classification(eu, args.format, args.lang))
    return status


def _cmd_checklist(args: argparse.Namespace, out: _Out) -> int:
    from aigov.checklist import make_checklist  # noqa: PLC0415 - see tests/test_layers.py
    from aigov.report import render_checklist, render_html  # noqa: PLC0415 - see tests/test_layers.py

    catalog = _catalog(args)
    document = read_document(args.source)
    profile = None
    if isinstance(document, dict) and document.get("kind") == "assessment":
        assessment = load_assessment(document, catalog=catalog, name=args.source)
    else:
        profile = load_profile(document, name=args.source)
        assessment = check(profile, _rules(args, catalog), name=args.source)
    sheet = make_checklist(assessment, args.role, profile=profile, catalog=catalog)
    if args.earlier:
        sheet = _carry(args.earlier, sheet, catalog, out, args.lang)
    if args.format == "xlsx":
        if not args.output or args.output == "-":
            raise UsageError("--format xlsx writes a workbook: give -o FILE.xlsx")
        atomic_write_bytes(args.output, sheet.to_xlsx(args.lang))
        return EXIT_OK
    if args.format == "html":
        text = render_html(assessment, sheet=sheet, lang=args.lang, catalog=catalog)
    else:
        text = render_checklist(sheet, args.format, args.lang)
    out.write(text)
    return EXIT_OK


def _load_sheet(path: str, catalog: Catalog, out: _Out, lang: str) -> Checklist:
    """A check sheet read from ``path``, saying what reading a per-role sheet merged."""
    from aigov._render.checklist import migration_lines  # noqa: PLC0415 - see tests/test_layers.py
    from aigov.checklist import load_checklist  # noqa: PLC0415 - see tests/test_layers.py

    sheet = load_checklist(path, catalog=catalog)
    if sheet.migration is not None:
        for line in migration_lines(sheet.migration, printable(path), lang):
            out.error(f"aigov: {line}\n")
    return sheet


def _carry(path: str, sheet: Checklist, catalog: Catalog, out: _Out, lang: str) -> Checklist:
    """The sheet with the answers of an earlier one, saying what needs a second look."""
    from aigov._render.checklist import carried_lines  # noqa: PLC0415 - see tests/test_layers.py
    from aigov.checklist import carry_answers  # noqa: PLC0415 - see tests/test_layers.py

    result = carry_answers(_load_sheet(path, catalog, out, lang), sheet)
    for line in carried_lines(result, printable(path), lang):
        out.error(f"aigov: {line}\n")
    return result.sheet


def _cmd_gaps(args: argparse.Namespace, out: _Out) -> int:
    from aigov._render.checklist import drift_text, edit_text, failure_texts  # noqa: PLC0415 - see tests/test_layers.py
    from aigov.checklist import gaps  # noqa: PLC0415 - see tests/test_layers.py
    from aigov.report import render_gaps, render_html  # noqa: PLC0415 - see tests/test_layers.py

    catalog = _catalog(args)
    sheet = _load_sheet(args.sheet, catalog, out, args.lang)
    rules = _rules(args, catalog)
    try:
        report = gaps(
            sheet,
            profile=args.profile,
            rules=rules,
            catalog=catalog,
            framework=args.framework,
            mappings=_view_mappings(args, catalog),
            fail_on=args.fail_on,
            min_answered=args.min_answered,
            allow_version_drift=args.allow_version_drift,
        )
    except VersionDriftError as err:
        if args.lang == "en":
            raise
        error = words("checklist", args.lang)["error"]
        raise _Exit(EXIT_USAGE, f"aigov: {error}: {drift_text(err.drift, args.lang)}\n") from err
    if args.format == "html":
        current = args.profile or sheet.system_profile
        if current is None:
            raise UsageError("an HTML report needs the profile: give --profile PROFILE")
        assessment = check(current, rules)
        text = render_html(
            assessment, sheet=sheet, gap_report=report, lang=args.lang, catalog=catalog
        )
    else:
        if args.format == "json" and args.lang != "en":
            # The document's one field of sentences, in the reader's words.
            report = report.model_copy(update={"failures": tuple(failure_texts(report, args.lang))})
        text = render_gaps(report, args.format, args.lang)
    out.write(text)
    # English keeps the report's own sentences (logs and scripts read them); other
    # languages get them in their words.
    english = args.lang == "en"
    failed = words("checklist", args.lang)["gate_failed"]
    for reason in report.failures if english else failure_texts(report, args.lang):
        out.error(f"aigov: {failed.format(reason=reason)}\n")
    for edit in report.tampered:
        text = str(edit) if english else edit_text(edit, args.lang)
        out.error(f"aigov: {printable(args.sheet)}: {text}\n")
    # Exit 1 when the gate fails, so a release pipeline can gate on it.
    return EXIT_OK if report.passed else EXIT_FAILED


def _cmd_coverage(args: argparse.Namespace, out: _Out) -> int:
    from aigov.coverage import coverage_matrix, review_coverage  # noqa: PLC0415 - see tests/test_layers.py
    from aigov.report import render_coverage, render_matrix  # noqa: PLC0415 - see tests/test_layers.py

    catalog = _catalog(args)
    reports = [review_coverage(path, catalog=catalog) for path in args.policies]
    if len(reports) == 1:
        out.write(render_coverage(reports[0], args.format, args.lang))
        return EXIT_OK
    matrix = coverage_matrix(args.policies, catalog=catalog)
    if args.format == "json":
        # Several policies as one JSON document: each report and the matrix.
        out.json(
            {
                "matrix": matrix.model_dump(mode="json", exclude_none=True),
                "reports": [r.model_dump(mode="json", exclude_none=True) for r in reports],
            }
        )
        return EXIT_OK
    # Several policies: each one's report, then the value x policy matrix.
    for report in reports:
        out.write(render_coverage(report, args.format, args.lang))
        out.write("\n")
    out.write(render_matrix(matrix, args.format, args.lang))
    return EXIT_OK


def _cmd_crosswalk(args: argparse.Namespace, out: _Out) -> int:
    catalog = _catalog(args)
    found = find_correspondences(
        args.id,
        args.to,
        catalog=catalog,
        mappings=_mappings(args, catalog),
        derived=not args.no_derived,
    )
    if args.format == "json":
        out.json([c.model_dump(mode="json", exclude_none=True) for c in found])
        return EXIT_OK
    rows = [
        [
            c.id,
            c.predicate.removeprefix("skos:"),
            "derived" if c.derived else f"{c.confidence:g}",
            truncate(getattr(c.label, args.lang), 50),
            truncate(
                "via " + ", ".join(v.split(":", 1)[1] for v in c.via)
                if c.derived
                else (c.justification or ""),
                70,
            ),
        ]
        for c in found
    ]
    out.write(table(["ID", "PREDICATE", "CONFIDENCE", "ITEM", "WHY"], rows))
    return EXIT_OK


def _cmd_explain(args: argparse.Namespace, out: _Out) -> int:
    from aigov._render.assessment import render_explanation  # noqa: PLC0415 - see tests/test_layers.py

    catalog = _catalog(args)
    result = explain(args.profile, args.principle, rules=_rules(args, catalog))
    if args.format == "json":
        out.json(result.model_dump(mode="json"))
    else:
        out.write(render_explanation(result, args.lang))
    return EXIT_OK


# -- init ------------------------------------------------------------------------------------


def _cmd_init(args: argparse.Namespace, out: _Out) -> int:
    from aigov.wizard import custom_facts, next_steps, profile_from_answers, run_wizard  # noqa: PLC0415 - see tests/test_layers.py

    extra = custom_facts(args.rules) if args.rules else ()
    stdin = _STDIN.get(sys.stdin)
    if args.answers == "-":
        profile = profile_from_answers(
            _read_stdin(stdin).encode("utf-8"), extra_facts=extra, name="<stdin>"
        )
    elif args.answers:
        profile = profile_from_answers(args.answers, extra_facts=extra)
    else:

        def ask(prompt: str) -> str:
            out.error(prompt)
            line = stdin.readline() if stdin is not None else ""
            if not line:
                raise EOFError
            return line.rstrip("\r\n")

        def say(text: str) -> None:
            out.error(text if text.endswith("\n") else text + "\n")

        interactive = stdin is not None and stdin.isatty()
        profile = run_wizard(ask, say, lang=args.lang, extra_facts=extra, strict=not interactive)
    out.json(profile.to_json_dict())
    target = args.output if args.output and args.output != "-" else "PROFILE.json"
    out.error(next_steps(target, args.lang))
    return EXIT_OK


def _read_stdin(stdin: IO[str] | None) -> str:
    if stdin is None:
        raise UsageError("--answers - reads standard input, which is closed")
    try:
        return stdin.read()
    except (OSError, UnicodeDecodeError) as err:
        raise FileAccessError("standard input", str(err)) from err


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


# -- examples, policy ------------------------------------------------------------------------


def _cmd_examples(args: argparse.Namespace, out: _Out) -> int:
    from aigov.examples import list_examples  # noqa: PLC0415 - see tests/test_layers.py

    if args.action == "copy":
        return _copy_example(args, out)
    found = list_examples()
    if args.format == "json":
        out.json([e.model_dump(mode="json", exclude_none=True) for e in found])
        return EXIT_OK
    rows = [[e.name, e.kind, e.group, truncate(e.title or "", 60)] for e in found]
    out.write(table(["NAME", "KIND", "GROUP", "TITLE"], rows))
    return EXIT_OK


#: The command to run next on a copied example, by its kind.
_NEXT = {
    "catalog": "aigov list principles --pack {path}",
    "checklist": "aigov gaps {path}",
    "policy": "aigov coverage {path}",
    "rule-set": "aigov check PROFILE --rules {path}",
    "system-profile": "aigov check {path}",
}


def _copy_example(args: argparse.Namespace, out: _Out) -> int:
    from aigov.examples import copy_example, list_examples  # noqa: PLC0415 - see tests/test_layers.py

    path = copy_example(args.name, args.directory, overwrite=args.force)
    example = next(e for e in list_examples() if e.file_name == path.name)
    shown = printable(str(path))
    hint = (
        f"aigov classify {shown}"
        if example.group == "eu-ai-act"
        else _NEXT[example.kind].format(path=shown)
    )
    out.error(f"aigov: wrote {shown}; next: {hint}\n")
    return EXIT_OK


def _cmd_policy(args: argparse.Namespace, out: _Out) -> int:
    from aigov.coverage import policy_from_pack  # noqa: PLC0415 - see tests/test_layers.py
    from aigov.schemas import schema_id  # noqa: PLC0415 - see tests/test_layers.py

    policy = policy_from_pack(args.pack_file, framework=args.framework, lang=args.lang)
    document = {
        "$schema": schema_id("policy"),
        **policy.model_dump(mode="json", by_alias=True, exclude_none=True),
    }
    out.json(document)
    if args.output and args.output != "-":
        out.error(
            f"aigov: wrote {printable(args.output)} ({len(policy.principles)} principles); "
            f"next: aigov coverage {printable(args.output)}\n"
        )
    return EXIT_OK


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


# -- parser --------------------------------------------------------------------------------


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
    p.set_defaults(func=_cmd_checklist)

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

    p.set_defaults(func=_cmd_schema)

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

    _add_engine_commands(sub, packs, lang, output)
    _add_triage_command(sub, lang, output)
    _add_example_commands(sub, lang, output)
    _add_init_command(sub, lang, output)
    return parser


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


@contextlib.contextmanager
def _output(args: argparse.Namespace, out: _Out) -> Iterator[None]:
    """Send what the command writes to ``-o FILE``, replaced atomically when it ends.

    ``-o -`` (or no ``-o``) is standard output.  The file is written even when
    the command returns a failure code (a failed gate's report is the output);
    it is left untouched when the command raises an error.
    """
    path = getattr(args, "output", None)
    writes_itself = getattr(args, "format", None) == "xlsx" or getattr(args, "all", False)
    if not path or path == "-" or writes_itself:
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
