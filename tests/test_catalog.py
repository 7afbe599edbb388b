"""The catalogue API: lookups, queries, caching, and loading user packs.

User packs are built by :func:`company_pack` (a small, valid pack that adds a
framework, principles and relations on top of the built-in data) and then
broken one way at a time; every error must be an :class:`AigovError` that
names the file and the JSON path.
"""

from __future__ import annotations

import itertools
import json
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aigov.catalog import KINDS, Catalog, ItemKind, builtin_catalog, load_catalog, load_pack
from aigov.errors import (
    AigovError,
    CatalogError,
    DocumentError,
    FileAccessError,
    Issue,
    ParseError,
    UnknownIdError,
    ValidationFailed,
)
from aigov.models import CatalogDocument, Principle, RelationKind

RD = [
    "collaboration",
    "transparency",
    "controllability",
    "safety",
    "security",
    "privacy",
    "ethics",
    "user-assistance",
    "accountability",
]
UTIL = [
    "proper-utilization",
    "data-quality",
    "collaboration",
    "safety",
    "security",
    "privacy",
    "dignity-autonomy",
    "fairness",
    "transparency",
    "accountability",
]
RD_IDS = [f"jp-ai-rd-2017:{s}" for s in RD]
UTIL_IDS = [f"jp-ai-util-2019:{s}" for s in UTIL]
BUILTIN_DIR = files("aigov.data").joinpath("catalog")
BUILTIN_NAMES = ["jp-guidelines.json", "jp-practices-2022.json", "jp-values-2022.json"]


# -- helpers ----------------------------------------------------------------------------


def _text(ja: str, en: str) -> dict[str, str]:
    return {"ja": ja, "en": en}


def _source() -> dict[str, Any]:
    return {"document": "acme-ai", "verification": "verified"}


def company_pack() -> dict[str, Any]:
    """A valid company pack: one framework, two principles, relations into the built-ins."""
    return {
        "kind": "catalog",
        "id": "acme",
        "version": "1.0",
        "frameworks": [
            {
                "id": "acme-ai",
                "label": _text("アクメAI方針", "ACME AI policy"),
                "issuer": _text("アクメ株式会社", "ACME Corp."),
                "date": "2024-04-01",
                "summary": _text("社内のAI方針。", "Our in-house AI policy."),
                "source": _source(),
            }
        ],
        "principles": [
            {
                "id": "acme-ai:fair-screening",
                "framework": "acme-ai",
                "number": 1,
                "label": _text("公平な選考", "Fair screening"),
                "summary": _text("選考で差別しない。", "Do not discriminate in screening."),
                "items": [
                    {
                        "id": "acme-ai:fair-screening/a",
                        "number": 1,
                        "label": _text("バイアス監査", "Bias audit"),
                        "source": _source(),
                    }
                ],
                "source": _source(),
            },
            {
                "id": "acme-ai:explain",
                "framework": "acme-ai",
                "number": 2,
                "label": _text("説明", "Explanation"),
                "summary": _text("判断を説明する。", "Explain decisions."),
                "source": _source(),
            },
        ],
        "relations": [
            {
                "subject": "acme-ai:fair-screening",
                "predicate": "addresses",
                "object": "developer",
                "rationale": "Our developers build the screening model.",
            },
            {
                "subject": "acme-ai:fair-screening",
                "predicate": "embodies",
                "object": "jp-values-2022:fairness",
                "source": _source(),
            },
            {
                "subject": "acme-ai:fair-screening",
                "predicate": "corresponds_to",
                "object": "jp-ai-util-2019:fairness",
                "rationale": "Same ground.",
            },
            {
                "subject": "acme-ai:explain",
                "predicate": "addresses",
                "object": "business-user",
                "rationale": "HR uses the model.",
            },
            {
                "subject": "acme-ai:explain",
                "predicate": "embodies",
                "object": "jp-values-2022:transparency-explainability",
                "rationale": "Explanations make decisions transparent.",
            },
        ],
    }


def standalone_pack() -> dict[str, Any]:
    """A valid pack that needs nothing from the built-in catalogue."""
    pack = company_pack()
    pack["roles"] = [
        {
            "id": "acme:recruiter",
            "label": _text("採用担当者", "Recruiter"),
            "summary": _text("選考をする人。", "Who screens applicants."),
            "frameworks": ["acme-ai"],
            "source": _source(),
        }
    ]
    pack["relations"] = [
        {
            "subject": "acme-ai:fair-screening",
            "predicate": "addresses",
            "object": "acme:recruiter",
            "rationale": "Recruiters screen.",
        }
    ]
    return pack


