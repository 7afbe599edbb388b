"""The wizard's questions and replies (private helper of :mod:`aigov.wizard`).

``aigov/data/wizard/questions.json`` holds, per profile fact, the question in
everyday words, what the fact means and why it matters, an example, and the
labels of its choices, in Japanese and English.  The facts, their kinds and
their allowed values come from the profile model (:func:`aigov.profile.fact_specs`),
never from the data file, and ``tests/test_wizard.py`` fails when the two part.
"""

from __future__ import annotations

import functools
import json
import re
import typing
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Annotated, Any, Literal

import pydantic
from pydantic import BaseModel, JsonValue

from aigov._base import FrozenModel
from aigov._jsonio import json_path
from aigov._locators import local_locator
from aigov._suggest import suggest
from aigov.errors import Issue, UsageError, ValidationFailed
from aigov.models import Source
from aigov.profile import (
    EuAiAct,
    FactSpec,
    SystemProfile,
    eu_ai_act_fact_specs,
    fact_specs,
)

__all__ = [
    "PROFILE_VERSIONS",
    "SECTIONS",
    "Answer",
    "Choice",
    "Condition",
    "Kind",
    "Question",
    "QuestionEntry",
    "WizardData",
    "all_specs",
    "ask_one",
    "block",
    "descriptions",
    "field_info",
    "min_items",
    "text_problem",
    "wizard_data",
]

_NOT_EMPTY = "not-empty"
_YES = frozenset({"y", "yes", "true", "はい", "うん"})
_NO = frozenset({"n", "no", "false", "いいえ", "いや"})
_NONE_WORDS = frozenset({"0", "-", "none", "なし", "該当なし"})
_HELP = frozenset({"?", "help", "ヘルプ"})
# Commas (ASCII, Japanese, full-width) and spaces separate the choices of a list.
_SPLIT = re.compile(r"[,、，\s]+")

Kind = Literal["bool", "enum", "list", "text"]
Answer = bool | str | tuple[str, ...] | None
"""A fact's answer: a boolean, a choice or text, a tuple of choices, or ``None``."""


@dataclass(frozen=True)
class Choice:
    """One allowed value of an ``enum`` or ``list`` fact and its label."""

    id: str
    label: str


@dataclass(frozen=True)
class Condition:
    """A question is asked only when the answer at ``fact`` is ``value``.

    ``value`` ``"not-empty"`` stands for any non-empty list.
    """

    fact: str
    value: bool | str | None

    def holds(self, answers: Mapping[str, object]) -> bool:
        """Whether the answers given so far meet the condition."""
        given = answers.get(self.fact)
        if self.value == _NOT_EMPTY:
            return bool(given)
        return given is self.value if self.value is None else given == self.value


@dataclass(frozen=True)
class Question:
    """One question of the wizard, in one language.

    Attributes:
        path: The fact path (``data.personal``) the answer is written to.
        kind: ``bool``, ``enum``, ``list`` or ``text``.
        section: The heading of the group the question is in.
        text: The question in everyday words.
        explanation: What the fact means and why it matters.
        example: An example answer.
        description: The profile model's own description of the field (English).
        choices: The allowed values, in the model's order, with labels.
        none_label: For an ``enum`` that may be answered "none" (written as
            ``null``), the label of that answer.
        has_default: Whether a blank reply takes ``default``.
        default: The answer a blank reply gives.
        min_items: The fewest choices a ``list`` answer takes.
        when: Conditions on earlier answers; the question is skipped (and its
            fact written as false, empty or null) unless all hold.
        sources: Where the legal facts the question's words state come from
            (article, paragraph or annex in ``locator``), each with how well it
            was verified; ``?`` shows them.
    """

    path: str
    kind: Kind
    section: str
    text: str
    explanation: str
    example: str
    description: str = ""
    choices: tuple[Choice, ...] = ()
    none_label: str | None = None
    has_default: bool = False
    default: Answer = None
    min_items: int = 0
    when: tuple[Condition, ...] = field(default=())
    sources: tuple[Source, ...] = field(default=())

    def asked(self, answers: Mapping[str, object]) -> bool:
        """Whether the question is asked, given the earlier answers."""
        return all(c.holds(answers) for c in self.when)

    @property
    def skipped_value(self) -> Answer:
        """What a skipped question's fact is written as: false, empty or null."""
        if self.kind == "bool":
            return False
        return () if self.kind == "list" else None


