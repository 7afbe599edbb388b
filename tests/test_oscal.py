"""OSCAL exports: compliance-trestle loads them with its OSCAL models.

Every framework of the built-in catalogue is an OSCAL catalog trestle reads,
with the controls, parts and properties the catalogue holds; the curated
correspondences are an OSCAL 1.2 mapping collection trestle reads, whose maps
name controls that exist in the catalogs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from aigov.catalog import Catalog, builtin_catalog
from aigov.crosswalk import builtin_mappings
from aigov.errors import UnknownIdError, UsageError
from aigov.export import export
from aigov.linked import correspondences
from aigov.oscal import OSCAL_VERSION, RELATIONSHIPS, control_id
from aigov.testing import run_cli

trestle_catalog = pytest.importorskip(
    "trestle.oscal.catalog", reason="compliance-trestle (test extra) holds OSCAL's models"
)
trestle_mapping = pytest.importorskip("trestle.oscal.mapping", reason="OSCAL 1.2 mapping models")

FRAMEWORKS = [fw.id for fw in builtin_catalog().frameworks]


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _catalog(framework: str, catalog: Catalog | None = None) -> dict[str, Any]:
    text = export(catalog or builtin_catalog(), "oscal-catalog", framework=framework)
    document: dict[str, Any] = json.loads(text)["catalog"]
    return document


def _controls(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for group in document.get("groups", []) for c in group["controls"]]


def _ids(node: object) -> set[str]:
    """Every control and part ID in a catalog."""
    if isinstance(node, list):
        return {i for x in node for i in _ids(x)}
    if not isinstance(node, dict):
        return set()
    own = {node["id"]} if "id" in node and ("parts" in node or "name" in node) else set()
    return own | {i for key in ("groups", "controls", "parts") for i in _ids(node.get(key, []))}


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_trestle_loads_every_framework_as_an_oscal_catalog(framework: str, tmp_path: Path) -> None:
    text = export(builtin_catalog(), "oscal-catalog", framework=framework)
    loaded = trestle_catalog.Catalog.oscal_read(_write(tmp_path, "c.json", text))
    assert loaded is not None
    assert json.loads(text)["catalog"]["metadata"]["oscal-version"] == OSCAL_VERSION
    items = [
        *(p for p in builtin_catalog().principles if p.framework == framework),
        *(v for v in builtin_catalog().values if v.framework == framework),
        *(p for p in builtin_catalog().practices if p.framework == framework),
    ]
    assert sum(len(g.controls or []) for g in loaded.groups or []) == len(items)


def _props(node: dict[str, Any], name: str) -> list[str]:
    return [p["value"] for p in node.get("props", []) if p["name"] == name]


def test_a_principle_is_a_control_with_its_parts_roles_values_and_source() -> None:
    catalog = builtin_catalog()
    document = _catalog("jp-ai-util-2019")
    assert [g["title"] for g in document["groups"]] == ["Principles"]
    controls = {c["id"]: c for c in _controls(document)}
    assert list(controls) == [
        control_id(p.id) for p in catalog.principles if p.framework == "jp-ai-util-2019"
    ]
    fairness = controls["fairness"]
    principle = catalog.principle("jp-ai-util-2019:fairness")
    assert fairness["title"] == principle.label.en
    assert _props(fairness, "label") == ["8"]
    assert _props(fairness, "title-ja") == [principle.label.ja]
    assert _props(fairness, "addressed-role") == catalog.roles_of(principle.id)
    assert _props(fairness, "embodied-value") == catalog.values_of(principle.id)
    assert _props(fairness, "verification") == [principle.source.verification.value]
    statement = fairness["parts"][0]
    assert statement["name"] == "statement"
    assert statement["prose"] == principle.summary.en
    assert [p["id"] for p in statement["parts"]] == [
        "fairness_smt.a",
        "fairness_smt.b",
        "fairness_smt.c",
    ]
    assert [_props(p, "label") for p in statement["parts"]] == [["ア"], ["イ"], ["ウ"]]
    resources = {r["uuid"]: r for r in document["back-matter"]["resources"]}
    source = resources[fairness["links"][0]["href"].removeprefix("#")]
    assert source["rlinks"] == [{"href": principle.source.url}]


def test_values_and_practices_are_controls_too() -> None:
    values = _controls(_catalog("jp-values-2022"))
    assert len(values) == 22
    assert all(_props(v, "new-in-2022") in (["true"], ["false"]) for v in values)
    practices = _catalog("jp-practices-2022")
    assert [g["class"] for g in practices["groups"]] == [
        "ethics-governance",
        "focus-area",
        "human-resources",
        "supply-chain",
    ]
    kinds = {
        _props(part, "practice-kind")[0]
        for c in _controls(practices)
        for part in c["parts"][0].get("parts", [])
    }
    assert kinds == {"standard", "notable"}


def test_control_and_part_ids_are_unique_oscal_tokens() -> None:
    token = re.compile(r"^[_A-Za-z][_A-Za-z0-9.-]*$")
    for framework in FRAMEWORKS:
        ids: list[str] = []

        def walk(node: dict[str, Any], ids: list[str] = ids) -> None:
            for key in ("groups", "controls", "parts"):
                for child in node.get(key, []):
                    if "id" in child:
                        ids.append(child["id"])
                    walk(child)

        walk(_catalog(framework))
        assert len(ids) == len(set(ids)), framework
        assert all(token.match(i) for i in ids), framework


def _odd_pack() -> dict[str, Any]:
    text = "*Bold* {{ insert: param, x }} <b>&amp;</b> [link](javascript:x)\nsecond line"
    return {
        "kind": "catalog",
        "id": "odd",
        "version": "1",
        "frameworks": [
            {
                "id": "2024-odd",
                "label": {"ja": text, "en": text},
                "issuer": {"ja": "Someone", "en": "Someone"},
                "date": "2024-05",
                "summary": {"ja": text, "en": text},
                "source": {
                    "document": "odd",
                    "url": "javascript:alert(1)",
                    "verification": "partial",
                },
            }
        ],
        "principles": [
            {
                "id": "2024-odd:1st",
                "framework": "2024-odd",
                "number": 1,
                "label": {"ja": text, "en": text},
                "summary": {"ja": text, "en": text},
                "source": {"document": "odd", "locator": "p. 1", "verification": "partial"},
            }
        ],
    }


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def test_markup_in_catalogue_text_stays_text(tmp_path: Path) -> None:
    """Markdown, HTML and OSCAL parameter syntax in a pack's text is escaped, never markup."""
    catalog = builtin_catalog().with_packs(_odd_pack())
    text = export(catalog, "oscal-catalog", framework="2024-odd")
    assert trestle_catalog.Catalog.oscal_read(_write(tmp_path, "odd.json", text)) is not None
    document = json.loads(text)["catalog"]
    control = _controls(document)[0]
    assert control["id"] == "_1st"  # a token cannot start with a digit
    original = catalog.principle("2024-odd:1st").label.en
    assert _unescape(control["title"]) == " ".join(original.split())
    assert "{{" not in control["title"]
    assert "<b>" not in control["title"]
    # Not a web IRI: no link is written for it.
    assert "javascript:" not in json.dumps(document.get("back-matter", {}))