def write_pack(folder: Path, pack: object, name: str = "acme.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(pack, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def builtin_paths() -> list[str]:
    return [str(BUILTIN_DIR.joinpath(name)) for name in BUILTIN_NAMES]


def builtin_pack(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(BUILTIN_DIR.joinpath(name).read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The Japanese guidelines' packs alone (international packs have their own tests)."""
    return load_catalog(*(str(BUILTIN_DIR.joinpath(n)) for n in BUILTIN_NAMES), builtin=False)


# -- lookups ----------------------------------------------------------------------------


def test_get_returns_the_item(catalog: Catalog) -> None:
    """get() returns the item with that id, of the right model."""
    item = catalog.get("jp-ai-util-2019:fairness")
    assert isinstance(item, Principle)
    assert item.label.ja == "公平性の原則"
    assert "jp-ai-util-2019:fairness" in catalog
    assert "jp-ai-util-2019:fairnes" not in catalog


def test_get_unknown_id_pins_the_message(catalog: Catalog) -> None:
    """A typo in an id raises UnknownIdError naming the id and the closest ids."""
    with pytest.raises(UnknownIdError) as info:
        catalog.get("jp-ai-util-2019:fairnes")
    assert str(info.value) == (
        "Unknown id 'jp-ai-util-2019:fairnes' (did you mean 'jp-ai-util-2019:fairness'?)"
    )
    assert info.value.kind == "id"
    assert info.value.value == "jp-ai-util-2019:fairnes"
    assert info.value.suggestions[0] == "jp-ai-util-2019:fairness"


@pytest.mark.parametrize(
    ("kind", "typo", "message"),
    [
        pytest.param(
            "principle",
            "jp-ai-util-2019:fairnes",
            "Unknown principle 'jp-ai-util-2019:fairnes' "
            "(did you mean 'jp-ai-util-2019:fairness'?)",
            id="principle",
        ),
        pytest.param(
            "value",
            "jp-values-2022:fairnes",
            "Unknown value 'jp-values-2022:fairnes' (did you mean 'jp-values-2022:fairness'?)",
            id="value",
        ),
    ],
)
def test_typo_suggests_only_close_ids(
    catalog: Catalog, kind: ItemKind, typo: str, message: str
) -> None:
    """A one-letter typo suggests its twin only, as in the style guide's example message."""
    with pytest.raises(UnknownIdError) as info:
        catalog.get(typo, kind)
    assert str(info.value) == message


def test_typo_suggests_its_twin_first(catalog: Catalog) -> None:
    """Whatever else is suggested, the twin of a typo comes first, for every typed lookup."""
    with pytest.raises(UnknownIdError) as info:
        catalog.principle("jp-ai-util-2019:fairnes")
    assert info.value.kind == "principle"
    assert info.value.suggestions[0] == "jp-ai-util-2019:fairness"
    with pytest.raises(UnknownIdError) as info:
        catalog.value("jp-values-2022:fairnes")
    assert info.value.suggestions[0] == "jp-values-2022:fairness"


def test_unknown_id_error_is_a_key_error(catalog: Catalog) -> None:
    """UnknownIdError is both an AigovError and a KeyError."""
    with pytest.raises(KeyError):
        catalog.get("nope:nothing")
    assert issubclass(UnknownIdError, AigovError)


def test_get_short_name_suggests_full_ids(catalog: Catalog) -> None:
    """A bare slug suggests every id that ends with it."""
    with pytest.raises(UnknownIdError) as info:
        catalog.get("fairness")
    assert set(info.value.suggestions) == {
        "jp-ai-util-2019:fairness",
        "jp-practices-2022:fairness",
        "jp-values-2022:fairness",
    }


def test_get_with_kind_filters(catalog: Catalog) -> None:
    """get(kind=...) accepts an item of that kind and rejects one of another kind."""
    assert catalog.get("jp-values-2022:fairness", "value").id == "jp-values-2022:fairness"
    with pytest.raises(UnknownIdError) as info:
        catalog.get("jp-ai-util-2019:fairness", "value")
    assert str(info.value) == (
        "Unknown value 'jp-ai-util-2019:fairness' (did you mean 'jp-values-2022:fairness'?)"
    )


@pytest.mark.parametrize(
    ("item_id", "kind"),
    [
        ("jp-ai-rd-2017", "framework"),
        ("jp-ai-rd-2017:ethics", "principle"),
        ("jp-ai-util-2019:privacy/b", "subitem"),
        ("jp-values-2022:cost", "value"),
        ("data-provider", "role"),
        ("jp-practices-2022:fairness", "practice"),
        ("jp-practices-2022:fairness/notable", "practice-item"),
    ],
)
def test_kind_of(catalog: Catalog, item_id: str, kind: ItemKind) -> None:
    """kind_of() names the kind of every sort of item."""
    assert catalog.kind_of(item_id) == kind


def test_typed_getters_reject_other_kinds(catalog: Catalog) -> None:
    """framework()/principle()/role()/value() accept only their own kind."""
    assert catalog.framework("jp-values-2022").id == "jp-values-2022"
    assert catalog.role("developer").label.ja == "開発者"
    for getter, wrong in [
        (catalog.framework, "developer"),
        (catalog.principle, "jp-values-2022:privacy"),
        (catalog.role, "jp-ai-rd-2017"),
        (catalog.value, "jp-ai-rd-2017:privacy"),
    ]:
        with pytest.raises(UnknownIdError):
            getter(wrong)


def test_source_of_names_file_and_path() -> None:
    """source_of() gives the pack file and the JSON path where an item is defined."""
    catalog = builtin_catalog()
    assert catalog.source_of("jp-ai-util-2019:fairness") == (
        "aigov/data/catalog/jp-guidelines.json",
        "$.principles[16]",
    )
    assert catalog.source_of("jp-values-2022:cost") == (
        "aigov/data/catalog/jp-values-2022.json",
        "$.values[21]",
    )


# -- listings and queries ---------------------------------------------------------------


def test_items_in_official_order(catalog: Catalog) -> None:
    """items() lists principles framework by framework, each in official number order."""
    assert [p.id for p in catalog.items("principle")] == RD_IDS + UTIL_IDS
    assert [p.id for p in catalog.items("principle", "jp-ai-util-2019")] == UTIL_IDS
    values = catalog.items("value")
    assert [v.id for v in values] == [v.id for v in sorted(catalog.values, key=lambda v: v.number)]


def test_items_of_sub_kinds_follow_their_parents(catalog: Catalog) -> None:
    """Sub-items follow principle order, then their own order; roles follow a framework."""
    subs = [s.id for s in catalog.items("subitem", "jp-ai-util-2019")]
    assert subs[:4] == [
        "jp-ai-util-2019:proper-utilization/a",
        "jp-ai-util-2019:proper-utilization/b",
        "jp-ai-util-2019:proper-utilization/c",
        "jp-ai-util-2019:data-quality/a",
    ]
    assert subs[-1] == "jp-ai-util-2019:accountability/b"
    assert catalog.items("subitem", "jp-ai-rd-2017") == []
    assert [r.id for r in catalog.items("role", "jp-ai-rd-2017")] == ["developer", "third-party"]
    items = catalog.items("practice-item", "jp-practices-2022")
    assert items[0].id == "jp-practices-2022:guidelines-principles/standard"
    assert len(items) == len(catalog.items("practice-item"))


def test_items_unknown_framework(catalog: Catalog) -> None:
    """items() with an unknown framework raises UnknownIdError with a suggestion."""
    with pytest.raises(UnknownIdError) as info:
        catalog.items("principle", "jp-ai-util-2018")
    assert info.value.kind == "framework"
    assert info.value.suggestions[0] == "jp-ai-util-2019"


def test_filter_principles_by_framework(catalog: Catalog) -> None:
    """filter_principles(framework=...) keeps that framework's principles, in order."""
    got = [p.id for p in catalog.filter_principles(framework="jp-ai-rd-2017")]
    assert got == RD_IDS
    assert [p.id for p in catalog.filter_principles()] == RD_IDS + UTIL_IDS


def test_filter_principles_by_role(catalog: Catalog) -> None:
    """filter_principles(role=...) keeps the principles addressed to the role."""
    got = [p.id for p in catalog.filter_principles(role="data-provider")]
    assert got == [
        "jp-ai-util-2019:proper-utilization",
        "jp-ai-util-2019:data-quality",
        "jp-ai-util-2019:collaboration",
        "jp-ai-util-2019:security",
        "jp-ai-util-2019:privacy",
        "jp-ai-util-2019:fairness",
    ]
    assert [p.id for p in catalog.filter_principles(role="developer")] == RD_IDS


def test_filter_principles_by_value_and_combined(catalog: Catalog) -> None:
    """filter_principles(value=...) keeps embodying principles; criteria combine with AND."""
    got = [p.id for p in catalog.filter_principles(value="jp-values-2022:fairness")]
    assert got == ["jp-ai-rd-2017:ethics", "jp-ai-util-2019:fairness"]
    both = catalog.filter_principles(role="consumer-user", value="jp-values-2022:privacy")
    assert [p.id for p in both] == ["jp-ai-util-2019:privacy"]
    none = catalog.filter_principles(framework="jp-ai-rd-2017", role="consumer-user")
    assert none == []


def test_filter_principles_matches_a_scan_of_every_principle() -> None:
    """Every framework/role/value combination on the full catalogue equals a plain scan."""
    full = load_catalog()
    frameworks = [None, *(fw.id for fw in full.frameworks)]
    roles = [None, *(r.id for r in full.roles)]
    values = [None, *(v.id for v in full.values)]
    for framework, role, value in itertools.product(frameworks, roles, values):
        expected = [
            p.id
            for p in full.principles
            if framework in (None, p.framework)
            and (role is None or role in full.roles_of(p.id))
            and (value is None or value in full.values_of(p.id))
        ]
        got = [p.id for p in full.filter_principles(framework=framework, role=role, value=value)]
        assert got == expected, (framework, role, value)
        # Answers are cached: a second call gives an equal, separate list.
        again = full.filter_principles(framework=framework, role=role, value=value)
        assert [p.id for p in again] == expected


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"role": "consumer"}, "Unknown role 'consumer' (did you mean 'consumer-user'?)"),
        (
            {"value": "fairness"},
            "Unknown value 'fairness' (did you mean 'jp-values-2022:fairness'?)",
        ),
        (
            {"framework": "jp-ai-util"},
            "Unknown framework 'jp-ai-util' (did you mean 'jp-ai-util-2019'?)",
        ),
    ],
)
def test_filter_principles_unknown_argument(
    catalog: Catalog, kwargs: dict[str, str], message: str
) -> None:
    """An unknown role, value or framework raises UnknownIdError rather than matching nothing."""
    with pytest.raises(UnknownIdError) as info:
        catalog.filter_principles(**kwargs)
    assert str(info.value) == message