#: The profile's objects that group facts (their keys are the first part of a fact path).
SECTIONS: tuple[str, ...] = tuple(
    name
    for name, field in SystemProfile.model_fields.items()
    if name == "eu_ai_act"
    or (isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel))
)


class Localized(FrozenModel):
    """A text in both languages."""

    en: str
    ja: str


class EntryText(FrozenModel):
    """A question's words in one language."""

    question: str
    explanation: str
    example: str


class When(FrozenModel):
    """An earlier answer a question depends on (``not-empty``: any non-empty list)."""

    fact: str
    is_: Annotated[bool | Literal["not-empty"] | None, pydantic.Field(alias="is")]


class QuestionEntry(FrozenModel):
    """One question of the data file."""

    path: str
    section: str
    en: EntryText
    ja: EntryText
    choices: dict[str, Localized] = pydantic.Field(default_factory=dict)
    none: Localized | None = None
    default: JsonValue = None
    when: tuple[When, ...] = ()
    sources: tuple[Source, ...] = ()


class WizardData(FrozenModel):
    """The whole data file."""

    format_version: Literal["1"]
    note: Localized
    not_asked: dict[str, Localized]
    sections: dict[str, Localized]
    ui: dict[Literal["en", "ja"], dict[str, str]]
    questions: tuple[QuestionEntry, ...]


@functools.cache
def wizard_data() -> WizardData:
    """The packaged questions (loaded once a process)."""
    path = files("aigov") / "data" / "wizard" / "questions.json"
    return WizardData.model_validate(json.loads(path.read_text(encoding="utf-8")))


@functools.cache
def all_specs() -> dict[str, FactSpec]:
    """Every fact the wizard asks about: version 1 facts, then the ``eu_ai_act`` ones."""
    return {**fact_specs(), **eu_ai_act_fact_specs()}


def field_info(path: str) -> pydantic.fields.FieldInfo:
    """The model field behind a fact path."""
    head, _, name = path.rpartition(".")
    model: type[BaseModel] = SystemProfile
    if head == "eu_ai_act":
        model = EuAiAct
    elif head:
        annotation = SystemProfile.model_fields[head].annotation
        assert isinstance(annotation, type)  # noqa: S101 - sections are models
        model = annotation
    return model.model_fields[name]


def min_items(path: str) -> int:
    """The fewest values a list fact takes (``domains`` and ``actors`` need one)."""
    for item in field_info(path).metadata:
        found = getattr(item, "min_length", None)
        if isinstance(found, int):
            return found
    return 0


@functools.cache
def _text_model(path: str) -> type[BaseModel]:
    """A model of one field, with the profile's own constraints on it."""
    info = field_info(path)
    annotation: Any = info.annotation
    model: type[BaseModel] = pydantic.create_model("Text", value=(annotation, info))
    return model


def text_problem(path: str, value: str, lang: str = "en") -> str | None:
    """Why ``value`` is not a valid text for ``path`` (in ``lang``), or ``None`` when it is.

    A custom fact's text (a path outside the model) takes any string.
    """
    if path not in all_specs():
        return None
    try:
        _text_model(path).model_validate({"value": value})
    except pydantic.ValidationError as err:
        first = err.errors()[0]
        words = wizard_data().ui["ja" if lang == "ja" else "en"]
        # A pattern in a message means nothing to most people: say what it allows.
        if first["type"] == "string_pattern_mismatch":
            return words["bad_id" if path == "id" else "bad_line"]
        message: str = first["msg"]
        return message
    return None


def descriptions() -> Mapping[str, str]:
    """The model's description of every fact ('' where the model has none)."""
    return {path: field_info(path).description or "" for path in all_specs()}


def _literal_values(annotation: object) -> tuple[str, ...]:
    return tuple(str(a) for a in typing.get_args(annotation))


#: The versions an answers file may give.
PROFILE_VERSIONS: tuple[str, ...] = _literal_values(
    SystemProfile.model_fields["profile_version"].annotation
)


# -- replies -----------------------------------------------------------------------------


class _Bad(Exception):
    """A reply that does not answer the question; the message says why."""


def _normal(reply: str) -> str:
    # Full-width letters, digits and commas (common in Japanese input) count as ASCII.
    return unicodedata.normalize("NFKC", reply).strip().lower()


