"""The wizard behind `aigov init`: its questions follow the profile model, answers make
profiles (and give every example profile back), and a scripted session in Japanese or
English writes a profile that states every fact."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from aigov import check, classify
from aigov._wizard import SECTIONS, descriptions, wizard_data
from aigov.errors import AigovError, UsageError, ValidationFailed
from aigov.models import LocalizedText
from aigov.profile import SystemProfile, eu_ai_act_fact_specs, fact_specs, load_profile
from aigov.wizard import (
    CustomFact,
    Question,
    answers_from_profile,
    next_steps,
    profile_from_answers,
    questions,
    run_wizard,
)

ROOT = Path(__file__).resolve().parent.parent
_SHIPPED = ROOT / "src" / "aigov" / "data" / "examples"
EXAMPLES = sorted((_SHIPPED / "profiles").glob("*.json")) + sorted(
    (_SHIPPED / "eu-ai-act").glob("*.json")
)
assert len(EXAMPLES) >= 20, "the example profiles moved: point EXAMPLES at them"
ALL_SPECS = {**fact_specs(), **eu_ai_act_fact_specs()}


# -- the questions cannot drift from the model -------------------------------------------


def test_every_fact_of_the_model_has_exactly_one_question_and_no_question_names_another() -> None:
    paths = [entry.path for entry in wizard_data().questions]
    assert len(paths) == len(set(paths)), "a fact is asked twice"
    assert set(paths) == set(ALL_SPECS)


def test_choices_are_the_models_allowed_values_in_its_order() -> None:
    for entry in wizard_data().questions:
        spec = ALL_SPECS[entry.path]
        assert list(entry.choices) == list(spec.choices), entry.path


def test_only_eu_enum_facts_offer_none_since_only_there_null_states_none() -> None:
    for entry in wizard_data().questions:
        spec = ALL_SPECS[entry.path]
        allowed = spec.kind == "enum" and entry.path.startswith("eu_ai_act.")
        assert (entry.none is not None) == allowed, entry.path


def test_every_top_level_field_of_the_model_is_a_section_a_question_or_listed_as_not_asked() -> (
    None
):
    data = wizard_data()
    covered = set(SECTIONS) | set(data.not_asked) | {e.path for e in data.questions}
    for name, field in SystemProfile.model_fields.items():
        if name == "extensions":
            continue
        assert (field.alias or name) in covered, name


def test_every_section_object_is_a_model_whose_fields_are_all_facts() -> None:
    for section in SECTIONS:
        annotation = SystemProfile.model_fields[section].annotation
        model = annotation if isinstance(annotation, type) else None
        if model is None:  # eu_ai_act is optional: EuAiAct | None
            assert section == "eu_ai_act"
            continue
        assert issubclass(model, BaseModel)
        names = {n for n in model.model_fields if n != "extensions"}
        assert {f"{section}.{n}" for n in names} <= set(ALL_SPECS)


def test_conditions_name_earlier_questions() -> None:
    seen: set[str] = set()
    for entry in wizard_data().questions:
        for when in entry.when:
            assert when.fact in seen, f"{entry.path} depends on {when.fact}, asked later"
        seen.add(entry.path)


def test_defaults_are_valid_answers() -> None:
    for question in questions("en"):
        if not question.has_default:
            continue
        if question.kind == "list":
            assert isinstance(question.default, tuple)
            assert len(question.default) >= question.min_items
        elif question.kind == "enum":
            assert question.default is None
            assert question.none_label is not None


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_question_and_choice_has_words_in_both_languages(lang: str) -> None:
    for question in questions(lang):
        assert question.text.strip(), question.path
        assert question.explanation.strip(), question.path
        assert question.example.strip(), question.path
        assert question.section.strip(), question.path
        for choice in question.choices:
            assert choice.label.strip() and choice.label != choice.id, (question.path, choice)


def test_japanese_and_english_words_differ_and_the_ui_has_the_same_keys() -> None:
    data = wizard_data()
    assert set(data.ui["ja"]) == set(data.ui["en"])
    for entry in data.questions:
        assert entry.ja.question != entry.en.question, entry.path


def test_the_models_own_description_is_shown_with_each_question() -> None:
    by_path = {q.path: q for q in questions("ja")}
    assert by_path["data.personal"].description == descriptions()["data.personal"]
    assert "Personal data" in by_path["data.personal"].description


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(UsageError, match="unknown language 'fr'"):
        questions("fr")


# -- answers -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_example_profile_turned_into_answers_and_back_is_equal(path: Path) -> None:
    profile = load_profile(path)
    answers = answers_from_profile(profile)
    again = profile_from_answers(answers, complete=False)
    assert again == profile
    assert again.to_json_dict() == profile.to_json_dict()
    # The same through an answers file.
    from_file = profile_from_answers(json.dumps(answers).encode(), complete=False)
    assert from_file.to_json_dict() == profile.to_json_dict()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_complete_answers_are_required_exactly_when_the_profile_leaves_a_fact_unstated(
    path: Path,
) -> None:
    profile = load_profile(path)
    answers = answers_from_profile(profile)
    unstated = profile.unstated_facts()
    if not unstated:
        made = profile_from_answers(answers)
        assert made.unstated_facts() == []
        for spec in ALL_SPECS.values():
            assert spec.get(made) == spec.get(profile), spec.path
        return
    with pytest.raises(ValidationFailed) as info:
        profile_from_answers(answers)
    named = {i.path for i in info.value.issues}
    for pointer in unstated:
        dotted = pointer.lstrip("/").replace("/", ".")
        assert any(dotted in p for p in named), pointer


def _complete_answers() -> dict[str, Any]:
    answers: dict[str, Any] = {
        "id": "shop-bot",
        "name": "Shop bot",
        "domains": ["retail"],
        "actors": ["ai-service-provider", "consumer-user"],
        "oversight": "human-on-the-loop",
        "eu_ai_act.in_scope": True,
        "eu_ai_act.operator_roles": ["provider"],
    }
    for path, spec in ALL_SPECS.items():
        if spec.kind == "bool" and path not in answers:
            answers[path] = False
    answers["eu_ai_act.in_scope"] = True
    return answers


def test_complete_answers_give_a_profile_with_no_unstated_fact_and_defaults_filled() -> None:
    profile = profile_from_answers(_complete_answers())
    assert profile.profile_version == "1.1"
    assert profile.unstated_facts() == []
    assert check(profile).unstated_facts == ()
    assert profile.people.vulnerable_groups == ()
    assert profile.eu_ai_act is not None
    assert profile.eu_ai_act.exclusion is None
    assert "exclusion" in profile.eu_ai_act.model_fields_set
    assert "description" not in profile.to_json_dict()


def test_out_of_scope_answers_need_no_other_eu_answer_and_classify_out_of_scope() -> None:
    answers = {k: v for k, v in _complete_answers().items() if not k.startswith("eu_ai_act.")}
    answers["eu_ai_act.in_scope"] = False
    profile = profile_from_answers(answers)
    assert profile.unstated_facts() == []
    assert profile.eu_ai_act is not None
    assert profile.eu_ai_act.practices == ()
    assert profile.eu_ai_act.gpai_model_provider is False
    assert classify(profile).tier == "out-of-scope"


def test_a_misspelt_key_is_named_with_a_did_you_mean() -> None:
    answers = {**_complete_answers(), "data.personl": True}
    with pytest.raises(ValidationFailed) as info:
        profile_from_answers(answers, name="answers.json")
    assert str(info.value) == (
        'answers.json: invalid document: $["data.personl"]: no question has this key '
        "(did you mean 'data.personal'?)"
    )


def test_a_bare_field_name_points_at_its_full_path() -> None:
    with pytest.raises(ValidationFailed, match=r"did you mean 'data\.biometric'\?"):
        profile_from_answers({**_complete_answers(), "biometric": True})


def test_a_bad_choice_is_named_with_its_key_and_the_close_value() -> None:
    answers = {**_complete_answers(), "domains": ["retial"], "oversight": "auto"}
    with pytest.raises(ValidationFailed) as info:
        profile_from_answers(answers)
    assert [str(i) for i in info.value.issues] == [
        "$.domains: 'retial' is not one of the choices (did you mean 'retail'?)",
        "$.oversight: 'auto' is not one of the choices (did you mean 'autonomous'?)",
    ]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("data.personal", "yes", "expected true or false"),
        ("domains", "retail", "expected a list of choices"),
        ("domains", ["retail", "retail"], "listed twice"),
        ("actors", [], "give at least 1 choice"),
        ("id", "has space", "use only letters, digits"),
        ("name", 3, "expected a string"),
        ("profile_version", "2", "expected one of 1, 1.1"),
    ],
)
def test_bad_values_are_refused_at_their_key(key: str, value: object, message: str) -> None:
    with pytest.raises(ValidationFailed) as info:
        profile_from_answers({**_complete_answers(), key: value})
    assert len(info.value.issues) == 1
    assert message in info.value.issues[0].message
    assert key in info.value.issues[0].path


def test_missing_answers_are_all_listed_with_the_question_asked() -> None:
    answers = _complete_answers()
    del answers["data.personal"], answers["name"]
    with pytest.raises(ValidationFailed) as info:
        profile_from_answers(answers)
    assert [i.path for i in info.value.issues] == ["$.name", '$["data.personal"]']
    assert info.value.issues[1].hint == (
        "the wizard asks: Does it use personal data, that is data about people who can be "
        "identified?"
    )


def test_eu_answers_need_profile_version_1_1() -> None:
    answers = {**_complete_answers(), "profile_version": "1"}
    with pytest.raises(ValidationFailed, match=r"need profile_version '1\.1'"):
        profile_from_answers(answers)


def test_extension_keys_are_kept_where_they_are_given() -> None:
    answers = {**_complete_answers(), "x-owner": "ops", "data.x-retention": "30 days"}
    profile = profile_from_answers(answers)
    data = profile.to_json_dict()
    assert data["x-owner"] == "ops"
    assert data["data"]["x-retention"] == "30 days"


def test_a_key_given_whole_and_in_parts_is_refused_and_the_answers_are_not_changed() -> None:
    whole = {"tier": "gold"}
    answers = {**_complete_answers(), "x-acme": whole, "x-acme.owner": "ops"}
    with pytest.raises(ValidationFailed) as info:
        profile_from_answers(answers)
    assert str(info.value.issues[0]) == (
        "$[\"x-acme.owner\"]: 'x-acme' is given whole too; give it whole or in parts"
    )
    profile = profile_from_answers({**_complete_answers(), "x-acme": whole})
    assert profile.to_json_dict()["x-acme"] == {"tier": "gold"}
    assert whole == {"tier": "gold"}


def test_a_key_that_is_not_a_string_is_named() -> None:
    answers: dict[Any, Any] = {**_complete_answers(), 7: True}
    with pytest.raises(ValidationFailed, match=r"\$\.7: an answer's key must be a string"):
        profile_from_answers(answers)


def test_answers_that_are_not_an_object_are_refused() -> None:
    with pytest.raises(ValidationFailed, match="must be a JSON object"):
        profile_from_answers(b"[]")


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)
KEYS = st.sampled_from([*ALL_SPECS, "profile_version", "$schema", "x-a", "data.x-b", "nope"])


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.dictionaries(KEYS | st.text(max_size=12), JSON, max_size=8), st.booleans())
def test_bad_answers_raise_nothing_but_aigov_errors(answers: dict[str, Any], whole: bool) -> None:
    try:
        profile_from_answers({**_complete_answers(), **answers}, complete=whole)
    except AigovError:
        pass


# -- the interactive session ---------------------------------------------------------------


class Script:
    """Replies read in turn; records the transcript as a terminal would show it."""

    def __init__(self, replies: Sequence[str]) -> None:
        self.replies: Iterator[str] = iter(replies)
        self.lines: list[str] = []

    def ask(self, prompt: str) -> str:
        try:
            reply = next(self.replies)
        except StopIteration:
            raise EOFError from None
        self.lines.append(prompt + reply)
        return reply

    def say(self, text: str) -> None:
        self.lines.append(text)

    @property
    def transcript(self) -> str:
        return "\n".join(self.lines)


# The replies in the order of the questions: the system (5), people (2), data (5 and a
# re-ask), learning (4), capabilities (9), oversight (after "?"), deployment (7), then the
# EU block: in scope, roles, exclusion, practices, Annex III, Annex I, Art. 50 (2), GPAI.
EN_REPLIES = [
    "Shop assistant", "", "Answers shoppers' questions.", "retail", "2, 4",
    "y", "",
    "y", "n", "n", "maybe", "n", "n",
    "n", "n", "y", "y",
    "n", "n", "n", "n", "y", "y", "n", "n", "n",
    "?", "2",
    "y", "n", "n", "n", "y", "n", "n",
    "y", "provider", "", "", "", "n", "n", "n", "n",
]  # fmt: skip
JA_REPLIES = [
    "店舗アシスタント", "shop-assistant", "", "小売り", "小売", "２、４",
    "はい", "なし",
    "はい", "いいえ", "いいえ", "いいえ", "いいえ",
    "いいえ", "いいえ", "はい", "はい",
    "いいえ", "いいえ", "いいえ", "いいえ", "はい", "はい", "いいえ", "いいえ", "いいえ",
    "human-on-the-loop",
    "はい", "いいえ", "いいえ", "いいえ", "はい", "いいえ", "いいえ",
    "いいえ",
]  # fmt: skip


def test_an_english_session_writes_a_profile_that_states_every_fact() -> None:
    script = Script(EN_REPLIES)
    profile = run_wizard(script.ask, script.say, lang="en")
    assert profile.id == "shop-assistant"  # the default made from the name
    assert profile.actors == ("ai-service-provider", "consumer-user")
    assert profile.data.from_third_parties is False  # after "maybe" was re-asked
    assert profile.oversight == "human-on-the-loop"
    assert profile.eu_ai_act is not None
    assert profile.eu_ai_act.operator_roles == ("provider",)
    assert profile.unstated_facts() == []
    assert check(profile).unstated_facts == ()
    assert classify(profile).tier != "needs-review"
    text = script.transcript
    assert "Please answer y (yes) or n (no)." in text
    assert "Profile field oversight: How humans oversee the system's outputs." in text
    assert "Done: every fact is stated." in text


def test_a_japanese_session_accepts_japanese_replies_and_full_width_numbers() -> None:
    script = Script(JA_REPLIES)
    profile = run_wizard(script.ask, script.say, lang="ja")
    assert profile.name == "店舗アシスタント"
    assert "description" not in profile.to_json_dict()
    assert profile.domains == ("retail",)
    assert profile.actors == ("ai-service-provider", "consumer-user")
    assert profile.people.vulnerable_groups == ()
    assert profile.eu_ai_act is not None
    assert profile.eu_ai_act.in_scope is False
    assert profile.unstated_facts() == []
    text = script.transcript
    assert "'小売り' は選択肢にありません" in text  # then the label '小売' is taken
    assert "== EU AI法 ==" in text
    assert "どの分野で使われますか？" in text


def test_a_japanese_session_checks_with_no_unstated_facts() -> None:
    script = Script(JA_REPLIES)
    profile = run_wizard(script.ask, script.say, lang="ja")
    assert check(profile).unstated_facts == ()
    assert classify(profile).tier == "out-of-scope"


def test_an_excluded_system_is_not_asked_the_remaining_eu_questions() -> None:
    replies = [*EN_REPLIES[:35], "y", "1", "military"]
    script = Script(replies)
    profile = run_wizard(script.ask, script.say, lang="en")
    assert profile.eu_ai_act is not None
    assert profile.eu_ai_act.exclusion == "military"
    assert profile.unstated_facts() == []
    assert "prohibits" not in script.transcript


def test_systemic_risk_and_derogation_are_asked_only_when_they_can_apply() -> None:
    replies = [*EN_REPLIES[:35], "y", "", "", "", "9", "n", "0", "n", "n", "y", "y"]
    script = Script(replies)
    profile = run_wizard(script.ask, script.say, lang="en")
    block = profile.eu_ai_act
    assert block is not None
    assert block.annex_iii == ("recruitment-selection",)
    assert block.derogation is None
    assert block.systemic_risk is True
    assert "Art. 6(3) apply" in script.transcript


def test_answers_given_beforehand_are_not_asked() -> None:
    whole = answers_from_profile(profile_from_answers(_complete_answers()))
    known = {k: v for k, v in whole.items() if k != "data.personal"} | {"description": None}
    script = Script(["y"])
    profile = run_wizard(script.ask, script.say, lang="en", answers=known)
    assert profile.data.personal is True
    assert script.lines.count("(y/n) > y") == 1


def test_answers_given_beforehand_may_be_a_file(tmp_path: Path) -> None:
    whole = answers_from_profile(profile_from_answers(_complete_answers()))
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({k: v for k, v in whole.items() if k != "name"}), "utf-8")
    script = Script(["Shop bot", ""])
    profile = run_wizard(script.ask, script.say, answers=path)
    assert profile.name == "Shop bot"
    assert profile.id == "shop-bot"  # given in the file, so not asked


def test_bad_answers_given_beforehand_are_refused() -> None:
    script = Script([])
    with pytest.raises(ValidationFailed, match=r"did you mean 'data\.personal'"):
        run_wizard(script.ask, script.say, answers={"data.personl": True})


def test_the_input_ending_early_is_a_usage_error_naming_the_question() -> None:
    script = Script(["Shop assistant"])
    with pytest.raises(UsageError, match="before question 'id' was answered"):
        run_wizard(script.ask, script.say)


def test_strict_mode_raises_on_the_first_bad_reply() -> None:
    script = Script(["Shop", "", "", "retail", "2", "perhaps"])
    with pytest.raises(ValidationFailed) as info:
        run_wizard(script.ask, script.say, strict=True)
    assert str(info.value) == (
        '<wizard>: invalid document: $["people.affected"]: Please answer y (yes) or n (no).'
    )


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.lists(st.text(max_size=6) | st.sampled_from(["y", "n", "1", "", "?", "0"]), max_size=60),
    st.booleans(),
    st.sampled_from(["ja", "en"]),
)
def test_any_replies_end_in_a_profile_or_an_aigov_error(
    replies: list[str], strict: bool, lang: str
) -> None:
    script = Script(replies)
    try:
        profile = run_wizard(script.ask, script.say, lang=lang, strict=strict)
    except AigovError:
        return
    assert profile.unstated_facts() == []


# -- custom facts and next steps -----------------------------------------------------------


def _custom() -> list[Any]:
    return [
        CustomFact(
            path="x-acme.uses_llm",
            kind="bool",
            label={"en": "Does it call a language model?", "ja": "言語モデルを呼び出しますか？"},
            description={"en": "Acme's rule set reads it.", "ja": "Acmeのルールが読む事実。"},
        ),
        CustomFact(
            path="data.x-acme-tier",
            kind="enum",
            values=("gold", "silver"),
            label=LocalizedText(en="Which tier?", ja="どの階層ですか？"),
            description=LocalizedText(en="The data tier.", ja="データの階層。"),
        ),
    ]


def test_custom_facts_are_asked_last_and_written_as_extensions() -> None:
    script = Script([*EN_REPLIES, "y", "silver"])
    profile = run_wizard(script.ask, script.say, lang="en", extra_facts=_custom())
    data = profile.to_json_dict()
    assert data["x-acme"] == {"uses_llm": True}
    assert data["data"]["x-acme-tier"] == "silver"
    assert "== Further facts ==" in script.transcript


def test_custom_fact_answers_are_checked_like_the_others() -> None:
    answers = {**_complete_answers(), "x-acme.uses_llm": True, "data.x-acme-tier": "bronze"}
    with pytest.raises(ValidationFailed, match=r"'bronze' is not one of the choices"):
        profile_from_answers(answers, extra_facts=_custom())


@pytest.mark.parametrize(
    ("fact", "message"),
    [
        (CustomFact("acme.uses_llm", "bool", {}, {}), "must name an extension key"),
        (CustomFact("x-a", "number", {}, {}), "unknown kind 'number'"),
        (CustomFact("x-a", "enum", {}, {}), "needs distinct values"),
        (CustomFact("x-a", "bool", {"en": "?"}, {"en": "."}), "no 'ja' text"),
    ],
)
def test_a_malformed_custom_fact_is_a_usage_error(fact: CustomFact, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        questions("ja", extra_facts=[fact])


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "see which principles apply"), ("ja", "該当する原則")]
)
def test_next_steps_name_the_commands_on_the_written_file(lang: str, words: str) -> None:
    text = next_steps("my profile.json", lang)
    for command in ("check", "classify", "checklist", "validate"):
        assert f"aigov {command} 'my profile.json'" in text
    assert words in text


def test_a_question_is_a_value_with_its_words() -> None:
    question = next(q for q in questions("en") if q.path == "eu_ai_act.derogation")
    assert isinstance(question, Question)
    assert question.none_label == "None of these (the system is high-risk)"
    assert not question.asked({"eu_ai_act.in_scope": True, "eu_ai_act.exclusion": None})
    assert question.asked(
        {"eu_ai_act.in_scope": True, "eu_ai_act.exclusion": None, "eu_ai_act.annex_iii": ["x"]}
    )


def _screenshot_script() -> Any:
    path = ROOT / "scripts" / "wizard_screenshots.py"
    spec = importlib.util.spec_from_file_location("wizard_screenshots", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_screenshot_sessions_still_run_to_the_end(lang: str, tmp_path: Path) -> None:
    """The docs' pictures show real sessions: their scripted replies still answer everything."""
    script = _screenshot_script()
    lines = script.shown(lang)
    assert lines[0] == f"$ aigov init --lang {lang} -o mine.json"
    assert any(line.startswith("  aigov check mine.json") for line in lines)
    assert script.main(["--html", str(tmp_path)]) == 0
    page = (tmp_path / f"wizard-{lang}.html").read_text(encoding="utf-8")
    assert "aigov init" in page
    assert (ROOT / "docs" / "img" / f"wizard-{lang}.png").is_file()


def test_the_docs_answers_file_makes_a_profile_that_states_every_fact() -> None:
    """The docs' answers file answers every question, as `aigov init --answers` needs.

    It lies in a folder of its own: an answers file is no document kind, and
    every JSON file directly in docs/examples/ is a document with a schema.
    """
    path = ROOT / "docs" / "examples" / "wizard" / "answers.json"
    profile = profile_from_answers(path)
    assert profile.unstated_facts() == []
    assert check(profile).unstated_facts == ()
    data = json.loads(path.read_text("utf-8"))
    assert list(data) == [q.path for q in questions("en") if q.path in data]  # in asked order
