"""aigov at scale: a synthetic catalogue of 10,000 principles and a 1,000-rule set.

Run ``python benchmarks/scale.py`` (add ``--quick`` for a smoke run with 1,000
principles, 10,000 relations and 100 rules, or ``--write-docs`` to refresh the
"Scale" table in ``docs/performance.md``).

A seeded generator builds one catalogue pack (framework ``synth``) whose
principles embody the 22 built-in values, address the built-in roles and
correspond to one another; it is loaded on top of the built-in catalogue.  The
rule set tests profile facts and triggers principles from a pool of 100
synthetic principles, so the same rules also compile against the *small*
catalogue (the built-in one plus just those 100 principles): comparing
``check()`` on both, each in a process of its own, shows whether its cost
follows the rules or the catalogue.  Cold figures come from fresh processes;
every figure is a median.
"""

from __future__ import annotations

import argparse
import functools
import gc
import itertools
import json
import random
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from _common import (
    PAGE,
    PY,
    ROOT,
    Row,
    fmt,
    mb,
    median_time,
    per_call,
    splice,
    table,
    times,
    varied_profile_docs,
)

import aigov.graph
import aigov.schemas
from aigov.assess import check
from aigov.catalog import Catalog, builtin_catalog, load_catalog
from aigov.models import CatalogDocument
from aigov.profile import ACTORS, SystemProfile, fact_specs, load_profile
from aigov.rules import CompiledRules, compile_rules

#: The synthetic framework (and pack) id; principle ids are ``synth:p00001``...
FRAMEWORK = "synth"
#: How many distinct synthetic principles the rules trigger.
TRIGGER_POOL = 100


# -- the generator ---------------------------------------------------------------------------

_TOPICS = (
    ("プライバシー", "privacy"),
    ("公平性", "fairness"),
    ("安全性", "safety"),
    ("セキュリティ", "security"),
    ("透明性", "transparency"),
    ("アカウンタビリティ", "accountability"),
    ("人間の判断", "human judgement"),
    ("適正な学習", "proper learning"),
    ("連携", "collaboration"),
    ("尊厳", "dignity"),
    ("教育・リテラシー", "education and literacy"),
    ("監査", "audit"),
)
_ACTIONS = (
    ("配慮する", "takes care of"),
    ("確保する", "ensures"),
    ("説明する", "explains"),
    ("記録する", "records"),
    ("見直す", "reviews"),
    ("監視する", "monitors"),
)
_QUALIFIERS = {
    "embodies": ("primary", "secondary"),
    "addresses": ("named", "via-users"),
    "corresponds_to": ("same-topic", "related"),
}


def principle_id(number: int) -> str:
    """The id of synthetic principle ``number`` (1-based)."""
    return f"{FRAMEWORK}:p{number:05d}"


def _spread(total: int, slots: int) -> list[int]:
    """``total`` split over ``slots`` as evenly as possible, larger shares first."""
    base, extra = divmod(total, slots)
    return [base + (1 if i < extra else 0) for i in range(slots)]


def _principle(number: int, rng: random.Random) -> dict[str, Any]:
    topic_ja, topic_en = rng.choice(_TOPICS)
    action_ja, action_en = rng.choice(_ACTIONS)
    other_ja, other_en = rng.choice(_TOPICS)
    return {
        "id": principle_id(number),
        "framework": FRAMEWORK,
        # Principle.number stops at 999: the running number is kept in ``code``.
        "number": (number - 1) % 999 + 1,
        "kind": "principle",
        "code": str(number),
        "label": {
            "ja": f"合成原則{number}：{topic_ja}",
            "en": f"Synthetic principle {number}: {topic_en}",
        },
        "summary": {
            "ja": f"AIの開発者と利用者が{topic_ja}に{action_ja}ことを求め、"
            f"{other_ja}にも留意する。",
            "en": (
                f"Asks that whoever develops or uses AI {action_en} {topic_en}, "
                f"with an eye on {other_en} as well."
            ),
        },
        "source": {
            "document": FRAMEWORK,
            "locator": f"Principle {number}",
            "verification": "unverified",
            "note": "Generated for the scale benchmark.",
        },
    }


