"""Sheets of the per-role form (one row per question and role) are read as one item per question.

The fixtures in ``tests/data/old-sheets/`` were made and filled with aigov at
commit 716d02a, the last before one item per question (``scripts`` of that
version: ``make_checklist`` on ``public-space-camera.json``, answers typed into
the JSON, then ``to_csv()`` and ``to_xlsx()``).  Their rows 4/25, 5/26 and 6/27 (JSON indexes) answer
one question differently per role; the four ``proper-utilization`` items agree.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from aigov.assess import check
from aigov.checklist import Checklist, carry_answers, gaps, load_checklist, make_checklist
from aigov.errors import ValidationFailed, VersionDriftError
from aigov.profile import load_profile
from aigov.testing import run_cli

ROOT = Path(__file__).resolve().parent.parent
OLD = ROOT / "tests/data/old-sheets"
PROFILE = ROOT / "src/aigov/data/examples/profiles/public-space-camera.json"
FILLED = ROOT / "src/aigov/data/examples/checklists/resume-screener-filled.csv"
ROLES = ("ai-service-provider", "business-user")


@pytest.fixture(scope="module", params=["json", "csv", "xlsx"])
def old(request: pytest.FixtureRequest) -> Checklist:
    if request.param == "xlsx":
        pytest.importorskip("openpyxl")
    return load_checklist(OLD / f"public-space-camera-per-role.{request.param}")


def _rows() -> list[dict[str, object]]:
    data = json.loads((OLD / "public-space-camera-per-role.json").read_text(encoding="utf-8"))
    rows: list[dict[str, object]] = data["items"]
    return rows


def test_rows_of_one_question_become_one_item_with_the_union_of_roles(old: Checklist) -> None:
    raw = _rows()
    assert old.migration is not None
    assert (old.migration.rows, old.migration.items) == (len(raw), len({r["id"] for r in raw}))
    assert len({i.id for i in old.items}) == len(old.items)
    assert all(item.roles == ROLES for item in old.items)
    assert old.migration.digest == "valid"  # checked over the rows as they were written


def test_agreeing_rows_carry_their_answer(old: Checklist) -> None:
    item = next(i for i in old.items if i.id == "jp-ai-util-2019:proper-utilization/1")
    assert (item.status, item.evidence) == ("yes", "Camera privacy review CR-7 (2026-09).")
    assert item.id not in {m.item for m in old.migration.disagreements}  # type: ignore[union-attr]


def test_disagreeing_rows_keep_the_worst_status_and_all_evidence_and_are_named(
    old: Checklist,
) -> None:
    assert old.migration is not None
    by_item = {m.item: m for m in old.migration.disagreements}
    assert sorted(by_item) == [f"jp-ai-util-2019:collaboration/{n}" for n in (1, 2, 3)]
    # The rows as the file numbers them: JSON indexes, or spreadsheet lines (header on line 1).
    first = by_item["jp-ai-util-2019:collaboration/1"].rows
    assert first == ((6, 27) if old.migration.spreadsheet else (4, 25))
    items = {i.id: i for i in old.items}
    yes_no = items["jp-ai-util-2019:collaboration/1"]
    assert yes_no.status == "no" == by_item[yes_no.id].status
    assert yes_no.evidence == "Signage photos in the site file."
    assert yes_no.justification == "The operator has not put up signs yet."
    assert yes_no.answered_by == "Taro Yamada (fictional), Keiko Sato (fictional)"
    assert str(yes_no.answered_at) == "2026-10-03"  # the later of the two
    partial_yes = items["jp-ai-util-2019:collaboration/2"]
    assert partial_yes.status == "partial"
    assert partial_yes.evidence == (
        "Retention set to 30 days on two of three sites.\nRetention policy RP-2."
    )
    # One role answered, the other not: the question is still open for the other.
    assert items["jp-ai-util-2019:collaboration/3"].status is None
    assert items["jp-ai-util-2019:collaboration/3"].evidence == "Access log review AL-1."


def test_json_csv_and_xlsx_forms_read_alike() -> None:
    from_json = load_checklist(OLD / "public-space-camera-per-role.json")
    assert load_checklist(OLD / "public-space-camera-per-role.csv").items == from_json.items
    pytest.importorskip("openpyxl")
    assert load_checklist(OLD / "public-space-camera-per-role.xlsx").items == from_json.items


def test_the_gate_works_on_a_per_role_sheet(old: Checklist) -> None:
    with pytest.raises(VersionDriftError):  # made with earlier rules and catalogue
        gaps(old)
    report = gaps(old, allow_version_drift=True)
    assert [n.kind for n in report.notes] == ["per-role", "version-drift"]
    assert report.tampered == ()
    # Items come from this run's assessment: those the old sheet lacks are open.
    expected = make_checklist(check(load_profile(PROFILE)), profile=load_profile(PROFILE))
    assert {i.id for i in report.missing_items} == {i.id for i in expected.items} - {
        i.id for i in old.items
    }
    assert "jp-ai-util-2019:collaboration/1" in {i.id for i in report.open_items}


def test_an_edited_generated_cell_of_a_per_role_sheet_fails_the_gate(tmp_path: Path) -> None:
    data = json.loads((OLD / "public-space-camera-per-role.json").read_text(encoding="utf-8"))
    row = data["items"][3]
    row["severity"] = "low" if row["severity"] != "low" else "high"
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    sheet = load_checklist(path)
    assert sheet.migration is not None
    assert sheet.migration.digest == "invalid"
    report = gaps(sheet, allow_version_drift=True)
    assert not report.passed
    assert [e.kind for e in report.tampered] == ["digest"]


def test_answers_of_a_per_role_sheet_carry_to_a_regenerated_sheet(old: Checklist) -> None:
    profile = load_profile(PROFILE)
    result = carry_answers(old, make_checklist(check(profile), profile=profile))
    items = {i.id: i for i in result.sheet.items}
    assert items["jp-ai-util-2019:proper-utilization/1"].status == "yes"
    assert items["jp-ai-util-2019:collaboration/1"].status == "no"
    assert result.carried == sum(1 for i in old.items if i.status or i.evidence)
    # The question texts of the per-role version named the role: each is flagged for review.
    assert {i.id for i in result.changed} >= {"jp-ai-util-2019:proper-utilization/1"}
    assert gaps(result.sheet).tampered == ()  # a regenerated sheet: its own digest holds


def test_the_command_line_names_the_rows_it_merged() -> None:
    old = OLD / "public-space-camera-per-role.csv"
    result = run_cli("checklist", PROFILE, "--from", old, "--format", "json")
    assert result.code == 0, result.stderr
    assert f"aigov: read the per-role sheet {old}: 42 rows as 21 items" in result.stderr
    assert (
        "aigov: lines 6, 27: jp-ai-util-2019:collaboration/1 (AI service provider, "
        "business user) was answered differently per role; kept “no” (the worst)"
    ) in result.stderr
    assert f"aigov: carried 7 answer(s) over from {old}" in result.stderr
    gate = run_cli("gaps", old, "--allow-version-drift")
    assert "per-role form of earlier versions" in gate.stdout


def test_current_sheets_are_not_taken_for_per_role_ones() -> None:
    assert load_checklist(FILLED).migration is None


def test_an_item_repeated_with_the_same_role_is_still_refused(tmp_path: Path) -> None:
    data = json.loads((OLD / "public-space-camera-per-role.json").read_text(encoding="utf-8"))
    data["items"][21]["role"] = data["items"][0]["role"]  # two rows of one item, one role
    path = tmp_path / "same-role.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValidationFailed, match="appears twice"):
        load_checklist(path)


def test_a_one_role_per_role_sheet_is_known_by_its_digest() -> None:
    """``checklist --role developer`` of the per-role version repeats no item: its digest,
    computed with the role as a string, tells it from a sheet of today (blank, made at 716d02a)."""
    sheet = load_checklist(OLD / "resume-screener-developer-per-role.json")
    assert sheet.migration is not None
    assert (sheet.migration.rows, sheet.migration.items) == (15, 15)
    assert sheet.migration.digest == "valid"
    assert sheet.migration.disagreements == ()
    report = gaps(sheet, allow_version_drift=True)
    assert report.tampered == ()
    assert "per-role" in [n.kind for n in report.notes]


#: Where the two rows of ``collaboration/2`` (answered ``partial`` and ``yes``) are.
_PARTIAL_YES = "jp-ai-util-2019:collaboration/2"
_ROWS_AT = {
    "json": "$.items[5].evidence, $.items[26].evidence",
    "csv": "lines 7, 28, column evidence",
}


def _joined_to(tmp_path: Path, form: str, length: int) -> Path:
    """The per-role fixture with the first ``collaboration/2`` row's evidence lengthened so that
    the evidence of its two rows, joined with a line break, is ``length`` characters."""
    other = [r["evidence"] for r in _rows() if r["id"] == _PARTIAL_YES][1]
    assert isinstance(other, str)
    evidence = "E" * (length - len(other) - 1)
    path = tmp_path / f"long.{form}"
    if form == "json":
        data = json.loads((OLD / "public-space-camera-per-role.json").read_text(encoding="utf-8"))
        next(r for r in data["items"] if r["id"] == _PARTIAL_YES)["evidence"] = evidence
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path
    text = (OLD / "public-space-camera-per-role.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    column = rows[0].index("evidence")
    next(r for r in rows if r and r[0] == _PARTIAL_YES)[column] = evidence
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8-sig", newline="")
    return path


@pytest.mark.parametrize("form", ["json", "csv"])
def test_joined_evidence_longer_than_an_item_holds_is_refused_naming_the_rows(
    tmp_path: Path, form: str
) -> None:
    """Merged evidence over the sheet's limit is refused on reading, with the rows that make it
    up, rather than written out and refused on reading back with the new sheet's line."""
    path = _joined_to(tmp_path, form, 4001)
    with pytest.raises(ValidationFailed) as info:
        load_checklist(path)
    assert [str(issue) for issue in info.value.issues] == [
        f"{path}: {_ROWS_AT[form]}: {_PARTIAL_YES} was answered differently per role and its "
        "evidence, joined from these rows, would be 4001 characters: an item holds at most 4000 "
        "(shorten the evidence of these rows until the joined text fits, or answer the rows "
        "alike so that one answer is carried as it is)"
    ]
    result = run_cli("checklist", PROFILE, "--from", path, "--format", "json")
    assert result.code != 0
    assert result.stdout == ""
    assert _ROWS_AT[form] in result.stderr


