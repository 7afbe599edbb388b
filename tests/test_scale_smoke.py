"""The scale benchmark's generator, at a tiny size: its data loads, compiles and checks.

No timings here: ``benchmarks/scale.py`` measures; this only keeps it working.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import aigov.graph
from aigov.assess import check
from aigov.catalog import Catalog, builtin_catalog, load_catalog
from aigov.models import Principle
from aigov.profile import ACTORS
from aigov.rules import compile_rules
from aigov.schemas import validate

ROOT = Path(__file__).resolve().parent.parent
PRINCIPLES, RELATIONS, RULES = 200, 2000, 50


def _scale() -> ModuleType:
    name = "aigov_bench_scale"
    if name in sys.modules:
        return sys.modules[name]
    # The script imports its sibling _common, as it does when run from the shell.
    if str(ROOT / "benchmarks") not in sys.path:
        sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "scale.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scale() -> ModuleType:
    return _scale()


@pytest.fixture(scope="module")
def pack(scale: ModuleType) -> dict[str, Any]:
    result: dict[str, Any] = scale.synthetic_pack(PRINCIPLES, RELATIONS)
    return result


@pytest.fixture(scope="module")
def rule_set(scale: ModuleType) -> dict[str, Any]:
    result: dict[str, Any] = scale.synthetic_rule_set(RULES, PRINCIPLES)
    return result


@pytest.fixture(scope="module")
def large(pack: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    path = tmp_path_factory.mktemp("scale") / "synth.json"
    path.write_text(json.dumps(pack, ensure_ascii=False), encoding="utf-8")
    return load_catalog(path)


def _ends(pack: dict[str, Any], predicate: str) -> list[tuple[str, str]]:
    return [(r["subject"], r["object"]) for r in pack["relations"] if r["predicate"] == predicate]


def _in_order(cat: Catalog, ids: set[str]) -> list[str]:
    """``ids`` in the catalogue's official order."""
    return sorted(ids, key=cat.rank)


def test_generator_is_deterministic_and_sized(scale: ModuleType, pack: dict[str, Any]) -> None:
    assert scale.synthetic_pack(PRINCIPLES, RELATIONS) == pack
    assert scale.synthetic_pack(PRINCIPLES, RELATIONS, seed=1) != pack
    ids = [p["id"] for p in pack["principles"]]
    assert ids == [f"synth:p{n:05d}" for n in range(1, PRINCIPLES + 1)]
    assert all(p["label"]["ja"] and p["label"]["en"] and p["summary"] for p in pack["principles"])
    assert len(pack["relations"]) == RELATIONS
    kinds = {r["predicate"] for r in pack["relations"]}
    assert kinds == {"embodies", "addresses", "corresponds_to"}
    values = {v.id for v in builtin_catalog().values}
    assert {o for _, o in _ends(pack, "embodies")} <= values
    assert {o for _, o in _ends(pack, "corresponds_to")} <= set(ids)


def test_large_catalogue_loads_on_top_of_the_builtin_one(
    pack: dict[str, Any], large: Catalog
) -> None:
    base = builtin_catalog()
    assert len(large) == len(base) + 1 + PRINCIPLES
    assert len(large.relations) == len(base.relations) + RELATIONS
    assert large.principle("synth:p00001").label.en.startswith("Synthetic principle 1:")
    assert large.version.endswith(f"+synth@{pack['version']}")
    graph = large.graph
    assert graph.number_of_nodes() == len(large)
    # Each principle is part_of its framework; corresponds_to is stored both ways.
    corresponds = len(_ends(pack, "corresponds_to"))
    added = PRINCIPLES + RELATIONS + corresponds
    assert graph.number_of_edges() == base.graph.number_of_edges() + added
    assert validate(pack, "catalog") == "catalog"