def _relation(subject: str, predicate: str, obj: str, serial: int) -> dict[str, Any]:
    rel: dict[str, Any] = {
        "subject": subject,
        "predicate": predicate,
        "object": obj,
        "qualifier": _QUALIFIERS[predicate][serial % 2],
    }
    if serial % 25 == 0:
        rel["source"] = {
            "document": FRAMEWORK,
            "locator": f"Relation {serial}",
            "verification": "partial",
        }
    else:
        rel["rationale"] = f"Synthetic {predicate} relation number {serial} (benchmark data)."
    return rel


def synthetic_pack(principles: int, relations: int, seed: int = 2022) -> dict[str, Any]:
    """A catalogue pack with ``principles`` principles and ``relations`` relations.

    About 40 % of the relations are ``embodies`` (to the built-in values), 30 %
    ``addresses`` (to the built-in roles; every principle addresses at least one
    role a profile can name as an actor) and 30 % ``corresponds_to`` between
    distinct pairs of synthetic principles.  The same arguments give the same pack.

    Raises:
        ValueError: More relations per principle than there are distinct ends.
    """
    rng = random.Random(seed)
    base = builtin_catalog()
    values = [v.id for v in base.values]
    roles = [r.id for r in base.roles]
    actor_roles = [r for r in roles if r in ACTORS]
    n_embodies = relations * 4 // 10
    n_addresses = relations * 3 // 10
    n_corresponds = relations - n_embodies - n_addresses
    per_embodies = _spread(n_embodies, principles)
    per_addresses = _spread(n_addresses, principles)
    per_corresponds = _spread(n_corresponds, principles)
    if per_embodies[0] > len(values) or per_addresses[0] > len(roles):
        raise ValueError(f"{relations} relations are too many for {principles} principles")
    if n_corresponds > principles * (principles - 1) // 2:
        raise ValueError(f"{n_corresponds} correspondences need more principles")

    items = [_principle(n, rng) for n in range(1, principles + 1)]
    rels: list[dict[str, Any]] = []
    pairs: set[tuple[int, int]] = set()
    for n in range(1, principles + 1):
        subject = principle_id(n)
        for value in rng.sample(values, per_embodies[n - 1]):
            rels.append(_relation(subject, "embodies", value, len(rels)))
        wanted = per_addresses[n - 1]
        if wanted:
            first = rng.choice(actor_roles)
            chosen = [first, *rng.sample([r for r in roles if r != first], wanted - 1)]
            for role in chosen:
                rels.append(_relation(subject, "addresses", role, len(rels)))
        for _ in range(per_corresponds[n - 1]):
            for _attempt in range(1000):
                other = rng.randint(1, principles)
                pair = (min(n, other), max(n, other))
                if other != n and pair not in pairs:
                    break
            else:
                raise ValueError(f"cannot find a new correspondence for {subject}")
            pairs.add(pair)
            rels.append(_relation(subject, "corresponds_to", principle_id(other), len(rels)))
    return {
        "kind": "catalog",
        "format_version": "1",
        "id": FRAMEWORK,
        "version": f"{principles}p-{relations}r-seed{seed}",
        "title": {"ja": "合成カタログ（ベンチマーク用）", "en": "Synthetic catalogue (benchmark)"},
        "frameworks": [
            {
                "id": FRAMEWORK,
                "label": {"ja": "合成フレームワーク", "en": "Synthetic framework"},
                "issuer": {"ja": "aigov ベンチマーク", "en": "aigov benchmarks"},
                "date": "2025-01",
                "summary": {
                    "ja": "規模の測定のために生成した原則の集まり。",
                    "en": "Principles generated to measure aigov at scale.",
                },
                "source": {"document": FRAMEWORK, "verification": "unverified"},
            }
        ],
        "principles": items,
        "relations": rels,
    }


def _leaf(rng: random.Random) -> dict[str, Any]:
    specs = [s for s in fact_specs().values() if s.kind in ("bool", "enum", "list")]
    spec = rng.choice(specs)
    if spec.kind == "bool":
        operator = "equal" if rng.random() < 0.7 else "notEqual"
        return {"fact": spec.path, "operator": operator, "value": rng.random() < 0.6}
    if spec.kind == "enum":
        return {"fact": spec.path, "operator": "in", "value": rng.sample(spec.choices, 2)}
    return {"fact": spec.path, "operator": "containsAny", "value": rng.sample(spec.choices, 2)}