def test_roles_of_and_values_of(catalog: Catalog) -> None:
    """roles_of()/values_of() list a principle's roles and values in catalogue order."""
    assert catalog.roles_of("jp-ai-util-2019:transparency") == [
        "ai-service-provider",
        "business-user",
    ]
    assert catalog.values_of("jp-ai-util-2019:fairness") == [
        "jp-values-2022:human-judgement-controllability",
        "jp-values-2022:proper-learning",
        "jp-values-2022:fairness",
    ]
    assert catalog.roles_of("jp-ai-util-2019:fairness/a") == []


def test_principles_embodying_and_addressing(catalog: Catalog) -> None:
    """principles_embodying()/principles_addressing() go from a value or role back."""
    assert catalog.principles_embodying("jp-values-2022:human-dignity") == [
        "jp-ai-rd-2017:ethics",
        "jp-ai-util-2019:dignity-autonomy",
    ]
    assert catalog.principles_addressing("developer") == RD_IDS
    assert catalog.principles_embodying("jp-values-2022:cost") == []


def test_reverse_queries_check_the_kind(catalog: Catalog) -> None:
    """principles_embodying() needs a value and principles_addressing() a role."""
    with pytest.raises(UnknownIdError):
        catalog.principles_embodying("jp-ai-util-2019:fairness")
    with pytest.raises(UnknownIdError):
        catalog.principles_addressing("jp-values-2022:fairness")
    with pytest.raises(UnknownIdError):
        catalog.roles_of("jp-ai-util-2019:fairnes")


