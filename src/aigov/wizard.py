"""A guided questionnaire that writes a first system profile (``aigov init``).

The questions are data (``aigov/data/wizard/questions.json``), one per profile
fact, in Japanese and English; which facts there are, their kinds and allowed
values come from the profile model itself (:func:`aigov.profile.fact_specs`),
so the questions cannot drift from it.  Three ways in:

- :func:`questions` lists the questions in one language;
- :func:`profile_from_answers` turns an *answers* mapping (or an answers JSON
  file) into a profile: keys are fact paths such as ``data.personal``, plus
  ``id``, ``name``, ``description`` and optionally ``profile_version``;
- :func:`run_wizard` asks the questions through two callables the caller
  gives (one reads a reply, one shows text), so the library itself never
  prints or reads a terminal.

A profile the wizard writes states every fact: ``aigov check`` lists no
unstated facts for it.  The EU AI Act questions after ``in_scope`` are asked
only when the Act applies; when it does not (or an Art. 2 exclusion applies),
the remaining ``eu_ai_act`` facts are written as false, empty or null, as in
the example ``jp-only-recommender``.
"""

from __future__ import annotations

import copy
import dataclasses
import os
import re
import shlex
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import pydantic

from aigov._issues import from_pydantic
from aigov._jsonio import json_path
from aigov._load import read_source
from aigov._suggest import did_you_mean, suggest
from aigov._wizard import (
    PROFILE_VERSIONS,
    SECTIONS,
    Answer,
    Choice,
    Condition,
    Kind,
    Question,
    QuestionEntry,
    all_specs,
    ask_one,
    block,
    descriptions,
    min_items,
    text_problem,
    wizard_data,
)
from aigov.errors import Issue, UsageError, ValidationFailed
from aigov.profile import SystemProfile
from aigov.rules import CompiledRules, RuleSource, facts_for

__all__ = [
    "LANGUAGES",
    "AnswersSource",
    "Choice",
    "Condition",
    "CustomFact",
    "ExtraFact",
    "Question",
    "answers_from_profile",
    "custom_facts",
    "next_steps",
    "profile_from_answers",
    "questions",
    "run_wizard",
]

#: The languages the questions are written in.
LANGUAGES: tuple[str, ...] = ("ja", "en")

_KINDS: tuple[str, ...] = ("bool", "enum", "list", "text")
_FALLBACK_ID = "my-ai-system"


# -- the public types ------------------------------------------------------------------


class _Words(Protocol):
    """A text with ``ja`` and ``en`` attributes (a :class:`aigov.LocalizedText`)."""

    @property
    def ja(self) -> str: ...  # pragma: no cover - a protocol

    @property
    def en(self) -> str: ...  # pragma: no cover - a protocol


Localized = Mapping[str, str] | _Words
"""Words in both languages: ``{"ja": ..., "en": ...}`` or an object with ``ja`` and ``en``."""


class ExtraFact(Protocol):
    """A custom fact a rule set reads, for the wizard to ask about too.

    Its ``path`` is dotted and names an extension key (``x-...``) at the top
    level or in one of the profile's objects, such as ``x-acme.uses_llm`` or
    ``data.x-acme-retention``: the answer is written there.  ``kind`` is
    ``bool``, ``enum``, ``list`` or ``text``; ``values`` are the allowed values
    of an ``enum`` or ``list``.  ``label`` is the question and ``description``
    what the fact means, each in Japanese and English.
    """

    @property
    def path(self) -> str:
        """The dotted path of the answer, through an ``x-`` key."""

    @property
    def kind(self) -> str:
        """``bool``, ``enum``, ``list`` or ``text``."""

    @property
    def values(self) -> Sequence[str]:
        """The allowed values of an ``enum`` or ``list`` fact."""

    @property
    def label(self) -> Localized:
        """The question, in ``ja`` and ``en``."""

    @property
    def description(self) -> Localized:
        """What the fact means, in ``ja`` and ``en``."""


@dataclass(frozen=True)
class CustomFact:
    """A ready-made :class:`ExtraFact`."""

    path: str
    kind: str
    label: Localized
    description: Localized
    values: tuple[str, ...] = ()


