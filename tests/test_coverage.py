"""Coverage review of an organisation's AI policy: values, guidelines, frameworks, matrix."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aigov.catalog import builtin_catalog, load_catalog
from aigov.coverage import (
    COVERAGE_FORMATS,
    DOMESTIC_GUIDELINES,
    FRAMEWORKS,
    GUIDELINES,
    REFLECTING_PREDICATES,
    CoverageMatrix,
    CoverageReport,
    PolicyDocument,
    check_policy,
    coverage_matrix,
    iter_policy_issues,
    load_policy,
    policy_from_pack,
    review_coverage,
)
from aigov.errors import (
    AigovError,
    CatalogError,
    FileAccessError,
    ParseError,
    UnknownIdError,
    UsageError,
    ValidationFailed,
)
from aigov.report import render_coverage, render_matrix
from aigov.schemas import validate, validate_file

ROOT = Path(__file__).resolve().parent.parent
POLICIES = ROOT / "src/aigov/data/examples/policies"
PACK = ROOT / "src/aigov/data/examples/packs/sakura-robotics-pack.json"
ACME_PACK = ROOT / "docs" / "examples" / "acme-pack.json"
SAKURA = POLICIES / "sakura-robotics.json"
NORTHWIND = POLICIES / "northwind-analytics.json"
CATALOG_DATA = ROOT / "src" / "aigov" / "data" / "catalog"

V = "jp-values-2022:"

# The Report 2022, chapter 3, "国内における原則・指針・ガイドライン等との比較からの検証②":
# for each of the 22 values to respect, how many of the 22 domestic guidelines name it.
REPORT_2022_DOMESTIC = {
    "human-centric": 5,
    "human-dignity": 17,
    "diversity-inclusion": 5,
    "sustainable-society": 9,
    "international-cooperation": 1,
    "proper-utilization": 17,
    "education-literacy": 14,
    "human-judgement-controllability": 6,
    "proper-learning": 7,
    "ai-collaboration": 4,
    "safety": 14,
    "security": 19,
    "privacy": 21,
    "fairness": 21,
    "transparency-explainability": 20,
    "accountability": 20,
    "robustness": 3,
    "responsibility": 3,
    "traceability": 4,
    "monitoring-audit": 3,
    "governance": 2,
    "cost": 1,
}
NEW_IN_2022 = (
    "robustness",
    "responsibility",
    "traceability",
    "monitoring-audit",
    "governance",
    "cost",
)


def ids(*slugs: str) -> tuple[str, ...]:
    return tuple(V + s for s in slugs)


def policy(*maps: list[str] | tuple[str, ...], pid: str = "test-policy") -> dict[str, Any]:
    """A minimal policy document with one principle per ``maps`` entry."""
    return {
        "kind": "policy",
        "id": pid,
        "version": "1",
        "organisation": "Test Org (fictional)",
        "title": "Test policy",
        "principles": [
            {"id": f"p{i + 1}", "title": f"Principle {i + 1}", "text": "Text.", "maps_to": list(m)}
            for i, m in enumerate(maps)
        ],
    }


def load_json(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def sakura() -> CoverageReport:
    return review_coverage(SAKURA)


@pytest.fixture(scope="module")
def northwind() -> CoverageReport:
    return review_coverage(NORTHWIND)


# -- the Report 2022's counts ----------------------------------------------------------------


def test_each_value_shows_the_report_2022_domestic_count(sakura: CoverageReport) -> None:
    """The domestic_count of every value equals the Report 2022's domestic table, in order."""
    assert [v.id for v in sakura.values] == list(ids(*REPORT_2022_DOMESTIC))
    assert [v.number for v in sakura.values] == list(range(1, 23))
    assert [v.domestic_count for v in sakura.values] == list(REPORT_2022_DOMESTIC.values())
    assert [v.domestic_count for v in sakura.values] == [
        5, 17, 5, 9, 1, 17, 14, 6, 7, 4, 14, 19, 21, 21, 20, 20, 3, 3, 4, 3, 2, 1,
    ]  # fmt: skip
    assert DOMESTIC_GUIDELINES == 22
    assert all(v.domestic_count <= DOMESTIC_GUIDELINES for v in sakura.values if v.domestic_count)


def test_the_six_values_new_in_2022_are_numbers_17_to_22(sakura: CoverageReport) -> None:
    new = [v for v in sakura.values if v.new_in_2022]
    assert [v.id for v in new] == list(ids(*NEW_IN_2022))
    assert [v.number for v in new] == [17, 18, 19, 20, 21, 22]


