"""aigov benchmarks: each figure beside its floor, measured in the same run.

Run ``python benchmarks/run.py`` (add ``--quick`` for fewer repetitions, or
``--write-docs`` to refresh the table in ``docs/performance.md``).  Medians are
reported; ratios compare against a floor measured on the same machine in the
same run, so they mean something on any machine.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import resource
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import (
    PAGE,
    PY,
    ROOT,
    Row,
    fmt,
    median_time,
    process_times,
    splice,
    table,
    varied_profile_docs,
)

PROFILE_PATH = ROOT / "examples" / "profiles" / "resume-screener.json"


# -- foundation ----------------------------------------------------------------------------


def bench_import(repeat: int) -> list[Row]:
    bare, base, ours = process_times(
        [PY, "-c", "pass"],
        [PY, "-c", "import pydantic; from pydantic import BaseModel"],
        [PY, "-c", "import aigov"],
        repeat=repeat,
    )
    ratio = ours / base
    return [
        (
            "`import aigov` (whole process)",
            fmt(ours),
            f"{ratio:.2f}× of pydantic import",
            f"goal ≤ 1.2×; `python -c pass` {fmt(bare)}, pydantic {fmt(base)}",
        ),
    ]


_LOAD_SNIPPET = """
import time, json
import pydantic, networkx
import aigov.catalog, aigov.graph
t0 = time.perf_counter()
cat = aigov.catalog.builtin_catalog()
g = cat.graph
t1 = time.perf_counter()
cat2 = aigov.catalog.builtin_catalog()
g2 = cat2.graph
t2 = time.perf_counter()
print(json.dumps([t1 - t0, t2 - t1, g.number_of_nodes(), g.number_of_edges()]))
"""


def bench_catalog(repeat: int) -> list[Row]:
    cold, cached = [], []
    nodes = edges = 0
    for _ in range(repeat):
        out = subprocess.run(
            [PY, "-c", _LOAD_SNIPPET], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout
        a, b, nodes, edges = json.loads(out)
        cold.append(a)
        cached.append(b)
    return [
        (
            "catalogue load + graph build, cold (in-process)",
            fmt(statistics.median(cold)),
            "goal < 15 ms",
            f"{nodes} nodes, {edges} edges; imports done before timing",
        ),
        ("catalogue + graph, cached", fmt(statistics.median(cached)), "—", "second call"),
    ]


def _two_kb_profile() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(PROFILE_PATH.read_text(encoding="utf-8"))
    doc.pop("x-note", None)
    size = len(json.dumps(doc))
    doc["description"] = "Ranks job applications for recruiters. " * ((2048 - size) // 40 + 1)
    return doc


def bench_validation(repeat: int) -> list[Row]:
    import aigov  # noqa: PLC0415

    doc = _two_kb_profile()
    size = len(json.dumps(doc))
    aigov.validate(doc, "system-profile")  # build the validator once
    per = median_time(lambda: aigov.validate(doc, "system-profile"), repeat, 200)
    return [
        (
            f"JSON Schema validation of a {size / 1024:.1f} KB profile",
            fmt(per),
            f"{1 / per:,.0f} docs/s",
            "goal ≥ 600 docs/s; validator built once",
        ),
    ]


# -- engine -----------------------------------------------------------------------------------


def _plain_if_source(rules: Any) -> str:  # noqa: ANN401
    """The floor: the same rules as plain Python ``if`` statements, written naively."""
    from aigov.rules import AllCondition, AnyCondition, NotCondition  # noqa: PLC0415

    def expr(c: Any) -> str:  # noqa: ANN401
        if isinstance(c, AllCondition):
            return "(" + " and ".join(map(expr, c.all)) + ")" if c.all else "True"
        if isinstance(c, AnyCondition):
            return "(" + " or ".join(map(expr, c.any)) + ")" if c.any else "False"
        if isinstance(c, NotCondition):
            return f"(not {expr(c.not_)})"
        ref = "p." + c.fact
        v = c.value
        if c.operator in ("equal", "notEqual") and isinstance(v, bool):
            same = (c.operator == "equal") == v
            return f"({ref} is True)" if same else f"({ref} is not True)"
        sets = {"in", "notIn", "containsAny", "containsAll", "containsNone"}
        lit = repr(frozenset(v)) if c.operator in sets else repr(v)
        return {
            "equal": f"({ref} == {lit})",
            "notEqual": f"({ref} != {lit})",
            "in": f"({ref} in {lit})",
            "notIn": f"({ref} not in {lit})",
            "contains": f"({lit} in {ref})",
            "doesNotContain": f"({lit} not in {ref})",
            "containsAny": f"(not {lit}.isdisjoint({ref}))",
            "containsAll": f"{lit}.issubset({ref})",
            "containsNone": f"{lit}.isdisjoint({ref})",
        }[c.operator]

    lines = ["def floor(p):", "    fired = []"]
    for i, c in enumerate(rules.rules):
        lines += [f"    if {expr(c.rule.when)}:", f"        fired.append({i})"]
    lines.append("    return fired")
    return "\n".join(lines) + "\n"


def _synthetic_rule_set(count: int, seed: int = 7) -> dict[str, Any]:
    from aigov.profile import fact_specs  # noqa: PLC0415

    rng = random.Random(seed)
    specs = [s for s in fact_specs().values() if s.kind in ("bool", "enum", "list")]
    principles = ["jp-ai-util-2019:privacy", "jp-ai-util-2019:fairness", "jp-ai-rd-2017:safety"]

    def leaf() -> dict[str, Any]:
        spec = rng.choice(specs)
        if spec.kind == "bool":
            return {"fact": spec.path, "operator": "equal", "value": rng.random() < 0.7}
        if spec.kind == "enum":
            return {"fact": spec.path, "operator": "in", "value": rng.sample(spec.choices, 2)}
        return {"fact": spec.path, "operator": "containsAny", "value": rng.sample(spec.choices, 2)}

    rules = []
    for i in range(count):
        when = {rng.choice(["all", "any"]): [leaf() for _ in range(rng.randint(1, 4))]}
        rules.append(
            {
                "id": f"synthetic-{i}",
                "when": when,
                "triggers": [rng.choice(principles)],
                "severity": rng.choice(["high", "medium", "low"]),
                "rationale": {"ja": "合成ルール。", "en": "Synthetic rule."},
                "citation": {"document": "benchmark", "verification": "unverified"},
            }
        )
    return {"kind": "rule-set", "id": "synthetic", "version": "1", "rules": rules}


def _varied_profiles(count: int) -> list[bytes]:
    """Profiles with random, distinct fact combinations (as JSON bytes)."""
    return [json.dumps(doc).encode() for doc in varied_profile_docs(count)]


def bench_engine(repeat: int) -> list[Row]:
    import aigov  # noqa: PLC0415
    from aigov._jsonio import parse_json  # noqa: PLC0415
    from aigov.profile import SystemProfile, load_profile  # noqa: PLC0415
    from aigov.rules import builtin_rules, compile_rules  # noqa: PLC0415

    profile = load_profile(PROFILE_PATH)
    rows: list[Row] = []
    for label, compiled in (
        ("built-in rule set", builtin_rules()),
        ("synthetic 1,000-rule set", compile_rules(_synthetic_rule_set(1000), builtin=False)),
    ):
        namespace: dict[str, Any] = {}
        exec(compile(_plain_if_source(compiled), "<floor>", "exec"), namespace)
        floor = namespace["floor"]
        assert floor(profile) == compiled.evaluate(profile)
        ours = median_time(functools.partial(compiled.evaluate, profile), repeat, 2000)
        base = median_time(functools.partial(floor, profile), repeat, 2000)
        rows.append(
            (
                f"rule evaluation, {label} ({len(compiled.rules)} rules)",
                fmt(ours),
                f"{ours / base:.2f}× of plain `if` ({fmt(base)})",
                "goal ≤ 3×",
            )
        )

    data = PROFILE_PATH.read_bytes()
    aigov.check(data)
    full = median_time(lambda: aigov.check(data), repeat, 500)
    parse = median_time(lambda: SystemProfile.model_validate_json(data), repeat, 500)
    # pydantic-core's parser keeps the last of two equal keys; aigov's refuses
    # them, which is the floor a correct check stands on.
    strict = median_time(lambda: SystemProfile.model_validate(parse_json(data)), repeat, 500)
    rows.append(
        (
            "full `check()` from JSON bytes",
            fmt(full),
            f"{full / parse:.2f}× of pydantic parse+validate ({fmt(parse)})",
            f"goal ≤ 2×; facts seen before (memo hit); {full / strict:.2f}× of parsing with "
            f"the duplicate-key check + pydantic validation ({fmt(strict)})",
        )
    )
    varied = _varied_profiles(500)
    start = time.perf_counter()
    for doc in varied:
        aigov.check(doc)
    miss = (time.perf_counter() - start) / len(varied)
    start = time.perf_counter()
    for doc in varied:
        SystemProfile.model_validate_json(doc)
    miss_parse = (time.perf_counter() - start) / len(varied)
    rows.append(
        (
            "full `check()`, 500 profiles with distinct facts",
            fmt(miss),
            f"{miss / miss_parse:.2f}× of pydantic parse+validate ({fmt(miss_parse)})",
            "first sight of each fact combination (memo miss)",
        )
    )
    return rows


def bench_cli(repeat: int, batch: int) -> list[Row]:
    base, with_model, one = process_times(
        [PY, "-c", "import pydantic"],
        [PY, "-c", "from pydantic import BaseModel"],
        [PY, "-m", "aigov", "check", str(PROFILE_PATH)],
        repeat=repeat,
    )
    rows: list[Row] = [
        (
            "`aigov check` one profile (whole process)",
            fmt(one),
            f"{one / base:.2f}× of `python -c 'import pydantic'` ({fmt(base)})",
            f"goal ≤ 1.5×; `python -c 'from pydantic import BaseModel'` alone is "
            f"{with_model / base:.2f}× ({fmt(with_model)}); the three take turns",
        ),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "batch.jsonl"
        # Distinct fact combinations: the worst case for check()'s memo.
        path.write_bytes(b"\n".join(_varied_profiles(batch)) + b"\n")
        start = time.perf_counter()
        proc = subprocess.run(
            [
                PY,
                "-c",
                "import sys\nfrom aigov.cli import main\n"
                "code = main(sys.argv[1:], stdout=open('/dev/null', 'w'))\n"
                "peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')]\n"
                "print(peak[0].split()[1])\nsys.exit(code)",
                "check",
                str(path),
                "--format",
                "json",
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - start
        rss_mb = int(proc.stdout.strip()) / 1024
    rows.append(
        (
            f"`aigov check --format json` on {batch:,} distinct profiles (JSONL, streamed)",
            fmt(seconds),
            f"{batch / seconds:,.0f} profiles/s",
            f"peak RSS {rss_mb:.0f} MB",
        )
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--write-docs", action="store_true", help="update docs/performance.md")
    parser.add_argument("--batch", type=int, default=100_000, help="profiles in the batch run")
    args = parser.parse_args()
    repeat = 5 if args.quick else 15
    rows: list[Row] = []
    for bench in (bench_import, bench_catalog, bench_validation, bench_engine):
        rows += bench(repeat)
    rows += bench_cli(repeat, args.batch if not args.quick else 10_000)
    text = table(f"medians of {repeat} runs.", rows, compared="compared with")
    print(text)
    print(
        f"peak RSS of this process: "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    if args.write_docs:
        PAGE.write_text(splice(PAGE.read_text(encoding="utf-8"), text, "bench"), encoding="utf-8")


if __name__ == "__main__":
    main()