def test_corresponding_both_directions(catalog: Catalog) -> None:
    """corresponding() follows corresponds_to from either end."""
    assert catalog.corresponding("jp-ai-rd-2017:ethics") == [
        "jp-ai-util-2019:dignity-autonomy",
        "jp-ai-util-2019:fairness",
    ]
    assert catalog.corresponding("jp-ai-util-2019:fairness") == ["jp-ai-rd-2017:ethics"]
    assert catalog.corresponding("jp-ai-util-2019:data-quality") == []


def test_relations_from_and_to(catalog: Catalog) -> None:
    """relations_from()/relations_to() return stored relations, filtered by predicate."""
    out = catalog.relations_from("jp-ai-util-2019:transparency", RelationKind.ADDRESSES)
    assert [(r.object, r.qualifier) for r in out] == [
        ("ai-service-provider", "named"),
        ("business-user", "named"),
    ]
    into = catalog.relations_to("jp-values-2022:traceability")
    assert {(r.subject, r.predicate) for r in into} == {
        ("jp-ai-util-2019:transparency", RelationKind.EMBODIES),
        ("jp-practices-2022:transparency-accountability", RelationKind.IMPLEMENTS),
        ("jp-practices-2022:ai-supply-chain", RelationKind.IMPLEMENTS),
    }


# -- caching, version, hash, merged document --------------------------------------------


def test_builtin_catalog_is_cached() -> None:
    """builtin_catalog() returns the same object every time; load_catalog() with no packs too."""
    assert builtin_catalog() is builtin_catalog()
    assert load_catalog() is builtin_catalog()


def test_version_names_every_pack(catalog: Catalog) -> None:
    """version joins each pack's id@version with '+', in file order."""
    parts = catalog.version.split("+")
    assert [p.split("@")[0] for p in parts] == [
        "jp-guidelines",
        "jp-practices-2022",
        "jp-values-2022",
    ]
    assert len({p.split("@")[1] for p in parts}) == 1


def test_content_hash_is_stable(catalog: Catalog) -> None:
    """content_hash is a sha256 of the data: the same for the same packs loaded afresh."""
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", catalog.content_hash)
    assert catalog.content_hash == catalog.content_hash
    fresh = load_catalog(*builtin_paths(), builtin=False)
    assert fresh is not catalog
    assert fresh.content_hash == catalog.content_hash
    assert fresh.version == catalog.version