def test_a_corpus_built_like_the_report_reproduces_its_table() -> None:
    """22 synthetic guidelines, value k named by the first count(k) of them: the matrix gives the table."""
    counts = list(REPORT_2022_DOMESTIC.items())
    corpus = []
    for j in range(DOMESTIC_GUIDELINES):
        named = [V + slug for slug, count in counts if j < count]
        # eu-ai-act-2024:minimal embodies no value: a guideline that names none of them.
        corpus.append(policy(named or ["eu-ai-act-2024:minimal"], pid=f"guideline-{j + 1}"))
    matrix = coverage_matrix(corpus)
    assert [row.count for row in matrix.rows] == [count for _, count in counts]
    assert all(row.count == row.domestic_count for row in matrix.rows)
    assert matrix.totals[0] == 22
    assert matrix.totals[-1] == 0


# -- the example policies -------------------------------------------------------------------


def test_example_policies_validate_against_the_bundled_schema() -> None:
    for path in (SAKURA, NORTHWIND):
        assert validate_file(path) == "policy"
        doc = load_policy(path)
        assert "(fictional)" in doc.organisation
        assert 6 <= len(doc.principles) <= 10


def test_sakura_covers_values_through_the_japanese_guidelines(sakura: CoverageReport) -> None:
    assert sakura.policy.id == "sakura-robotics"
    assert sakura.policy.language == "ja"
    assert sakura.values_covered == ids(
        "human-centric",
        "diversity-inclusion",
        "human-judgement-controllability",
        "proper-learning",
        "safety",
        "security",
        "privacy",
        "fairness",
        "transparency-explainability",
        "accountability",
        "robustness",
        "traceability",
        "monitoring-audit",
    )
    assert sakura.values_missing == ids(
        "human-dignity",
        "sustainable-society",
        "international-cooperation",
        "proper-utilization",
        "education-literacy",
        "ai-collaboration",
        "responsibility",
        "governance",
        "cost",
    )
    assert sakura.new_values_covered == ids("robustness", "traceability", "monitoring-audit")
    assert sakura.new_values_missing == ids("responsibility", "governance", "cost")


def test_northwind_covers_values_through_the_international_frameworks(
    northwind: CoverageReport,
) -> None:
    assert northwind.values_covered == ids(
        "human-centric",
        "human-dignity",
        "diversity-inclusion",
        "education-literacy",
        "proper-learning",
        "privacy",
        "fairness",
        "transparency-explainability",
        "accountability",
        "robustness",
        "responsibility",
        "monitoring-audit",
        "governance",
    )
    assert northwind.values_missing == ids(
        "sustainable-society",
        "international-cooperation",
        "proper-utilization",
        "human-judgement-controllability",
        "ai-collaboration",
        "safety",
        "security",
        "traceability",
        "cost",
    )
    assert northwind.new_values_covered == ids(
        "robustness", "responsibility", "monitoring-audit", "governance"
    )
    assert northwind.new_values_missing == ids("traceability", "cost")


def test_each_covered_value_says_which_principle_reaches_it_and_how(
    sakura: CoverageReport,
) -> None:
    robustness = sakura.value(V + "robustness")
    assert [(lk.principle, lk.via, lk.how) for lk in robustness.by] == [
        ("sr-security", "jp-ai-rd-2017:security", "secondary"),
        ("sr-security", V + "robustness", "direct"),
    ]
    traceability = sakura.value(V + "traceability")
    assert [(lk.principle, lk.via, lk.how) for lk in traceability.by] == [
        ("sr-transparency", "jp-ai-util-2019:transparency", "secondary"),
    ]
    assert sakura.value(V + "cost").by == ()
    assert not sakura.value(V + "cost").covered


def test_unreflected_principles_of_the_two_guidelines(
    sakura: CoverageReport, northwind: CoverageReport
) -> None:
    assert [fw.framework for fw in sakura.guidelines] == list(GUIDELINES)
    assert sakura.framework("jp-ai-rd-2017").missing == (
        "jp-ai-rd-2017:collaboration",
        "jp-ai-rd-2017:ethics",
    )
    assert sakura.framework("jp-ai-util-2019").missing == (
        "jp-ai-util-2019:proper-utilization",
        "jp-ai-util-2019:data-quality",
        "jp-ai-util-2019:collaboration",
        "jp-ai-util-2019:dignity-autonomy",
    )
    assert northwind.framework("jp-ai-rd-2017").missing == (
        "jp-ai-rd-2017:collaboration",
        "jp-ai-rd-2017:controllability",
        "jp-ai-rd-2017:safety",
        "jp-ai-rd-2017:security",
        "jp-ai-rd-2017:user-assistance",
    )
    assert northwind.framework("jp-ai-util-2019").missing == (
        "jp-ai-util-2019:proper-utilization",
        "jp-ai-util-2019:collaboration",
        "jp-ai-util-2019:safety",
        "jp-ai-util-2019:security",
    )
    for fw in sakura.guidelines:
        assert len(fw.reflected) + len(fw.missing) == len(fw.items)


