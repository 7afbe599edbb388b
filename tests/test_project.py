"""Project hygiene: README commands, public API shape, lazy imports, packaging."""

from __future__ import annotations

import importlib
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import aigov

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", quick)


def test_readme_has_exactly_two_setup_commands() -> None:
    commands = _readme_commands()
    assert len(commands) == 2
    # The quick start works outside a clone: the example ships with the package.
    assert "pip install aigov-jp" in commands[0]
    assert "aigov examples copy resume-screener &&" in commands[0]
    assert commands[0].endswith("aigov check resume-screener.json")
    assert "pytest" in commands[1]


def test_ci_runs_the_quick_start_from_the_wheel_in_an_empty_folder() -> None:
    """The release check copies the example out of the installed wheel, as the README does."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'aigov" examples copy resume-screener' in ci
    assert 'aigov" check resume-screener.json' in ci
    assert "examples/profiles" not in ci
    # ... and the wizard's answers file, as the README shows it.
    assert 'aigov" init --answers answers.json -o mine.json' in ci
    assert 'aigov" check mine.json' in ci


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _readme_commands()[1] in ci.splitlines()


def test_the_readme_main_job_checks_the_file_its_copy_writes() -> None:
    from aigov.examples import list_examples

    command = _readme_commands()[0]
    copied = command.split("aigov examples copy ", 1)[1].split(" ", 1)[0]
    checked = command.rsplit(" ", 1)[1]
    assert {e.name: e.file_name for e in list_examples()}[copied] == checked


def _isort_key(name: str) -> tuple[int, str]:
    """The order ruff (RUF022) keeps: CONSTANTS, then Classes, then functions."""
    if name.isupper():
        return (0, name)
    return (1, name) if name[:1].isupper() else (2, name)


def _public_modules() -> list[str]:
    names = ["aigov"]
    for info in pkgutil.walk_packages(aigov.__path__, "aigov."):
        leaf = info.name.rsplit(".", 1)[1]
        if not leaf.startswith("_") and info.name != "aigov.data":
            names.append(info.name)
    return names


@pytest.mark.parametrize("name", _public_modules())
def test_every_public_module_declares_a_sorted_all(name: str) -> None:
    if name == "aigov.__main__":
        pytest.skip("running it starts the CLI")
    module = importlib.import_module(name)
    exported = module.__all__
    assert list(exported) == sorted(exported, key=_isort_key)
    for attr in exported:
        assert hasattr(module, attr), f"{name}.{attr} is in __all__ but missing"


def test_package_is_typed() -> None:
    assert (ROOT / "src" / "aigov" / "py.typed").is_file()


def test_version_matches_pyproject() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'version = "{aigov.__version__}"' in text


def _modules_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def test_import_aigov_loads_no_heavy_dependency() -> None:
    loaded = _modules_after("import aigov")
    assert not {"pydantic", "networkx", "jsonschema", "referencing"} & loaded


def test_checking_a_profile_does_not_import_networkx_or_jsonschema() -> None:
    loaded = _modules_after(
        "import aigov; aigov.check('src/aigov/data/examples/profiles/resume-screener.json')"
    )
    assert "pydantic" in loaded
    assert not {"networkx", "jsonschema"} & loaded


def test_unknown_attribute_of_the_package_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = aigov.nope


# -- the distribution's name ---------------------------------------------------------------

#: The name on the package index: `aigov` there is an unrelated project.
DISTRIBUTION = "aigov-jp"


def test_the_distribution_is_called_aigov_jp_and_ships_the_aigov_package() -> None:
    """A downstream project depends on `aigov-jp`; it installs the `aigov` package and command."""
    import importlib.metadata as metadata

    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'(?m)^name = "aigov-jp"$', text)
    dist = metadata.distribution(DISTRIBUTION)
    assert dist.version == aigov.__version__
    scripts = {ep.name: ep.value for ep in dist.entry_points if ep.group == "console_scripts"}
    assert scripts == {"aigov": "aigov.__main__:run"}


def test_readme_says_how_to_install_the_distribution_by_its_name() -> None:
    install = (ROOT / "README.md").read_text(encoding="utf-8").split("## Install", 1)[1]
    install = install.split("\n## ", 1)[0]
    assert f"pip install {DISTRIBUTION}" in install
    assert f'"{DISTRIBUTION}' in install  # the dependency line of a downstream project


def test_ci_installs_a_downstream_project_that_depends_on_the_name() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f'dependencies = ["{DISTRIBUTION}"]' in ci
    assert "--find-links dist" in ci


def test_no_project_url_points_at_a_home_the_project_does_not_have() -> None:
    """Project URLs stay out until there is a real home (github.com/aigov is someone else's)."""
    assert "[project.urls]" not in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "repo_url" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        assert "github.com/aigov" not in path.read_text(encoding="utf-8"), path.name