def test_joined_evidence_at_the_limit_is_kept_whole_and_reads_back(tmp_path: Path) -> None:
    """Up to the limit the merge keeps every row's evidence, and the sheet it writes reads back."""
    sheet = load_checklist(_joined_to(tmp_path, "csv", 4000))
    item = next(i for i in sheet.items if i.id == _PARTIAL_YES)
    assert item.evidence is not None
    assert len(item.evidence) == 4000
    assert item.evidence.endswith("E\nRetention policy RP-2.")
    written = tmp_path / "written.csv"
    written.write_text(sheet.to_csv(), encoding="utf-8", newline="")
    assert load_checklist(written).items == sheet.items


def test_joined_owners_and_justifications_are_held_to_their_limits_too(tmp_path: Path) -> None:
    """Every joined field is checked, each with its own limit, and all are named at once."""
    data = json.loads((OLD / "public-space-camera-per-role.json").read_text(encoding="utf-8"))
    data["items"][4]["answered_by"] = "O" * 200  # joined with ", Keiko Sato (fictional)"
    data["items"][4]["justification"] = "J" * 4000  # joined with a line and the other's
    path = tmp_path / "owners.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        load_checklist(path)
    assert [(i.path, i.message.rpartition(": ")[2]) for i in info.value.issues] == [
        ("$.items[4].justification, $.items[25].justification", "an item holds at most 4000"),
        ("$.items[4].answered_by, $.items[25].answered_by", "an item holds at most 200"),
    ]
