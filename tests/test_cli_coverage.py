"""`aigov coverage` on one and several policies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aigov.testing import run_cli

POLICIES = Path(__file__).resolve().parent.parent / "src/aigov/data/examples/policies"
SAKURA = POLICIES / "sakura-robotics.json"
NORTHWIND = POLICIES / "northwind-analytics.json"


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_one_policy_report(lang: str, fmt: str) -> None:
    code, out, err = run_cli("coverage", SAKURA, "--lang", lang, "--format", fmt)
    assert code == 0, err
    assert "sakura-robotics" in out
    assert "17/22" in out  # value 2 (human dignity): named by 17 of 22 domestic guidelines


def test_several_policies_add_the_matrix() -> None:
    code, out, _ = run_cli("coverage", SAKURA, NORTHWIND)
    assert code == 0
    assert "P1" in out
    assert "P2" in out
    code, out, _ = run_cli("coverage", SAKURA, NORTHWIND, "--format", "json")
    doc = json.loads(out)
    assert len(doc["reports"]) == 2
    assert doc["matrix"]


def test_bad_policy_files_exit_3_or_2(tmp_path: Path) -> None:
    code, _, err = run_cli("coverage", tmp_path / "missing.json")
    assert code == 2
    assert "no such file" in err
    bad = tmp_path / "bad.json"
    doc = json.loads(SAKURA.read_text(encoding="utf-8"))
    doc["principles"][0]["maps_to"] = ["jp-values-2022:privcy"]
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, _, err = run_cli("coverage", bad)
    assert code == 3
    assert "did you mean 'jp-values-2022:privacy'" in err
