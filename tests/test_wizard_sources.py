"""The wizard's legal facts carry their sources: every article, paragraph or annex of the
EU AI Act that a question's words name has a source with its verification mark, the two
languages name the same ones, ``?`` shows them, and no mark claims more than the triage
data's mark for the same text unless it cites a text the triage data does not."""

from __future__ import annotations

import re

import pytest

from aigov._locators import local_locator
from aigov._wizard import _help, descriptions, wizard_data
from aigov.models import Source, Verification
from aigov.triage import regime_sources
from aigov.wizard import questions

#: A mention of the Act in English words: ``Art. 6(3)``, ``Art. 51-55``, ``Annex III``.
_EN = re.compile(r"Art\. (\d+(?:-\d+)?)((?:\([0-9a-z]+\))*)|Annex (III|II|I)\b")
#: The same in Japanese words: ``第6条(3)``, ``附属書III``.
_JA = re.compile(r"第(\d+)条((?:\([0-9a-z]+\))*)|附属書(III|II|I)")
#: The compute threshold is a fact of Art. 51(2) wherever it is written.
_THRESHOLD = "10^25"

_STRENGTH = {
    Verification.VERIFIED: 3,
    Verification.PARTIAL: 2,
    Verification.INTERPRETED: 1,
    Verification.UNVERIFIED: 0,
}


def _mentions(text: str, lang: str) -> set[str]:
    found = set()
    for number, paragraphs, annex in (_JA if lang == "ja" else _EN).findall(text):
        found.add(f"Annex {annex}" if annex else f"Art. {number}{paragraphs}")
    if _THRESHOLD in text:
        found.add("Art. 51(2)")
    return found


def _words(path: str, lang: str) -> list[str]:
    entry = next(e for e in wizard_data().questions if e.path == path)
    words = entry.ja if lang == "ja" else entry.en
    texts = [words.question, words.explanation, words.example]
    texts += [getattr(label, lang) for label in entry.choices.values()]
    if entry.none is not None:
        texts.append(getattr(entry.none, lang))
    return texts


def _covered(mention: str, sources: tuple[Source, ...]) -> bool:
    return any(s.locator == mention or (s.locator or "").startswith(mention + "(") for s in sources)


PATHS = [entry.path for entry in wizard_data().questions]


@pytest.mark.parametrize("path", PATHS)
def test_every_part_of_the_act_a_question_names_has_a_source(path: str) -> None:
    """Words in either language and the model's description shown with ``?`` count."""
    entry = next(e for e in wizard_data().questions if e.path == path)
    named = set()
    for lang in ("en", "ja"):
        for text in _words(path, lang):
            named |= _mentions(text, lang)
    named |= _mentions(descriptions()[path], "en")
    missing = {m for m in named if not _covered(m, entry.sources)}
    assert missing == set(), f"{path}: no source for {sorted(missing)}"


@pytest.mark.parametrize("path", PATHS)
def test_japanese_and_english_words_name_the_same_parts_of_the_act(path: str) -> None:
    en = set().union(*(_mentions(t, "en") for t in _words(path, "en")))
    ja = set().union(*(_mentions(t, "ja") for t in _words(path, "ja")))
    assert ja == en, path


def test_the_questions_that_state_legal_facts_are_the_ones_with_sources() -> None:
    """A guard on the regular expressions: they find the Act where it is named."""
    with_sources = {e.path for e in wizard_data().questions if e.sources}
    assert "eu_ai_act.systemic_risk" in with_sources
    assert "capabilities.profiling" in with_sources
    assert len(with_sources) >= 12
    assert _mentions("presumed above 10^25 (Art. 51-55), Annex III", "en") == {
        "Art. 51(2)",
        "Art. 51-55",
        "Annex III",
    }
    assert _mentions("第2条(10)と附属書I", "ja") == {"Art. 2(10)", "Annex I"}


def test_every_source_is_of_the_act_and_says_why_when_it_is_not_verified() -> None:
    for entry in wizard_data().questions:
        for source in entry.sources:
            assert source.document == "eu-ai-act-2024", entry.path
            assert source.locator, entry.path
            if source.verification is not Verification.VERIFIED:
                assert source.note, f"{entry.path} {source.locator}"


def test_no_source_claims_more_than_the_triage_data_without_a_text_of_its_own() -> None:
    """Where the triage data marks the same article (or a part of it), the wizard's mark is
    no stronger unless the wizard cites a text the triage entry did not read."""
    triage = [s for _, s in regime_sources("eu-ai-act-2024") if s.locator]
    compared = 0
    for entry in wizard_data().questions:
        for mine in entry.sources:
            assert mine.locator is not None
            for theirs in triage:
                assert theirs.locator is not None
                if not re.match(re.escape(mine.locator) + r"(?![0-9])", theirs.locator):
                    continue
                compared += 1
                if _STRENGTH[mine.verification] > _STRENGTH[theirs.verification]:
                    new = set(mine.evidence) - set(theirs.evidence)
                    assert new, f"{entry.path} {mine.locator} claims more than {theirs.locator}"
    assert compared >= 30


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "EU AI Act: Art. 51(1) (verified); Art. 51(2) (verified); Art. 55(1) (verified)"),
        (
            "ja",
            "EU AI法の根拠：第51条(1)（確認済み）、第51条(2)（確認済み）、第55条(1)（確認済み）",
        ),
    ],
)
def test_help_shows_the_sources_with_their_marks(lang: str, expected: str) -> None:
    question = next(q for q in questions(lang) if q.path == "eu_ai_act.systemic_risk")
    assert f"  {expected}\n" in _help(question, wizard_data().ui[lang])  # type: ignore[index]


@pytest.mark.parametrize(("lang", "word"), [("en", "check the text"), ("ja", "条文を確認")])
def test_help_tells_the_user_to_check_a_partly_verified_article(lang: str, word: str) -> None:
    question = next(q for q in questions(lang) if q.path == "eu_ai_act.exclusion")
    shown = _help(question, wizard_data().ui[lang])  # type: ignore[index]
    line = next(x for x in shown.split("\n") if local_locator("Art. 2(10)", lang) in x)
    assert word in line


def test_a_question_without_legal_facts_shows_no_sources_line() -> None:
    question = next(q for q in questions("en") if q.path == "name")
    assert question.sources == ()
    assert "EU AI Act:" not in _help(question, wizard_data().ui["en"])


@pytest.mark.parametrize(
    ("locator", "ja"),
    [
        ("Art. 6(3)", "第6条(3)"),
        ("Art. 2(1)(e)", "第2条(1)(e)"),
        ("Art. 3", "第3条"),
        ("Art. 51-55", "第51条〜第55条"),
        ("Annex III", "附属書III"),
        ("Recital 25", "Recital 25"),
    ],
)
def test_locators_are_written_the_japanese_way(locator: str, ja: str) -> None:
    assert local_locator(locator, "ja") == ja
    assert local_locator(locator, "en") == locator