# -- the mapping collection -------------------------------------------------------------


def test_trestle_loads_the_mapping_collection(tmp_path: Path) -> None:
    text = export(builtin_catalog(), "oscal-mapping")
    loaded = trestle_mapping.MappingCollection.oscal_read(_write(tmp_path, "m.json", text))
    assert loaded is not None
    assert len(loaded.mappings) == len(json.loads(text)["mapping-collection"]["mappings"])


def _collection(framework: str | None = None) -> dict[str, Any]:
    text = export(builtin_catalog(), "oscal-mapping", framework=framework)
    document: dict[str, Any] = json.loads(text)["mapping-collection"]
    return document


def test_every_correspondence_between_controls_is_one_map() -> None:
    """Roles are left out (OSCAL maps controls), and the collection says how many."""
    catalog = builtin_catalog()
    found = list(correspondences(catalog, builtin_mappings()))
    roles = [
        f for f in found if "role" in (catalog.kind_of(f["subject"]), catalog.kind_of(f["object"]))
    ]
    document = _collection()
    maps = [m for mapping in document["mappings"] for m in mapping["maps"]]
    assert len(maps) == len(found) - len(roles)
    assert (
        f"{len(roles)} correspondences between roles are left out"
        in document["metadata"]["remarks"]
    )
    predicates = [_props(m, "skos-predicate")[0] for m in maps]
    assert [m["relationship"] for m in maps] == [RELATIONSHIPS[p] for p in predicates]


def test_every_map_names_controls_of_the_catalogs_it_maps_between() -> None:
    document = _collection()
    resources = {r["uuid"]: r for r in document["back-matter"]["resources"]}
    for mapping in document["mappings"]:
        ends = []
        for side in ("source-resource", "target-resource"):
            resource = resources[mapping[side]["href"].removeprefix("#")]
            file_name = resource["rlinks"][0]["href"]
            ends.append(_ids(_catalog(file_name.removesuffix(".oscal-catalog.json"))))
        for entry in mapping["maps"]:
            assert {s["id-ref"] for s in entry["sources"]} <= ends[0]
            assert {t["id-ref"] for t in entry["targets"]} <= ends[1]


def test_mapping_collection_for_one_framework() -> None:
    document = _collection("nist-ai-rmf-1.0")
    assert document["mappings"]
    for mapping in document["mappings"]:
        titles = {r["rlinks"][0]["href"] for r in document["back-matter"]["resources"]}
        assert "nist-ai-rmf-1.0.oscal-catalog.json" in titles
        assert mapping["maps"]


def test_a_framework_with_only_role_correspondences_has_no_mapping_collection() -> None:
    with pytest.raises(UsageError) as info:
        _collection("airo")
    assert str(info.value) == (
        "no correspondence between controls to write for framework 'airo': OSCAL mapping "
        "collections map controls, not roles"
    )


def test_unknown_framework_is_named() -> None:
    with pytest.raises(UnknownIdError, match="Unknown framework 'nist-rmf'"):
        export(builtin_catalog(), "oscal-catalog", framework="nist-rmf")


# -- command line ------------------------------------------------------------------------


def test_cli_oscal_catalog_needs_a_framework() -> None:
    result = run_cli("export", "--format", "oscal-catalog")
    assert result.code == 2
    assert result.stderr.startswith(
        "aigov: error: oscal-catalog writes one framework's catalog: name it with framework=ID "
        "(--framework ID on the command line); frameworks: jp-ai-rd-2017, jp-ai-util-2019,"
    )
    assert run_cli("export", "--format", "oscal-catalog", "--framework", "oecd-2019").json()[
        "catalog"
    ]["metadata"]["title"]


def test_cli_framework_is_refused_for_formats_that_take_none() -> None:
    result = run_cli("export", "--format", "graphml", "--framework", "oecd-2019")
    assert result.code == 2
    assert "graphml always has every framework: leave it out" in result.stderr