def test_content_hash_follows_the_data(catalog: Catalog) -> None:
    """Changing one label changes content_hash."""
    values = builtin_pack("jp-values-2022.json")
    values["values"][0]["label"]["en"] = "Human-centred"
    assert load_catalog(values).content_hash != catalog.content_hash


def test_to_document_merges_every_pack(catalog: Catalog) -> None:
    """to_document() is one document with every item and relation, which loads back alone."""
    doc = catalog.to_document()
    assert doc.id == "merged"
    assert doc.version == catalog.version
    assert len(doc.principles) == 19
    assert len(doc.values) == 22
    assert doc.relations == catalog.relations
    again = load_catalog(doc, builtin=False)
    assert len(again) == len(catalog)
    assert again.relations == catalog.relations


def test_empty_catalogue_converts_to_a_document() -> None:
    """A catalogue loaded with builtin=False and no packs converts to an empty document."""
    empty = load_catalog(builtin=False)
    assert len(empty) == 0
    doc = empty.to_document()
    assert doc.principles == ()


# -- user packs -------------------------------------------------------------------------


def test_company_pack_extends_the_builtin(catalog: Catalog) -> None:
    """A company pack adds its framework, principles, sub-items and relations to the built-ins."""
    merged = load_catalog(company_pack())
    assert len(merged) == len(builtin_catalog()) + 4
    assert [fw.id for fw in merged.frameworks][-1] == "acme-ai"
    assert [p.id for p in merged.filter_principles(framework="acme-ai")] == [
        "acme-ai:fair-screening",
        "acme-ai:explain",
    ]
    assert merged.kind_of("acme-ai:fair-screening/a") == "subitem"
    assert merged.roles_of("acme-ai:fair-screening") == ["developer"]
    assert merged.principles_addressing("developer") == [*RD_IDS, "acme-ai:fair-screening"]
    embodying = merged.principles_embodying("jp-values-2022:fairness")
    assert embodying[:2] == ["jp-ai-rd-2017:ethics", "jp-ai-util-2019:fairness"]
    assert embodying[-1] == "acme-ai:fair-screening"
    assert merged.corresponding("jp-ai-util-2019:fairness") == [
        "jp-ai-rd-2017:ethics",
        "acme-ai:fair-screening",
    ]
    assert merged.version.endswith("+acme@1.0")


def test_loading_a_pack_leaves_the_builtin_alone() -> None:
    """The cached built-in catalogue does not see user packs."""
    before = (len(builtin_catalog()), builtin_catalog().content_hash)
    load_catalog(company_pack())
    assert (len(builtin_catalog()), builtin_catalog().content_hash) == before
    assert "acme-ai" not in builtin_catalog()


def test_company_pack_from_a_file(tmp_path: Path) -> None:
    """A pack given as a path loads, and its items are traced to that file."""
    path = write_pack(tmp_path, company_pack())
    merged = load_catalog(path)
    assert merged.source_of("acme-ai:explain") == (str(path), "$.principles[1]")
    assert load_catalog(str(path)).content_hash == merged.content_hash


def test_company_pack_as_a_model() -> None:
    """A pack given as a CatalogDocument loads like its dict."""
    doc = CatalogDocument.model_validate(company_pack())
    assert load_catalog(doc).content_hash == load_catalog(company_pack()).content_hash


def test_standalone_pack_without_builtin() -> None:
    """builtin=False loads only the given packs."""
    alone = load_catalog(standalone_pack(), builtin=False)
    assert [fw.id for fw in alone.frameworks] == ["acme-ai"]
    assert "jp-ai-util-2019:fairness" not in alone
    assert alone.principles_addressing("acme:recruiter") == ["acme-ai:fair-screening"]
    assert alone.version == "acme@1.0"


def test_pack_with_a_builtin_id_replaces_it() -> None:
    """A pack whose id is a built-in pack's id replaces that pack instead of clashing."""
    values = builtin_pack("jp-values-2022.json")
    values["version"] = "9.9"
    values["values"][21]["label"]["ja"] = "コスト（改）"
    replaced = load_catalog(values)
    assert len(replaced) == len(builtin_catalog())
    assert replaced.value("jp-values-2022:cost").label.ja == "コスト（改）"
    assert "jp-values-2022@9.9" in replaced.version.split("+")
    assert f"jp-values-2022@{builtin_pack('jp-values-2022.json')['version']}" not in (
        replaced.version.split("+")
    )


def test_replacing_a_builtin_pack_drops_its_content(tmp_path: Path) -> None:
    """An empty pack with a built-in id removes that pack's items; dangling uses are reported."""
    path = write_pack(tmp_path, {"kind": "catalog", "id": "jp-values-2022", "version": "0"})
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    sources = {issue.source for issue in info.value.issues}
    assert "aigov/data/catalog/jp-practices-2022.json" in sources
    assert all("unknown id 'jp-values-2022:" in issue.message for issue in info.value.issues)


