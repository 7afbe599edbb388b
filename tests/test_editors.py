"""Editors and schema tools read the schemas that `aigov schema --all -o DIR` writes.

- check-jsonschema (the pre-commit hook the docs show) validates every example
  of every document kind against those files alone;
- VS Code's JSON language service (the npm package vscode-json-languageservice,
  run with node) accepts a document of every kind that names its schema in
  ``$schema`` by a relative path, and reports a misspelt key.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import warnings
from collections.abc import Mapping
from pathlib import Path

import pytest

from aigov.errors import OutdatedIdentifierWarning
from aigov.schemas import CATALOG_FILE, detect_schema, schema_file_name, schema_names
from aigov.testing import run_cli

ROOT = Path(__file__).resolve().parent.parent
#: Where .ci/run installs the npm package (AIGOV_NODE_MODULES overrides it).
NODE_MODULES = Path(os.environ.get("AIGOV_NODE_MODULES", ROOT / ".ci" / "node" / "node_modules"))
#: An example that is wrong on purpose (the docs show aigov's errors on it).
BROKEN = ROOT / "docs" / "examples" / "broken-profile.json"


@pytest.fixture(scope="module")
def schema_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("schemas")
    assert run_cli("schema", "--all", "-o", folder).code == 0
    return folder


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """Every JSON example by kind, plus an assessment, a check sheet and a gap report."""
    out = tmp_path_factory.mktemp("made")
    made = {
        "assessment": [
            "check",
            "src/aigov/data/examples/profiles/resume-screener.json",
            "--format",
            "json",
        ],
        "checklist": [
            "checklist",
            "src/aigov/data/examples/profiles/resume-screener.json",
            "--format",
            "json",
        ],
        "classification": [
            "classify",
            "src/aigov/data/examples/eu-ai-act/eu-cv-screening.json",
            "--format",
            "json",
        ],
        "gap-report": [
            "gaps",
            "src/aigov/data/examples/checklists/resume-screener-filled.csv",
            "--format",
            "json",
        ],
    }
    found: dict[str, list[Path]] = {}
    for kind, argv in made.items():
        result = run_cli(*argv)
        assert result.code == 0, result.stderr
        (out / f"{kind}.json").write_text(result.stdout, encoding="utf-8")
        found[kind] = [out / f"{kind}.json"]
    paths = [
        *sorted((ROOT / "src/aigov/data/examples").rglob("*.json")),
        *sorted((ROOT / "docs" / "examples").glob("*.json")),
        *sorted((ROOT / "src" / "aigov" / "data").glob("[cmr]*/*.json")),
    ]
    for path in paths:
        if path != BROKEN:
            with warnings.catch_warnings():
                # docs/examples/old-schema-id.json shows that old identifiers still work.
                warnings.simplefilter("ignore", OutdatedIdentifierWarning)
                detected = detect_schema(json.loads(path.read_text(encoding="utf-8")))
            assert detected is not None, path
            found.setdefault(detected, []).append(path)
    return found


def _check_jsonschema(schema: Path, files: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_schema_all_writes_every_schema_and_a_schemastore_catalog(schema_dir: Path) -> None:
    names = sorted(p.name for p in schema_dir.iterdir())
    assert names == sorted([CATALOG_FILE, *map(schema_file_name, schema_names())])
    catalog = json.loads((schema_dir / CATALOG_FILE).read_text(encoding="utf-8"))
    assert catalog["$schema"] == "https://json.schemastore.org/schema-catalog.json"
    assert catalog["version"] == 1
    for entry, name in zip(catalog["schemas"], schema_names(), strict=True):
        assert set(entry) == {"name", "description", "url"}
        on_disk = json.loads((schema_dir / schema_file_name(name)).read_text(encoding="utf-8"))
        assert entry["url"] == on_disk["$id"]
        assert entry["url"].startswith("https://w3id.org/aigov/schema/1/")


def test_check_jsonschema_validates_every_example_against_the_written_schemas(
    schema_dir: Path, examples: dict[str, list[Path]]
) -> None:
    pytest.importorskip("check_jsonschema", reason="check-jsonschema is in the test extra")
    assert sorted(examples) == schema_names()  # an example of every kind
    for kind, files in examples.items():
        result = _check_jsonschema(schema_dir / schema_file_name(kind), files)
        assert result.returncode == 0, f"{kind}: {result.stdout}{result.stderr}"


def test_check_jsonschema_reports_the_broken_example(schema_dir: Path) -> None:
    """The same command fails on a wrong document, so the passing run above means something."""
    pytest.importorskip("check_jsonschema", reason="check-jsonschema is in the test extra")
    result = _check_jsonschema(schema_dir / "system-profile.schema.json", [BROKEN])
    assert result.returncode == 1
    assert "'employmnet' is not one of" in result.stdout


def _vscode_diagnostics(request: Mapping[str, object], tmp_path: Path) -> dict[str, list[str]]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: VS Code's JSON language service cannot run")
    if not (NODE_MODULES / "vscode-json-languageservice").is_dir():
        pytest.skip(
            f"vscode-json-languageservice is not installed in {NODE_MODULES} "
            "(.ci/run installs it with npm; set AIGOV_NODE_MODULES to use another folder)"
        )
    path = tmp_path / "request.json"
    path.write_text(json.dumps(request), encoding="utf-8")
    script = Path(__file__).parent / "editors" / "vscode_json_check.js"
    result = subprocess.run(
        [node, str(script), str(path)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NODE_PATH": str(NODE_MODULES)},
    )
    assert result.returncode == 0, result.stderr
    return {
        Path(r["document"]).name: [f"{d['line']}: {d['message']}" for d in r["diagnostics"]]
        for r in json.loads(result.stdout)
    }


def _with_schema(source: Path, target: Path, schema: str) -> Path:
    data = json.loads(source.read_text(encoding="utf-8"))
    data.pop("$schema", None)
    target.write_text(json.dumps({"$schema": schema, **data}, indent=2), encoding="utf-8")
    return target


def test_vscode_accepts_every_kind_of_document_that_names_its_schema(
    schema_dir: Path, examples: dict[str, list[Path]], tmp_path: Path
) -> None:
    """A document of each kind with a relative `$schema` has no problem in VS Code or aigov."""
    work = tmp_path / "work"
    shutil.copytree(schema_dir, work / "schemas")
    documents = [
        _with_schema(files[0], work / f"{kind}.json", f"./schemas/{schema_file_name(kind)}")
        for kind, files in sorted(examples.items())
    ]
    request = {"schemas": [], "documents": [str(d) for d in documents]}
    diagnostics = _vscode_diagnostics(request, tmp_path)
    assert diagnostics == {d.name: [] for d in documents}
    result = run_cli(
        "validate", "--pack", ROOT / "docs" / "examples" / "acme-pack.json", *documents
    )
    assert result.code == 0, result.stderr


def test_vscode_reports_a_misspelt_key_in_a_profile_that_names_its_schema(
    schema_dir: Path, tmp_path: Path
) -> None:
    shutil.copytree(schema_dir, tmp_path / "schemas")
    data = json.loads(
        (ROOT / "src/aigov/data/examples/profiles/resume-screener.json").read_text("utf-8")
    )
    data["data"]["personel"] = True
    path = tmp_path / "typo.json"
    path.write_text(
        json.dumps({"$schema": "./schemas/system-profile.schema.json", **data}), "utf-8"
    )
    diagnostics = _vscode_diagnostics({"schemas": [], "documents": [str(path)]}, tmp_path)
    assert diagnostics == {"typo.json": ["1: Property personel is not allowed."]}


def test_ci_installs_the_language_service_where_the_test_looks_for_it() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "npm install --prefix .ci/node" in ci
    assert "vscode-json-languageservice@5" in ci


# -- what the Interoperability page tells people to set up --------------------------------

PAGE = ROOT / "docs" / "interoperability.md"


def _page_block(lang: str, containing: str) -> str:
    text = PAGE.read_text(encoding="utf-8")
    blocks: list[str] = re.findall(rf"```{lang}\n(.*?)\n```", text, re.DOTALL)
    return next(b for b in blocks if containing in b)


def test_the_documented_vscode_settings_associate_the_schemas(
    schema_dir: Path, examples: dict[str, list[Path]], tmp_path: Path
) -> None:
    """The page's `json.schemas` settings, in the language service, check documents by folder."""
    settings = json.loads(_page_block("json", '"json.schemas"'))["json.schemas"]
    work = tmp_path / "work"
    shutil.copytree(schema_dir, work / "schemas")
    folders = {"system-profile": "profiles", "policy": "policies", "rule-set": "rules"}
    folders |= {"mapping-set": "mappings", "catalog": "packs"}
    documents = []
    for kind, folder in folders.items():
        (work / folder).mkdir()
        data = json.loads(examples[kind][0].read_text(encoding="utf-8"))
        data.pop("$schema", None)  # the settings, not the document, name the schema
        documents.append(work / folder / f"{kind}.json")
        documents[-1].write_text(json.dumps(data), encoding="utf-8")
    typo = json.loads(documents[0].read_text(encoding="utf-8"))
    typo["data"]["personel"] = True
    (work / "profiles" / "typo.json").write_text(json.dumps(typo), encoding="utf-8")
    schemas = [
        {"uri": (work / entry["url"]).resolve().as_uri(), "fileMatch": entry["fileMatch"]}
        for entry in settings
    ]
    request = {
        "schemas": schemas,
        "documents": [*map(str, documents), str(work / "profiles" / "typo.json")],
    }
    diagnostics = _vscode_diagnostics(request, tmp_path)
    assert diagnostics.pop("typo.json") == ["1: Property personel is not allowed."]
    assert diagnostics == {f"{kind}.json": [] for kind in folders}
    assert len(documents) == len(settings)


def test_the_documented_pre_commit_hooks_name_files_schema_all_writes(schema_dir: Path) -> None:
    hooks = _page_block("yaml", "check-jsonschema")
    named = re.findall(r'"--schemafile", "schemas/([^"]+)"', hooks)
    assert named
    assert set(named) <= {p.name for p in schema_dir.iterdir()}
    assert re.search(r"rev: (\S+)", hooks)
