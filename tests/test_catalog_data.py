"""Data-driven checks of the shipped catalogue against its sources.

The facts pinned here come from two places:

* the Report 2022 summary (報告書2022 概要, the project's seed source): the 22
  values to respect, their domestic counts and the good-practice perspectives
  are parsed from verbatim excerpts of it, and
  :func:`test_seed_excerpts_are_verbatim` proves the excerpts are in the seed;
* the project's REFERENCE file (§1.2, §2.2–§2.4 and §11): principle names,
  actors, the 2019 actor matrix and the sub-item headings are transcribed
  below, and ``test_*_match_reference`` re-parses the file to prove the
  transcription.

The source files live outside the repository; set ``AIGOV_SOURCES`` to their
folder.  Only the provenance checks need them (they skip, saying so, when the
folder is missing); every check of the data runs everywhere.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from aigov._wizard import wizard_data
from aigov.bibliography import builtin_bibliography
from aigov.catalog import (
    BUILTIN_PACKS,
    KINDS,
    Catalog,
    Item,
    builtin_catalog,
    load_catalog,
    load_pack,
)
from aigov.models import (
    CatalogDocument,
    LocalizedText,
    Practice,
    PracticeItem,
    Principle,
    RelationKind,
    Source,
    SubItem,
    Value,
    Verification,
)
from aigov.rules import builtin_rules
from aigov.schemas import validate
from aigov.triage import regime_sources

# -- the sources ------------------------------------------------------------------------

SOURCES = Path(os.environ.get("AIGOV_SOURCES", "/work/shared/sources"))
SEED = SOURCES / "000_37735b3b8ce20472.txt"
REFERENCE = SOURCES / "REFERENCE.md"

#: Report 2022 summary, domestic comparison: "value count" per line.
SEED_DOMESTIC_TABLE = """\
1. 人間中心 5
2. 人間の尊厳 17
3. 多様性、包摂 5
4. 持続可能な社会 9
5. 国際協力 1
6. 適正な利用 17
7. 教育、リテラシー 14
8. 人間の判断の介在、制御可能性 6
9.  適正な学習（学習データの質） 7
10. AI間の連携 4
11. 安全性 14

12. セキュリティ 19
13. プライバシー 21
14. 公平性 21
15. 透明性、説明可能性 20
16. アカウンタビリティ 20
17. 堅牢性 3
18. 責任 3
19. 追跡可能性 4
20. モニタリング、監査 3
21. ガバナンス 2
22. コスト 1"""

#: Report 2022 summary, overseas comparison: three columns of numbered values.
SEED_OVERSEAS_TABLE = """\
調査を通じて、22の「尊重すべき価値」を確認※５

