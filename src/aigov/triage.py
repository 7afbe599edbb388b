"""EU AI Act triage: a profile's tier, duties per operator role, articles and dates.

:func:`classify` applies the Act's own tests, in the Act's order, to the facts
a profile states in its ``eu_ai_act`` block (profile version 1.1); it never
reasons from similarity of values.  The tests' tables (Art. 5 practices,
Annex III points, Art. 50 triggers, obligations with their articles and
application dates, and the review rules that notice version 1 facts pointing
at a practice or an Annex III use the block does not state) are data in
``aigov/data/triage/eu-ai-act-2024.json``, each with its source and how far
it was verified.  Conditions in that file are the rule sets' conditions,
compiled by the same code.

The decision order: out of scope (not in scope, or an Art. 2 exclusion),
prohibited (a stated Art. 5(1) practice), high-risk (Art. 6(1), or an Annex
III use without a valid Art. 6(3) derogation), limited-risk (Art. 50 duties
only), minimal-risk.  When ``in_scope`` is unstated, or version 1 facts point
at a higher tier than the stated facts reach, the tier is ``needs-review``
and ``stated_tier`` keeps what the stated facts alone give.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Sequence
from importlib.resources import files
from typing import Any, Literal

from pydantic import Field, JsonValue

from aigov import __version__
from aigov._base import DocumentModel, FrozenModel
from aigov._choices import REGIMES
from aigov._conditions import AnyConditionModel, Condition, Predicate, compile_condition
from aigov._locators import article_text
from aigov.errors import UnknownIdError
from aigov.models import LocalizedText, Source, Verification
from aigov.profile import (
    FactSpec,
    OperatorRole,
    ProfileSource,
    SystemProfile,
    eu_ai_act_fact_specs,
    eu_ai_act_stated,
    fact_specs,
    load_profile,
)
from aigov.rules import FactValue

__all__ = [
    "REGIMES",
    "TIERS",
    "Classification",
    "ClassificationObligation",
    "ClassificationReason",
    "ReviewItem",
    "classify",
    "regime_sources",
]

Tier = Literal[
    "prohibited", "high-risk", "limited-risk", "minimal-risk", "out-of-scope", "needs-review"
]
Gpai = Literal["none", "gpai", "gpai-systemic-risk"]
#: The tiers, most severe first (``out-of-scope`` and ``needs-review`` last).
TIERS: tuple[str, ...] = (
    "prohibited",
    "high-risk",
    "limited-risk",
    "minimal-risk",
    "out-of-scope",
    "needs-review",
)

Role = OperatorRole


# -- the regime's data -----------------------------------------------------------------


class _Date(FrozenModel):
    id: str
    date: dt.date
    article: str
    covers: LocalizedText
    source: Source


class _Amendments(FrozenModel):
    status: Literal["none-known", "proposed-not-verified", "adopted"]
    note: LocalizedText


class _Practice(FrozenModel):
    value: str
    article: str
    source: Source


class _AnnexUse(FrozenModel):
    value: str
    point: str
    source: Source


class _Transparency(FrozenModel):
    id: str
    article: str
    roles: tuple[Role, ...]
    when: Condition
    summary: LocalizedText
    source: Source


class _PointsAt(FrozenModel):
    practices: tuple[str, ...] = ()
    annex_iii: tuple[str, ...] = ()


class _Review(FrozenModel):
    id: str
    points_at: _PointsAt
    article: str
    when: Condition
    why: LocalizedText


class _Obligation(FrozenModel):
    id: str
    article: str
    roles: tuple[Role, ...]
    applies_to: Literal[
        "in-scope", "prohibited", "high-risk", "derogated", "gpai", "gpai-systemic-risk"
    ]
    applies_from: str
    summary: LocalizedText
    source: Source
    when: Condition | None = None


class _Regime(FrozenModel):
    kind: Literal["regime"]
    format_version: Literal["1"]
    id: str
    version: str
    framework: str
    label: LocalizedText
    note: str
    source: Source
    dates: tuple[_Date, ...]
    amendments: _Amendments
    practices: tuple[_Practice, ...]
    annex_iii: tuple[_AnnexUse, ...]
    transparency: tuple[_Transparency, ...]
    review: tuple[_Review, ...]
    obligations: tuple[_Obligation, ...]


class _Compiled:
    """A regime with its conditions compiled once over the profile's facts."""

    def __init__(self, regime: _Regime) -> None:
        self.regime = regime
        self.specs: dict[str, FactSpec] = {**fact_specs(), **eu_ai_act_fact_specs()}
        self.dates = {d.id: d for d in regime.dates}
        self.practices = {p.value: p for p in regime.practices}
        self.annex = {a.value: a for a in regime.annex_iii}
        self.transparency = [(t, self._compile(t.when)) for t in regime.transparency]
        self.review = [(r, self._compile(r.when)) for r in regime.review]
        self.obligation_when = {
            o.id: self._compile(o.when) for o in regime.obligations if o.when is not None
        }

    def _compile(self, cond: AnyConditionModel) -> Predicate:
        return compile_condition(cond, self.specs)

    def vector(self, profile: SystemProfile) -> tuple[Any, ...]:
        return tuple(spec.get(profile) for spec in self.specs.values())