def test_international_frameworks_reflected_and_missed(sakura: CoverageReport) -> None:
    catalog_order = [fw.id for fw in builtin_catalog().frameworks if fw.id in FRAMEWORKS]
    assert [fw.framework for fw in sakura.frameworks] == catalog_order
    missing = {fw.framework: fw.missing for fw in sakura.frameworks}
    assert missing["eu-hleg-2019"] == ("eu-hleg-2019:wellbeing",)
    assert missing["nist-ai-rmf-1.0"] == tuple(
        f"nist-ai-rmf-1.0:{f}" for f in ("govern", "map", "measure", "manage")
    )
    assert missing["jp-ai-business-2024"] == (
        "jp-ai-business-2024:education-literacy",
        "jp-ai-business-2024:fair-competition",
        "jp-ai-business-2024:innovation",
    )
    oecd = sakura.framework("oecd-2019")
    assert [i.id for i in oecd.items] == [
        p.id for p in builtin_catalog().principles if p.framework == "oecd-2019"
    ]
    assert oecd.reflected == (
        "oecd-2019:human-rights",
        "oecd-2019:transparency",
        "oecd-2019:robustness",
        "oecd-2019:accountability",
    )


# -- the rules ------------------------------------------------------------------------------


def reflected_by(report: CoverageReport, item: str) -> list[tuple[str, str | None, str | None]]:
    for fw in (*report.guidelines, *report.frameworks):
        for entry in fw.items:
            if entry.id == item:
                return [(lk.how, lk.predicate, lk.value) for lk in entry.by]
    raise AssertionError(item)


def test_a_value_reflects_the_items_that_embody_it_as_primary() -> None:
    report = review_coverage(policy([V + "privacy"]))
    reflected = [i for fw in (*report.guidelines, *report.frameworks) for i in fw.reflected]
    assert reflected == [
        "jp-ai-rd-2017:privacy",
        "jp-ai-util-2019:privacy",
        "jp-ai-business-2024:privacy",
        "oecd-2019:human-rights",
        "unesco-2021:privacy",
        "eu-hleg-2019:privacy-data-governance",
        "nist-ai-rmf-1.0:privacy-enhanced",
    ]
    assert reflected_by(report, "oecd-2019:human-rights") == [("value", None, V + "privacy")]


def test_a_secondary_value_covers_the_value_but_reflects_no_item() -> None:
    """Traceability is only a secondary value of the 2019 transparency principle."""
    report = review_coverage(policy([V + "traceability"]))
    assert report.values_covered == ids("traceability")
    assert reflected_by(report, "jp-ai-util-2019:transparency") == []
    assert all(not fw.reflected for fw in (*report.guidelines, *report.frameworks))


def test_mapping_to_a_principle_covers_all_the_values_it_embodies() -> None:
    report = review_coverage(policy(["jp-ai-rd-2017:controllability"]))
    assert report.values_covered == ids("human-judgement-controllability", "monitoring-audit")
    assert [lk.how for lk in report.value(V + "monitoring-audit").by] == ["secondary"]


def test_curated_correspondences_reflect_but_related_match_does_not() -> None:
    """rd:controllability and util:proper-utilization overlap only partly (skos:relatedMatch)."""
    report = review_coverage(policy(["jp-ai-rd-2017:controllability"]))
    assert reflected_by(report, "jp-ai-rd-2017:controllability") == [("direct", None, None)]
    assert reflected_by(report, "unesco-2021:human-oversight") == [
        ("curated", "skos:closeMatch", None)
    ]
    assert reflected_by(report, "oecd-2019:robustness") == [("curated", "skos:narrowMatch", None)]
    assert reflected_by(report, "jp-ai-util-2019:proper-utilization") == []
    assert "skos:relatedMatch" not in REFLECTING_PREDICATES


def test_derived_correspondence_needs_a_shared_primary_value() -> None:
    """The curated row to the HLEG's human agency is only relatedMatch; their primary value is shared."""
    report = review_coverage(policy(["jp-ai-rd-2017:controllability"]))
    assert reflected_by(report, "eu-hleg-2019:human-agency") == [
        ("derived", None, V + "human-judgement-controllability")
    ]
    # Collaboration shares only secondary values with robustness-related items: nothing derived.
    report = review_coverage(policy(["jp-ai-util-2019:collaboration"]))
    assert reflected_by(report, "eu-hleg-2019:robustness-safety") == []


def test_frameworks_absent_from_the_catalogue_are_skipped() -> None:
    catalog = load_catalog(
        CATALOG_DATA / "jp-guidelines.json", CATALOG_DATA / "jp-values-2022.json", builtin=False
    )
    report = review_coverage(policy([V + "privacy"]), catalog=catalog)
    assert [fw.framework for fw in report.guidelines] == list(GUIDELINES)
    assert report.frameworks == ()
    assert len(report.values) == 22