def _pick(token: str, question: Question, ui: Mapping[str, str]) -> str:
    ids = [c.id for c in question.choices]
    if token.isdigit() and 1 <= int(token) <= len(ids):
        return ids[int(token) - 1]
    if token in ids:
        return token
    # A label, or its part before the colon ('金融', 'developer'), names its choice too.
    for choice in question.choices:
        label = _normal(choice.label)
        if token in (label, label.partition(":")[0].strip()):
            return choice.id
    close = suggest(token, ids, limit=1)
    hint = ui["did_you_mean"].format(close=close[0]) if close else ""
    first = 0 if question.none_label is not None else 1
    raise _Bad(ui["bad_choice"].format(value=token, hint=hint, first=first, count=len(ids)))


def _parse(question: Question, reply: str, ui: Mapping[str, str]) -> Answer:
    """The answer a reply gives (raises :class:`_Bad` with the reason)."""
    raw = reply.strip()
    token = _normal(reply)
    if not token:
        if question.has_default:
            return question.default
        raise _Bad(ui["bad_empty"])
    if question.kind == "text":
        problem = (
            text_problem(question.path, raw, ui["lang"]) if question.path in all_specs() else None
        )
        if problem is not None:
            raise _Bad(ui["bad_text"].format(problem=problem))
        return raw
    if question.kind == "bool":
        if token in _YES:
            return True
        if token in _NO:
            return False
        raise _Bad(ui["bad_yes_no"])
    if question.kind == "enum":
        if question.none_label is not None and token in _NONE_WORDS:
            return None
        return _pick(token, question, ui)
    return _parse_list(question, token, ui)


def _parse_list(question: Question, token: str, ui: Mapping[str, str]) -> tuple[str, ...]:
    picked: list[str] = []
    if token not in _NONE_WORDS:
        for part in filter(None, _SPLIT.split(token)):
            choice = _pick(part, question, ui)
            if choice in picked:
                raise _Bad(ui["bad_repeat"].format(value=choice))
            picked.append(choice)
    if len(picked) < question.min_items:
        raise _Bad(ui["bad_empty"])
    return tuple(picked)


def _shown(value: Answer, question: Question, ui: Mapping[str, str]) -> str:
    if question.kind == "text" and not value:
        return ui["leave_out"]
    if value is None or value == ():
        return question.none_label or ui["none_word"]
    if isinstance(value, tuple):
        return ", ".join(value)
    return str(value)


def _prompt(question: Question, ui: Mapping[str, str]) -> str:
    parts = {
        "bool": ui["yes_no"],
        "enum": ui["choose_one"],
        "list": ui["choose_many"],
        "text": "",
    }[question.kind]
    if question.has_default:
        default = ui["default"].format(default=_shown(question.default, question, ui))
        parts = f"{parts} [{default}]" if parts else f"[{default}]"
    return f"{parts} > " if parts else "> "


def block(question: Question, number: int, total: int, ui: Mapping[str, str]) -> str:
    lines = [f"{ui['progress'].format(n=number, total=total)} {question.text}"]
    width = len(str(len(question.choices)))
    lines += [f"  {i:>{width}}. {c.label} ({c.id})" for i, c in enumerate(question.choices, 1)]
    if question.none_label is not None:
        lines.append(f"  {0:>{width}}. {question.none_label}")
    return "\n".join(lines)


def _sources(question: Question, ui: Mapping[str, str]) -> str:
    shown = [
        ui["source"].format(
            locator=local_locator(s.locator or s.document, ui["lang"]),
            mark=ui[f"mark_{s.verification.value}"],
        )
        for s in question.sources
    ]
    return ui["sources"].format(sources=ui["source_separator"].join(shown))


def _help(question: Question, ui: Mapping[str, str]) -> str:
    lines = [question.explanation]
    if question.example:
        lines.append(ui["example"].format(example=question.example))
    if question.sources:
        lines.append(_sources(question, ui))
    if question.description:
        lines.append(ui["field"].format(path=question.path, description=question.description))
    return "\n".join("  " + line for line in lines)


def ask_one(
    ask: Callable[[str], str],
    say: Callable[[str], None],
    question: Question,
    ui: Mapping[str, str],
    *,
    strict: bool,
) -> Answer:
    """Ask until a reply answers ``question``; ``strict``: raise on the first bad reply."""
    prompt = _prompt(question, ui)
    while True:
        try:
            reply = ask(prompt)
        except EOFError as err:
            raise UsageError(
                f"the input ended before question {question.path!r} was answered"
            ) from err
        if _normal(reply) in _HELP:
            say(_help(question, ui))
            continue
        try:
            return _parse(question, reply, ui)
        except _Bad as bad:
            if strict:
                where = json_path((question.path,))
                raise ValidationFailed([Issue(where, str(bad))], source="<wizard>") from bad
            say("  " + str(bad))