@functools.cache
def _regime(regime_id: str) -> _Compiled:
    if regime_id not in REGIMES:
        raise UnknownIdError("regime", regime_id, choices=REGIMES)
    path = files("aigov") / "data" / "triage" / f"{regime_id}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return _Compiled(_Regime.model_validate(data))


def regime_sources(regime: str = "eu-ai-act-2024") -> list[tuple[str, Source]]:
    """Every source a regime's data cites, with where it stands (for citation checks).

    Raises:
        UnknownIdError: ``regime`` is unknown.
    """
    data = _regime(regime).regime
    found: list[tuple[str, Source]] = [(regime, data.source)]
    found += [(f"{regime} date {d.id}", d.source) for d in data.dates]
    found += [(f"{regime} {p.value}", p.source) for p in data.practices]
    found += [(f"{regime} {a.value}", a.source) for a in data.annex_iii]
    found += [(f"{regime} {t.id}", t.source) for t in data.transparency]
    found += [(f"{regime} {o.id}", o.source) for o in data.obligations]
    return found


# -- the result ----------------------------------------------------------------------


class ClassificationReason(FrozenModel):
    """One step of the decision: the rule, its article and the facts it read."""

    rule: str
    article: str
    summary: LocalizedText
    facts: tuple[FactValue, ...]
    verification: Verification


class ClassificationObligation(FrozenModel):
    """A duty that follows from the classification, for the operator roles it binds."""

    id: str
    article: str
    roles: tuple[Role, ...]
    applies_from: dt.date
    date_article: str = Field(description="The paragraph of Art. 113 that sets the date.")
    summary: LocalizedText
    verification: Verification
    note: str | None = None


class ReviewItem(FrozenModel):
    """An unstated or contradictory fact that could change the tier, and why."""

    fact: str = Field(description="JSON pointer of the fact to state or to check.")
    article: str
    why: LocalizedText
    points_at: tuple[str, ...] = ()


class ClassificationProfile(FrozenModel):
    """Which profile was classified."""

    id: str
    name: str
    profile_version: str


class Classification(DocumentModel):
    """The result of :func:`classify` (document kind ``classification``)."""

    kind: Literal["classification"] = "classification"
    format_version: Literal["1"] = "1"
    regime: Literal["eu-ai-act-2024"]
    profile: ClassificationProfile
    tier: Tier
    stated_tier: Tier = Field(
        description="The tier the stated facts alone give (equal to tier unless under review)."
    )
    gpai: Gpai
    operator_roles: tuple[Role, ...]
    transparency: tuple[ClassificationObligation, ...]
    reasons: tuple[ClassificationReason, ...]
    obligations: tuple[ClassificationObligation, ...]
    requires_review: tuple[ReviewItem, ...]
    amendments: LocalizedText
    versions: dict[str, str]

    def to_json(self, *, compact: bool = False) -> str:
        """The classification as JSON text (a ``classification`` document)."""
        data = self.model_dump(mode="json", by_alias=True)
        if compact:
            return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# -- the decision --------------------------------------------------------------------