# -- the matrix -------------------------------------------------------------------------------


def test_matrix_of_the_two_examples() -> None:
    matrix = coverage_matrix([SAKURA, NORTHWIND])
    assert [p.id for p in matrix.policies] == ["sakura-robotics", "northwind-analytics"]
    assert [row.count for row in matrix.rows] == [
        2, 1, 2, 0, 0, 0, 1, 1, 2, 0, 1, 1, 2, 2, 2, 2, 2, 1, 1, 2, 1, 0,
    ]  # fmt: skip
    assert matrix.totals == (13, 13)
    assert matrix.row(V + "safety").cells == (True, False)
    assert matrix.row(V + "governance").cells == (False, True)
    assert [row.domestic_count for row in matrix.rows] == list(REPORT_2022_DOMESTIC.values())
    for p, report in zip(
        matrix.policies, (review_coverage(SAKURA), review_coverage(NORTHWIND)), strict=True
    ):
        column = matrix.policies.index(p)
        assert {r.id for r in matrix.rows if r.cells[column]} == set(report.values_covered)


def test_matrix_of_a_synthetic_corpus_counts_each_value() -> None:
    corpus = [
        policy([V + "privacy"], pid="a"),
        policy([V + "privacy"], [V + "fairness"], pid="b"),
        policy(["jp-ai-util-2019:fairness"], pid="c"),
    ]
    matrix = coverage_matrix(corpus)
    counts = {row.id: row.count for row in matrix.rows if row.count}
    assert counts == {
        V + "privacy": 2,
        V + "fairness": 2,
        V + "human-judgement-controllability": 1,
        V + "proper-learning": 1,
    }
    assert matrix.totals == (1, 2, 3)
    assert matrix.row(V + "fairness").cells == (False, True, True)


def test_matrix_keeps_the_order_of_the_policies_given() -> None:
    forward = coverage_matrix([SAKURA, NORTHWIND])
    backward = coverage_matrix([NORTHWIND, SAKURA])
    assert [p.id for p in backward.policies] == ["northwind-analytics", "sakura-robotics"]
    assert [r.cells for r in backward.rows] == [r.cells[::-1] for r in forward.rows]


def test_matrix_needs_policies_with_distinct_ids() -> None:
    with pytest.raises(UsageError, match="at least one policy"):
        coverage_matrix([])
    with pytest.raises(UsageError, match="policy id 'sakura-robotics' is given twice"):
        coverage_matrix([SAKURA, SAKURA])


# -- bad input ----------------------------------------------------------------------------------