1. 人間中心 9.  適正な学習（学習データの質） 17. 堅牢性
2. 人間の尊厳 10. AI間の連携 18. 責任
3. 多様性、包摂 11. 安全性 19. 追跡可能性
4. 持続可能な社会 12. セキュリティ 20. モニタリング、監査
5. 国際協力 13. プライバシー 21. ガバナンス
6. 適正な利用 14. 公平性 22. その他（コスト、効果測定）
7. 教育、リテラシー 15. 透明性、説明可能性
8. 人間の判断の介在、制御可能性 16. アカウンタビリティ
"""

#: Report 2022 summary, note ※５: which of the 22 values are new.
SEED_NEW_VALUES_NOTE = (
    "※５ 1.～16.までは、AIガイドライン比較表（「報告書2019」別紙２）における項目と同じ項目。"
    "17.～22.が新たに確認した項目。"
)

#: Report 2022 summary, chapter 2 ②: the nine AI ethics/governance perspectives.
SEED_ETHICS_PERSPECTIVES = (
    "各事業者等のAI倫理・ガバナンスに関する取組について、「指針・ガイドライン・原則」、"
    "「組織・体制」、「セキュリティ」、「プライバシー」、「公平性」、「透明性・アカ\n"
    "ウンタビリティ」、「適正利用」、「品質保証・開発レビュー」及び「外部との連携・協働」の観点から整理。"
)

#: Report 2022 summary, chapter 2 ④: the three focus areas.
SEED_FOCUS_AREAS = (
    "特に注目すべき分野として、「新型コロナウイルス感染症対策」、「医療・ヘルスケア」及び"
    "「高齢者・障害者」に関する取組について整\n理。"
)

#: Report 2022 summary, chapter 2 ⑤: the headings of the last two groups.
SEED_OTHER_GROUPS = ("人材育成に関する取組", "AIサプライチェーンに関する取組")

#: Report 2022 summary, chapter 3: the month each guideline was adopted.
SEED_GUIDELINE_DATES = "AI開発ガイドライン（2017年７月）やAI利活用ガイドライン（2019年８月）"

SEED_EXCERPTS = {
    "domestic-table": SEED_DOMESTIC_TABLE,
    "overseas-table": SEED_OVERSEAS_TABLE,
    "new-values-note": SEED_NEW_VALUES_NOTE,
    "ethics-perspectives": SEED_ETHICS_PERSPECTIVES,
    "focus-areas": SEED_FOCUS_AREAS,
    "human-resources": SEED_OTHER_GROUPS[0],
    "supply-chain": SEED_OTHER_GROUPS[1],
    "guideline-dates": SEED_GUIDELINE_DATES,
}


def _read_source(path: Path) -> str:
    if not path.is_file():
        pytest.skip(f"source file {path} is not available (set AIGOV_SOURCES)")
    return path.read_text(encoding="utf-8")


def _quoted(text: str) -> list[str]:
    """The 「...」 quotations of a seed excerpt, with its line breaks removed."""
    return re.findall(r"「(.+?)」", text.replace("\n", ""))


@cache
def domestic_table() -> dict[int, tuple[str, int]]:
    """Value number -> (Japanese label, number of domestic guidelines naming it)."""
    rows = re.findall(r"^(\d+)\.\s+(\S+) (\d+)$", SEED_DOMESTIC_TABLE, flags=re.MULTILINE)
    return {int(n): (label, int(count)) for n, label, count in rows}


@cache
def overseas_table() -> dict[int, str]:
    """Value number -> Japanese label in the overseas comparison."""
    body = SEED_OVERSEAS_TABLE.split("\n", 1)[1]
    return {int(n): label for n, label in re.findall(r"(\d+)\.\s+(\S+)", body)}


def new_value_numbers() -> range:
    found = re.search(r"(\d+)\.～(\d+)\.が新たに確認した項目", SEED_NEW_VALUES_NOTE)
    assert found is not None
    return range(int(found[1]), int(found[2]) + 1)


# -- facts transcribed from REFERENCE ---------------------------------------------------

#: REFERENCE §1.2: the nine AI R&D principles (slug, Japanese name, English name).
RD_2017 = (
    ("collaboration", "連携の原則", "Principle of collaboration"),
    ("transparency", "透明性の原則", "Principle of transparency"),
    ("controllability", "制御可能性の原則", "Principle of controllability"),
    ("safety", "安全の原則", "Principle of safety"),
    ("security", "セキュリティの原則", "Principle of security"),
    ("privacy", "プライバシーの原則", "Principle of privacy"),
    ("ethics", "倫理の原則", "Principle of ethics"),
    ("user-assistance", "利用者支援の原則", "Principle of user assistance"),
    ("accountability", "アカウンタビリティの原則", "Principle of accountability"),
)

#: REFERENCE §2.3: the ten AI utilization principles.
UTIL_2019 = (
    ("proper-utilization", "適正利用の原則", "Principle of proper utilization"),
    ("data-quality", "適正学習の原則", "Principle of data quality"),
    ("collaboration", "連携の原則", "Principle of collaboration"),
    ("safety", "安全の原則", "Principle of safety"),
    ("security", "セキュリティの原則", "Principle of security"),
    ("privacy", "プライバシーの原則", "Principle of privacy"),
    ("dignity-autonomy", "尊厳・自律の原則", "Principle of human dignity and individual autonomy"),
    ("fairness", "公平性の原則", "Principle of fairness"),
    ("transparency", "透明性の原則", "Principle of transparency"),
    ("accountability", "アカウンタビリティの原則", "Principle of accountability"),
)

#: REFERENCE §2.2 (and §1.2 key actors): role id -> Japanese term.
ROLES = {
    "developer": "開発者",
    "ai-service-provider": "AIサービスプロバイダ",
    "business-user": "ビジネス利用者",
    "consumer-user": "消費者的利用者",
    "data-provider": "データ提供者",
    "indirect-user": "間接利用者",
    "third-party": "第三者",
}

ASP, BU, CU, DP = "ai-service-provider", "business-user", "consumer-user", "data-provider"

#: REFERENCE §2.3 actor matrix, rows 1-9: role -> qualifier of the ``addresses`` relation.
#: ● (named subject) is ``named``, ○ (covered via 利用者) is ``via-users``.
#: Row 10 is ambiguous in the reference (2018 draft vs 2019 final) and is tested apart.
ACTOR_MATRIX: dict[str, dict[str, str]] = {
    "proper-utilization": {ASP: "via-users", BU: "via-users", CU: "via-users", DP: "sub-item"},
    "data-quality": {ASP: "via-users", BU: "via-users", CU: "via-users", DP: "named"},
    "collaboration": {ASP: "named", BU: "named", CU: "via-users", DP: "named"},
    "safety": {ASP: "via-users", BU: "via-users", CU: "via-users"},
    "security": {ASP: "via-users", BU: "via-users", CU: "via-users", DP: "named"},
    "privacy": {ASP: "via-users", BU: "via-users", CU: "via-users", DP: "named"},
    "dignity-autonomy": {ASP: "via-users", BU: "via-users", CU: "via-users"},
    "fairness": {ASP: "named", BU: "named", DP: "named"},
    "transparency": {ASP: "named", BU: "named"},
}
_MATRIX_MARKS = {"●": "named", "○": "via-users", "(sub-item)": "sub-item"}

#: REFERENCE §2.4: the 2019 (ア)(イ)(ウ)... sub-item headings (all unverified there).
SUB_ITEMS_2019: dict[str, tuple[str, ...]] = {
    "proper-utilization": (
        "適正な範囲・方法での利用",
        "人間の判断の介在",
        "関係者間の協力による事故等の防止・対応",
    ),
    "data-quality": (
        "AIの学習等に用いるデータの質への留意",
        "不正確又は不適切なデータの学習等によるAIのセキュリティ脆弱性への留意",
    ),
    "collaboration": (
        "相互接続性と相互運用性への留意",
        "データ形式やプロトコル等の標準化への対応",
        "AIがネットワーク化することにより惹起・増幅される課題への留意",
    ),
    "safety": ("人の生命・身体・財産への配慮",),
    "security": (
        "セキュリティ対策の実施",
        "セキュリティ対策のためのサービス提供等",
        "AIの学習モデルに対するセキュリティ脆弱性への留意",
    ),
    "privacy": (
        "利活用の各段階における他者又は自己のプライバシーの尊重",
        "パーソナルデータの収集・前処理・提供等におけるプライバシーの尊重",
        "自己等のプライバシー侵害への留意及びパーソナルデータ流出の防止",
    ),
    "dignity-autonomy": (
        "人間の尊厳と個人の自律の尊重",
        "AIによる意思決定・感情の操作等への留意",
        "AIと人間の脳・身体を連携する際の生命倫理等の議論の参照",
        "AIを利用したプロファイリングを行う場合における不利益への配慮",
    ),
    "fairness": (
        "AIの学習等に用いられるデータの代表性への留意",
        "学習アルゴリズムによるバイアスへの留意",
        "人間の判断の介在",
    ),
    "transparency": ("AIの入出力等のログの記録・保存", "説明可能性の確保"),
    "accountability": ("アカウンタビリティを果たす努力", "AIに関する利用方針の通知・公表"),
}
_MARKERS = "アイウエオカキク"

DOMESTIC_COUNTS = (5, 17, 5, 9, 1, 17, 14, 6, 7, 4, 14, 19, 21, 21, 20, 20, 3, 3, 4, 3, 2, 1)

FRAMEWORK_IDS = ("jp-ai-rd-2017", "jp-ai-util-2019", "jp-values-2022", "jp-practices-2022")


def _reference_section(start: str, end: str) -> str:
    """The text of REFERENCE from ``start`` up to the next ``end``."""
    text = _read_source(REFERENCE)
    begin = text.index(start)
    return text[begin : text.index(end, begin)]


def _reference_rows(start: str, end: str) -> list[list[str]]:
    """Cells of the numbered table rows between two markers of REFERENCE."""
    body = _reference_section(start, end)
    rows = []
    for line in body.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0].isdigit():
            rows.append(cells)
    return rows


# -- the shipped files ------------------------------------------------------------------

CATALOG_DIR = files("aigov.data").joinpath("catalog")
SHIPPED_FILES = sorted(
    entry.name
    for entry in CATALOG_DIR.iterdir()
    if entry.name.endswith(".json") and not entry.name.startswith(".")
)
# The packs of the Japanese guidelines that this module checks item by item;
# the international frameworks have their own tests (test_frameworks_data.py).
PACK_FILES = ["jp-guidelines.json", "jp-practices-2022.json", "jp-values-2022.json"]


def _pack_text(name: str) -> str:
    return CATALOG_DIR.joinpath(name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The Japanese guidelines' packs alone, as shipped."""
    return load_catalog(*(str(CATALOG_DIR.joinpath(n)) for n in PACK_FILES), builtin=False)