def _t(en: str, ja: str) -> LocalizedText:
    return LocalizedText(en=en, ja=ja)


class _Run:
    """One classification in progress: facts read, reasons and review items gathered."""

    def __init__(self, compiled: _Compiled, profile: SystemProfile) -> None:
        self.c = compiled
        self.profile = profile
        self.vector = compiled.vector(profile)
        self.reasons: list[ClassificationReason] = []
        self.review: list[ReviewItem] = []

    def stated(self, name: str) -> bool:
        return eu_ai_act_stated(self.profile, self.c.specs["eu_ai_act." + name])

    def value(self, name: str) -> Any:  # noqa: ANN401 - fact values vary
        return self.c.specs["eu_ai_act." + name].get(self.profile)

    def fact(self, path: str) -> FactValue:
        spec = self.c.specs[path]
        value = spec.get(self.profile)
        stated = (
            eu_ai_act_stated(self.profile, spec)
            if path.startswith("eu_ai_act.")
            else value is not None
        )
        shown: JsonValue = list(value) if isinstance(value, tuple) else value
        return FactValue(path=spec.pointer, value=shown, stated=stated)

    def reason(
        self,
        rule: str,
        article: str,
        summary: LocalizedText,
        facts: Sequence[str],
        verification: Verification = Verification.VERIFIED,
    ) -> None:
        self.reasons.append(
            ClassificationReason(
                rule=rule,
                article=article,
                summary=summary,
                facts=tuple(self.fact(f) for f in facts),
                verification=verification,
            )
        )

    def unstated(self, name: str, article: str, why: LocalizedText) -> None:
        # A review rule may already have named the fact, more precisely.
        named = any(item.fact == "/eu_ai_act/" + name for item in self.review)
        if not self.stated(name) and not named:
            self.review.append(ReviewItem(fact="/eu_ai_act/" + name, article=article, why=why))


def _tier(run: _Run) -> tuple[str, str | None]:
    """The tier the stated facts give, and the Annex III route ('annex-i'/'annex-iii')."""
    if not run.stated("in_scope"):
        return "needs-review", None
    if run.value("in_scope") is False:
        run.reason(
            "out-of-scope",
            "2",
            _t(
                "Not placed on the EU market, not put into service there, and its output not "
                "used there: the Act does not apply.",
                "EU市場に出されず、EUで稼働せず、出力もEUで使われない：本法は適用されない。",
            ),
            ["eu_ai_act.in_scope"],
        )
        return "out-of-scope", None
    exclusion = run.value("exclusion")
    if exclusion is not None:
        run.reason(
            "excluded",
            "2",
            _t(
                f"Excluded from the Act's scope by Art. 2 ({exclusion}).",
                f"第2条により本法の適用範囲外（{exclusion}）。",
            ),
            ["eu_ai_act.in_scope", "eu_ai_act.exclusion"],
            Verification.PARTIAL,
        )
        return "out-of-scope", None
    practices = run.value("practices") or ()
    if practices:
        for practice in practices:
            entry = run.c.practices[practice]
            run.reason(
                "prohibited-practice",
                entry.article,
                _t(
                    f"The system engages in a practice Art. {entry.article} prohibits "
                    f"({practice}).",
                    f"{article_text(entry.article, 'ja')}が禁止する行為（{practice}）を行う。",
                ),
                ["eu_ai_act.practices"],
                entry.source.verification,
            )
        return "prohibited", None
    route = None
    if run.value("annex_i_safety_component") is True:
        run.reason(
            "annex-i-product",
            "6(1)",
            _t(
                "A product, or safety component of a product, under the Annex I legislation "
                "that needs third-party conformity assessment: high-risk.",
                "附属書Iの法令の下で第三者適合性評価を要する製品またはその安全構成要素：高リスク。",
            ),
            ["eu_ai_act.annex_i_safety_component"],
        )
        route = "annex-i"
    uses = run.value("annex_iii") or ()
    if uses:
        derogation = run.value("derogation")
        profiling = run.profile.capabilities.profiling
        points = ", ".join(run.c.annex[u].point for u in uses)
        weakest = Verification.weakest([run.c.annex[u].source.verification for u in uses])
        if derogation is not None and profiling is True:
            run.reason(
                "derogation-void-profiling",
                "6(3)",
                _t(
                    "The Art. 6(3) derogation claimed does not apply: the system profiles "
                    "natural persons, and such an Annex III system is always high-risk.",
                    "第6条(3)の適用除外は適用されない：自然人をプロファイリングするため、"
                    "附属書IIIのシステムは常に高リスクである。",
                ),
                ["eu_ai_act.derogation", "capabilities.profiling"],
                Verification.PARTIAL,
            )
        if derogation is not None and profiling is not True:
            run.reason(
                "annex-iii-derogated",
                "6(3)",
                _t(
                    f"Listed in Annex III (point {points}) but not high-risk under the Art. 6(3) "
                    f"condition '{derogation}'; the derogation still has to be documented "
                    "(Art. 6(4)) and the system registered (Art. 49(2)).",
                    f"附属書III（{points}）に該当するが、第6条(3)の条件「{derogation}」により"
                    "高リスクではない。適用除外の文書化（第6条(4)）と登録（第49条(2)）は必要。",
                ),
                ["eu_ai_act.annex_iii", "eu_ai_act.derogation", "capabilities.profiling"],
                Verification.PARTIAL,
            )
            if profiling is None:
                run.review.append(
                    ReviewItem(
                        fact="/capabilities/profiling",
                        article="6(3)",
                        why=_t(
                            "The derogation is void if the system profiles natural persons; "
                            "state capabilities.profiling.",
                            "自然人をプロファイリングする場合、適用除外は無効："
                            "capabilities.profiling を明示すること。",
                        ),
                    )
                )
            return ("high-risk", route) if route else ("derogated", None)
        run.reason(
            "annex-iii",
            "6(2)",
            _t(
                f"Intended for a use listed in Annex III (point {points}): high-risk.",
                f"附属書III（{points}）に挙げられた用途：高リスク。",
            ),
            ["eu_ai_act.annex_iii", "eu_ai_act.derogation"],
            weakest,
        )
        route = "annex-iii"
    if route is not None:
        return "high-risk", route
    return "", None  # below high-risk: decided by the Art. 50 duties


