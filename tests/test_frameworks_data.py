"""The international frameworks: counts, order, codes and labels pinned against REFERENCE.md."""

from __future__ import annotations

import pytest

from aigov.catalog import Catalog, builtin_catalog
from aigov.models import Principle, RelationKind, Verification


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return builtin_catalog()


def items(catalog: Catalog, framework: str) -> list[Principle]:
    return [p for p in catalog.principles if p.framework == framework]


EXPECTED: dict[str, list[tuple[str, str, str | None]]] = {
    # id suffix, kind, code (REFERENCE §4)
    "oecd-2019": [
        ("inclusive-growth", "principle", "1.1"),
        ("human-rights", "principle", "1.2"),
        ("transparency", "principle", "1.3"),
        ("robustness", "principle", "1.4"),
        ("accountability", "principle", "1.5"),
        ("rd-investment", "recommendation", "2.1"),
        ("ecosystem", "recommendation", "2.2"),
        ("policy-environment", "recommendation", "2.3"),
        ("human-capacity", "recommendation", "2.4"),
        ("international-cooperation", "recommendation", "2.5"),
    ],
    # REFERENCE §5: 4 values, 10 principles
    "unesco-2021": [
        *(
            (slug, "value", None)
            for slug in (
                "human-rights-dignity",
                "environment",
                "diversity-inclusiveness",
                "peaceful-societies",
            )
        ),
        *(
            (slug, "principle", None)
            for slug in (
                "proportionality",
                "safety-security",
                "fairness",
                "sustainability",
                "privacy",
                "human-oversight",
                "transparency",
                "responsibility",
                "awareness-literacy",
                "governance",
            )
        ),
    ],
    # REFERENCE §6: 7 key requirements
    "eu-hleg-2019": [
        (slug, "requirement", None)
        for slug in (
            "human-agency",
            "robustness-safety",
            "privacy-data-governance",
            "transparency",
            "fairness",
            "wellbeing",
            "accountability",
        )
    ],
    # REFERENCE §7.1 / 7.2: 7 characteristics, 4 functions
    "nist-ai-rmf-1.0": [
        *(
            (slug, "characteristic", None)
            for slug in (
                "valid-reliable",
                "safe",
                "secure-resilient",
                "accountable-transparent",
                "explainable-interpretable",
                "privacy-enhanced",
                "fair",
            )
        ),
        ("govern", "function", "GOVERN"),
        ("map", "function", "MAP"),
        ("measure", "function", "MEASURE"),
        ("manage", "function", "MANAGE"),
    ],
    # REFERENCE §3.4: 10 common guiding principles
    "jp-ai-business-2024": [
        (slug, "principle", None)
        for slug in (
            "human-centric",
            "safety",
            "fairness",
            "privacy",
            "security",
            "transparency",
            "accountability",
            "education-literacy",
            "fair-competition",
            "innovation",
        )
    ],
    # REFERENCE §8.1
    "eu-ai-act-2024": [
        (slug, "risk-level", None) for slug in ("unacceptable", "high", "limited", "minimal")
    ],
}


@pytest.mark.parametrize("framework", sorted(EXPECTED))
def test_framework_items_in_official_order(catalog: Catalog, framework: str) -> None:
    got = items(catalog, framework)
    assert [p.id for p in got] == [f"{framework}:{slug}" for slug, _, _ in EXPECTED[framework]]
    assert [p.number for p in got] == list(range(1, len(got) + 1))
    assert [p.kind for p in got] == [kind for _, kind, _ in EXPECTED[framework]]
    for p, (_, _, code) in zip(got, EXPECTED[framework], strict=True):
        if code is not None:
            assert p.code == code


def test_nist_has_19_categories_in_order(catalog: Catalog) -> None:
    functions = [p for p in items(catalog, "nist-ai-rmf-1.0") if p.kind == "function"]
    counts = {p.code: len(p.items) for p in functions}
    assert counts == {"GOVERN": 6, "MAP": 5, "MEASURE": 4, "MANAGE": 4}
    assert sum(counts.values()) == 19
    govern = functions[0]
    assert [i.code for i in govern.items] == [f"GOVERN {n}" for n in range(1, 7)]
    assert govern.items[0].id == "nist-ai-rmf-1.0:govern/1"


def test_nist_subcategory_counts_add_up_to_72(catalog: Catalog) -> None:
    total = 0
    for p in items(catalog, "nist-ai-rmf-1.0"):
        for category in p.items:
            note = category.source.note or ""
            assert "subcategories:" in note, category.id
            total += int(note.split("subcategories:", 1)[1].split()[0].strip(".;,)"))
    assert total == 72