def _all_items(catalog: Catalog) -> Iterator[tuple[str, Item]]:
    for kind in KINDS:
        for item in catalog.items(kind):
            yield kind, item


def _principles(catalog: Catalog, framework: str) -> list[Principle]:
    return catalog.filter_principles(framework=framework)


# -- provenance of the pinned facts -----------------------------------------------------


@pytest.mark.parametrize("name", list(SEED_EXCERPTS))
def test_seed_excerpts_are_verbatim(name: str) -> None:
    """Every excerpt the data tests parse is copied verbatim from the seed source."""
    assert SEED_EXCERPTS[name] in _read_source(SEED)


def test_seed_tables_parse_completely() -> None:
    """Both value tables of the seed yield the 22 numbered values, with the counts pinned."""
    assert sorted(domestic_table()) == list(range(1, 23))
    assert sorted(overseas_table()) == list(range(1, 23))
    assert tuple(count for _, count in domestic_table().values()) == DOMESTIC_COUNTS
    assert new_value_numbers() == range(17, 23)


def test_principle_names_match_reference() -> None:
    """The transcribed principle names equal REFERENCE §1.2 and §2.3, in order."""
    rd = _reference_rows("### 1.2", "Selected comment")
    util = _reference_rows("### 2.3", "Short-form keywords")
    assert [(int(r[0]), r[1], r[2]) for r in rd] == [
        (n, ja, en) for n, (_, ja, en) in enumerate(RD_2017, start=1)
    ]
    assert [(int(r[0]), r[1], r[2]) for r in util] == [
        (n, ja, en) for n, (_, ja, en) in enumerate(UTIL_2019, start=1)
    ]


def test_actor_matrix_matches_reference() -> None:
    """The transcribed actor matrix equals REFERENCE §2.3 rows 1-9 (● named, ○ via users)."""
    body = _reference_section("Actor × principle matrix", "### 2.4")
    rows = [line for line in body.splitlines() if re.match(r"^\| \d+ ", line)]
    assert len(rows) == 10
    parsed: dict[str, dict[str, str]] = {}
    for line, (slug, _, _) in zip(rows[:9], UTIL_2019[:9], strict=True):
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        marks = dict(zip((ASP, BU, CU, DP), cells[1:], strict=True))
        # A mark may carry a remark: "○ (risk-awareness clause)".
        firsts = {
            role: m if m in _MATRIX_MARKS else m.split(" ", 1)[0] for role, m in marks.items()
        }
        parsed[slug] = {role: _MATRIX_MARKS[m] for role, m in firsts.items() if m in _MATRIX_MARKS}
    assert parsed == ACTOR_MATRIX


def test_sub_item_headings_match_reference() -> None:
    """The transcribed sub-item headings equal REFERENCE §2.4 (2019 final, ア/イ/ウ...)."""
    body = _reference_section("**2019 final", "**2018 draft")
    rows = [line for line in body.splitlines() if re.match(r"^\| [①-⑩] ", line)]
    assert len(rows) == len(UTIL_2019)
    for line, (slug, _, _) in zip(rows, UTIL_2019, strict=True):
        headings = line.strip().strip("|").split("|")[1].split(" / ")
        assert tuple(h.strip()[2:] for h in headings) == SUB_ITEMS_2019[slug]
        assert "".join(h.strip()[0] for h in headings) == _MARKERS[: len(headings)]


def test_role_terms_match_reference() -> None:
    """Every pinned Japanese role term is a term of the REFERENCE §2.2 actors table."""
    actors = _reference_section("### 2.2", "### 2.3")
    for term in ROLES.values():
        assert f"| {term} |" in actors, term


# -- the shipped files: schema, canonical form, packs -----------------------------------