def test_named_queries_return_the_synthetic_relations(pack: dict[str, Any], large: Catalog) -> None:
    base = builtin_catalog()
    graph = large.graph
    embodies, addresses = _ends(pack, "embodies"), _ends(pack, "addresses")
    corresponds = _ends(pack, "corresponds_to")
    for n in (1, 57, PRINCIPLES):
        pid = f"synth:p{n:05d}"
        assert isinstance(large.get(pid), Principle)
        values = {o for s, o in embodies if s == pid}
        roles = {o for s, o in addresses if s == pid}
        partners = {o for s, o in corresponds if s == pid} | {s for s, o in corresponds if o == pid}
        assert values
        assert roles & set(ACTORS)
        assert large.values_of(pid) == _in_order(large, values)
        assert large.roles_of(pid) == _in_order(large, roles)
        assert large.corresponding(pid) == _in_order(large, partners)
        assert aigov.graph.values_of(graph, pid) == _in_order(large, values)
        assert aigov.graph.neighbours(graph, pid, "corresponds_to") == _in_order(large, partners)
        assert set(aigov.graph.neighbours(graph, pid, direction="both")) == (
            values | roles | partners | {"synth"}
        )
    value = "jp-values-2022:privacy"
    embodying = {s for s, o in embodies if o == value} | set(base.principles_embodying(value))
    assert large.principles_embodying(value) == _in_order(large, embodying)
    assert aigov.graph.principles_embodying(graph, value) == _in_order(large, embodying)
    role = "developer"
    addressing = {s for s, o in addresses if o == role} | set(base.principles_addressing(role))
    assert [p.id for p in large.filter_principles(role=role)] == _in_order(large, addressing)
    assert aigov.graph.principles_addressing(graph, role) == _in_order(large, addressing)


def test_rules_compile_and_check_gives_the_same_answers_on_both_catalogues(
    scale: ModuleType, pack: dict[str, Any], rule_set: dict[str, Any], large: Catalog
) -> None:
    pool = scale.triggered_by(rule_set)
    assert pool
    assert all(p.startswith("synth:p") for p in pool)
    small = load_catalog(scale.small_pack(pack, pool))
    assert len(small) == len(builtin_catalog()) + 1 + len(pool)
    small_rules = compile_rules(rule_set, builtin=False, catalog=small)
    large_rules = compile_rules(rule_set, builtin=False, catalog=large)
    assert len(large_rules.rules) == RULES
    triggered = 0
    for profile in scale.varied_profiles(30):
        a = check(profile, small_rules, small)
        b = check(profile, large_rules, large)
        assert [t.principle for t in a.triggered] == [t.principle for t in b.triggered]
        assert {t.principle for t in b.triggered} <= pool
        assert all(set(t.roles) <= set(profile.actors) for t in b.triggered)
        triggered += len(b.triggered)
    assert triggered > 0


def test_splice_adds_the_scale_section_once_and_then_replaces_only_its_table(
    scale: ModuleType,
) -> None:
    page = "# Performance\n\n<!-- bench:start -->\nold bench\n<!-- bench:end -->\n"
    first = scale.write_page(page, "table one\n")
    assert first.startswith(page)
    assert "## Scale" in first
    assert "<!-- scale:start -->\ntable one\n<!-- scale:end -->\n" in first
    second = scale.write_page(first + "after\n", "table two\n")
    assert second == first.replace("table one", "table two") + "after\n"
    assert second.count("## Scale") == 1


def test_check_worker_reports_the_same_answers_for_both_catalogues(
    scale: ModuleType, pack: dict[str, Any], rule_set: dict[str, Any], tmp_path: Path
) -> None:
    pack_path, rules_path = tmp_path / "synth.json", tmp_path / "rules.json"
    pack_path.write_text(json.dumps(pack), encoding="utf-8")
    rules_path.write_text(json.dumps(rule_set), encoding="utf-8")
    small = scale.check_worker("small", str(pack_path), str(rules_path), 1, batch=5)
    large = scale.check_worker("large", str(pack_path), str(rules_path), 1, batch=5)
    assert small["items"] < large["items"]
    assert small["answers"] == large["answers"]
    assert set(small) == {"items", "compile", "plan", "miss", "gc", "fired", "answers"}