def write(tmp_path: Path, doc: object, name: str = "policy.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def test_unknown_id_names_file_json_path_and_closest_id(tmp_path: Path) -> None:
    doc = policy([V + "privacy"], [V + "safety", V + "fairnes"])
    path = write(tmp_path, doc)
    with pytest.raises(CatalogError) as info:
        load_policy(path)
    assert str(info.value) == (
        f"{path}: invalid document: $.principles[1].maps_to[1]: unknown id "
        "'jp-values-2022:fairnes' (did you mean 'jp-values-2022:fairness'?)"
    )
    issue = info.value.issues[0]
    assert issue.path == "$.principles[1].maps_to[1]"
    assert issue.source == str(path)


def test_a_short_id_suggests_the_value_first_then_principles_with_that_name() -> None:
    with pytest.raises(CatalogError) as info:
        load_policy(policy(["privacy"]))
    message = str(info.value)
    assert message.startswith(
        "<policy test-policy>: invalid document: $.principles[0].maps_to[0]: "
    )
    assert message.endswith(
        "unknown id 'privacy' (did you mean 'jp-values-2022:privacy' or "
        "'jp-ai-business-2024:privacy' or 'jp-ai-rd-2017:privacy'?)"
    )


def test_every_reference_problem_is_collected() -> None:
    doc = policy(
        ["jp-ai-util-2019:fairness/a", "developer"],
        ["jp-values-2022:privacy", "jp-values-2022:privacy"],
        ["oecd-2019"],
        ["nope:nothing-like-this"],
    )
    doc["principles"][1]["id"] = "p1"
    with pytest.raises(CatalogError) as info:
        load_policy(doc, name="mine.json")
    rendered = [str(i) for i in info.value.issues]
    assert rendered == [
        "mine.json: $.principles[0].maps_to[0]: 'jp-ai-util-2019:fairness/a' is a sub-item; "
        "policies map to principles and values (use its principle 'jp-ai-util-2019:fairness')",
        "mine.json: $.principles[0].maps_to[1]: 'developer' is a role, not a value or a principle",
        "mine.json: $.principles[1].id: duplicate principle id 'p1', already used at "
        "$.principles[0] (give one of them another id)",
        "mine.json: $.principles[1].maps_to[1]: 'jp-values-2022:privacy' is already listed at "
        "$.principles[1].maps_to[0] (remove one of them)",
        "mine.json: $.principles[2].maps_to[0]: 'oecd-2019' is a framework, not a value or a "
        "principle",
        "mine.json: $.principles[3].maps_to[0]: unknown id 'nope:nothing-like-this' (map to a "
        "value or a principle ('aigov list values', 'aigov list principles'))",
    ]
    assert str(info.value).startswith("mine.json: invalid document (6 problems):")


def test_check_policy_and_iter_policy_issues_agree() -> None:
    doc = PolicyDocument.model_validate(policy(["jp-values-2022:privacy"], ["x:y"]))
    assert [i.path for i in iter_policy_issues(doc)] == ["$.principles[1].maps_to[0]"]
    with pytest.raises(CatalogError):
        check_policy(doc, source="given")
    check_policy(PolicyDocument.model_validate(policy([V + "cost"])))


def test_unknown_keys_are_rejected_with_a_suggestion(tmp_path: Path) -> None:
    doc = policy([V + "privacy"])
    doc["principals"] = doc.pop("principles")
    doc["x-note"] = "extensions are not allowed in policies"
    path = write(tmp_path, doc)
    with pytest.raises(ValidationFailed) as info:
        load_policy(path)
    rendered = sorted(str(i) for i in info.value.issues)
    assert rendered == [
        "$: required key 'principles' is missing",
        "$: unknown key 'principals' (did you mean 'principles'?)",
        "$: unknown key 'x-note' (remove it)",
    ]
    assert info.value.source == str(path)


def test_keys_inside_principles_are_checked_with_their_path() -> None:
    doc = policy([V + "privacy"])
    doc["principles"][0]["mapsto"] = doc["principles"][0].pop("maps_to")
    with pytest.raises(ValidationFailed) as info:
        load_policy(doc)
    rendered = sorted(str(i) for i in info.value.issues)
    assert rendered == [
        "$.principles[0]: required key 'maps_to' is missing",
        "$.principles[0]: unknown key 'mapsto' (did you mean 'maps_to'?)",
    ]


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"kind": "catalog"}, "$.kind"),
        ({"principles": []}, "$.principles"),
        ({"language": "fr"}, "$.language"),
        ({"id": "Not A Slug"}, "$.id"),
    ],
    ids=["wrong-kind", "no-principles", "unknown-language", "bad-id"],
)
def test_invalid_fields_name_their_json_path(change: dict[str, Any], path: str) -> None:
    doc = {**policy([V + "privacy"]), **change}
    with pytest.raises(ValidationFailed) as info:
        load_policy(doc)
    assert [i.path for i in info.value.issues] == [path]


def test_a_principle_must_map_to_something() -> None:
    with pytest.raises(ValidationFailed) as info:
        load_policy(policy([]))
    assert [i.path for i in info.value.issues] == ["$.principles[0].maps_to"]


def test_malformed_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "kind": "policy",\n  oops\n}\n', encoding="utf-8")
    with pytest.raises(ParseError) as info:
        review_coverage(path)
    assert (info.value.line, info.value.column) == (3, 3)
    assert str(info.value).startswith(f"{path}: invalid document: line 3, column 3: malformed JSON")


def test_missing_file_is_a_file_access_error(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError) as info:
        review_coverage(tmp_path / "absent.json")
    assert str(info.value) == f"{tmp_path / 'absent.json'}: no such file"
    with pytest.raises(FileAccessError):
        coverage_matrix([SAKURA, tmp_path])


def test_a_json_array_is_not_a_policy(tmp_path: Path) -> None:
    with pytest.raises(ValidationFailed):
        load_policy(write(tmp_path, [1, 2]))


def test_an_unsupported_source_type_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="cannot read a policy from an object of type int"):
        load_policy(42)  # type: ignore[arg-type]


def test_unknown_framework_or_value_lookup_in_a_report(sakura: CoverageReport) -> None:
    with pytest.raises(UnknownIdError, match="did you mean 'oecd-2019'"):
        sakura.framework("oecd-2018")
    with pytest.raises(UnknownIdError):
        sakura.value("jp-values-2022:costs")
    with pytest.raises(UnknownIdError):
        coverage_matrix([SAKURA]).row("cost")


# -- hypothesis: nothing but AigovError escapes -------------------------------------------------