def custom_facts(
    rules: CompiledRules | RuleSource | Sequence[RuleSource],
) -> tuple[CustomFact, ...]:
    """The custom facts these rule sets declare, as the wizard asks about them.

    A declaration's label is its question; without one, its description is.

    Raises:
        RuleError: A rule set cannot be read or its declarations conflict.
    """
    found = []
    for spec in facts_for(rules, builtin=False).values():
        if spec.declared_by is None:
            continue
        description = dict(spec.description)
        label = dict(spec.label) if spec.label else description
        found.append(
            CustomFact(
                path=spec.path,
                kind=spec.kind,
                label=label,
                description=description,
                values=tuple(spec.choices or ()),
            )
        )
    return tuple(found)


# -- questions -------------------------------------------------------------------------


def _check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        raise UsageError(f"unknown language {lang!r} (use 'ja' or 'en')")


def _words(text: Localized, lang: str) -> str:
    value = text.get(lang) if isinstance(text, Mapping) else getattr(text, lang, None)
    if not isinstance(value, str):
        raise UsageError(f"a custom fact's words have no {lang!r} text")
    return value


def _question(entry: QuestionEntry, lang: str) -> Question:
    spec = all_specs()[entry.path]
    words = entry.ja if lang == "ja" else entry.en
    labels = {k: (v.ja if lang == "ja" else v.en) for k, v in entry.choices.items()}
    default: Answer = None
    if isinstance(entry.default, list):
        default = tuple(str(v) for v in entry.default)
    elif isinstance(entry.default, (bool, str)):
        default = entry.default
    section = wizard_data().sections[entry.section]
    return Question(
        path=entry.path,
        kind=spec.kind,
        section=section.ja if lang == "ja" else section.en,
        text=words.question,
        explanation=words.explanation,
        example=words.example,
        description=descriptions()[entry.path],
        choices=tuple(Choice(c, labels.get(c, c)) for c in spec.choices),
        none_label=None if entry.none is None else getattr(entry.none, lang),
        has_default="default" in entry.model_fields_set,
        default=default,
        min_items=min_items(entry.path) if spec.kind == "list" else 0,
        when=tuple(Condition(w.fact, w.is_) for w in entry.when),
        sources=entry.sources,
    )


def _extra_question(fact: ExtraFact, lang: str, taken: set[str]) -> Question:
    path = fact.path
    if not isinstance(path, str) or not _extension_place(path):
        raise UsageError(
            f"custom fact {path!r}: its path must name an extension key ('x-...'), at the top "
            "level or in one of the profile's objects, e.g. 'x-acme.uses_llm'"
        )
    if path in taken:
        raise UsageError(f"custom fact {path!r} is given twice")
    if fact.kind not in _KINDS:
        raise UsageError(
            f"custom fact {path!r}: unknown kind {fact.kind!r} (use bool, enum, list or text)"
        )
    values = tuple(fact.values)
    if (fact.kind in ("enum", "list")) != bool(values) or len(set(values)) != len(values):
        raise UsageError(
            f"custom fact {path!r}: an enum or list fact needs distinct values, other kinds none"
        )
    section = wizard_data().sections["extra"]
    description = _words(fact.description, lang)
    kind: Kind = fact.kind  # type: ignore[assignment]  # checked against _KINDS above
    return Question(
        path=path,
        kind=kind,
        section=section.ja if lang == "ja" else section.en,
        text=_words(fact.label, lang),
        explanation=description,
        example="",
        description=_words(fact.description, "en"),
        choices=tuple(Choice(v, v) for v in values),
    )


def questions(lang: str = "en", *, extra_facts: Iterable[ExtraFact] = ()) -> tuple[Question, ...]:
    """The wizard's questions in ``lang``, in the order it asks them.

    One question per fact of :func:`aigov.profile.fact_specs` and
    :func:`aigov.profile.eu_ai_act_fact_specs`, then one per custom fact.

    Raises:
        UsageError: ``lang`` is not ``ja`` or ``en``, or a custom fact is malformed.
    """
    _check_lang(lang)
    found = [_question(entry, lang) for entry in wizard_data().questions]
    taken = {q.path for q in found}
    for fact in extra_facts:
        found.append(_extra_question(fact, lang, taken))
        taken.add(fact.path)
    return tuple(found)


# -- answers ---------------------------------------------------------------------------