def test_every_shipped_pack_is_listed_in_load_order() -> None:
    """Every shipped pack is named in BUILTIN_PACKS, the Japanese guidelines' packs among them."""
    assert sorted(f"{name}.json" for name in BUILTIN_PACKS) == SHIPPED_FILES
    assert set(PACK_FILES) <= set(SHIPPED_FILES)
    assert BUILTIN_PACKS[:3] == ("jp-guidelines", "jp-values-2022", "jp-practices-2022")


@pytest.mark.parametrize("name", SHIPPED_FILES)
def test_pack_validates_against_the_catalog_schema(name: str) -> None:
    """Every shipped data file validates against the bundled "catalog" JSON Schema."""
    assert validate(json.loads(_pack_text(name)), "catalog", source=name) == "catalog"


@pytest.mark.parametrize("name", SHIPPED_FILES)
def test_pack_is_in_canonical_form(name: str) -> None:
    """Every shipped data file is canonical JSON: sorted keys, 2-space indent, final newline."""
    text = _pack_text(name)
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@pytest.mark.parametrize("name", SHIPPED_FILES)
def test_pack_file_name_is_its_id(name: str) -> None:
    """A pack's file is named after its id, with the kind "catalog" and format version 1."""
    data: dict[str, Any] = json.loads(_pack_text(name))
    assert data["id"] + ".json" == name
    assert data["kind"] == "catalog"
    assert data["format_version"] == "1"


@pytest.mark.parametrize("name", SHIPPED_FILES)
def test_pack_passes_the_strict_loader(name: str) -> None:
    """The fully checked loader (duplicate keys refused) reads each file as the fast path does."""
    with CATALOG_DIR.joinpath(name).open("rb") as handle:
        builtin = CatalogDocument.model_validate_json(handle.read())
    # load_pack needs a real path; importlib.resources gives one for an installed package.
    doc, source = load_pack(str(CATALOG_DIR.joinpath(name)))
    assert doc == builtin
    assert source.endswith(name)


def test_all_packs_share_one_version() -> None:
    """All shipped packs carry the same data version."""
    versions = {json.loads(_pack_text(name))["version"] for name in SHIPPED_FILES}
    assert len(versions) == 1


# -- frameworks -------------------------------------------------------------------------


def test_frameworks_are_the_four_documents_in_order(catalog: Catalog) -> None:
    """The catalogue has the four frameworks, in document order."""
    assert tuple(fw.id for fw in catalog.frameworks) == FRAMEWORK_IDS


@pytest.mark.parametrize(
    ("framework_id", "date"),
    [("jp-ai-rd-2017", dt.date(2017, 7, 28)), ("jp-ai-util-2019", dt.date(2019, 8, 9))],
)
def test_guideline_dates(catalog: Catalog, framework_id: str, date: dt.date) -> None:
    """The two guidelines carry their REFERENCE §0 dates."""
    assert catalog.framework(framework_id).date == date


def test_guideline_months_agree_with_the_seed(catalog: Catalog) -> None:
    """The seed dates the guidelines July 2017 and August 2019; the data agree."""
    months = re.findall(r"(\d{4})年(\d+)月", unicodedata.normalize("NFKC", SEED_GUIDELINE_DATES))
    assert months == [("2017", "7"), ("2019", "8")]
    for fw_id, (year, month) in zip(("jp-ai-rd-2017", "jp-ai-util-2019"), months, strict=True):
        date = str(catalog.framework(fw_id).date)
        assert date[:7] == f"{year}-{int(month):02d}"


@pytest.mark.parametrize("framework_id", ["jp-values-2022", "jp-practices-2022"])
def test_report_2022_frameworks_are_dated_2022(catalog: Catalog, framework_id: str) -> None:
    """The two Report 2022 frameworks are dated in 2022 (the exact day is unverified)."""
    assert str(catalog.framework(framework_id).date).startswith("2022")


@pytest.mark.parametrize(
    ("framework_id", "ja", "en"),
    [
        (
            "jp-ai-rd-2017",
            "国際的な議論のためのAI開発ガイドライン案",
            "Draft AI R&D Guidelines for International Discussions",
        ),
        (
            "jp-ai-util-2019",
            "AI利活用ガイドライン ～AI利活用のためのプラクティカルリファレンス～",
            "AI Utilization Guidelines — Practical Reference for AI utilization",
        ),
    ],
)
def test_guideline_titles(catalog: Catalog, framework_id: str, ja: str, en: str) -> None:
    """The guidelines carry their official titles (REFERENCE §0)."""
    assert catalog.framework(framework_id).label == LocalizedText(ja=ja, en=en)


@pytest.mark.parametrize("framework_id", FRAMEWORK_IDS)
def test_framework_has_title_issuer_and_url(catalog: Catalog, framework_id: str) -> None:
    """Each framework has a ja/en title, a ja/en issuer (MIC) and an http(s) URL."""
    fw = catalog.framework(framework_id)
    assert fw.label.ja.strip()
    assert fw.label.en.strip()
    assert "総務省" in fw.issuer.ja
    assert "MIC" in fw.issuer.en
    assert fw.url is not None
    assert fw.url.startswith(("https://", "http://"))
    assert fw.source.document == framework_id


# -- principles -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("framework_id", "expected"),
    [("jp-ai-rd-2017", RD_2017), ("jp-ai-util-2019", UTIL_2019)],
)
def test_principles_in_official_order(
    catalog: Catalog, framework_id: str, expected: tuple[tuple[str, str, str], ...]
) -> None:
    """Each guideline's principles have the pinned ids, numbers 1..n and ja/en names, in order."""
    got = [(p.id, p.number, p.label.ja, p.label.en) for p in _principles(catalog, framework_id)]
    assert got == [
        (f"{framework_id}:{slug}", n, ja, en) for n, (slug, ja, en) in enumerate(expected, start=1)
    ]