def _transparency(run: _Run) -> list[ClassificationObligation]:
    out = []
    for entry, predicate in run.c.transparency:
        if not predicate.holds(run.vector):
            continue
        read: list[Any] = []
        predicate.why(run.vector, read)
        date = run.c.dates["general"]
        run.reason(
            entry.id,
            entry.article,
            entry.summary,
            [_dotted(p) for p, _, _ in read],
            entry.source.verification,
        )
        out.append(_duty(entry, date))
    return out


def _duty(entry: _Transparency | _Obligation, date: _Date) -> ClassificationObligation:
    return ClassificationObligation(
        id=entry.id,
        article=entry.article,
        roles=entry.roles,
        applies_from=date.date,
        date_article=date.article,
        summary=entry.summary,
        verification=entry.source.verification,
        note=entry.source.note,
    )


def _dotted(pointer: str) -> str:
    # Dotted fact path of a JSON pointer (``/data/personal`` -> ``data.personal``).
    return pointer.lstrip("/").replace("/", ".")


_RANK = {"prohibited": 0, "high-risk": 1, "limited-risk": 2, "minimal-risk": 3}


def _review(run: _Run, stated_tier: str) -> bool:
    """Add review items; True when one points above the stated tier."""
    above = False
    practices = set(run.value("practices") or ())
    uses = set(run.value("annex_iii") or ())
    for entry, predicate in run.c.review:
        if not predicate.holds(run.vector):
            continue
        missing = [p for p in entry.points_at.practices if p not in practices]
        missing_uses = [u for u in entry.points_at.annex_iii if u not in uses]
        if len(missing_uses) < len(entry.points_at.annex_iii):
            missing_uses = []  # one of the uses pointed at is stated: the area is named
        if not missing and not missing_uses:
            continue
        read: list[Any] = []
        predicate.why(run.vector, read)
        target = "prohibited" if missing else "high-risk"
        if stated_tier in _RANK and _RANK[target] < _RANK[stated_tier]:
            above = True
        fact = "/eu_ai_act/practices" if missing else "/eu_ai_act/annex_iii"
        run.review.append(
            ReviewItem(
                fact=fact,
                article=entry.article,
                why=entry.why,
                points_at=tuple(missing + missing_uses),
            )
        )
    return above