def _extension_place(key: str) -> bool:
    """Whether ``key`` names an extension: ``x-...`` at the top or in a profile object."""
    parts = key.split(".")
    first = next((i for i, p in enumerate(parts) if p.startswith("x-")), None)
    if first is None or first > 1 or any(not p for p in parts):
        return False
    return first == 0 or parts[0] in SECTIONS


_Checked = tuple[Answer, str | None, str | None]


def _check_answer(question: Question, value: object) -> _Checked:
    """The answer as the profile takes it, or a problem and a hint."""
    if question.kind == "bool":
        if value is None or isinstance(value, bool):
            return value, None, None  # null: unstated, as in a profile
        return None, "expected true or false", None
    if question.kind == "text":
        if value is None and question.path == "description":
            return None, None, None
        if not isinstance(value, str):
            return None, "expected a string", None
        problem = text_problem(question.path, value)
        return value, problem, None
    ids = [c.id for c in question.choices]
    if question.kind == "enum":
        if value is None:
            return None, None, None
        if not isinstance(value, str):
            return None, "expected one of the choices as a string, or null", None
        if value not in ids:
            return None, f"{value!r} is not one of the choices", _hint(value, ids)
        return value, None, None
    return _check_list(question, value, ids)


def _check_list(question: Question, value: object, ids: list[str]) -> _Checked:
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        return None, "expected a list of choices (strings)", None
    for item in value:
        if item not in ids:
            return None, f"{item!r} is not one of the choices", _hint(item, ids)
    if len(set(value)) != len(value):
        return None, "a choice is listed twice; list each once", None
    if len(value) < question.min_items:
        return None, f"give at least {question.min_items} choice", None
    return tuple(value), None, None


def _hint(value: str, options: Sequence[str]) -> str:
    return did_you_mean(value, options) or "valid: " + ", ".join(options)


def _key_hint(key: str, known: Iterable[str]) -> str:
    options = sorted(known)
    close = suggest(key, options, limit=1)
    if not close:
        # A bare field name ('personal') is a strong hint for its full path.
        close = [o for o in options if o.rpartition(".")[2] == key][:1]
    if close:
        return f"did you mean {close[0]!r}?"
    return "keys are fact paths such as 'data.personal'; see aigov.wizard.questions()"


def _known_keys(by_path: Mapping[str, Question]) -> list[str]:
    return [*by_path, "$schema", "profile_version"]


