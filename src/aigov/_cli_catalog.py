"""The CLI commands that read the catalogue and the schemas (private).

``list``, ``show``, ``sources``, ``validate``, ``schema`` and ``export``.
"""

from __future__ import annotations

import argparse
import warnings
from pathlib import Path
from typing import Any

from aigov._cli_io import (
    EXIT_OK,
    _catalog,
    _failed,
    _mappings,
    _Out,
    _warn,
)
from aigov._jsonio import (
    atomic_write_text,
    dumps_canonical,
)
from aigov._render import table
from aigov.errors import (
    AigovError,
    FileAccessError,
    OutdatedIdentifierWarning,
    UsageError,
    printable,
)
from aigov.rules import BUILTIN_RULE_SETS, builtin_rule_set

__all__ = [
    "_cmd_export",
    "_cmd_list",
    "_cmd_schema",
    "_cmd_show",
    "_cmd_sources",
    "_cmd_validate",
    "_list_rule_sets",
]


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
