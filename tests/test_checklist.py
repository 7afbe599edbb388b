"""Check sheets: generation, JSON/CSV round trips, required evidence, stale sheets, gaps, CLI."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aigov.assess import check
from aigov.checklist import (
    CSV_COLUMNS,
    Checklist,
    gaps,
    load_checklist,
    make_checklist,
)
from aigov.errors import AigovError, DocumentError, ParseError, UnknownIdError, ValidationFailed
from aigov.profile import load_profile
from aigov.report import render_checklist, render_gaps
from aigov.schemas import validate
from aigov.testing import run_cli

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "src/aigov/data/examples/profiles"
FILLED = ROOT / "src/aigov/data/examples/checklists/resume-screener-filled.csv"


@pytest.fixture(scope="module")
def sheet() -> Checklist:
    profile = load_profile(PROFILES / "resume-screener.json")
    return make_checklist(check(profile), profile=profile)


def test_every_triggered_principle_gets_items_asked_once_with_its_roles(sheet: Checklist) -> None:
    assessment = check(PROFILES / "resume-screener.json")
    pairs = {(t.principle, r) for t in assessment.triggered for r in t.roles}
    assert {(i.principle, r) for i in sheet.items for r in i.roles} == pairs
    assert len({i.id for i in sheet.items}) == len(sheet.items)
    assert len({(i.question.en, i.principle) for i in sheet.items}) == len(sheet.items)
    for item in sheet.items:
        trig = assessment.trigger(item.principle)
        assert trig is not None
        assert item.severity == trig.severity
        assert item.values == trig.values
        assert item.id.startswith(item.principle + "/")
        assert item.question.ja
        assert item.question.en
        assert item.basis


def test_items_come_from_sub_items_and_practices(sheet: Checklist) -> None:
    fairness = [i for i in sheet.items if i.principle == "jp-ai-util-2019:fairness"]
    bases = [b for i in fairness for b in i.basis]
    assert "jp-ai-util-2019:fairness/a" in bases
    assert any(b.startswith("jp-practices-2022:fairness/") for b in bases)
    assert [i.id for i in fairness] == [
        f"jp-ai-util-2019:fairness/{n}" for n in range(1, len(fairness) + 1)
    ]


def test_ids_are_stable_between_runs(sheet: Checklist) -> None:
    again = make_checklist(check(PROFILES / "resume-screener.json"))
    assert [(i.id, i.roles) for i in again.items] == [(i.id, i.roles) for i in sheet.items]


def test_role_filter_and_unknown_role(sheet: Checklist) -> None:
    only = make_checklist(check(PROFILES / "resume-screener.json"), "developer")
    assert {i.roles for i in only.items} == {("developer",)}
    assert only.roles == ("developer",)
    with pytest.raises(UnknownIdError, match="did you mean 'developer'"):
        make_checklist(check(PROFILES / "resume-screener.json"), "developr")


def test_json_round_trip_is_lossless(sheet: Checklist, tmp_path: Path) -> None:
    path = tmp_path / "sheet.json"
    path.write_text(render_checklist(sheet, "json"), encoding="utf-8")
    again = load_checklist(path)
    assert again == sheet
    assert validate(json.loads(path.read_text(encoding="utf-8"))) == "checklist"


def _fill(sheet: Checklist) -> Checklist:
    items = []
    for n, item in enumerate(sheet.items):
        status = ("yes", "partial", "no", "not-applicable", None)[n % 5]
        items.append(
            item.model_copy(
                update={
                    "status": status,
                    "evidence": '証跡：手順書 第3版\n(2 lines, "quoted", a,comma)'
                    if status == "yes"
                    else None,
                    "justification": "対象外" if status == "not-applicable" else None,
                    "answered_by": "鈴木" if status else None,
                    "answered_at": dt.date(2026, 11, 20) if status else None,
                }
            )
        )
    return sheet.model_copy(update={"items": tuple(items)})


def test_csv_round_trip_keeps_japanese_and_answers(sheet: Checklist, tmp_path: Path) -> None:
    filled = _fill(sheet)
    text = render_checklist(filled, "csv")
    assert text.startswith("\ufeff")
    path = tmp_path / "sheet.csv"
    path.write_text(text, encoding="utf-8", newline="")
    assert load_checklist(path) == filled


def test_csv_saved_by_a_spreadsheet_still_reads(sheet: Checklist, tmp_path: Path) -> None:
    """Without BOM, with LF line ends and a trailing empty row, as spreadsheets may save."""
    filled = _fill(sheet)
    text = (
        render_checklist(filled, "csv").lstrip("\ufeff").replace("\r\n", "\n") + ",,,,,,,,,,,,,,,\n"
    )
    path = tmp_path / "saved.csv"
    path.write_text(text, encoding="utf-8")
    assert load_checklist(path) == filled


def _csv_rows(sheet: Checklist) -> list[list[str]]:
    import csv

    return list(csv.reader(io.StringIO(render_checklist(sheet, "csv").lstrip("\ufeff"))))


def _write_rows(path: Path, rows: list[list[str]]) -> Path:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_bad_status_in_csv_names_the_line(sheet: Checklist, tmp_path: Path) -> None:
    rows = _csv_rows(sheet)
    rows[3][CSV_COLUMNS.index("status")] = "done"
    with pytest.raises(ValidationFailed) as info:
        load_checklist(_write_rows(tmp_path / "bad.csv", rows))
    text = str(info.value)
    assert "line 4, column status: 'done' is not allowed" in text


def test_unknown_principle_in_a_sheet_is_reported(sheet: Checklist, tmp_path: Path) -> None:
    rows = _csv_rows(sheet)
    rows[2][CSV_COLUMNS.index("principle")] = "jp-ai-util-2019:fairnes"
    rows[2][0] = "jp-ai-util-2019:fairnes/1"
    with pytest.raises(ValidationFailed, match="unknown principle 'jp-ai-util-2019:fairnes'"):
        load_checklist(_write_rows(tmp_path / "bad.csv", rows))


def test_malformed_csv_shapes_are_clear_errors(sheet: Checklist, tmp_path: Path) -> None:
    rows = _csv_rows(sheet)
    # A short row is read with empty cells (some programs drop trailing ones); what it lacks
    # is then named by its line and column.
    short = [*rows[:3], rows[3][:5], rows[-1]]
    with pytest.raises(DocumentError, match="line 4, column question: String should have"):
        load_checklist(_write_rows(tmp_path / "short.csv", short))
    with pytest.raises(DocumentError, match=r"header row .* lacks id, roles, principle"):
        load_checklist(_write_rows(tmp_path / "header.csv", [["a", "b"], ["1", "2"]]))
    no_sheet = rows[:-1]
    with pytest.raises(DocumentError, match="'#sheet' row"):
        load_checklist(_write_rows(tmp_path / "nosheet.csv", no_sheet))
    cp932 = tmp_path / "sjis.csv"
    cp932.write_bytes(render_checklist(sheet, "csv").lstrip("\ufeff").encode("cp932", "replace"))
    with pytest.raises(ParseError, match=r"looks like Shift_JIS .*'CSV UTF-8"):
        load_checklist(cp932)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ('{"id": "a", "id": "b"}', "duplicate key 'id' in an object"),
        ("[" * 5000 + "]" * 5000, "the document nests deeper than 100 levels"),
        ("{oops", "malformed JSON: Expecting property name enclosed in double quotes"),
    ],
)
def test_sheet_cell_is_read_like_a_json_document(
    sheet: Checklist, tmp_path: Path, cell: str, message: str
) -> None:
    """The '#sheet' cell refuses repeated keys, deep nesting and bad syntax by line."""
    rows = _csv_rows(sheet)
    sheet_row = next(i for i, row in enumerate(rows) if row[0] == "#sheet")
    rows[sheet_row][CSV_COLUMNS.index("sheet")] = cell
    with pytest.raises(DocumentError) as info:
        load_checklist(_write_rows(tmp_path / "cell.csv", rows))
    assert f"line {sheet_row + 1}: the sheet column is not valid JSON: {message}" in str(info.value)


def test_repeated_item_is_rejected(sheet: Checklist) -> None:
    doc = json.loads(render_checklist(sheet, "json"))
    doc["items"].append(doc["items"][0])
    with pytest.raises(ValidationFailed, match="appears twice"):
        load_checklist(doc)


def test_required_evidence_rules(sheet: Checklist) -> None:
    items = list(sheet.items)
    items[0] = items[0].model_copy(update={"status": "yes"})
    items[1] = items[1].model_copy(update={"status": "no"})
    items[2] = items[2].model_copy(update={"status": "not-applicable", "justification": "N/A"})
    items[3] = items[3].model_copy(update={"status": "partial", "evidence": "doc"})
    report = gaps(sheet.model_copy(update={"items": tuple(items)}))
    missing = {i.id for i in report.missing_evidence}
    assert items[0].id in missing  # yes without evidence
    assert items[1].id in missing  # no without justification
    assert items[2].id not in missing
    assert items[3].id not in missing


def test_open_items_are_ordered_by_severity_and_gate_on_high(sheet: Checklist) -> None:
    report = gaps(sheet)
    ranks = [{"high": 0, "medium": 1, "low": 2}[i.severity] for i in report.open_items]
    assert ranks == sorted(ranks)
    assert report.open_high > 0
    assert not report.passed
    answered = sheet.model_copy(
        update={
            "items": tuple(
                i.model_copy(update={"status": "yes", "evidence": "e"})
                if i.severity == "high"
                else i
                for i in sheet.items
            )
        }
    )
    assert gaps(answered).passed


def test_stale_items_when_the_profile_changed(sheet: Checklist) -> None:
    doc: dict[str, Any] = json.loads(
        (PROFILES / "resume-screener.json").read_text(encoding="utf-8")
    )
    changed = copy.deepcopy(doc)
    changed["data"]["personal"] = False
    changed["capabilities"]["profiling"] = False
    report = gaps(sheet, profile=changed)
    stale = {i.principle for i in report.stale_items}
    assert "jp-ai-util-2019:privacy" in stale
    assert "jp-ai-rd-2017:privacy" in stale
    assert not {i.principle for i in report.open_items} & stale
    grown = copy.deepcopy(doc)
    grown["capabilities"]["physical_actuation"] = True
    assert "jp-ai-util-2019:safety" in gaps(sheet, profile=grown).new_principles


def test_sheet_made_from_an_assessment_has_no_stale_check_without_a_profile() -> None:
    bare = make_checklist(check(PROFILES / "resume-screener.json"))
    assert bare.system_profile is None
    assert gaps(bare).stale_items == ()


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_gap_report_renders(sheet: Checklist, lang: str, fmt: str) -> None:
    text = render_gaps(gaps(_fill(sheet)), fmt, lang)
    if fmt == "json":
        assert json.loads(text)["passed"] is False
    else:
        assert text.rstrip().split("\n")[-1].startswith("FAIL" if lang == "en" else "不合格")


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["kind", "items", "profile", "versions", "zzz"]),
        st.none() | st.text(max_size=5) | st.lists(st.integers(), max_size=2),
    )
)
def test_arbitrary_documents_raise_only_aigov_errors(doc: dict[str, Any]) -> None:
    try:
        load_checklist(doc)
    except AigovError:
        pass


# -- the workflow from the command line -----------------------------------------------------


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_cli_workflow_profile_to_gaps(tmp_path: Path, lang: str) -> None:
    sheet_csv = tmp_path / "sheet.csv"
    code, _, err = run_cli(
        "checklist",
        PROFILES / "resume-screener.json",
        "--format",
        "csv",
        "--lang",
        lang,
        "-o",
        sheet_csv,
    )
    assert code == 0, err
    code, out, _ = run_cli("gaps", sheet_csv, "--lang", lang)
    assert code == 1  # a blank sheet leaves high-severity items open
    assert ("FAIL" if lang == "en" else "不合格") in out
    code, out, _ = run_cli("gaps", FILLED, "--lang", lang, "--format", "markdown")
    assert code == 0
    assert out.rstrip().endswith("PASS" if lang == "en" else "合格")


def test_cli_checklist_formats(tmp_path: Path) -> None:
    code, out, _ = run_cli("checklist", PROFILES / "customer-chatbot.json", "--format", "json")
    assert code == 0
    assert validate(json.loads(out)) == "checklist"
    code, out, _ = run_cli("checklist", PROFILES / "customer-chatbot.json", "--lang", "ja")
    assert out.startswith("# チェックシート")
    assessment = tmp_path / "a.json"
    assessment.write_text(check(PROFILES / "customer-chatbot.json").to_json(), encoding="utf-8")
    code, out, _ = run_cli("checklist", assessment, "--role", "consumer-user")
    assert code == 0
    assert "`consumer-user`" in out


def test_cli_gaps_bad_input_exit_codes(tmp_path: Path) -> None:
    code, _, err = run_cli("gaps", tmp_path / "missing.csv")
    assert code == 2
    assert "no such file" in err
    bad = tmp_path / "bad.csv"
    bad.write_text("id,role\n1,2\n", encoding="utf-8")
    code, _, err = run_cli("gaps", bad)
    assert code == 3  # an invalid document, not a failed gate
    assert "header row" in err
    code, _, err = run_cli("checklist", PROFILES / "resume-screener.json", "--role", "nobody")
    assert code == 2
