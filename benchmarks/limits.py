"""Worst cases at the documented limits: how long aigov takes on hostile input at each limit.

Run ``python benchmarks/limits.py`` (``--write-docs`` splices the table into
docs/reliability.md).  Each case builds an adversarial document at (or near)
a documented limit in a scratch folder and runs the real command on it, in a
child process, once per repetition; the table gives the median wall time, the
exit code and the output size.  Not part of the test suite: the suite holds
the behaviour, this script the cost.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import PAGE_RELIABILITY, ROOT, fmt, splice

from aigov import builtin_catalog

LT = {"ja": "t", "en": "t"}
SRC = {"document": "d", "verification": "unverified"}
MIB = 1024 * 1024
RESUME: dict[str, Any] = json.loads(
    (ROOT / "src/aigov/data/examples/profiles/resume-screener.json").read_text(encoding="utf-8")
)


def _save(folder: Path, name: str, doc: object) -> Path:
    path = folder / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _rule_set(set_id: str, rules: list[dict[str, Any]]) -> dict[str, Any]:
    return {"kind": "rule-set", "id": set_id, "version": "1", "rules": rules}


def _rule(i: int, when: dict[str, Any], trigger: str = "jp-ai-util-2019:privacy") -> dict[str, Any]:
    return {
        "id": f"r{i}",
        "when": when,
        "triggers": [trigger],
        "severity": "low",
        "rationale": LT,
        "citation": SRC,
    }


def _big_profile(folder: Path) -> list[str]:
    """A profile just under 32 MiB, almost all of it one x- extension."""
    doc = dict(RESUME, **{"x-blob": ["x" * 1000] * (31 * 1024)})
    path = _save(folder, "big-profile.json", doc)
    return ["check", str(path), "--format", "json"]


def _dangling_pack(folder: Path) -> list[str]:
    """A 32 MiB pack whose every relation names an unknown item (each a did-you-mean)."""
    relation = {"subject": "", "predicate": "addresses", "object": "developer", "rationale": "r"}
    count = 32 * MIB // 110
    relations = [dict(relation, subject=f"fw:p{i:07d}-missing") for i in range(count)]
    doc = {"kind": "catalog", "id": "d", "version": "1", "relations": relations}
    path = _save(folder, "dangling.json", doc)
    return ["validate", str(path)]


def _check_with_rules(rules: Path) -> list[str]:
    """``aigov check`` of the example resume screener with these rules added."""
    profile = ROOT / "src/aigov/data/examples/profiles/resume-screener.json"
    return ["check", str(profile), "--rules", str(rules)]


def _many_rules(folder: Path) -> list[str]:
    """2,400 rules of 200 sub-conditions each: about 31 MiB, just under the size limit."""
    leaf = {"fact": "data.personal", "operator": "equal", "value": True}
    rules = [_rule(i, {"any": [leaf] * 200}) for i in range(2_400)]
    path = _save(
        folder, "rules.json", {"kind": "rule-set", "id": "m", "version": "1", "rules": rules}
    )
    return _check_with_rules(path)


def _deep_rules(folder: Path) -> list[str]:
    """A rule whose condition nests 31 levels (just inside the limit), 1,000 times."""
    when: dict[str, Any] = {"fact": "data.personal", "operator": "equal", "value": True}
    for _ in range(29):
        when = {"all": [when, {"not": {"any": []}}]}
    rules = [_rule(i, when) for i in range(1_000)]
    path = _save(
        folder, "deep.json", {"kind": "rule-set", "id": "d", "version": "1", "rules": rules}
    )
    return _check_with_rules(path)


def _unknown_triggers(folder: Path) -> list[str]:
    """10,000 rules that each trigger an unknown principle (each a did-you-mean)."""
    leaf = {"fact": "data.personal", "operator": "equal", "value": True}
    rules = [_rule(i, leaf, f"jp-ai-util-2019:nope{i}") for i in range(9_900)]
    path = _save(
        folder, "unknown.json", {"kind": "rule-set", "id": "u", "version": "1", "rules": rules}
    )
    return ["validate", str(path)]


def _big_policy(folder: Path) -> list[str]:
    """A policy of 1,000 principles, each mapped to 100 catalogue items."""
    catalog = builtin_catalog()  # in this process; the command measured loads its own
    ids = [v.id for v in catalog.values] + [p.id for p in catalog.principles]
    principles = [
        {"id": f"p{i}", "title": "t", "text": "x", "maps_to": _window(ids, i, min(100, len(ids)))}
        for i in range(1_000)
    ]
    doc = {
        "kind": "policy",
        "id": "big",
        "version": "1",
        "organisation": "o",
        "title": "t",
        "principles": principles,
    }
    path = _save(folder, "policy.json", doc)
    return ["coverage", str(path), "--format", "json"]


def _window(ids: list[str], start: int, size: int) -> list[str]:
    return [ids[(start + j) % len(ids)] for j in range(size)]


def _mapping_rows(folder: Path) -> list[str]:
    """A mapping set of 20,000 rows (the limit), most of them naming unknown items."""
    row = {
        "subject_id": "",
        "predicate_id": "skos:closeMatch",
        "object_id": "oecd-2019:transparency",
        "justification": "j",
        "confidence": 0.5,
        "author_id": "a",
        "mapping_date": "2024-01-01",
    }
    rows = [dict(row, subject_id=f"jp-ai-util-2019:x{i}") for i in range(20_000)]
    doc = {
        "kind": "mapping-set",
        "id": "m",
        "version": "1",
        "subject_source": "jp-ai-util-2019",
        "object_source": "oecd-2019",
        "mappings": rows,
    }
    path = _save(folder, "mappings.json", doc)
    return ["validate", str(path)]


def _jsonl_lines(folder: Path) -> list[str]:
    """200 JSON Lines of about 1 MiB each, half of them just over the line limit."""
    good = json.dumps(dict(RESUME, **{"x-pad": "y" * (MIB - 2_000)}))
    long = json.dumps(dict(RESUME, **{"x-pad": "y" * (MIB + 10)}))
    path = folder / "batch.jsonl"
    path.write_text("\n".join(good if i % 2 else long for i in range(200)) + "\n", encoding="utf-8")
    return ["check", str(path), "--format", "json"]


#: (case, limit, builder, time bound in seconds): a bound is about three times what the
#: case takes on the project's 2-core machine, far below what a quadratic step would cost.
CASES: list[tuple[str, str, Callable[[Path], list[str]], float]] = [
    ("Document size (32 MiB profile)", "32 MiB", _big_profile, 5),
    ("Pack of dangling relations", "32 MiB", _dangling_pack, 75),
    ("2,400 rules of 200 sub-conditions", "32 MiB, 200 a condition", _many_rules, 75),
    ("Conditions at the nesting limit, 1,000 rules", "32 levels", _deep_rules, 15),
    ("Rules triggering unknown principles", "10,000 rules", _unknown_triggers, 10),
    (
        "Policy: 1,000 principles mapped to every item they may name",
        "1,000 principles",
        _big_policy,
        30,
    ),
    ("Mapping set of unknown items", "20,000 rows", _mapping_rows, 10),
    ("JSON Lines at the line limit, half over it", "1 MiB a line", _jsonl_lines, 5),
]


def run(repeat: int) -> tuple[str, list[str]]:
    """Measure every case; return the Markdown table and the cases over their bound."""
    aigov = [sys.executable, "-m", "aigov"]
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        over = []
        for name, limit, build, bound in CASES:
            argv = build(folder)
            times, code, size = [], 0, 0
            for _ in range(repeat):
                start = time.perf_counter()
                done = subprocess.run([*aigov, *argv], capture_output=True, check=False, cwd=ROOT)
                times.append(time.perf_counter() - start)
                code, size = done.returncode, len(done.stdout) + len(done.stderr)
            median = statistics.median(times)
            if median > bound:
                over.append(f"{name}: {fmt(median)} > {bound:g} s")
            cells = [name, limit, fmt(median), f"{bound:g} s", str(code), f"{size / MIB:.1f} MiB"]
            rows.append("| " + " | ".join(cells) + " |")
            print(rows[-1], flush=True)
    head = [
        f"Measured with `python benchmarks/limits.py` (median of {repeat}; one child process",
        "per run, start-up included).",
        "",
        "| Case | Limit | Time | Bound | Exit | Output |",
        "|---|---|---:|---:|---:|---:|",
    ]
    return "\n".join([*head, *rows]) + "\n", over


def main() -> None:
    """Run the cases; with ``--write-docs``, splice the table into the Reliability page."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    table, over = run(args.repeat)
    if args.write_docs:
        page = PAGE_RELIABILITY.read_text(encoding="utf-8")
        PAGE_RELIABILITY.write_text(splice(page, table, "limits"), encoding="utf-8")
    if over:
        print("over the time bound: " + "; ".join(over), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