def _checked(
    data: Mapping[str, Any], by_path: Mapping[str, Question], issues: list[Issue]
) -> dict[str, Any]:
    """The answers that pass their question's check; problems go to ``issues``."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if not isinstance(key, str):  # only Python data can hold one
            issues.append(Issue(json_path((str(key),)), "an answer's key must be a string"))
            continue
        where = json_path((key,))
        if key in by_path:
            answer, problem, hint = _check_answer(by_path[key], value)
            if problem is not None:
                issues.append(Issue(where, problem, hint))
            else:
                out[key] = answer
        elif key == "profile_version":
            if value not in PROFILE_VERSIONS:
                issues.append(Issue(where, f"expected one of {', '.join(PROFILE_VERSIONS)}"))
            else:
                out[key] = value
        elif key == "$schema" or _extension_place(key):
            out[key] = value
        else:
            hint = _key_hint(key, _known_keys(by_path))
            issues.append(Issue(where, "no question has this key", hint))
    return out


def _answered(question: Question, answers: Mapping[str, Any]) -> bool:
    """Whether ``answers`` answers ``question`` (``null`` answers only "none" and text)."""
    if question.path not in answers:
        return False
    return (
        answers[question.path] is not None
        or question.none_label is not None
        or question.kind == "text"
    )


def _complete(
    answers: dict[str, Any],
    asked: Sequence[Question],
    version: str,
    issues: list[Issue],
    given: Iterable[object],
) -> None:
    """Fill skipped questions and defaults; every other unanswered question is a problem.

    A key in ``given`` that did not pass its check already has its issue.
    """
    refused = set(given) - set(answers)
    for question in asked:
        if question.path in refused or (question.path.startswith("eu_ai_act.") and version == "1"):
            continue
        if _answered(question, answers):
            continue
        if not question.asked(answers):
            answers[question.path] = question.skipped_value
        elif question.has_default:
            answers[question.path] = question.default
        else:
            issues.append(
                Issue(
                    json_path((question.path,)),
                    "no answer",
                    f"the wizard asks: {question.text}",
                )
            )


def _nest(answers: Mapping[str, Any], issues: list[Issue]) -> dict[str, Any]:
    """The profile's JSON object for flat answers.

    A key given both whole and in parts (``x-acme`` and ``x-acme.tier``) is a
    problem; the answers' own objects are copied, never changed.
    """
    profile: dict[str, Any] = {}
    for key, value in answers.items():
        parts = key.split(".")
        whole = next(
            (p for p in (".".join(parts[:n]) for n in range(1, len(parts))) if p in answers),
            None,
        )
        if whole is not None:
            issues.append(
                Issue(json_path((key,)), f"{whole!r} is given whole too; give it whole or in parts")
            )
            continue
        target = profile
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = list(value) if isinstance(value, tuple) else copy.deepcopy(value)
    return profile


def _rename(issue: Issue, keys: Sequence[str]) -> Issue:
    # A model issue at $.data.personal is the answer at $["data.personal"].
    dotted = issue.path[2:] if issue.path.startswith("$.") else issue.path
    for key in sorted(keys, key=len, reverse=True):
        if dotted == key or dotted.startswith((key + ".", key + "[")):
            return Issue(json_path((key,)) + dotted[len(key) :], issue.message, issue.hint)
    return issue


AnswersSource = Mapping[str, object] | str | os.PathLike[str] | bytes
"""What answers may be given as: a mapping, or an answers JSON file (a path or JSON bytes)."""


def _read_answers(source: AnswersSource, name: str | None) -> tuple[Mapping[str, Any], str]:
    data, label = read_source(source, what="answers", name=name)
    if not isinstance(data, Mapping):
        raise ValidationFailed([Issue("$", "the answers must be a JSON object")], source=label)
    return data, label


def profile_from_answers(
    answers: AnswersSource,
    *,
    extra_facts: Iterable[ExtraFact] = (),
    complete: bool = True,
    name: str | None = None,
) -> SystemProfile:
    """Make a profile from answers keyed by fact path.

    ``answers`` maps each fact path (``data.personal``, ``eu_ai_act.annex_iii``)
    to its answer (a boolean, a choice's id, a list of ids, a string or
    ``null``), plus ``id``, ``name``, optionally ``description``,
    ``profile_version`` (``"1.1"`` unless given) and ``$schema``.  Keys that
    start with ``x-`` (or ``data.x-...`` and the like) are kept as extensions.

    Args:
        answers: The answers, or an answers JSON file (a path or JSON bytes).
        extra_facts: Custom facts (:class:`ExtraFact`) whose answers may be given too.
        complete: Require an answer to every question the wizard would ask,
            filling the skipped ones and those with a default as the wizard
            does, so that the profile states every fact.  With ``False`` the
            profile holds exactly the answers given.
        name: What to call the answers in messages (default: the path).

    Raises:
        ValidationFailed: Every problem, each at the answer's key (``$["data.personl"]``)
            with what is wrong and a did-you-mean where one is close.
        UsageError, FileAccessError, ParseError: The answers cannot be read.
    """
    data, label = _read_answers(answers, name)
    asked = questions("en", extra_facts=extra_facts)
    by_path = {q.path: q for q in asked}
    issues: list[Issue] = []
    checked = _checked(data, by_path, issues)
    version = str(checked.get("profile_version", "1.1"))
    checked["profile_version"] = version
    if version == "1":
        issues.extend(
            Issue(json_path((key,)), "the eu_ai_act facts need profile_version '1.1'")
            for key in checked
            if key.startswith("eu_ai_act.")
        )
    if complete:
        _complete(checked, asked, version, issues, data)
    if "description" in checked and checked["description"] is None:
        del checked["description"]  # no description: the key is left out
    nested = _nest(checked, issues)
    if issues:
        raise ValidationFailed(issues, source=label)
    try:
        return SystemProfile.model_validate(nested)
    except pydantic.ValidationError as err:
        found = from_pydantic(err, model=SystemProfile, data=nested)
        keys = list(checked)
        raise ValidationFailed([_rename(i, keys) for i in found], source=label) from err


def answers_from_profile(profile: SystemProfile) -> dict[str, Any]:
    """The answers that give ``profile`` back through :func:`profile_from_answers`.

    Only the facts the profile states are included (with
    ``complete=False`` they give an equal profile, the same keys written).
    """
    data = profile.to_json_dict()
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in SECTIONS and isinstance(value, dict):
            out.update({f"{key}.{k}": v for k, v in value.items()})
        else:
            out[key] = value
    return out


# -- the interactive session -----------------------------------------------------------


def _id_default(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:64].strip("-")
    return slug or _FALLBACK_ID


def run_wizard(
    ask: Callable[[str], str],
    say: Callable[[str], None],
    *,
    lang: str = "en",
    extra_facts: Iterable[ExtraFact] = (),
    answers: AnswersSource | None = None,
    strict: bool = False,
) -> SystemProfile:
    """Ask the questions through ``ask`` and ``say``; return the profile the replies give.

    ``say(text)`` shows text; ``ask(prompt)`` shows a short prompt and returns
    the reply (it may raise ``EOFError`` when the input ends).  Yes/no
    questions take ``y``/``n``/``yes``/``no``/``はい``/``いいえ``; choices a
    number or an id; lists comma-separated numbers or ids (``none`` or ``0``
    for none); a blank reply takes the default shown, where there is one.
    ``?`` shows what the fact means, an example and the profile field.  A reply
    that does not answer is re-asked with a short reason.

    Args:
        ask: Reads one reply.
        say: Shows one block of text.
        lang: ``ja`` or ``en``.
        extra_facts: Custom facts to ask about after the profile's own.
        answers: Answers already known, or an answers file (as for
            :func:`profile_from_answers`); their questions are not asked.
        strict: Raise on the first reply that does not answer instead of
            asking again (for replies read from a script).

    Returns:
        A version 1.1 profile that states every fact.

    Raises:
        ValidationFailed: ``answers`` has problems, or (``strict``) a reply does not answer.
        UsageError: The input ended (``EOFError``) before every question was answered,
            or ``lang`` is unknown.
    """
    facts = tuple(extra_facts)
    asked = questions(lang, extra_facts=facts)
    ui = wizard_data().ui["ja" if lang == "ja" else "en"]
    given: dict[str, Any] = {}
    if answers is not None:
        data, label = _read_answers(answers, None)
        issues: list[Issue] = []
        given = _checked(data, {q.path: q for q in asked}, issues)
        if issues:
            raise ValidationFailed(issues, source=label)
    collected: dict[str, Any] = {k: v for k, v in given.items() if k not in all_specs()}
    collected["profile_version"] = "1.1"
    say(ui["intro"])
    section = None
    for number, question in enumerate(asked, 1):
        if _answered(question, given):
            collected[question.path] = given[question.path]
            continue
        if not question.asked(collected):
            collected[question.path] = question.skipped_value
            continue
        asking = question
        if question.path == "id":
            name = str(collected.get("name", ""))
            asking = dataclasses.replace(question, has_default=True, default=_id_default(name))
        if question.section != section:
            section = question.section
            say(f"\n== {section} ==")
        say(block(asking, number, len(asked), ui))
        collected[question.path] = ask_one(ask, say, asking, ui, strict=strict)
    profile = profile_from_answers(collected, extra_facts=facts, complete=True, name="<wizard>")
    say(ui["done"])
    return profile


# -- after the wizard ------------------------------------------------------------------


def next_steps(path: str | os.PathLike[str], lang: str = "en") -> str:
    """The commands to run next on the profile written to ``path``, in ``lang``.

    Raises:
        UsageError: ``lang`` is not ``ja`` or ``en``.
    """
    _check_lang(lang)
    ui = wizard_data().ui[lang]  # type: ignore[index]  # checked above
    quoted = shlex.quote(os.fspath(path))
    rows = [
        (f"aigov check {quoted}", ui["next_check"]),
        (f"aigov classify {quoted}", ui["next_classify"]),
        (f"aigov checklist {quoted} -o sheet.md", ui["next_checklist"]),
        (f"aigov validate {quoted}", ui["next_validate"]),
    ]
    width = max(len(command) for command, _ in rows)
    lines = [ui["next_intro"]]
    lines += [f"  {command.ljust(width)}  # {what}" for command, what in rows]
    return "\n".join(lines) + "\n"