def test_catalogue_has_only_the_nineteen_principles(catalog: Catalog) -> None:
    """No principle exists beyond the 9 + 10 of the two guidelines."""
    assert len(catalog.principles) == len(RD_2017) + len(UTIL_2019)
    assert {p.kind for p in catalog.principles} == {"principle"}


def test_every_principle_embodies_a_value_and_addresses_a_role(catalog: Catalog) -> None:
    """Every principle of both guidelines embodies >= 1 value and addresses >= 1 role."""
    for principle in catalog.principles:
        assert catalog.values_of(principle.id), principle.id
        assert catalog.roles_of(principle.id), principle.id


def test_rd_principles_address_exactly_developers(catalog: Catalog) -> None:
    """All nine 2017 principles are addressed to developers only, as the named subject."""
    for principle in _principles(catalog, "jp-ai-rd-2017"):
        rels = catalog.relations_from(principle.id, RelationKind.ADDRESSES)
        assert [(r.object, r.qualifier) for r in rels] == [("developer", "named")]


@pytest.mark.parametrize("slug", list(ACTOR_MATRIX))
def test_utilization_principle_actors_follow_the_matrix(catalog: Catalog, slug: str) -> None:
    """A 2019 principle addresses exactly the actors of REFERENCE §2.3, with ●/○ as qualifier."""
    rels = catalog.relations_from(f"jp-ai-util-2019:{slug}", RelationKind.ADDRESSES)
    assert {r.object: r.qualifier for r in rels} == ACTOR_MATRIX[slug]


def test_matrix_highlights(catalog: Catalog) -> None:
    """Transparency is for providers and business users; fairness skips consumers; data
    quality includes data providers."""
    assert catalog.roles_of("jp-ai-util-2019:transparency") == [ASP, BU]
    assert CU not in catalog.roles_of("jp-ai-util-2019:fairness")
    assert DP in catalog.roles_of("jp-ai-util-2019:data-quality")


def test_utilization_accountability_actors(catalog: Catalog) -> None:
    """Accountability (row 10, 2018 vs 2019 uncertain) names providers and business users in
    both readings and never data providers."""
    rels = catalog.relations_from("jp-ai-util-2019:accountability", RelationKind.ADDRESSES)
    roles = {r.object: r.qualifier for r in rels}
    assert roles[ASP] == "named"
    assert roles[BU] == "named"
    assert DP not in roles
    assert set(roles) <= {ASP, BU, CU}


def test_indirect_users_and_third_parties_are_never_addressed(catalog: Catalog) -> None:
    """Indirect users and third parties are protected by the principles, not their addressees."""
    assert catalog.principles_addressing("indirect-user") == []
    assert catalog.principles_addressing("third-party") == []


def test_rd_principles_have_no_sub_items(catalog: Catalog) -> None:
    """The 2017 principles carry no sub-items (their commentary is not modelled)."""
    assert all(not p.items for p in _principles(catalog, "jp-ai-rd-2017"))


#: Sub-items whose English label is a heading of the 2018 draft word for word, as the
#: data audit of November 2026 found on linking-ai-principles.org: marked ``partial``
#: (the 2019 Japanese headings stay unverified).
SUB_ITEMS_WITH_2018_HEADING = {
    "proper-utilization/a": "Utilization in the proper scope and manner",
    "proper-utilization/b": "Human intervention",
    "collaboration/a": "Attention to the interconnectivity and interoperability of AI systems",
    "collaboration/b": "Address to the standardization of data formats, protocols, etc.",
    "collaboration/c": "Attention to problems caused and amplified by AI networking",
    "dignity-autonomy/a": "Respect for human dignity and individual autonomy",
    "dignity-autonomy/b": "Attention to the manipulation of human decision making, emotions, etc.",
    "fairness/a": "Attention to the representativeness of data used for learning or other methods of AI",
    "fairness/c": "Human intervention",
    "accountability/a": "Efforts to fulfill accountability",
    "accountability/b": "Notification and publication of usage policy on AI systems or AI services",
}


@pytest.mark.parametrize("slug", list(SUB_ITEMS_2019))
def test_utilization_sub_items(catalog: Catalog, slug: str) -> None:
    """2019 sub-items have ids '<principle>/<letter>', numbers 1.., markers ア/イ/ウ and the
    REFERENCE §2.4 headings; none is verified (their 2019 headings were never seen)."""
    principle = catalog.principle(f"jp-ai-util-2019:{slug}")
    expected = SUB_ITEMS_2019[slug]
    assert [(s.id, s.number, s.marker, s.label.ja) for s in principle.items] == [
        (f"{principle.id}/{'abcdefgh'[i]}", i + 1, _MARKERS[i], ja) for i, ja in enumerate(expected)
    ]
    assert Verification.VERIFIED not in {s.source.verification for s in principle.items}


def test_sub_items_are_partial_exactly_where_a_2018_heading_matches(catalog: Catalog) -> None:
    """A sub-item is ``partial`` when its English label is a 2018 draft heading word for word
    (cited with the page), and ``unverified`` otherwise."""
    subs = catalog.items("subitem")
    assert len(subs) == sum(len(v) for v in SUB_ITEMS_2019.values())
    for sub in subs:
        assert isinstance(sub, SubItem)
        key = sub.id.removeprefix("jp-ai-util-2019:")
        if key in SUB_ITEMS_WITH_2018_HEADING:
            assert sub.label.en == SUB_ITEMS_WITH_2018_HEADING[key]
            assert sub.source.verification is Verification.PARTIAL, sub.id
            assert [e for e in sub.source.evidence if e.startswith("lap-util-2018-")], sub.id
        else:
            assert sub.source.verification is Verification.UNVERIFIED, sub.id


