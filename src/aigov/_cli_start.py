"""The commands of a newcomer's first hour: init, examples, policy from-pack (private)."""

from __future__ import annotations

import argparse
import sys

from aigov._cli_io import (
    _STDIN,
    EXIT_OK,
    _Out,
    _read_stdin,
)
from aigov._render import table, truncate
from aigov.errors import (
    printable,
)

__all__ = ["_NEXT", "_cmd_examples", "_cmd_init", "_cmd_policy", "_copy_example"]


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