def synthetic_rule_set(
    count: int, principles: int, seed: int = 7, pool: int = TRIGGER_POOL
) -> dict[str, Any]:
    """A rule set of ``count`` rules over profile facts that trigger synthetic principles.

    Every rule triggers one to three principles from a pool of ``pool``
    principles drawn from ``synth:p00001`` ... ``principle_id(principles)``.
    """
    rng = random.Random(seed)
    chosen = sorted(rng.sample(range(1, principles + 1), min(pool, principles)))
    targets = [principle_id(n) for n in chosen]
    rules = []
    for i in range(count):
        leaves = [_leaf(rng) for _ in range(rng.randint(1, 4))]
        when: dict[str, Any] = {rng.choice(["all", "any"]): leaves}
        if rng.random() < 0.1:
            when = {"all": [when, {"not": _leaf(rng)}]}
        rule: dict[str, Any] = {
            "id": f"synth-{i:05d}",
            "when": when,
            "triggers": rng.sample(targets, rng.randint(1, min(3, len(targets)))),
            "severity": rng.choice(["high", "medium", "low"]),
            "rationale": {"ja": f"合成ルール{i}。", "en": f"Synthetic rule {i}."},
            "citation": {"document": FRAMEWORK, "verification": "unverified"},
        }
        if rng.random() < 0.2:
            rule["roles"] = rng.sample(ACTORS, 2)
        rules.append(rule)
    return {"kind": "rule-set", "id": "synth-rules", "version": "1", "rules": rules}


def triggered_by(rule_set: dict[str, Any]) -> set[str]:
    """Every principle id a rule set can trigger."""
    return {p for rule in rule_set["rules"] for p in rule["triggers"]}


def small_pack(pack: dict[str, Any], keep: set[str]) -> dict[str, Any]:
    """The pack cut down to the principles in ``keep`` and the relations among them."""
    return {
        **pack,
        "version": pack["version"] + f"-only{len(keep)}",
        "principles": [p for p in pack["principles"] if p["id"] in keep],
        "relations": [
            r
            for r in pack["relations"]
            if r["subject"] in keep and (r["predicate"] != "corresponds_to" or r["object"] in keep)
        ],
    }


def varied_profiles(count: int, seed: int = 11) -> list[SystemProfile]:
    """Valid profiles with random, (almost surely) distinct fact combinations."""
    return [load_profile(doc) for doc in varied_profile_docs(count, seed)]


# -- measuring -------------------------------------------------------------------------------


_LOAD_SNIPPET = """
import gc, json, resource, sys, time
import pydantic, networkx
import aigov.catalog, aigov.graph, aigov.models

def peak():
    try:
        with open('/proc/self/status') as status:
            for line in status:
                if line.startswith('VmHWM:'):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

mode, path = sys.argv[1], sys.argv[2]
source = path
if mode == 'dict':
    with open(path, encoding='utf-8') as handle:
        source = json.load(handle)
collected = [0.0, 0.0]

def clock(phase, info):
    if phase == 'start':
        collected[1] = time.perf_counter()
    else:
        collected[0] += time.perf_counter() - collected[1]

gc.callbacks.append(clock)
before = peak()
t0 = time.perf_counter()
if mode == 'floor':
    # What any pydantic-based loader must do: parse the file, validate the models.
    with open(path, 'rb') as handle:
        doc = aigov.models.CatalogDocument.model_validate(json.loads(handle.read()))
    t1 = time.perf_counter()
    loaded = peak()
    nodes = edges = 0
    t2 = time.perf_counter()
else:
    cat = aigov.catalog.load_catalog(source)
    t1 = time.perf_counter()
    loaded = peak()
    g = cat.graph
    t2 = time.perf_counter()
    nodes, edges = g.number_of_nodes(), g.number_of_edges()
# The collections the new objects cause once the collector runs again are theirs.
[0 for _ in range(10000)]
t3 = time.perf_counter()
print(json.dumps({
    'load': t1 - t0, 'graph': t3 - t1, 'gc': collected[0],
    'before': before, 'loaded': loaded, 'peak': peak(),
    'nodes': nodes, 'edges': edges,
}))
"""


