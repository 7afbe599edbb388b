"""Choosing the built-in rule sets on the command line: --rule-set and list rule-sets."""

from __future__ import annotations

import json
from pathlib import Path

from aigov.testing import run_cli

ROOT = Path(__file__).resolve().parent.parent
RESUME = ROOT / "src/aigov/data/examples/profiles/resume-screener.json"


def test_list_rule_sets_names_each_built_in_set_with_its_version_and_size() -> None:
    code, out, err = run_cli("list", "rule-sets", "--format", "json")
    assert code == 0, err
    sets = json.loads(out)
    assert [s["id"] for s in sets] == ["builtin", "jp-ai-business-2024"]
    assert all(s["rules"] > 0 and s["version"] and s["title"]["ja"] for s in sets)
    code, out, _ = run_cli("list", "rule-sets", "--lang", "ja")
    assert code == 0
    assert "AI事業者ガイドライン 2024" in out


def test_check_by_default_reports_2024_principles_for_the_2024_roles() -> None:
    """The README's example: developer and business user each get the 2024 principles."""
    code, out, err = run_cli("check", RESUME, "--format", "json")
    assert code == 0, err
    roles = {role for t in json.loads(out)["triggered"] for role in t["roles"]}
    assert {"jp-ai-business-2024:ai-developer", "jp-ai-business-2024:ai-business-user"} <= roles
    assert json.loads(out)["versions"]["rules"].endswith("+jp-ai-business-2024@2026.11.0")


def test_rule_set_option_keeps_only_the_named_built_in_sets() -> None:
    code, out, err = run_cli(
        "check", RESUME, "--rule-set", "jp-ai-business-2024", "--format", "json"
    )
    assert code == 0, err
    frameworks = {t["framework"] for t in json.loads(out)["triggered"]}
    assert frameworks == {"jp-ai-business-2024"}
    code, out, err = run_cli("explain", RESUME, "jp-ai-util-2019:fairness", "--rule-set", "builtin")
    assert code == 0, err
    assert "jp-ai-business-2024" not in out


def test_unknown_rule_set_is_a_usage_error_with_a_suggestion() -> None:
    code, out, err = run_cli("check", RESUME, "--rule-set", "jp-ai-busines")
    assert code == 2
    assert out == ""
    assert "Unknown rule set 'jp-ai-busines' (did you mean 'jp-ai-business-2024'?)" in err


def test_role_filter_takes_a_2024_role_and_keeps_to_it() -> None:
    code, out, err = run_cli(
        "check", RESUME, "--role", "jp-ai-business-2024:ai-developer", "--format", "json"
    )
    assert code == 0, err
    triggered = json.loads(out)["triggered"]
    assert triggered
    assert all(t["roles"] == ["jp-ai-business-2024:ai-developer"] for t in triggered)
    assert {t["framework"] for t in triggered} == {"jp-ai-business-2024"}