def _obligations(
    run: _Run, tier: str, route: str | None, derogated: bool, gpai: str
) -> list[ClassificationObligation]:
    if tier in ("out-of-scope", "needs-review"):
        return []
    applies = {"in-scope"}
    if tier == "prohibited":
        applies.add("prohibited")
    if tier == "high-risk":
        applies.add("high-risk")
    if derogated:
        applies.add("derogated")
    if gpai != "none":
        applies.add("gpai")
    if gpai == "gpai-systemic-risk":
        applies.add("gpai-systemic-risk")
    out = []
    for entry in run.c.regime.obligations:
        if entry.applies_to not in applies:
            continue
        when = run.c.obligation_when.get(entry.id)
        if when is not None and not when.holds(run.vector):
            continue
        date_id = entry.applies_from
        if date_id == "high-risk-route":
            date_id = "general" if route == "annex-iii" else "annex-i-products"
        out.append(_duty(entry, run.c.dates[date_id]))
    return out


def _contradictions(run: _Run) -> None:
    """Name stated facts that cannot all hold, each of which could change the result."""
    if run.value("systemic_risk") is True and run.value("gpai_model_provider") is not True:
        run.review.append(
            ReviewItem(
                fact="/eu_ai_act/systemic_risk",
                article="51",
                why=_t(
                    "Systemic risk is stated, but not that the organisation provides a "
                    "general-purpose AI model: systemic risk is a property of such a model.",
                    "システミックリスクが明示されているが、汎用AIモデルの提供は明示されていない："
                    "システミックリスクは汎用AIモデルの性質である。",
                ),
            )
        )
    if run.value("derogation") is not None and not run.value("annex_iii"):
        run.review.append(
            ReviewItem(
                fact="/eu_ai_act/derogation",
                article="6(3)",
                why=_t(
                    "A derogation is stated, but no Annex III use: Art. 6(3) only takes "
                    "Annex III systems out of the high-risk tier.",
                    "適用除外が明示されているが、附属書IIIの用途がない：第6条(3)は"
                    "附属書IIIのシステムにのみ適用される。",
                ),
            )
        )


def _gpai(run: _Run) -> str:
    if run.value("gpai_model_provider") is not True:
        if run.profile.learning.general_purpose_model is True and not run.stated(
            "gpai_model_provider"
        ):
            run.review.append(
                ReviewItem(
                    fact="/eu_ai_act/gpai_model_provider",
                    article="53",
                    why=_t(
                        "The system uses a general-purpose model: state whether the "
                        "organisation itself provides a general-purpose AI model (Chapter V).",
                        "汎用モデルを使う：組織自身が汎用AIモデルを提供するかを明示すること（第V章）。",
                    ),
                )
            )
        return "none"
    systemic = run.value("systemic_risk") is True
    run.reason(
        "gpai-systemic-risk" if systemic else "gpai",
        "55" if systemic else "53",
        _t(
            "Provides a general-purpose AI model"
            + (" with systemic risk (Art. 51, 55)." if systemic else " (Art. 53)."),
            "汎用AIモデルを提供する"
            + ("（システミックリスクあり、第51条・第55条）。" if systemic else "（第53条）。"),
        ),
        ["eu_ai_act.gpai_model_provider", "eu_ai_act.systemic_risk"],
        Verification.PARTIAL,
    )
    run.unstated(
        "systemic_risk",
        "51",
        _t(
            "Whether the model has systemic risk decides the Art. 55 duties.",
            "モデルにシステミックリスクがあるかが第55条の義務を決める。",
        ),
    )
    return "gpai-systemic-risk" if systemic else "gpai"


