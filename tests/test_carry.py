"""Regenerating a sheet keeps its answers: ``aigov checklist PROFILE --from OLD_SHEET``."""

from __future__ import annotations

from pathlib import Path

import pytest

from aigov.assess import check
from aigov.checklist import Checklist, carry_answers, gaps, load_checklist, make_checklist
from aigov.models import LocalizedText
from aigov.profile import load_profile
from aigov.testing import run_cli

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "src/aigov/data/examples/profiles/resume-screener.json"
FILLED = ROOT / "src/aigov/data/examples/checklists/resume-screener-filled.csv"


@pytest.fixture(scope="module")
def filled() -> Checklist:
    return load_checklist(FILLED)


def _blank(role: str | None = None) -> Checklist:
    profile = load_profile(PROFILE)
    return make_checklist(check(profile), role, profile=profile)


def test_answers_carry_over_to_the_same_items(filled: Checklist) -> None:
    result = carry_answers(filled, _blank())
    assert result.sheet == filled
    assert result.carried == sum(1 for i in filled.items if i.status)
    assert result.changed == ()
    assert result.dropped == ()
    assert gaps(result.sheet).passed  # the digest still holds: only answers changed


def test_an_answer_to_a_changed_question_is_carried_and_flagged(filled: Checklist) -> None:
    first = filled.items[1]
    assert first.status
    reworded = first.model_copy(
        update={"question": LocalizedText(ja="旧い問い", en="Old question")}
    )
    earlier = filled.model_copy(update={"items": (filled.items[0], reworded, *filled.items[2:])})
    result = carry_answers(earlier, _blank())
    assert [i.id for i in result.changed] == [first.id]
    assert result.sheet.items[1].status == first.status
    assert result.sheet.items[1].question == first.question  # the new question


def test_answered_items_the_new_sheet_lacks_are_listed(filled: Checklist) -> None:
    result = carry_answers(filled, _blank("developer"))
    assert {i.roles for i in result.sheet.items} == {("developer",)}
    # Every item the developer's sheet lacks concerns other roles only (2019 or 2024 ones).
    assert all("developer" not in i.roles for i in result.dropped)
    assert ("business-user",) in {i.roles for i in result.dropped}
    assert all(i.status or i.evidence for i in result.dropped)


def test_the_cli_regenerates_a_sheet_with_its_answers(tmp_path: Path) -> None:
    out = tmp_path / "new.csv"
    made = run_cli("checklist", PROFILE, "--from", FILLED, "--format", "csv", "-o", out)
    assert made.code == 0, made.stderr
    assert made.stderr.startswith("aigov: carried 74 answer(s) over from ")
    assert run_cli("gaps", out).code == 0
    dropped = run_cli("checklist", PROFILE, "--role", "developer", "--from", FILLED)
    assert "aigov: dropped jp-ai-util-2019:fairness/1 (answered yes)" in (dropped.stderr)