# -- errors in user packs ---------------------------------------------------------------


def _principle(pid: str, framework: str) -> dict[str, Any]:
    return {
        "id": pid,
        "framework": framework,
        "number": 1,
        "label": _text("ラベル", "Label"),
        "summary": _text("要約", "Summary"),
        "source": _source(),
    }


def _duplicate_id() -> dict[str, Any]:
    pack = company_pack()
    pack["principles"].append(_principle("jp-ai-util-2019:fairness", "jp-ai-util-2019"))
    return pack


def _dangling_object() -> dict[str, Any]:
    pack = company_pack()
    pack["relations"][0]["object"] = "developr"
    return pack


def _wrong_end() -> dict[str, Any]:
    pack = company_pack()
    pack["relations"][0]["object"] = "jp-values-2022:fairness"
    return pack


def _unknown_framework() -> dict[str, Any]:
    pack = company_pack()
    pack["principles"].append(_principle("acme:other", "acme"))
    return pack


def _symmetric_repeat() -> dict[str, Any]:
    pack = company_pack()
    pack["relations"].append(
        {
            "subject": "jp-ai-util-2019:fairness",
            "predicate": "corresponds_to",
            "object": "acme-ai:fair-screening",
            "rationale": "The same pair, the other way round.",
        }
    )
    return pack


def _unknown_key() -> dict[str, Any]:
    pack = company_pack()
    pack["principles"][1]["itmes"] = []
    return pack


@pytest.mark.parametrize(
    ("make", "error", "issue"),
    [
        pytest.param(
            _duplicate_id,
            CatalogError,
            Issue(
                "$.principles[2]",
                "duplicate id 'jp-ai-util-2019:fairness', already defined at "
                "aigov/data/catalog/jp-guidelines.json: $.principles[16]",
                "give one of them another id",
            ),
            id="duplicate-id",
        ),
        pytest.param(
            _dangling_object,
            CatalogError,
            Issue("$.relations[0].object", "unknown id 'developr'", "did you mean 'developer'?"),
            id="dangling-object",
        ),
        pytest.param(
            _wrong_end,
            CatalogError,
            Issue(
                "$.relations[0].object",
                "'addresses' cannot have a value as object ('jp-values-2022:fairness'); "
                "expected role",
            ),
            id="wrong-relation-end",
        ),
        pytest.param(
            _unknown_framework,
            CatalogError,
            Issue(
                "$.principles[2].framework", "unknown framework 'acme'", "did you mean 'acme-ai'?"
            ),
            id="unknown-framework",
        ),
        pytest.param(
            _symmetric_repeat,
            CatalogError,
            Issue(
                "$.relations[5]", "relation repeats {path}: $.relations[2]", "remove one of them"
            ),
            id="repeated-symmetric-relation",
        ),
        pytest.param(
            _unknown_key,
            ValidationFailed,
            Issue("$.principles[1]", "unknown key 'itmes'", "did you mean 'items'?"),
            id="unknown-key",
        ),
    ],
)
def test_bad_pack_file_names_file_and_path(
    tmp_path: Path, make: Any, error: type[DocumentError], issue: Issue
) -> None:
    """Each integrity or model problem of a pack file is reported once, with file and JSON path."""
    path = write_pack(tmp_path, make())
    with pytest.raises(AigovError) as info:
        load_catalog(path)
    assert type(info.value) is error
    assert isinstance(info.value, DocumentError)
    expected = Issue(issue.path, issue.message.format(path=path), issue.hint)
    (got,) = info.value.issues
    assert (got.path, got.message, got.hint) == (expected.path, expected.message, expected.hint)
    assert str(path) in str(info.value)
    assert f"{expected.path}: {expected.message}" in str(info.value)
    assert got.source in (str(path), None)
    assert info.value.source in (str(path), None)


def test_duplicate_id_message_is_pinned(tmp_path: Path) -> None:
    """The duplicate-id message names the new file and path and the built-in definition."""
    path = write_pack(tmp_path, _duplicate_id())
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    assert str(info.value) == (
        f"{path}: invalid document: $.principles[2]: duplicate id 'jp-ai-util-2019:fairness', "
        "already defined at aigov/data/catalog/jp-guidelines.json: $.principles[16] "
        "(give one of them another id)"
    )


def test_unknown_key_message_is_pinned(tmp_path: Path) -> None:
    """A misspelt key is reported with its JSON path and a did-you-mean hint."""
    path = write_pack(tmp_path, _unknown_key())
    with pytest.raises(ValidationFailed) as info:
        load_catalog(path)
    assert str(info.value) == (
        f"{path}: invalid document: $.principles[1]: unknown key 'itmes' (did you mean 'items'?)"
    )