def classify(profile: ProfileSource, regime: str = "eu-ai-act-2024") -> Classification:
    """Classify a system under a regime from its profile.

    Args:
        profile: A profile (model, parsed JSON, path or bytes), version 1 or 1.1.
        regime: The regime; only ``eu-ai-act-2024`` is known.

    Returns:
        The tier, the GPAI track, Art. 50 duties, the reasons with articles
        and facts, the obligations per operator role with their application
        dates, and what needs review.

    Raises:
        UnknownIdError: ``regime`` is unknown.
        ValidationFailed: The profile breaks the format (and the other errors
            of :func:`aigov.load_profile`).
    """
    compiled = _regime(regime)
    prof = load_profile(profile)
    run = _Run(compiled, prof)
    stated_tier, route = _tier(run)
    derogated = stated_tier == "derogated"
    transparency: list[ClassificationObligation] = []
    gpai = "none"
    if stated_tier not in ("out-of-scope", "needs-review"):
        transparency = _transparency(run)
        gpai = _gpai(run)
    if stated_tier in ("", "derogated"):
        stated_tier = "limited-risk" if transparency else "minimal-risk"
    if stated_tier == "minimal-risk":
        run.reason(
            "minimal-risk",
            "5, 6, 50",
            _t(
                "No stated fact meets the tests of Art. 5, Art. 6 or Art. 50: no tier's "
                "duties apply beyond those of every AI system in scope.",
                "明示された事実は第5条・第6条・第50条のいずれの要件も満たさない："
                "適用範囲内のすべてのAIシステムに共通する義務のほかに、区分に応じた義務はない。",
            ),
            [],
        )
    above = _review(run, stated_tier) if stated_tier != "out-of-scope" else False
    _decisive_unstated(run, stated_tier)
    _contradictions(run)
    tier = "needs-review" if above or stated_tier == "needs-review" else stated_tier
    roles = run.value("operator_roles") or ()
    obligations = _obligations(run, stated_tier, route, derogated, gpai)
    if roles:
        obligations = [o for o in obligations if set(o.roles) & set(roles)]
    return Classification(
        regime="eu-ai-act-2024",
        profile=ClassificationProfile(
            id=prof.id, name=prof.name, profile_version=prof.profile_version
        ),
        tier=tier,
        stated_tier=stated_tier,
        gpai=gpai,
        operator_roles=roles,
        transparency=tuple(transparency),
        reasons=tuple(run.reasons),
        obligations=tuple(obligations),
        requires_review=tuple(run.review),
        amendments=compiled.regime.amendments.note,
        versions={"aigov": __version__, "regime": f"{regime}@{compiled.regime.version}"},
    )


def _decisive_unstated(run: _Run, tier: str) -> None:
    if tier == "out-of-scope":
        return
    run.unstated(
        "in_scope",
        "2",
        _t(
            "Whether the system is placed on the EU market, put into service there or its "
            "output used there decides whether the Act applies at all.",
            "EU市場への投入・EUでの稼働・出力のEUでの利用の有無が、本法の適用そのものを決める。",
        ),
    )
    run.unstated(
        "operator_roles",
        "3",
        _t(
            "Which operator roles the organisation takes decides which duties bind it; "
            "the duties of every role are listed.",
            "組織がどの事業者の役割を担うかで義務が決まる。すべての役割の義務を挙げている。",
        ),
    )
    if tier in ("prohibited",):
        return
    run.unstated(
        "exclusion",
        "2",
        _t(
            "An Art. 2 exclusion (military, scientific research, personal use) would take "
            "the system out of scope; write null when none applies.",
            "第2条の除外（軍事・科学研究・個人利用）があれば適用範囲外となる。"
            "該当しなければ null と書くこと。",
        ),
    )
    run.unstated(
        "practices",
        "5(1)",
        _t(
            "A prohibited practice would make the system prohibited; write [] when none applies.",
            "禁止される行為があれば禁止となる。該当しなければ [] と書くこと。",
        ),
    )
    if tier == "high-risk":
        return
    run.unstated(
        "annex_i_safety_component",
        "6(1)",
        _t(
            "A product or safety component under Annex I would make the system high-risk.",
            "附属書Iの製品・安全構成要素であれば高リスクとなる。",
        ),
    )
    run.unstated(
        "annex_iii",
        "6(2)",
        _t(
            "An Annex III use would make the system high-risk; write [] when none applies.",
            "附属書IIIの用途であれば高リスクとなる。該当しなければ [] と書くこと。",
        ),
    )