_json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
    st.sampled_from(["policy", "1", V + "privacy", "jp-ai-rd-2017:safety", "p1", ""]),
)
_json_values = st.recursive(
    _json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(["kind", "id", "principles", "maps_to", "title", "text", "x"]),
            children,
            max_size=5,
        ),
    ),
    max_leaves=20,
)
_KEYS = ["$schema", "kind", "format_version", "id", "version", "organisation", "title", "language"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from([*_KEYS, "principles", "extra"]), _json_values))
def test_arbitrary_dicts_raise_only_aigov_errors(doc: dict[str, Any]) -> None:
    try:
        load_policy(doc)
    except AigovError:
        pass


@st.composite
def mutated_policies(draw: st.DrawFn) -> dict[str, Any]:
    doc: dict[str, Any] = copy.deepcopy(load_json(SAKURA))
    for _ in range(draw(st.integers(0, 4))):
        principles = doc.get("principles")
        inner = (
            [p for p in principles if isinstance(p, dict)] if isinstance(principles, list) else []
        )
        target: dict[str, Any] = draw(st.sampled_from([doc, *inner]))
        keys = sorted(target)
        action = draw(st.sampled_from(["set", "delete", "add"]))
        if action == "delete" and keys:
            target.pop(draw(st.sampled_from(keys)))
        elif action == "set" and keys:
            target[draw(st.sampled_from(keys))] = draw(_json_values)
        else:
            target[draw(st.sampled_from(["maps_to", "x-note", "principle", "lang"]))] = draw(
                _json_values
            )
    return doc


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_policies())
def test_mutated_policies_load_and_review_or_raise_only_aigov_errors(doc: dict[str, Any]) -> None:
    try:
        report = review_coverage(doc)
    except AigovError:
        return
    assert len(report.values) == 22
    assert json.loads(render_coverage(report, "json"))["kind"] == "coverage"


@settings(max_examples=50, deadline=None)
@given(st.permutations(list(range(8))))
def test_policy_round_trips_through_json(order: list[int]) -> None:
    doc = load_json(SAKURA)
    doc["principles"] = [doc["principles"][i] for i in order]
    model = load_policy(doc)
    again = load_policy(json.loads(model.model_dump_json(by_alias=True)))
    assert again == model
    assert validate(model.model_dump(mode="json", by_alias=True, exclude_none=True)) == "policy"


# -- rendering ---------------------------------------------------------------------------------


def test_table_in_english(sakura: CoverageReport) -> None:
    text = render_coverage(sakura, "table", "en")
    lines = text.splitlines()
    assert lines[0] == "sakura-robotics 2025.1 — Sakura Robotics K.K. (fictional)"
    assert "Values to respect covered: 13 of 22" in lines
    assert "Values newly found in 2022 covered: 3 of 6" in lines
    assert any(line.startswith("13   Privacy") and "21/22" in line for line in lines)
    assert any(line.startswith("22   Cost") and line.rstrip().endswith("-") for line in lines)
    assert any(line.startswith("19   Traceability") and "(✓)" in line for line in lines)
    assert "AI R&D Guidelines (jp-ai-rd-2017): 7 of 9 principles reflected" in lines
    assert any("jp-ai-rd-2017:ethics" in line for line in lines)
    assert any(line.strip().startswith("eu-hleg-2019") and "6/7" in line for line in lines)
    assert text.endswith("aigov 0.1.0\n")


def test_table_in_japanese(sakura: CoverageReport) -> None:
    text = render_coverage(sakura, "table", "ja")
    assert "カバーしている尊重すべき価値: 22項目中13項目" in text
    assert "2022年に新たに確認された価値のカバー: 6項目中3項目" in text
    assert "プライバシー" in text
    assert "AI開発ガイドライン (jp-ai-rd-2017): 9原則中7原則を反映" in text
    assert "倫理の原則" in text
    assert "Privacy" not in text


def test_markdown_in_both_languages(northwind: CoverageReport) -> None:
    en = render_coverage(northwind, "markdown", "en")
    assert en.startswith(
        "# AI policy coverage: Northwind Analytics Responsible AI Principles "
        "(a fictional example) (`northwind-analytics` 3.0)\n"
    )
    assert "| 12 | Security (`jp-values-2022:security`) | 19/22 |  |  |  |" in en
    assert "- [x] Governance (`jp-values-2022:governance`)" in en
    assert "- [ ] Cost (`jp-values-2022:cost`)" in en
    assert "`nw-people-first` (direct)" in en
    ja = render_coverage(northwind, "markdown", "ja")
    assert "## 尊重すべき価値" in ja
    assert "## 2022年に新たに確認された価値" in ja
    assert "| 12 | セキュリティ (`jp-values-2022:security`) | 19/22 |" in ja


