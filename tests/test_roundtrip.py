"""Every document kind -> model -> JSON gives back the canonical bytes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aigov._jsonio import dumps_canonical
from aigov.checklist import Checklist, load_checklist
from aigov.coverage import PolicyDocument
from aigov.crosswalk import MappingSet
from aigov.models import CatalogDocument
from aigov.profile import SystemProfile
from aigov.report import render_checklist
from aigov.rules import RuleSet

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "aigov" / "data"

CASES: list[tuple[type[Any], Path]] = [
    *((CatalogDocument, p) for p in sorted((DATA / "catalog").glob("*.json"))),
    *((MappingSet, p) for p in sorted((DATA / "mappings").glob("*.json"))),
    (RuleSet, DATA / "rules" / "builtin.json"),
    *((SystemProfile, p) for p in sorted((DATA / "examples" / "profiles").glob("*.json"))),
    *((PolicyDocument, p) for p in sorted((DATA / "examples" / "policies").glob("*.json"))),
    *((CatalogDocument, p) for p in sorted((DATA / "examples" / "packs").glob("*.json"))),
]


def _canonical(path: Path) -> str:
    return dumps_canonical(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize(("model", "path"), CASES, ids=lambda c: getattr(c, "name", ""))
def test_document_round_trips_to_its_canonical_form(model: type[Any], path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    loaded = model.model_validate_json(text)
    if isinstance(loaded, SystemProfile):
        dumped: Any = loaded.to_json_dict()
    else:
        dumped = loaded.model_dump(mode="json", by_alias=True, exclude_unset=True)
    assert dumps_canonical(dumped) == _canonical(path)


# The examples are laid out for people to read them (id and kind first), not canonically.
@pytest.mark.parametrize(
    "path", [p for _, p in CASES if "data" in p.parts and "examples" not in p.parts]
)
def test_shipped_data_files_are_stored_canonically(path: Path) -> None:
    assert path.read_text(encoding="utf-8") == _canonical(path)


def test_check_sheet_round_trips_through_json_and_csv(tmp_path: Path) -> None:
    sheet = load_checklist(DATA / "examples" / "checklists" / "resume-screener-filled.csv")
    as_json = render_checklist(sheet, "json")
    assert render_checklist(Checklist.model_validate_json(as_json), "json") == as_json
    path = tmp_path / "again.csv"
    path.write_text(render_checklist(sheet, "csv"), encoding="utf-8", newline="")
    assert render_checklist(load_checklist(path), "json") == as_json


def test_profile_extensions_survive_the_round_trip() -> None:
    doc = json.loads(
        (ROOT / "src/aigov/data/examples/profiles/resume-screener.json").read_text("utf-8")
    )
    doc["x-owner"] = {"team": "人事部", "ticket": 42}
    doc["data"]["x-retention"] = "90 days"
    again = SystemProfile.model_validate(doc).to_json_dict()
    assert dumps_canonical(again) == dumps_canonical(doc)
