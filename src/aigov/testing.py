"""Helpers for testing your own rule sets, packs and aigov-based tools.

A rule-set author's test reads like the behaviour it pins::

    from aigov.testing import assert_triggered, make_profile, make_rule, make_rule_set
    import aigov

    rules = make_rule_set(
        make_rule("acme.logs", {"fact": "data.personal", "operator": "equal", "value": True},
                  triggers=["jp-ai-util-2019:privacy"]),
    )
    profile = make_profile(actors=["business-user"], data={"personal": True})
    assert_triggered(aigov.check(profile, rules), "jp-ai-util-2019:privacy",
                     roles=["business-user"], rule="acme.logs")

:func:`run_cli` runs the ``aigov`` command in-process and returns its exit
code and output, for tests of command-line workflows.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from aigov.assess import Assessment, Trigger
from aigov.cli import main
from aigov.profile import SystemProfile, load_profile
from aigov.rules import Rule, RuleSet

__all__ = [
    "CliResult",
    "assert_not_triggered",
    "assert_triggered",
    "make_profile",
    "make_rule",
    "make_rule_set",
    "run_cli",
]


class CliResult(NamedTuple):
    """What one run of the command did: exit code, standard output, standard error."""

    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:  # noqa: ANN401 - any JSON document
        """The standard output parsed as JSON.

        Raises:
            AssertionError: The command failed (its error output is in the message).
        """
        assert self.code == 0, f"aigov exited {self.code}: {self.stderr}"  # noqa: S101
        return json.loads(self.stdout)


def run_cli(*argv: object, input: str | None = None) -> CliResult:
    """Run ``aigov ARGV...`` in this process (paths may be ``Path`` objects).

    ``input`` is what the command reads on standard input (``aigov init``);
    none means an empty standard input.
    """
    out, err = io.StringIO(), io.StringIO()
    stdin = io.StringIO(input or "")
    code = main([str(a) for a in argv], stdout=out, stderr=err, stdin=stdin)
    return CliResult(code, out.getvalue(), err.getvalue())


def make_profile(
    *,
    id: str = "test-system",
    name: str = "Test system",
    domains: Iterable[str] = ("other",),
    actors: Iterable[str] = ("developer",),
    **facts: Any,  # noqa: ANN401 - any profile fact
) -> SystemProfile:
    """A valid system profile with the given facts (validated like any profile).

    Facts are the profile's own keys: ``data={"personal": True}``,
    ``safety_critical=True``, ``oversight="autonomous"``.

    Raises:
        ValidationFailed: A fact is unknown or has a wrong value.
    """
    document: dict[str, Any] = {
        "profile_version": "1",
        "id": id,
        "name": name,
        "domains": list(domains),
        "actors": list(actors),
        **facts,
    }
    return load_profile(document, name="<make_profile>")


def make_rule(
    rule_id: str,
    when: Mapping[str, Any],
    *,
    triggers: Iterable[str],
    roles: Iterable[str] = (),
    severity: str = "medium",
    baseline: bool = False,
    rationale: str = "test rule",
) -> Rule:
    """A rule with a placeholder rationale and citation.

    Raises:
        pydantic.ValidationError: The rule breaks the rule model.
    """
    return Rule.model_validate(
        {
            "id": rule_id,
            "when": when,
            "triggers": list(triggers),
            "roles": list(roles),
            "severity": severity,
            "baseline": baseline,
            "rationale": {"ja": rationale, "en": rationale},
            "citation": {"document": "test", "verification": "unverified"},
        }
    )


def make_rule_set(*rules: Rule, set_id: str = "test-rules", version: str = "0") -> RuleSet:
    """A rule-set document holding ``rules``."""
    return RuleSet(kind="rule-set", id=set_id, version=version, rules=rules)


def _trigger(assessment: Assessment, principle: str) -> Trigger | None:
    return assessment.trigger(principle)


def assert_triggered(
    assessment: Assessment,
    principle: str,
    *,
    roles: Iterable[str] | None = None,
    severity: str | None = None,
    rule: str | None = None,
) -> Trigger:
    """Assert that ``principle`` is triggered (for exactly ``roles``, at ``severity``, by ``rule``).

    Returns:
        The trigger, for further checks.

    Raises:
        AssertionError: With what was triggered instead.
    """
    found = _trigger(assessment, principle)
    if found is None:
        got = ", ".join(t.principle for t in assessment.triggered) or "nothing"
        raise AssertionError(f"{principle} is not triggered; triggered: {got}")
    if roles is not None and set(found.roles) != set(roles):
        raise AssertionError(f"{principle} is triggered for {list(found.roles)}, not {list(roles)}")
    if severity is not None and found.severity != severity:
        raise AssertionError(f"{principle} has severity {found.severity}, not {severity}")
    if rule is not None and rule not in [r.rule for r in found.reasons]:
        fired = [r.rule for r in found.reasons]
        raise AssertionError(f"{principle} is not triggered by rule {rule!r} (rules: {fired})")
    return found


def assert_not_triggered(assessment: Assessment, principle: str) -> None:
    """Assert that ``principle`` is not triggered.

    Raises:
        AssertionError: With the rules that triggered it.
    """
    found = _trigger(assessment, principle)
    if found is not None:
        fired = [r.rule for r in found.reasons]
        raise AssertionError(f"{principle} is triggered for {list(found.roles)} by {fired}")