def test_json_is_the_canonical_dump_of_the_report(sakura: CoverageReport) -> None:
    text = render_coverage(sakura, "json", "ja")
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert data["kind"] == "coverage"
    assert data["values_covered"] == list(sakura.values_covered)
    assert CoverageReport.model_validate(data) == sakura


def test_matrix_renderings() -> None:
    matrix = coverage_matrix([SAKURA, NORTHWIND])
    table = render_matrix(matrix, "table", "en")
    lines = table.splitlines()
    assert lines[0] == "Coverage of the values to respect by 2 policies"
    assert any(line.startswith("11   Safety") and "✓   -   1/2    14/22" in line for line in lines)
    assert any(line.strip().startswith("Values covered") and "13  13" in line for line in lines)
    assert "  P1 = sakura-robotics 2025.1 — Sakura Robotics K.K. (fictional): " in table
    ja = render_matrix(matrix, "markdown", "ja")
    assert ja.startswith("# 2件のポリシーによる尊重すべき価値のカバー状況\n")
    assert "| 13 | プライバシー (`jp-values-2022:privacy`) | ✓ | ✓ | 2/2 | 21/22 |" in ja
    assert "|  | **カバーする価値の数** | 13 | 13 |  |  |" in ja
    data = json.loads(render_matrix(matrix, "json"))
    assert data["kind"] == "coverage-matrix"
    assert [row["count"] for row in data["rows"]] == [row.count for row in matrix.rows]
    assert CoverageMatrix.model_validate(data) == matrix


@pytest.mark.parametrize("fmt", COVERAGE_FORMATS)
def test_renderers_refuse_unknown_languages_and_formats(sakura: CoverageReport, fmt: str) -> None:
    matrix = coverage_matrix([SAKURA])
    with pytest.raises(UsageError, match="unknown language 'de'"):
        render_coverage(sakura, fmt, "de")
    with pytest.raises(UsageError, match="unknown language 'de'"):
        render_matrix(matrix, fmt, "de")
    with pytest.raises(UsageError, match="unknown format 'html'"):
        render_coverage(sakura, "html", "en")
    with pytest.raises(UsageError, match="unknown format 'csv'"):
        render_matrix(matrix, "csv", "en")


# -- determinism -------------------------------------------------------------------------------


def test_the_same_policy_gives_the_same_bytes_whatever_its_key_order() -> None:
    doc = load_json(NORTHWIND)
    keys = list(doc)
    random.Random(7).shuffle(keys)
    shuffled = {k: doc[k] for k in keys}
    first = review_coverage(NORTHWIND)
    for fmt in COVERAGE_FORMATS:
        for lang in ("ja", "en"):
            assert render_coverage(review_coverage(shuffled), fmt, lang) == render_coverage(
                first, fmt, lang
            )
    twice = [render_matrix(coverage_matrix([SAKURA, NORTHWIND]), "json") for _ in range(2)]
    assert twice[0] == twice[1]


def test_results_are_in_catalogue_order(northwind: CoverageReport) -> None:
    catalog = builtin_catalog()
    assert [v.id for v in northwind.values] == [v.id for v in catalog.values]
    for fw in (*northwind.guidelines, *northwind.frameworks):
        assert [i.id for i in fw.items] == [
            p.id for p in catalog.principles if p.framework == fw.framework
        ]
    assert northwind.versions.catalog == catalog.version
    assert northwind.versions.mappings_hash is not None


# -- a policy from a catalogue pack ---------------------------------------------------------


def _reflected(report: CoverageReport) -> dict[str, tuple[str, ...]]:
    return {fw.framework: fw.reflected for fw in (*report.guidelines, *report.frameworks)}


def test_the_sakura_pack_gives_the_coverage_of_the_hand_written_sakura_policy() -> None:
    """One company, its principles written twice (pack and policy): the same review."""
    from_pack = review_coverage(policy_from_pack(PACK))
    by_hand = review_coverage(POLICIES / "sakura-robotics.json")
    assert from_pack.values_covered == by_hand.values_covered
    assert from_pack.new_values_covered == by_hand.new_values_covered
    assert _reflected(from_pack) == _reflected(by_hand)
    assert from_pack.policy.principles == by_hand.policy.principles == 8


def test_a_policy_from_a_pack_keeps_its_labels_sub_items_and_sources() -> None:
    pack = json.loads(PACK.read_text(encoding="utf-8"))
    policy = policy_from_pack(pack)
    assert (policy.id, policy.version, policy.language) == ("sakura-robotics", "2025.1", "ja")
    assert policy.organisation == pack["frameworks"][0]["issuer"]["ja"]
    assert policy.title == pack["frameworks"][0]["label"]["ja"]
    safety = next(p for p in policy.principles if p.id == "safety")
    source = pack["principles"][1]
    assert safety.title == source["label"]["ja"]
    assert safety.text.splitlines() == [
        source["summary"]["ja"],
        *(f"a. {i['label']['ja']}: {i['summary']['ja']}" for i in source["items"][:1]),
        *(f"b. {i['label']['ja']}: {i['summary']['ja']}" for i in source["items"][1:]),
        "出典: sakura-robotics-ai-policy, 第2条",
    ]
    english = policy_from_pack(pack, lang="en")
    assert english.principles[0].title == pack["principles"][0]["label"]["en"]
    assert english.principles[0].text.endswith("\nSource: sakura-robotics-ai-policy, 第1条")