def test_every_problem_is_listed(tmp_path: Path) -> None:
    """One CatalogError lists every integrity problem of a pack, not just the first."""
    pack = company_pack()
    pack["relations"][0]["object"] = "developr"
    pack["relations"][1]["object"] = "business-user"
    pack["principles"].append(_principle("acme:other", "acme"))
    path = write_pack(tmp_path, pack)
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    assert sorted(issue.path for issue in info.value.issues) == [
        "$.principles[2].framework",
        "$.relations[0].object",
        "$.relations[1].object",
    ]
    assert "(3 problems)" in str(info.value)


def test_dict_pack_errors_name_the_pack(catalog: Catalog) -> None:
    """A pack given as a dict is named '<pack ID>' in messages."""
    with pytest.raises(CatalogError) as info:
        load_catalog(_dangling_object())
    assert str(info.value) == (
        "<pack acme>: invalid document: $.relations[0].object: unknown id 'developr' "
        "(did you mean 'developer'?)"
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("predicate", "part_of", "'part_of' is derived from the items; do not store it"),
        ("predicate", "has_item", "'has_item' is derived from the items; do not store it"),
        ("rationale", None, "a relation needs a source or a rationale"),
    ],
)
def test_relation_model_rules(field: str, value: str | None, message: str) -> None:
    """Derived relation kinds cannot be stored, and every relation needs a ground."""
    pack = company_pack()
    relation = pack["relations"][0]
    if value is None:
        del relation[field]
    else:
        relation[field] = value
    with pytest.raises(ValidationFailed) as info:
        load_catalog(pack)
    assert [(i.path, i.message) for i in info.value.issues] == [("$.relations[0]", message)]


def test_principle_id_must_start_with_its_framework() -> None:
    """A principle id outside its framework's namespace is rejected by the model."""
    pack = company_pack()
    pack["principles"][0]["framework"] = "jp-ai-util-2019"
    with pytest.raises(ValidationFailed) as info:
        load_catalog(pack)
    assert [i.message for i in info.value.issues] == [
        "id 'acme-ai:fair-screening' must start with its framework 'jp-ai-util-2019:'"
    ]


def test_malformed_json_names_line_and_column(tmp_path: Path) -> None:
    """Malformed JSON raises ParseError with the file, line and column."""
    path = tmp_path / "broken.json"
    path.write_text('{\n  "kind": "catalog",\n  "id": \n}\n', encoding="utf-8")
    with pytest.raises(ParseError) as info:
        load_catalog(path)
    assert (info.value.line, info.value.column) == (4, 1)
    assert info.value.source == str(path)
    assert str(info.value) == (
        f"{path}: invalid document: line 4, column 1: malformed JSON: Expecting value "
        "(fix the syntax there)"
    )


def test_duplicate_json_key_is_refused(tmp_path: Path) -> None:
    """A pack file repeating a key is refused rather than silently keeping the last value."""
    path = tmp_path / "dup.json"
    path.write_text('{"kind": "catalog", "id": "a", "id": "b", "version": "1"}', encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        load_catalog(path)
    assert "duplicate key 'id'" in str(info.value)


def test_non_utf8_file_is_a_parse_error(tmp_path: Path) -> None:
    """A file that is not UTF-8 raises ParseError, not UnicodeDecodeError."""
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"id": "\xe9"}')
    with pytest.raises(ParseError):
        load_catalog(path)


def test_missing_file(tmp_path: Path) -> None:
    """A missing pack file raises FileAccessError (an OSError) naming the path."""
    path = tmp_path / "nowhere.json"
    with pytest.raises(FileAccessError) as info:
        load_catalog(path)
    assert isinstance(info.value, OSError)
    assert info.value.path == str(path)
    assert str(info.value) == f"{path}: no such file"


def test_directory_is_not_a_pack(tmp_path: Path) -> None:
    """A directory given as a pack raises FileAccessError."""
    with pytest.raises(FileAccessError) as info:
        load_catalog(tmp_path)
    assert str(info.value) == f"{tmp_path}: is a directory, not a file"


def test_non_object_document(tmp_path: Path) -> None:
    """A JSON array is not a pack: ValidationFailed at '$'."""
    path = write_pack(tmp_path, [1, 2])
    with pytest.raises(ValidationFailed) as info:
        load_catalog(path)
    assert [i.path for i in info.value.issues] == ["$"]


def test_load_pack_names_its_source(tmp_path: Path) -> None:
    """load_pack() returns the document with the name used in messages."""
    path = write_pack(tmp_path, company_pack())
    doc, source = load_pack(path)
    assert (doc.id, source) == ("acme", str(path))
    assert load_pack(company_pack())[1] == "<pack acme>"
    assert load_pack(doc)[1] == "<pack acme>"


# -- nothing but AigovError escapes -----------------------------------------------------

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.sampled_from(
        ["catalog", "acme-ai", "developer", "jp-ai-util-2019:fairness", "addresses", "2024-01-01"]
    )
)
_JSON = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
_KEYS = st.sampled_from(
    [
        "kind",
        "id",
        "version",
        "frameworks",
        "principles",
        "values",
        "roles",
        "practices",
        "relations",
        "title",
        "$schema",
        "format_version",
    ]
) | st.text(max_size=8)