# -- the corrections of the data audit (November 2026) ----------------------------------


def test_rd_principles_are_verified_except_ethics(catalog: Catalog) -> None:
    """Eight 2017 principles are verified for their shipped fields; ethics, whose statement
    was never seen, stays partial."""
    marks = {p.id: p.source.verification for p in _principles(catalog, "jp-ai-rd-2017")}
    assert marks.pop("jp-ai-rd-2017:ethics") is Verification.PARTIAL
    assert set(marks.values()) == {Verification.VERIFIED}


def test_data_quality_is_partial_for_its_english_label(catalog: Catalog) -> None:
    """The English label 'Principle of data quality' has no source: the item is partial."""
    source = catalog.principle("jp-ai-util-2019:data-quality").source
    assert source.verification is Verification.PARTIAL
    assert source.note is not None and "was not seen" in source.note


def test_collaboration_reaches_data_providers_only_through_the_2018_draft(
    catalog: Catalog,
) -> None:
    """The stored 2019 statement of ③ stops before data providers: that link is partial."""
    rels = catalog.relations_from("jp-ai-util-2019:collaboration", RelationKind.ADDRESSES)
    marks = {r.object: r.source.verification for r in rels if r.source is not None}
    assert marks[DP] is Verification.PARTIAL
    assert marks[ASP] is marks[BU] is Verification.VERIFIED


def test_accountability_keeps_one_reading_and_says_it_is_unverified(catalog: Catalog) -> None:
    """⑩'s summary follows the 2018 draft and says the 2019 subject is unconfirmed; the
    consumer-user link rests on the recalled 2019 subject and is marked unverified."""
    principle = catalog.principle("jp-ai-util-2019:accountability")
    assert "2018 draft" in principle.summary.en
    assert "not confirmed" in principle.summary.en
    assert "2018年の案" in principle.summary.ja
    (rel,) = [
        r for r in catalog.relations_from(principle.id, RelationKind.ADDRESSES) if r.object == CU
    ]
    assert rel.source is not None
    assert rel.source.verification is Verification.UNVERIFIED
    assert rel.source.note is not None and "does not address consumer users" in rel.source.note


def test_the_2018_draft_carries_its_japanese_title(catalog: Catalog) -> None:
    """The 2018 draft's version names its Japanese title, 「AI利活用原則案」."""
    draft = catalog.framework("jp-ai-util-2019").versions[0]
    assert str(draft.date) == "2018-07-17"
    assert "AI利活用原則案" in draft.version
    assert draft.note is not None and "not in the sources" not in draft.note


# -- values -----------------------------------------------------------------------------


def _values(catalog: Catalog) -> list[Value]:
    return list(catalog.values)


def test_twenty_two_values_in_seed_order(catalog: Catalog) -> None:
    """The 22 values are numbered 1..22, belong to jp-values-2022 and carry the seed's labels."""
    values = _values(catalog)
    assert [v.number for v in values] == list(range(1, 23))
    assert {v.framework for v in values} == {"jp-values-2022"}
    assert all(v.id.startswith("jp-values-2022:") for v in values)
    assert [v.label.ja for v in values] == [label for label, _ in domestic_table().values()]


def test_value_domestic_counts(catalog: Catalog) -> None:
    """Each value's domestic_count is the count in the seed's domestic table."""
    values = _values(catalog)
    assert tuple(v.domestic_count for v in values) == DOMESTIC_COUNTS
    assert [v.domestic_count for v in values] == [c for _, c in domestic_table().values()]


def test_values_new_in_2022(catalog: Catalog) -> None:
    """new_in_2022 is set exactly for values 17-22, as the seed's note ※５ says."""
    assert [v.number for v in _values(catalog) if v.new_in_2022] == list(new_value_numbers())


def test_value_overseas_labels(catalog: Catalog) -> None:
    """A value has an overseas label exactly where the overseas table words it differently."""
    overseas = overseas_table()
    for value in _values(catalog):
        if overseas[value.number] == value.label.ja:
            assert value.overseas_label is None, value.id
        else:
            assert value.overseas_label is not None, value.id
            assert value.overseas_label.ja == overseas[value.number]


def test_cost_value_overseas_label(catalog: Catalog) -> None:
    """Value 22 is "コスト" at home and "その他（コスト、効果測定）" abroad."""
    cost = catalog.value("jp-values-2022:cost")
    assert cost.number == 22
    assert cost.label.ja == "コスト"
    assert cost.overseas_label is not None
    assert cost.overseas_label.ja == "その他（コスト、効果測定）"


# -- roles ------------------------------------------------------------------------------


def test_roles(catalog: Catalog) -> None:
    """The seven roles, in order, with their Japanese terms."""
    assert {r.id: r.label.ja for r in catalog.roles} == ROLES
    assert [r.id for r in catalog.roles] == list(ROLES)


def test_role_frameworks_are_known(catalog: Catalog) -> None:
    """Developers belong to 2017 and 2019, consumer users to 2019 only."""
    assert {"jp-ai-rd-2017", "jp-ai-util-2019"} <= set(catalog.role("developer").frameworks)
    assert catalog.role("consumer-user").frameworks == ("jp-ai-util-2019",)


# -- practices --------------------------------------------------------------------------


def _practices(catalog: Catalog, group: str | None = None) -> list[Practice]:
    return [p for p in catalog.practices if group is None or p.group == group]


def test_fourteen_practice_perspectives(catalog: Catalog) -> None:
    """There are 14 perspectives numbered 1..14, grouped 9 / 3 / 1 / 1 in seed order."""
    practices = _practices(catalog)
    assert [p.number for p in practices] == list(range(1, 15))
    assert [p.group for p in practices] == (
        ["ethics-governance"] * 9 + ["focus-area"] * 3 + ["human-resources", "supply-chain"]
    )


