"""The aigov command line, run in-process: output, exit codes, error messages."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest

from aigov.testing import run_cli

ROOT = Path(__file__).resolve().parent.parent
PROFILE = Path(__file__).parent / "data" / "resume-screener.json"


def run_json(*argv: str | Path) -> Any:
    code, out, err = run_cli(*argv)
    assert code == 0, err
    return json.loads(out)


# -- list ------------------------------------------------------------------------------


def test_list_principles_json_is_in_official_order_with_required_keys() -> None:
    items = run_json("list", "principles", "--format", "json")
    japanese = [i for i in items if i["framework"] in ("jp-ai-rd-2017", "jp-ai-util-2019")]
    assert [i["number"] for i in japanese] == [*range(1, 10), *range(1, 11)]
    assert items[: len(japanese)] == japanese  # the Japanese guidelines come first
    first = items[0]
    assert first["id"] == "jp-ai-rd-2017:collaboration"
    assert first["framework"] == "jp-ai-rd-2017"
    assert set(first["label"]) == {"ja", "en"}
    assert first["roles"] == ["developer"]


def test_list_values_json_carries_number_and_domestic_count() -> None:
    items = run_json("list", "values", "--format", "json")
    assert [(v["number"], v["domestic_count"]) for v in items][:3] == [(1, 5), (2, 17), (3, 5)]
    assert len(items) == 22


@pytest.mark.parametrize("kind", ["frameworks", "principles", "values", "roles", "practices"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_list_every_kind_as_a_table(kind: str, lang: str) -> None:
    code, out, err = run_cli("list", kind, "--lang", lang)
    assert code == 0, err
    assert out.splitlines()[1].startswith("---")


def test_list_principles_in_japanese_shows_official_names() -> None:
    _, out, _ = run_cli("list", "principles", "--framework", "jp-ai-util-2019", "--lang", "ja")
    assert "適正学習の原則" in out
    assert "jp-ai-rd-2017" not in out


def test_list_filters_principles_by_role_and_value() -> None:
    items = run_json("list", "principles", "--role", "data-provider", "--format", "json")
    assert all("data-provider" in i["roles"] for i in items)
    items = run_json("list", "principles", "--value", "jp-values-2022:privacy", "--format", "json")
    ids = {i["id"] for i in items}
    assert {"jp-ai-rd-2017:privacy", "jp-ai-util-2019:privacy", "unesco-2021:privacy"} <= ids
    assert all("jp-values-2022:privacy" in i["values"] for i in items)


def test_list_all_includes_sub_items() -> None:
    items = run_json(
        "list", "principles", "--framework", "jp-ai-util-2019", "--all", "--format", "json"
    )
    assert "jp-ai-util-2019:privacy/a" in [i["id"] for i in items]


def test_unknown_framework_is_a_usage_error_with_suggestion() -> None:
    code, out, err = run_cli("list", "principles", "--framework", "jp-ai-util")
    assert (code, out) == (2, "")
    assert err == (
        "aigov: error: Unknown framework 'jp-ai-util' (did you mean 'jp-ai-util-2019'?)\n"
    )


def test_role_filter_on_values_is_a_usage_error() -> None:
    code, _, err = run_cli("list", "values", "--role", "developer")
    assert code == 2
    assert "only filter principles" in err


# -- show ------------------------------------------------------------------------------


def test_show_text_lists_relations_and_source() -> None:
    code, out, _ = run_cli("show", "jp-ai-util-2019:fairness")
    assert code == 0
    assert "-> embodies jp-values-2022:fairness" in out
    assert "source:" in out


def test_show_json_has_incoming_and_outgoing_relations() -> None:
    data = run_json("show", "jp-values-2022:privacy", "--format", "json")
    assert data["id"] == "jp-values-2022:privacy"
    subjects = {r["subject"] for r in data["relations"]["incoming"]}
    assert "jp-ai-util-2019:privacy" in subjects


def test_show_unknown_id_suggests_the_closest() -> None:
    code, _, err = run_cli("show", "jp-ai-util-2019:fairnes")
    assert code == 2
    assert "did you mean 'jp-ai-util-2019:fairness'" in err


# -- validate ---------------------------------------------------------------------------


def test_validate_detects_the_kind_of_each_file() -> None:
    code, out, _ = run_cli(
        "validate", PROFILE, *sorted((ROOT / "src/aigov/data/catalog").glob("*.json"))
    )
    assert code == 0
    assert f"{PROFILE}: valid system-profile" in out
    assert out.count("valid catalog") == 10


def test_validate_reports_every_invalid_file_and_exits_3(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    doc = json.loads(PROFILE.read_text(encoding="utf-8"))
    doc["data"]["personel"] = True
    bad.write_text(json.dumps(doc), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text("{\n", encoding="utf-8")
    code, out, err = run_cli("validate", bad, broken, PROFILE)
    assert code == 3
    assert (
        f"{bad}: invalid document: $.data: unknown key 'personel' (did you mean 'personal'?)" in err
    )
    assert f"{broken}: invalid document: line 2, column 1" in err
    assert "valid system-profile" in out


def test_validate_missing_file_is_an_io_error() -> None:
    code, _, err = run_cli("validate", "does-not-exist.json")
    assert code == 2
    assert err == "aigov: error: does-not-exist.json: no such file\n"


def test_validate_with_explicit_unknown_schema_suggests() -> None:
    code, _, err = run_cli("validate", PROFILE, "--schema", "profile")
    assert code == 2
    assert "Unknown schema 'profile'" in err


def test_validate_catalog_pack_checks_references(tmp_path: Path) -> None:
    pack = {
        "kind": "catalog",
        "id": "acme",
        "version": "1",
        "relations": [
            {
                "subject": "acme:x",
                "predicate": "embodies",
                "object": "jp-values-2022:privacy",
                "rationale": "test",
            }
        ],
    }
    path = tmp_path / "acme.json"
    path.write_text(json.dumps(pack), encoding="utf-8")
    code, _, err = run_cli("validate", path)
    assert code == 3
    assert "$.relations[0].subject: unknown id 'acme:x'" in err


# -- schema, export -----------------------------------------------------------------------


def test_schema_lists_and_prints_bundled_schemas() -> None:
    code, out, _ = run_cli("schema")
    assert code == 0
    assert out.split() == [
        "assessment",
        "catalog",
        "checklist",
        "classification",
        "gap-report",
        "mapping-set",
        "policy",
        "rule-set",
        "system-profile",
    ]
    schema = run_json("schema", "catalog")
    assert schema["$id"] == "https://w3id.org/aigov/schema/1/catalog.schema.json"


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "dot", "mermaid", "svg"])
def test_export_every_format_is_deterministic(fmt: str) -> None:
    first = run_cli("export", "--format", fmt)
    assert first[0] == 0
    assert first == run_cli("export", "--format", fmt)


def test_export_to_file_writes_atomically(tmp_path: Path) -> None:
    target = tmp_path / "catalog.json"
    code, out, _ = run_cli("export", "--format", "json", "-o", target)
    assert (code, out) == (0, "")
    assert json.loads(target.read_text(encoding="utf-8"))["kind"] == "catalog"


# -- usage ------------------------------------------------------------------------------


def test_no_command_and_bad_option_are_usage_errors_without_traceback() -> None:
    for argv in ([], ["list"], ["list", "principles", "--format", "xml"], ["frobnicate"]):
        code, _, err = run_cli(*argv)
        assert code == 2
        assert err.startswith("aigov: error:")
        assert "Traceback" not in err


def test_help_and_version_write_to_the_given_stream() -> None:
    code, out, _ = run_cli("--help")
    assert code == 0
    assert "usage: aigov" in out
    code, out, _ = run_cli("--version")
    assert code == 0
    assert out.startswith("aigov ")


def test_user_pack_adds_principles_to_listings(tmp_path: Path) -> None:
    pack = {
        "kind": "catalog",
        "id": "acme",
        "version": "1",
        "frameworks": [
            {
                "id": "acme-2026",
                "label": {"ja": "ACME AI原則", "en": "ACME AI principles"},
                "issuer": {"ja": "ACME", "en": "ACME"},
                "date": "2026-01-01",
                "summary": {"ja": "架空の会社の原則。", "en": "A fictional company's principles."},
                "source": {"document": "acme-2026", "verification": "verified"},
            }
        ],
        "principles": [
            {
                "id": "acme-2026:privacy",
                "framework": "acme-2026",
                "number": 1,
                "label": {"ja": "プライバシー", "en": "Privacy"},
                "summary": {"ja": "個人情報を守る。", "en": "Protect personal data."},
                "source": {"document": "acme-2026", "verification": "verified"},
            }
        ],
        "relations": [
            {
                "subject": "acme-2026:privacy",
                "predicate": "embodies",
                "object": "jp-values-2022:privacy",
                "rationale": "Same topic.",
            }
        ],
    }
    path = tmp_path / "acme.json"
    path.write_text(json.dumps(pack, ensure_ascii=False), encoding="utf-8")
    items = run_json(
        "list", "principles", "--pack", path, "--framework", "acme-2026", "--format", "json"
    )
    assert [i["id"] for i in items] == ["acme-2026:privacy"]
    assert items[0]["values"] == ["jp-values-2022:privacy"]


def test_the_parsers_choices_are_the_librarys() -> None:
    """The parser offers the very tuples the library works from (one definition, _choices)."""
    from aigov import _choices
    from aigov.export import EXPORT_FORMATS
    from aigov.report import CLASSIFICATION_FORMATS, LIST_KINDS
    from aigov.triage import REGIMES

    assert _choices.EXPORT_FORMATS is EXPORT_FORMATS
    assert _choices.LIST_KINDS is LIST_KINDS
    assert _choices.REGIMES is REGIMES
    assert _choices.CLASSIFICATION_FORMATS is CLASSIFICATION_FORMATS
    help_text = run_cli("export", "--help").stdout
    assert all(fmt in help_text for fmt in EXPORT_FORMATS)


def test_checking_a_profile_loads_no_export_or_sheet_code() -> None:
    """`aigov check` imports neither the exports, the check sheets, coverage nor the HTML report."""
    import subprocess
    import sys

    code = (
        "import sys, io\n"
        "from aigov.cli import main\n"
        "main(['check', 'src/aigov/data/examples/profiles/resume-screener.json'], io.StringIO(), io.StringIO())\n"
        "print(sorted(m for m in sys.modules if m.startswith('aigov')))\n"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True
    )
    loaded = set(ast.literal_eval(done.stdout))
    assert not loaded & {"aigov.export", "aigov.checklist", "aigov.coverage", "aigov.report"}


def test_several_files_exit_with_the_highest_code_whatever_their_order(tmp_path: Path) -> None:
    """An invalid document (3) and a missing file (2) exit 3 in either order."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"profile_version": "1"}', encoding="utf-8")
    missing = tmp_path / "missing.json"
    for command in ("validate", "check"):
        assert run_cli(command, bad, missing).code == 3
        assert run_cli(command, missing, bad).code == 3