def _load_or_aigov_error(pack: dict[str, Any]) -> None:
    try:
        result = load_catalog(pack)
    except AigovError:
        return
    assert isinstance(result, Catalog)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_KEYS, _JSON, max_size=6))
def test_arbitrary_dicts_raise_only_aigov_errors(pack: dict[str, Any]) -> None:
    """Any JSON-like dict given to load_catalog loads or raises an AigovError, nothing else."""
    _load_or_aigov_error(pack)


# Values that often keep the pack valid, so that the integrity checks run too.
_PLAUSIBLE = st.one_of(
    st.sampled_from(
        [
            *(item.id for kind in KINDS for item in builtin_catalog().items(kind)),
            "acme-ai",
            "acme-ai:fair-screening",
            "acme-ai:fair-screening/a",
            "acme-ai:explain",
            "acme-ai:other",
            *(kind.value for kind in RelationKind),
            "named",
            "via-users",
            "verified",
            "unverified",
            "2024-04-01",
        ]
    ),
    st.integers(min_value=0, max_value=3),
    # builds(), not just(): every example needs fresh containers to mutate.
    st.builds(_text, st.just("ラベル"), st.just("Label")),
    st.builds(_source),
    st.builds(list),
)


def _containers(node: object) -> list[Any]:
    """Every dict and list inside ``node`` (itself included), depth first."""
    found: list[Any] = []
    if isinstance(node, dict):
        found.append(node)
        for child in node.values():
            found += _containers(child)
    elif isinstance(node, list):
        found.append(node)
        for child in node:
            found += _containers(child)
    return found


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_company_packs_raise_only_aigov_errors(data: st.DataObject) -> None:
    """A valid pack with a value replaced anywhere loads or raises an AigovError, nothing else."""
    pack = company_pack()
    for _ in range(data.draw(st.integers(min_value=1, max_value=2))):
        node = data.draw(st.sampled_from(_containers(pack)))
        value = data.draw(_PLAUSIBLE | _PLAUSIBLE | _JSON)
        if isinstance(node, dict):
            keys = st.sampled_from(sorted(node)) | st.text(max_size=6) if node else st.text()
            node[data.draw(keys)] = value
        elif node:
            node[data.draw(st.integers(min_value=0, max_value=len(node) - 1))] = value
        else:
            node.append(value)
    _load_or_aigov_error(pack)


# The documented vocabulary: which kinds each stored relation may connect.
_ENDS: dict[RelationKind, tuple[set[str], set[str]]] = {
    RelationKind.ADDRESSES: ({"principle", "subitem"}, {"role"}),
    RelationKind.EMBODIES: ({"principle", "subitem"}, {"value"}),
    RelationKind.IMPLEMENTS: ({"practice", "practice-item"}, {"principle", "subitem", "value"}),
    RelationKind.CORRESPONDS_TO: ({"principle", "subitem"}, {"principle", "subitem"}),
}
_SOME_IDS = st.sampled_from(
    [
        *(item.id for kind in KINDS for item in builtin_catalog().items(kind)),
        "acme-ai",
        "acme-ai:fair-screening",
        "acme-ai:fair-screening/a",
        "acme-ai:explain",
        "acme-ai:missing",
        "nobody",
    ]
)


@settings(max_examples=300, deadline=None)
@given(_SOME_IDS, st.sampled_from(list(_ENDS)), _SOME_IDS)
def test_any_added_relation_loads_or_is_rejected_at_its_path(
    subject: str, predicate: RelationKind, obj: str
) -> None:
    """A relation between any two ids loads exactly when its ends have the allowed kinds and
    it repeats no relation; otherwise a CatalogError points at that relation."""
    base = load_catalog(company_pack())
    pack = company_pack()
    pack["relations"].append(
        {"subject": subject, "predicate": predicate.value, "object": obj, "rationale": "test"}
    )
    subject_kinds, object_kinds = _ENDS[predicate]
    pair = {(r.subject, r.object) for r in base.relations if r.predicate is predicate}
    repeated = (subject, obj) in pair or (
        predicate is RelationKind.CORRESPONDS_TO and (obj, subject) in pair
    )
    allowed = (
        subject in base
        and obj in base
        and base.kind_of(subject) in subject_kinds
        and base.kind_of(obj) in object_kinds
        and not repeated
    )
    if allowed:
        assert obj in load_catalog(pack).objects(subject, predicate)
        return
    with pytest.raises(CatalogError) as info:
        load_catalog(pack)
    assert info.value.issues
    assert all(issue.path.startswith("$.relations[5]") for issue in info.value.issues)
    assert all(issue.source == "<pack acme>" for issue in info.value.issues)