def test_ethics_governance_perspectives_follow_the_seed(catalog: Catalog) -> None:
    """The nine AI ethics/governance perspectives carry the seed's labels, in the seed's order."""
    labels = [p.label.ja for p in _practices(catalog, "ethics-governance")]
    assert labels == _quoted(SEED_ETHICS_PERSPECTIVES)
    assert labels == [
        "指針・ガイドライン・原則",
        "組織・体制",
        "セキュリティ",
        "プライバシー",
        "公平性",
        "透明性・アカウンタビリティ",
        "適正利用",
        "品質保証・開発レビュー",
        "外部との連携・協働",
    ]


def test_other_perspectives_follow_the_seed(catalog: Catalog) -> None:
    """The focus areas, human resources and supply chain carry the seed's headings."""
    focus = [p.label.ja for p in _practices(catalog, "focus-area")]
    assert focus == _quoted(SEED_FOCUS_AREAS)
    (hr,) = _practices(catalog, "human-resources")
    (chain,) = _practices(catalog, "supply-chain")
    assert (hr.label.ja + "に関する取組", chain.label.ja + "に関する取組") == SEED_OTHER_GROUPS


def test_practice_items(catalog: Catalog) -> None:
    """Every perspective has practices whose id is '<perspective>/<kind>'."""
    for practice in _practices(catalog):
        assert practice.items, practice.id
        kinds = [item.kind for item in practice.items]
        assert len(set(kinds)) == len(kinds)
        for item in practice.items:
            assert item.id == f"{practice.id}/{item.kind}"


def test_every_practice_implements_something(catalog: Catalog) -> None:
    """Every perspective puts at least one principle or value into practice."""
    for practice in _practices(catalog):
        assert catalog.relations_from(practice.id, RelationKind.IMPLEMENTS), practice.id


# -- every item, every relation ---------------------------------------------------------


def _texts(item: Item) -> list[LocalizedText]:
    if isinstance(item, PracticeItem):
        return [item.summary]
    texts = [item.label]
    summary = getattr(item, "summary", None)
    if summary is not None:
        texts.append(summary)
    return texts


def test_item_counts(catalog: Catalog) -> None:
    """4 frameworks, 19 principles, 26 sub-items, 22 values, 7 roles, 14 perspectives and
    21 practices: 113 items."""
    counts = {kind: len(catalog.items(kind)) for kind in KINDS}
    assert counts == {
        "framework": 4,
        "principle": 19,
        "subitem": 26,
        "value": 22,
        "role": 7,
        "practice": 14,
        "practice-item": 21,
    }
    assert len(catalog) == sum(counts.values()) == 113


def test_every_item_has_ja_and_en_text(catalog: Catalog) -> None:
    """Every item has a non-blank, trimmed ja and en label (practice items: summary)."""
    for _, item in _all_items(catalog):
        for text in _texts(item):
            for s in (text.ja, text.en):
                assert s.strip(), item.id
                assert s == s.strip(), item.id


def _check_source(source: Source, catalog: Catalog, where: str) -> None:
    assert source.document.strip(), where
    assert source.document in {fw.id for fw in catalog.frameworks}, where
    assert isinstance(source.verification, Verification), where
    if source.url is not None:
        assert source.url.startswith(("https://", "http://")), where


def test_every_item_has_a_source(catalog: Catalog) -> None:
    """Every item names a framework as its source document and a verification mark."""
    for _, item in _all_items(catalog):
        _check_source(item.source, catalog, item.id)


def test_every_relation_is_grounded(catalog: Catalog) -> None:
    """Every relation has a rationale or a source, and a source names a known document."""
    assert catalog.relations
    for rel in catalog.relations:
        where = f"{rel.subject} {rel.predicate.value} {rel.object}"
        assert rel.rationale or rel.source, where
        if rel.rationale is not None:
            assert rel.rationale.strip(), where
        if rel.source is not None:
            _check_source(rel.source, catalog, where)


# -- citations: every key resolves in the packaged bibliography -------------------------

BIBLIOGRAPHY = builtin_bibliography()
DATA_FILES = sorted(
    [f"catalog/{name}" for name in SHIPPED_FILES] + ["rules/builtin.json", "bibliography.json"]
)
#: Bracketed bibliography keys inside a note: ``[lap-util-2018-privacy]``.
_NOTE_KEY = re.compile(r"\[([a-z0-9][a-z0-9.-]*)\]")


def _shipped_sources() -> Iterator[tuple[str, Source]]:
    """Every source of the built-in data with where it is: items, relations, rules."""
    full = builtin_catalog()
    for kind in KINDS:
        for item in full.items(kind):
            yield item.id, item.source
    for rel in full.relations:
        if rel.source is not None:
            yield f"{rel.subject} {rel.predicate.value} {rel.object}", rel.source
    for compiled in builtin_rules().rules:
        yield f"rule {compiled.rule.id}", compiled.rule.citation
    yield from regime_sources("eu-ai-act-2024")
    for entry in wizard_data().questions:
        for source in entry.sources:
            yield f"wizard {entry.path} {source.locator}", source


def _shipped_notes() -> Iterator[tuple[str, str]]:
    for where, source in _shipped_sources():
        if source.note:
            yield where, source.note
    for fw in builtin_catalog().frameworks:
        for version in fw.versions:
            if version.note:
                yield f"{fw.id} {version.version}", version.note
    for ref in BIBLIOGRAPHY.values():
        for text in (ref.note, ref.shows):
            if text:
                yield ref.key, text