def test_oecd_2019_headings_are_kept_in_history(catalog: Catalog) -> None:
    changed = {str(p.code): p for p in items(catalog, "oecd-2019") if p.history}
    assert sorted(changed) == ["1.2", "2.2", "2.3", "2.4"]
    assert changed["1.2"].history[0].label.en == "Human-centred values and fairness"
    assert changed["2.2"].history[0].label.en == "Fostering a digital ecosystem for AI"
    assert catalog.principle("oecd-2019:human-rights").label.en.startswith(
        "Respect for the rule of law, human rights and democratic values"
    )


def test_hleg_requirement_names(catalog: Catalog) -> None:
    assert [p.label.en for p in items(catalog, "eu-hleg-2019")] == [
        "Human agency and oversight",
        "Technical robustness and safety",
        "Privacy and data governance",
        "Transparency",
        "Diversity, non-discrimination and fairness",
        "Societal and environmental well-being",
        "Accountability",
    ]


def test_unesco_japanese_labels_follow_the_seed(catalog: Catalog) -> None:
    principles = [p for p in items(catalog, "unesco-2021") if p.kind == "principle"]
    assert principles[0].label.ja.startswith("比例性と無害性")
    assert principles[4].label.ja.startswith("プライバシーとデータ保護")
    assert principles[9].label.ja.startswith("マルチステークホルダによる適応的ガバナンス")


def test_business_guidelines_versions_and_actors(catalog: Catalog) -> None:
    fw = catalog.framework("jp-ai-business-2024")
    assert str(fw.date) == "2024-04-19"
    dates = {v.version: str(v.date) for v in fw.versions}
    assert "2024-04-19" in dates.values()
    assert "2024-11-22" in dates.values()
    assert "2025-03-28" in dates.values()
    actors = [r.id for r in catalog.roles if "jp-ai-business-2024" in r.frameworks]
    assert actors == [
        "jp-ai-business-2024:ai-developer",
        "jp-ai-business-2024:ai-provider",
        "jp-ai-business-2024:ai-business-user",
        "jp-ai-business-2024:non-business-user",
    ]
    assert catalog.role("jp-ai-business-2024:ai-provider").label.ja == "AI提供者"
    for p in items(catalog, "jp-ai-business-2024"):
        assert "jp-ai-business-2024:non-business-user" not in catalog.roles_of(p.id)


def test_eu_ai_act_operator_roles(catalog: Catalog) -> None:
    roles = {r.id: r.code for r in catalog.roles if r.id.startswith("eu-ai-act-2024:")}
    assert roles == {
        "eu-ai-act-2024:provider": "Art. 3(3)",
        "eu-ai-act-2024:deployer": "Art. 3(4)",
        "eu-ai-act-2024:authorised-representative": "Art. 3(5)",
        "eu-ai-act-2024:importer": "Art. 3(6)",
        "eu-ai-act-2024:distributor": "Art. 3(7)",
    }


def test_airo_roles_carry_their_iris(catalog: Catalog) -> None:
    iris = {r.id: r.iri for r in catalog.roles if r.id.startswith("airo:")}
    assert iris == {
        "airo:ai-developer": "https://w3id.org/airo#AIDeveloper",
        "airo:ai-provider": "https://w3id.org/airo#AIProvider",
        "airo:ai-deployer": "https://w3id.org/airo#AIDeployer",
        "airo:ai-user": "https://w3id.org/airo#AIUser",
        "airo:ai-subject": "https://w3id.org/airo#AISubject",
    }


@pytest.mark.parametrize(
    "framework",
    ["oecd-2019", "unesco-2021", "eu-hleg-2019", "nist-ai-rmf-1.0", "jp-ai-business-2024"],
)
def test_every_item_embodies_a_value_so_the_values_are_a_hub(
    catalog: Catalog, framework: str
) -> None:
    for p in items(catalog, framework):
        assert catalog.objects(p.id, RelationKind.EMBODIES), p.id


def test_business_guidelines_actors_are_aigov_reading(catalog: Catalog) -> None:
    """That every common guiding principle reaches all three business actors is aigov's
    reading of the guidelines' structure: the links are marked interpreted."""
    for p in items(catalog, "jp-ai-business-2024"):
        rels = catalog.relations_from(p.id, RelationKind.ADDRESSES)
        assert rels, p.id
        for rel in rels:
            assert rel.source is not None
            assert rel.source.verification is Verification.INTERPRETED, p.id


def test_every_international_item_is_sourced_with_a_mark(catalog: Catalog) -> None:
    """An item's own mark says how its text was seen; ``interpreted`` is for links only."""
    for framework in EXPECTED:
        for p in items(catalog, framework):
            assert p.source.verification.value in ("verified", "partial", "unverified")
            assert p.label.ja
            assert p.label.en
            assert p.summary.ja
            assert p.summary.en