def _cold_load(path: Path, mode: str, repeat: int) -> dict[str, float]:
    """Medians over fresh processes of loading the pack at ``path`` (``file`` or ``dict``)."""
    runs: list[dict[str, float]] = []
    for _ in range(repeat):
        out = subprocess.run(
            [PY, "-c", _LOAD_SNIPPET, mode, str(path)],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        runs.append(json.loads(out))
    result = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    result["total"] = statistics.median(run["load"] + run["graph"] for run in runs)
    return result


def bench_load(path: Path, sizes: str, repeat: int) -> list[Row]:
    size = path.stat().st_size
    rows: list[Row] = []
    for mode, label in (
        ("file", f"`load_catalog(path)` + graph build, {sizes} (cold)"),
        ("dict", f"`load_catalog(dict)` + graph build, {sizes} (cold)"),
    ):
        r = _cold_load(path, mode, repeat)
        what = f"{mb(size)} JSON file read and parsed" if mode == "file" else "pack parsed before"
        rows.append(
            (
                label,
                fmt(r["total"]),
                "—",
                f"load {fmt(r['load'])} + graph {fmt(r['graph'])}, of which garbage collector "
                f"{fmt(r['gc'])}; {int(r['nodes']):,} nodes, "
                f"{int(r['edges']):,} edges; {what}; imports done before timing",
            )
        )
        if mode == "file":
            floor = _cold_load(path, "floor", repeat)
            rows.append(
                (
                    "floor: `json.loads` + `CatalogDocument.model_validate`, same file (cold)",
                    fmt(floor["total"]),
                    "—",
                    f"garbage collector {fmt(floor['gc'])}; no duplicate-key check, no input "
                    "policy, no integrity checks, no indexes, no built-in packs, no graph",
                )
            )
            rows.append(
                (
                    "peak RSS (VmHWM), `load_catalog(path)` + graph (cold)",
                    mb(r["peak"]),
                    "—",
                    f"{mb(r['before'])} after imports, {mb(r['loaded'])} after load",
                )
            )
    return rows


class _Ids:
    """The arguments the query benchmark rotates through for one catalogue."""

    def __init__(self, cat: Catalog, principles: Sequence[str]) -> None:
        self.principles = list(principles)
        self.values = [v.id for v in cat.values]
        self.roles = [r for r in (ro.id for ro in cat.roles) if r in ACTORS]


def _rotating(fn: Callable[[str], object], args: Sequence[str]) -> Callable[[], object]:
    it = itertools.cycle(args)
    return lambda: fn(next(it))


def _queries(cat: Catalog, ids: _Ids) -> list[tuple[str, Callable[[], object]]]:
    graph = cat.graph
    return [
        ("`catalog.get(principle)`", _rotating(cat.get, ids.principles)),
        ("`catalog.roles_of(principle)`", _rotating(cat.roles_of, ids.principles)),
        ("`catalog.values_of(principle)`", _rotating(cat.values_of, ids.principles)),
        ("`catalog.principles_embodying(value)`", _rotating(cat.principles_embodying, ids.values)),
        (
            "`catalog.filter_principles(role=...)`",
            _rotating(lambda r: cat.filter_principles(role=r), ids.roles),
        ),
        (
            "`graph.neighbours(g, principle, direction='both')`",
            _rotating(lambda p: aigov.graph.neighbours(graph, p, direction="both"), ids.principles),
        ),
        (
            "`graph.principles_addressing(g, role)`",
            _rotating(lambda r: aigov.graph.principles_addressing(graph, r), ids.roles),
        ),
    ]


def bench_queries(large: Catalog, principles: int, repeat: int) -> list[Row]:
    base = builtin_catalog()
    rng = random.Random(3)
    sample = [principle_id(n) for n in rng.sample(range(1, principles + 1), min(64, principles))]
    big = _queries(large, _Ids(large, sample))
    small = _queries(base, _Ids(base, [p.id for p in base.principles]))
    rows: list[Row] = []
    for (label, fn), (_, base_fn) in zip(big, small, strict=True):
        ours = per_call(fn, repeat)
        ref = per_call(base_fn, repeat)
        rows.append(
            (
                f"{label}, large catalogue",
                fmt(ours),
                "≤ 1 ms",
                f"built-in catalogue {fmt(ref)} ({times(ours / ref)})",
            )
        )
    return rows


def bench_schema(pack: dict[str, Any], size: int, repeat: int) -> list[Row]:
    aigov.schemas.validate({"kind": "catalog", "id": "warm", "version": "1"}, "catalog")
    per = median_time(lambda: aigov.schemas.validate(pack, "catalog"), repeat, 1)
    model = median_time(lambda: CatalogDocument.model_validate(pack), repeat, 1)
    count = len(pack["principles"]) + len(pack["relations"])
    return [
        (
            f"JSON Schema validation of the large pack ({mb(size)})",
            fmt(per),
            "—",
            f"{count / per:,.0f} items/s; validator built before; "
            f"pydantic validation of the same dict {fmt(model)} ({times(per / model)})",
        )
    ]


class _GcClock:
    """Adds up the time the cyclic garbage collector runs while installed."""

    def __init__(self) -> None:
        self.total = 0.0
        self._start = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.total += time.perf_counter() - self._start


def _fresh_check(
    rule_set: dict[str, Any], cat: Catalog, warm: SystemProfile
) -> tuple[CompiledRules, float, float]:
    """Compile the rules against ``cat``; time that and the first ``check()``."""
    start = time.perf_counter()
    compiled = compile_rules(rule_set, builtin=False, catalog=cat)
    compiled_at = time.perf_counter()
    check(warm, compiled, cat)
    return compiled, compiled_at - start, time.perf_counter() - compiled_at


def check_worker(
    which: str, pack_path: str, rules_path: str, batches: int, batch: int = 200
) -> dict[str, Any]:
    """Time ``check()`` in this process with the ``small`` or the ``large`` catalogue alone.

    Each catalogue gets a process of its own: the garbage collector's full
    passes walk every live object, so a catalogue in the same process would
    slow the other one's checks too.
    """
    rule_set = json.loads(Path(rules_path).read_text(encoding="utf-8"))
    if which == "large":
        cat = load_catalog(pack_path)
    else:
        pack = json.loads(Path(pack_path).read_text(encoding="utf-8"))
        cat = load_catalog(small_pack(pack, triggered_by(rule_set)))
        del pack
    profiles = varied_profiles(batch * batches + 1)
    warm, groups = (
        profiles[0],
        [profiles[1 + i * batch : 1 + (i + 1) * batch] for i in range(batches)],
    )
    gc.collect()
    clock = _GcClock()
    gc.callbacks.append(clock)
    compiled, compile_s, plan_s = _fresh_check(rule_set, cat, warm)
    clock.total = 0.0
    miss = []
    for group in groups:
        start = time.perf_counter()
        for prof in group:
            check(prof, compiled, cat)
        miss.append((time.perf_counter() - start) / len(group))
    gc_share = clock.total / (sum(miss) * batch)
    gc.callbacks.remove(clock)
    answers = [
        [[t.principle, list(t.roles), list(t.values)] for t in check(p, compiled, cat).triggered]
        for p in groups[0][:50]
    ]
    return {
        "items": len(cat),
        "compile": compile_s,
        "plan": plan_s,
        "miss": statistics.median(miss),
        "gc": gc_share,
        "fired": statistics.mean(len(compiled.evaluate(p)) for p in groups[0]),
        "answers": answers,
    }


def memo_hits(
    rule_set: dict[str, Any], small: Catalog, large: Catalog, repeat: int
) -> dict[str, float]:
    """Median seconds of ``check()`` on a profile seen before, per catalogue.

    Nothing on this path is allocated for long, so both catalogues share one
    process and take turns, which cancels drift in the machine's speed.
    """
    warm = varied_profiles(1)[0]
    calls = {}
    for name, cat in (("small", small), ("large", large)):
        compiled = compile_rules(rule_set, builtin=False, catalog=cat)
        check(warm, compiled, cat)
        calls[name] = functools.partial(check, warm, compiled, cat)
    samples: dict[str, list[float]] = {"small": [], "large": []}
    for i in range(repeat):
        for name in ("small", "large") if i % 2 == 0 else ("large", "small"):
            samples[name].append(median_time(calls[name], 1, 500))
    return {name: statistics.median(s) for name, s in samples.items()}


def bench_check(
    pack_path: Path,
    rules_path: Path,
    rule_count: int,
    batches: int,
    rounds: int,
    hits: dict[str, float],
) -> list[Row]:
    runs: dict[str, list[dict[str, Any]]] = {"small": [], "large": []}
    for i in range(rounds):
        for which in ("small", "large") if i % 2 == 0 else ("large", "small"):
            out = subprocess.run(
                [
                    PY,
                    __file__,
                    "--check-worker",
                    which,
                    *map(str, (pack_path, rules_path, batches)),
                ],
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            runs[which].append(json.loads(out))
    # Same rules, same profiles: the two catalogues must give the same answers.
    answers = runs["small"][0]["answers"]
    assert all(run["answers"] == answers for run in runs["small"] + runs["large"])
    triggered = statistics.mean(len(a) for a in answers)

    def med(which: str, key: str) -> float:
        return statistics.median(float(run[key]) for run in runs[which])

    def ratio(key: str) -> str:
        return times(med("large", key) / med("small", key))

    sizes = f"{int(med('small', 'items')):,} vs {int(med('large', 'items')):,} items"
    return [
        (
            f"`check()`, {rule_count:,} rules, distinct profiles (memo miss), large catalogue",
            fmt(med("large", "miss")),
            "≤ 1.2× of small catalogue",
            f"small {fmt(med('small', 'miss'))}, ratio {ratio('miss')} ({sizes}); "
            f"garbage collector {med('large', 'gc'):.0%} of it (small {med('small', 'gc'):.0%}); "
            f"{med('small', 'fired'):.0f} rules fire and {triggered:.1f} principles are "
            "triggered per profile; profiles parsed before; one process per catalogue",
        ),
        (
            f"`check()`, {rule_count:,} rules, repeated profile (memo hit), large catalogue",
            fmt(hits["large"]),
            "≤ 1.2× of small catalogue",
            f"small {fmt(hits['small'])}, ratio {times(hits['large'] / hits['small'])}; "
            "both in one process, taking turns",
        ),
        (
            f"`compile_rules()` of the {rule_count:,}-rule set, large catalogue",
            fmt(med("large", "compile")),
            "—",
            f"small {fmt(med('small', 'compile'))}, ratio {ratio('compile')}; once per set",
        ),
        (
            "first `check()` with new rules, large catalogue",
            fmt(med("large", "plan")),
            "—",
            f"small {fmt(med('small', 'plan'))}, ratio {ratio('plan')}; "
            "once per (rules, catalogue)",
        ),
    ]


# -- the page ---------------------------------------------------------------------------------

_SECTION = (
    "\n## Scale\n\n"
    "These figures come from a synthetic pack loaded on top of the built-in catalogue; "
    "rerun `python benchmarks/scale.py --write-docs` to refresh them "
    "(`--quick` for a smaller smoke run).\n\n"
)


def write_page(page: str, text: str) -> str:
    """``page`` with the scale table (the section is added at the end when missing)."""
    return splice(page, text, "scale", _SECTION)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="1,000 principles, 10,000 relations, 100 rules"
    )
    parser.add_argument("--write-docs", action="store_true", help="update docs/performance.md")
    parser.add_argument("--check-worker", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.check_worker:
        which, pack_path, rules_path, batches = args.check_worker
        print(json.dumps(check_worker(which, pack_path, rules_path, int(batches))))
        return
    principles, relations, rule_count = (
        (1000, 10_000, 100) if args.quick else (10_000, 100_000, 1000)
    )
    repeat, cold_repeat, slow_repeat = (5, 3, 3) if args.quick else (15, 5, 3)

    pack = synthetic_pack(principles, relations)
    rule_set = synthetic_rule_set(rule_count, principles)
    sizes = f"{principles:,} principles / {relations:,} relations"
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        pack_path, rules_path = Path(tmp) / "synth.json", Path(tmp) / "rules.json"
        pack_path.write_text(json.dumps(pack, ensure_ascii=False), encoding="utf-8")
        rules_path.write_text(json.dumps(rule_set, ensure_ascii=False), encoding="utf-8")
        size = pack_path.stat().st_size
        rows += bench_load(pack_path, sizes, cold_repeat)
        large = load_catalog(pack_path)
        rows += bench_queries(large, principles, repeat)
        rows += bench_schema(pack, size, slow_repeat)
        small = load_catalog(small_pack(pack, triggered_by(rule_set)))
        hits = memo_hits(rule_set, small, large, repeat)
        del large, small, pack
        gc.collect()
        batches, rounds = (5, 2) if args.quick else (9, 3)
        rows += bench_check(pack_path, rules_path, rule_count, batches, rounds, hits)

    text = table(
        f"large catalogue: the built-in one plus {sizes}; small catalogue: the built-in one "
        f"plus the {TRIGGER_POOL} synthetic principles the {rule_count:,} rules trigger; "
        f"medians of {cold_repeat} fresh processes (cold rows) or {repeat} runs.",
        rows,
    )
    print(text)
    if args.write_docs:
        PAGE.write_text(write_page(PAGE.read_text(encoding="utf-8"), text), encoding="utf-8")


if __name__ == "__main__":
    main()