@pytest.mark.parametrize("name", DATA_FILES)
def test_no_data_file_cites_what_a_user_cannot_resolve(name: str) -> None:
    """No shipped data file points into the project's reference notes or at their R-keys."""
    text = files("aigov.data").joinpath(name).read_text(encoding="utf-8")
    assert "REFERENCE" not in text
    assert not re.search(r"\bR[0-9]+\b", text), re.search(r".{40}\bR[0-9]+\b.{20}", text)
    assert "○" not in text and "◐" not in text and "✅" not in text


def test_every_source_resolves_in_the_bibliography() -> None:
    """Every source's document and every evidence key of the built-in data is a bibliography key."""
    sources = list(_shipped_sources())
    assert len(sources) > 400
    unresolved = {
        where: missing for where, source in sources if (missing := BIBLIOGRAPHY.unresolved(source))
    }
    assert unresolved == {}


def test_every_key_in_a_note_resolves() -> None:
    """Keys cited in brackets inside notes name bibliography entries."""
    for where, note in _shipped_notes():
        for key in _NOTE_KEY.findall(note):
            assert key in BIBLIOGRAPHY, f"{where}: [{key}]"


def test_every_verified_source_records_where_it_was_seen() -> None:
    """A ``verified`` fact names at least one text, with an address, in which it was seen."""
    for where, source in _shipped_sources():
        if source.verification is not Verification.VERIFIED:
            continue
        seen = [BIBLIOGRAPHY[key] for key in source.evidence]
        assert any(ref.url for ref in seen), where


def test_bibliography_entries_are_full_citations() -> None:
    """Official texts have an issuer, a date and an English title, and a Japanese one unless
    the note says none was seen; copies have their full address and say which document
    they show; every chain of documents ends."""
    assert BIBLIOGRAPHY
    for key, ref in BIBLIOGRAPHY.items():
        assert ref.key == key
        if ref.kind == "official":
            assert ref.issuer is not None, key
            assert ref.title.en, key
            assert ref.title.ja or "no Japanese title" in (ref.note or ""), key
            assert ref.date is not None, key
        else:
            assert ref.url is not None, key
            assert ref.reproduces is not None, key
        if ref.url is not None:
            assert re.match(r"^https?://[a-z0-9.-]+[a-z0-9]\.?(:[0-9]+)?/", ref.url + "/"), key
        assert len(BIBLIOGRAPHY.chain(key)) < 8


def test_every_bibliography_entry_is_used() -> None:
    """The bibliography lists nothing the data does not cite (directly, in a note or a chain)."""
    used: set[str] = set()
    for _, source in _shipped_sources():
        for key in (source.document, *source.evidence):
            used.update(ref.key for ref in BIBLIOGRAPHY.chain(key))
    for _, note in _shipped_notes():
        used.update(k for k in _NOTE_KEY.findall(note) if k in BIBLIOGRAPHY)
    for ref in BIBLIOGRAPHY.values():
        if ref.reproduces is not None and ref.key in used:
            used.update(r.key for r in BIBLIOGRAPHY.chain(ref.reproduces))
    assert set(BIBLIOGRAPHY) - used == set()


#: How much a mark claims, most first; a citation may not claim more than what it cites.
_STRENGTH = {
    Verification.VERIFIED: 3,
    Verification.PARTIAL: 2,
    Verification.INTERPRETED: 1,
    Verification.UNVERIFIED: 0,
}
_CITED = re.compile(r"^(AI開発原則|AI利活用原則) ([①-⑩]) [^,;]+(?:, 解説 ([ア-ン]) .+)?$")


def test_value_and_practice_links_are_marked_as_interpretation() -> None:
    """No source maps principles to values or practices to principles: every such sourced
    link is ``interpreted``, never ``verified``."""
    links = [
        rel
        for rel in builtin_catalog().relations
        if rel.predicate in (RelationKind.EMBODIES, RelationKind.IMPLEMENTS)
    ]
    assert len(links) > 100
    for rel in links:
        if rel.source is not None:
            assert rel.source.verification is Verification.INTERPRETED, rel


def test_a_rule_citation_claims_no_more_than_the_text_it_cites() -> None:
    """A built-in rule that cites a principle or sub-item by its number and marker is marked
    no stronger than that item; some are ``interpreted``, where aigov applies the text to a
    situation it does not name."""
    full = builtin_catalog()
    numbered = {(p.framework, p.number): p for p in full.principles}
    marks = set()
    for compiled in builtin_rules().rules:
        cite = compiled.rule.citation
        marks.add(cite.verification)
        found = _CITED.match(cite.locator or "")
        if found is None:
            continue
        fw = "jp-ai-rd-2017" if found[1] == "AI開発原則" else "jp-ai-util-2019"
        principle = numbered[(fw, "①②③④⑤⑥⑦⑧⑨⑩".index(found[2]) + 1)]
        item: Principle | SubItem = principle
        if found[3]:
            item = next(s for s in principle.items if s.marker == found[3])
        cited = item.source.verification
        assert _STRENGTH[cite.verification] <= _STRENGTH[cited], compiled.rule.id
    assert Verification.INTERPRETED in marks


def test_only_stored_relation_kinds_are_stored(catalog: Catalog) -> None:
    """The data stores addresses/embodies/implements/corresponds_to, never derived kinds."""
    kinds = {rel.predicate for rel in catalog.relations}
    assert kinds == {
        RelationKind.ADDRESSES,
        RelationKind.EMBODIES,
        RelationKind.IMPLEMENTS,
        RelationKind.CORRESPONDS_TO,
    }


def test_correspondences_join_the_two_guidelines(catalog: Catalog) -> None:
    """Every corresponds_to links a 2017 principle to a 2019 principle."""
    pairs = [r for r in catalog.relations if r.predicate is RelationKind.CORRESPONDS_TO]
    assert pairs
    for rel in pairs:
        assert rel.subject.startswith("jp-ai-rd-2017:")
        assert rel.object.startswith("jp-ai-util-2019:")