def test_a_policy_from_a_pack_maps_only_what_coverage_would_count() -> None:
    """Primary values and same-topic correspondences are mapped; secondary and partial are not."""
    policy = policy_from_pack(PACK)
    maps = {p.id: p.maps_to for p in policy.principles}
    # The pack also has fairness embodies fairness as secondary: left out.
    assert maps["fairness"] == ("jp-ai-util-2019:fairness",)
    # And control corresponds_to proper-utilization/b as a partial overlap: left out.
    assert maps["control"] == ("jp-ai-rd-2017:controllability",)
    assert maps["security"] == ("jp-ai-rd-2017:security", "jp-values-2022:robustness")


def _small_pack(relations: list[dict[str, Any]]) -> dict[str, Any]:
    """docs/examples/acme-pack.json with principles 'acme-ai-policy:one' and ':two' and ``relations``."""
    pack: dict[str, Any] = json.loads(ACME_PACK.read_text(encoding="utf-8"))
    first = pack["principles"][0]
    pack["principles"] = [
        {**first, "id": f"acme-ai-policy:{slug}", "number": n}
        for n, slug in enumerate(("one", "two"), 1)
    ]
    pack["relations"] = relations
    return pack


def _rel(subject: str, predicate: str, obj: str, qualifier: str) -> dict[str, Any]:
    return {
        "subject": subject,
        "predicate": predicate,
        "object": obj,
        "qualifier": qualifier,
        "rationale": "test",
    }


def test_a_sub_item_and_a_correspondence_stated_from_the_other_side_map_to_principles() -> None:
    pack = _small_pack(
        [
            _rel(
                "acme-ai-policy:one",
                "corresponds_to",
                "jp-ai-util-2019:proper-utilization/b",
                "same-topic",
            ),
            _rel("jp-ai-rd-2017:safety", "corresponds_to", "acme-ai-policy:two", "same-topic"),
            _rel("acme-ai-policy:two", "corresponds_to", "acme-ai-policy:one", "same-topic"),
        ]
    )
    policy = policy_from_pack(pack)
    assert [(p.id, p.maps_to) for p in policy.principles] == [
        ("one", ("jp-ai-util-2019:proper-utilization",)),
        ("two", ("jp-ai-rd-2017:safety",)),
    ]
    load_policy(policy)  # it loads against the built-in catalogue alone


def test_a_pack_principle_with_nothing_to_map_to_is_named_with_its_path() -> None:
    pack = _small_pack(
        [_rel("acme-ai-policy:one", "embodies", "jp-values-2022:privacy", "primary")]
    )
    with pytest.raises(CatalogError) as caught:
        policy_from_pack(pack)
    assert [str(i) for i in caught.value.issues] == [
        "<pack acme-policy>: $.principles[1]: 'acme-ai-policy:two' has nothing a policy can map it to (add a relation from"
        " it: 'embodies' a value (qualifier 'primary'), or 'corresponds_to' a principle"
        " (qualifier 'same-topic'))"
    ]


def test_the_framework_to_convert_must_be_one_of_the_pack() -> None:
    with pytest.raises(UnknownIdError, match=r"Unknown framework 'sakura-robotic' \(did you mean"):
        policy_from_pack(PACK, framework="sakura-robotic")
    two = _small_pack([])
    two["frameworks"] = [*two["frameworks"], {**two["frameworks"][0], "id": "other"}]
    with pytest.raises(UsageError, match=r"say which framework to convert .*acme-ai-policy, other"):
        policy_from_pack(two)


def test_a_policy_from_a_pack_is_deterministic_and_valid_for_check_jsonschema(
    tmp_path: Path,
) -> None:
    import subprocess
    import sys

    pytest.importorskip("check_jsonschema", reason="check-jsonschema is in the test extra")
    first = policy_from_pack(PACK).model_dump(mode="json", by_alias=True, exclude_none=True)
    again = policy_from_pack(PACK.read_bytes()).model_dump(
        mode="json", by_alias=True, exclude_none=True
    )
    assert first == again
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(first, ensure_ascii=False), encoding="utf-8")
    schema = ROOT / "src/aigov/schemas/policy.schema.json"
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert validate_file(path) == "policy"
