"""The AI *system profile*: the facts about one AI system that rules look at.

Version 1 of the format is public; its names are stable.  Every boolean fact
may be omitted: an omitted (or ``null``) fact counts as false, and
:meth:`SystemProfile.unstated_facts` lists it so that an assessment can show
what was assumed.  Unknown keys are errors; keys starting with ``x-`` are kept
as extensions at any level.  Later versions add facts as new optional keys,
so version 1 documents stay valid.

Version 1.1 adds one optional object, ``eu_ai_act`` (:class:`EuAiAct`): the
facts the EU AI Act's own tests read, for :func:`aigov.classify`.  A version
1.1 profile lists each of them it leaves unstated in ``unstated_facts``; a
version 1 profile may not carry the block and means what it always meant.
"""

from __future__ import annotations

import functools
import os
import re
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypeAlias, Union

import pydantic
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    StrictBool,
    StringConstraints,
    WithJsonSchema,
    model_serializer,
    model_validator,
)

from aigov._base import ONE_LINE, PRINTABLE, FrozenModel, SchemaRef
from aigov._issues import needs_with_labels
from aigov._load import load_document
from aigov._suggest import OWN_LABEL, own_label_hint

__all__ = [
    "ACTORS",
    "DOMAINS",
    "EU_AI_ACT_ANNEX_III",
    "EU_AI_ACT_DEROGATIONS",
    "EU_AI_ACT_EXCLUSIONS",
    "EU_AI_ACT_OPERATOR_ROLES",
    "EU_AI_ACT_PRACTICES",
    "FACT_OBJECTS",
    "MAX_DOMAINS",
    "OVERSIGHT",
    "VULNERABLE_GROUPS",
    "X_FACT",
    "X_LABEL",
    "Capabilities",
    "DataFacts",
    "Deployment",
    "EuAiAct",
    "FactSpec",
    "Learning",
    "People",
    "ProfileSource",
    "SystemProfile",
    "eu_ai_act_fact_specs",
    "eu_ai_act_stated",
    "eu_ai_act_unstated",
    "fact_specs",
    "iter_profile_facts",
    "load_profile",
]

Domain = Literal[
    "agriculture",
    "critical-infrastructure",
    "education",
    "elderly-care",
    "employment",
    "energy",
    "entertainment",
    "finance",
    "healthcare",
    "insurance",
    "justice",
    "law-enforcement",
    "manufacturing",
    "marketing",
    "media",
    "migration",
    "public-services",
    "research",
    "retail",
    "security",
    "telecommunications",
    "transport",
    "other",
]
Actor = Literal[
    "developer",
    "ai-service-provider",
    "business-user",
    "consumer-user",
    "data-provider",
    "indirect-user",
    "third-party",
]
VulnerableGroup = Literal["children", "elderly", "persons-with-disabilities", "patients", "other"]
Oversight = Literal["human-in-the-loop", "human-on-the-loop", "autonomous"]

OperatorRole = Literal[
    "provider",
    "deployer",
    "importer",
    "distributor",
    "product-manufacturer",
    "authorised-representative",
]
Exclusion = Literal["military", "scientific-research", "personal-non-professional"]
Practice = Literal[
    "subliminal-manipulation",
    "exploiting-vulnerabilities",
    "social-scoring",
    "criminal-risk-profiling",
    "untargeted-facial-scraping",
    "emotion-recognition-workplace-education",
    "biometric-categorisation-sensitive",
    "realtime-remote-biometric-identification-law-enforcement",
]
AnnexIII = Literal[
    "remote-biometric-identification",
    "biometric-categorisation",
    "emotion-recognition",
    "critical-infrastructure-safety",
    "education-access",
    "education-assessment",
    "education-level",
    "education-test-monitoring",
    "recruitment-selection",
    "work-relationship-decisions",
    "public-benefits-eligibility",
    "creditworthiness",
    "life-health-insurance-pricing",
    "emergency-call-triage",
    "law-enforcement-victim-risk",
    "law-enforcement-polygraph",
    "law-enforcement-evidence-reliability",
    "law-enforcement-offending-risk",
    "law-enforcement-profiling",
    "migration-polygraph",
    "migration-risk-assessment",
    "migration-application-examination",
    "migration-identification",
    "judicial-assistance",
    "election-influence",
]
Derogation = Literal[
    "narrow-procedural-task",
    "improves-human-activity",
    "detects-decision-patterns",
    "preparatory-task",
]

#: Allowed ``eu_ai_act.operator_roles`` values (operators of Art. 3).
EU_AI_ACT_OPERATOR_ROLES: tuple[str, ...] = typing.get_args(OperatorRole)
#: Allowed ``eu_ai_act.exclusion`` values (Art. 2).
EU_AI_ACT_EXCLUSIONS: tuple[str, ...] = typing.get_args(Exclusion)
#: Allowed ``eu_ai_act.practices`` values, in the order of Art. 5(1) (a)-(h).
EU_AI_ACT_PRACTICES: tuple[str, ...] = typing.get_args(Practice)
#: Allowed ``eu_ai_act.annex_iii`` values, in the order of Annex III.
EU_AI_ACT_ANNEX_III: tuple[str, ...] = typing.get_args(AnnexIII)
#: Allowed ``eu_ai_act.derogation`` values, in the order of Art. 6(3) (a)-(d).
EU_AI_ACT_DEROGATIONS: tuple[str, ...] = typing.get_args(Derogation)

#: Allowed ``domains`` values.
DOMAINS: tuple[str, ...] = typing.get_args(Domain)
#: Allowed ``actors`` values: every unscoped role ID of the built-in catalogue.
ACTORS: tuple[str, ...] = typing.get_args(Actor)
#: Allowed ``people.vulnerable_groups`` values.
VULNERABLE_GROUPS: tuple[str, ...] = typing.get_args(VulnerableGroup)
#: Allowed ``oversight`` values.
OVERSIGHT: tuple[str, ...] = typing.get_args(Oversight)

_EXT_KEY = "x-"
#: An ``x-`` label: lowercase letters and digits in hyphen-separated words.
X_LABEL = OWN_LABEL
#: The objects of a profile a custom fact may live in (besides the top level).
FACT_OBJECTS: tuple[str, ...] = ("people", "data", "learning", "capabilities", "deployment")
#: A custom fact's dotted path: an ``x-`` key at the top level or in one of
#: :data:`FACT_OBJECTS` (``x-agentic-tool-use``, ``deployment.x-hosting``).
X_FACT = rf"^(?:(?:{'|'.join(FACT_OBJECTS)})\.)?{X_LABEL[1:]}"
#: Most ``domains`` a profile may list (the built-in ones and ``x-`` labels).
MAX_DOMAINS = 64


@dataclass(frozen=True)
class _OpenVocabulary:
    """Marks a list fact whose values are a vocabulary plus free ``x-`` labels."""

    choices: tuple[str, ...]


def _domain(value: str) -> str:
    if value in DOMAINS or re.match(X_LABEL, value):
        return value
    # The words of the schema validator's message too (aigov._issues).
    raise ValueError(f"{value!r} is not allowed ({own_label_hint(value, DOMAINS)})")


def _labels_need_other(values: tuple[str, ...]) -> tuple[str, ...]:
    # An x- label says which other field; rules keyed on 'other' must still see it.
    if "other" not in values and any(v.startswith(_EXT_KEY) for v in values):
        raise ValueError(needs_with_labels("other"))
    return values


def _schema_domains(schema: dict[str, Any]) -> None:
    # pydantic writes the list's length limits as string limits when its items
    # carry their own schema (WithJsonSchema): put them back as item counts.
    schema.pop("minLength", None)
    schema.pop("maxLength", None)
    schema.update(
        minItems=1,
        maxItems=MAX_DOMAINS,
        uniqueItems=True,
    )
    # An x- label needs 'other' too, as the model checks.
    schema["if"] = {"contains": {"pattern": "^x-"}}
    schema["then"] = {"contains": {"const": "other"}}


DomainName = Annotated[
    str,
    AfterValidator(_domain),
    _OpenVocabulary(DOMAINS),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": list(DOMAINS)},
                {"type": "string", "pattern": X_LABEL, "maxLength": 64},
            ]
        }
    ),
]
"""A ``domains`` value: a built-in domain or an ``x-`` label of your own."""


def _no_repeats(values: tuple[str, ...]) -> tuple[str, ...]:
    # A repeated value adds nothing but length (and output to every assessment).
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{value!r} is listed twice; list each value once")
        seen.add(value)
    return values


def _schema_extensions(schema: dict[str, Any]) -> None:
    # The `extensions` field is an implementation detail: in JSON the
    # extensions are the object's own `x-` keys.
    schema.get("properties", {}).pop("extensions", None)
    schema["patternProperties"] = {"^x-": {}}


def _is_extension_key(key: object) -> bool:
    return isinstance(key, str) and key.startswith(_EXT_KEY)


class _Extensible(FrozenModel):
    """Frozen, closed model that keeps ``x-`` keys as extensions."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        json_schema_extra=_schema_extensions,
        use_attribute_docstrings=True,
    )

    extensions: dict[str, JsonValue] = Field(default_factory=dict, exclude=False)

    @model_validator(mode="before")
    @classmethod
    def _collect_extensions(cls, data: Any) -> Any:  # noqa: ANN401 - raw input
        if isinstance(data, Mapping) and any(map(_is_extension_key, data)):
            data = dict(data)
            ext = {k: data.pop(k) for k in list(data) if _is_extension_key(k)}
            data["extensions"] = ext
        return data

    @model_serializer(mode="wrap")
    def _emit_extensions(self, handler: pydantic.SerializerFunctionWrapHandler) -> Any:  # noqa: ANN401
        result = handler(self)
        if isinstance(result, dict):
            ext = result.pop("extensions", None) or {}
            result.update(sorted(ext.items()))
        return result


class People(_Extensible):
    """Whom the system's outputs concern."""

    affected: StrictBool | None = None
    """The system's outputs concern or act on identifiable people."""
    vulnerable_groups: Annotated[
        tuple[VulnerableGroup, ...],
        AfterValidator(_no_repeats),
        Field(
            max_length=len(VULNERABLE_GROUPS),
            json_schema_extra={"uniqueItems": True},
            description="Vulnerable groups among the people concerned.",
        ),
    ] = ()


class DataFacts(_Extensible):
    """What data the system uses."""

    personal: StrictBool | None = None
    """Personal data (about identifiable people) is used."""
    sensitive: StrictBool | None = None
    """Special-category data is used.

    Health, biometrics, race or ethnicity, beliefs, criminal records and the like.
    """
    biometric: StrictBool | None = None
    """Biometric data (faces, fingerprints, voice prints...) is used."""
    from_third_parties: StrictBool | None = None
    """Training or input data is obtained from outside providers."""
    user_contributed: StrictBool | None = None
    """Data supplied by users feeds training or learning."""


class Learning(_Extensible):
    """How the system learns."""

    trains_models: StrictBool | None = None
    """The system's developers train models."""
    learns_in_operation: StrictBool | None = None
    """The system keeps learning while in use."""
    third_party_models: StrictBool | None = None
    """The system builds on models made by others."""
    general_purpose_model: StrictBool | None = None
    """The system uses a general-purpose (foundation) model."""


class Capabilities(_Extensible):
    """What the system does."""

    decisions_about_people: StrictBool | None = None
    """Outputs decide on people.

    They decide or substantially inform decisions on individuals' rights,
    opportunities or access to services.
    """
    profiling: StrictBool | None = None
    """The system profiles people (infers their traits, preferences or behaviour)."""
    biometric_identification: StrictBool | None = None
    """The system identifies people from biometric data."""
    emotion_recognition: StrictBool | None = None
    """The system infers people's emotions."""
    content_generation: StrictBool | None = None
    """The system generates text, images, audio or video."""
    conversational: StrictBool | None = None
    """People interact with the system in dialogue."""
    physical_actuation: StrictBool | None = None
    """The system moves or controls things in the physical world."""
    recommendation: StrictBool | None = None
    """The system recommends items, content or actions to people."""
    behavioural_influence: StrictBool | None = None
    """The system is designed to steer people's choices or emotions."""


class Deployment(_Extensible):
    """Where and how the system runs."""

    consumer_facing: StrictBool | None = None
    """Consumers use the system directly."""
    public_space: StrictBool | None = None
    """The system operates in publicly accessible spaces."""
    networked_with_other_ai: StrictBool | None = None
    """The system is connected to and interacts with other AI systems."""
    edge_processing: StrictBool | None = None
    """Processing happens on devices at the edge rather than centrally."""
    cross_border: StrictBool | None = None
    """Data or services cross national borders."""
    emergency_use: StrictBool | None = None
    """The system is used in emergencies (disasters, pandemics, emergency response)."""


def _list_field(choices: tuple[str, ...], description: str) -> Any:  # noqa: ANN401 - FieldInfo
    # A list of distinct values from a vocabulary, as every list fact is.
    return Field(
        max_length=len(choices), json_schema_extra={"uniqueItems": True}, description=description
    )


class EuAiAct(_Extensible):
    """Facts the EU AI Act's own tests read (profile version 1.1).

    Every field is optional; a field left out is unstated and listed in
    ``unstated_facts``.  ``exclusion`` and ``derogation`` written as ``null``
    are stated: none applies.
    """

    in_scope: StrictBool | None = None
    """Placed on the EU market, put into service in the EU, or its output used in the EU."""
    operator_roles: Annotated[
        tuple[OperatorRole, ...],
        AfterValidator(_no_repeats),
        _list_field(
            EU_AI_ACT_OPERATOR_ROLES, "The operator roles (Art. 3) the organisation takes."
        ),
    ] = ()
    exclusion: Exclusion | None = Field(
        default=None,
        description="An exclusion of Art. 2 that takes the system out of scope, or null for none.",
    )
    practices: Annotated[
        tuple[Practice, ...],
        AfterValidator(_no_repeats),
        _list_field(EU_AI_ACT_PRACTICES, "Practices of Art. 5(1) the system engages in."),
    ] = ()
    annex_iii: Annotated[
        tuple[AnnexIII, ...],
        AfterValidator(_no_repeats),
        _list_field(EU_AI_ACT_ANNEX_III, "Uses listed in Annex III the system is intended for."),
    ] = ()
    annex_i_safety_component: StrictBool | None = None
    """The system is, or is a safety component of, a product under Annex I.

    A product of the Union harmonisation legislation listed in Annex I that
    needs a third-party conformity assessment (Art. 6(1)).
    """
    derogation: Derogation | None = Field(
        default=None,
        description=(
            "The condition of Art. 6(3) under which an Annex III system is not high-risk, "
            "or null for none; it never applies to a system that profiles natural persons."
        ),
    )
    deepfake: StrictBool | None = None
    """The system generates or manipulates image, audio or video deep fakes (Art. 50(4))."""
    public_interest_text: StrictBool | None = None
    """Generated or manipulated text is published to inform the public on matters of
    public interest (Art. 50(4))."""
    gpai_model_provider: StrictBool | None = None
    """The organisation provides a general-purpose AI model (Art. 51-55)."""
    systemic_risk: StrictBool | None = None
    """The general-purpose AI model has systemic risk (Art. 51)."""


def _schema_profile(schema: dict[str, Any]) -> None:
    _schema_extensions(schema)
    # The model's check that only a version 1.1 profile carries `eu_ai_act`.
    schema["if"] = {"properties": {"profile_version": {"const": "1"}}}
    schema["then"] = {"properties": {"eu_ai_act": {"type": "null"}}}


class SystemProfile(_Extensible):
    """An AI system described once, for rules to check (format version 1 or 1.1)."""

    # `$schema` is read and written under that name, like every document's.
    model_config = ConfigDict(
        validate_by_name=True, serialize_by_alias=True, json_schema_extra=_schema_profile
    )

    schema_: SchemaRef = None
    profile_version: Literal["1", "1.1"]
    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=128)]
    name: Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=ONE_LINE)]
    description: Annotated[str, StringConstraints(max_length=4000, pattern=PRINTABLE)] | None = None
    domains: Annotated[
        tuple[DomainName, ...],
        AfterValidator(_no_repeats),
        AfterValidator(_labels_need_other),
        Field(
            min_length=1,
            max_length=MAX_DOMAINS,
            json_schema_extra=_schema_domains,
            description=(
                "Fields the system is used in: the listed domains, and 'other' with "
                "'x-' labels of your own (such as 'x-logistics') for a field not listed."
            ),
        ),
    ]
    actors: Annotated[
        tuple[Actor, ...],
        AfterValidator(_no_repeats),
        Field(
            min_length=1,
            max_length=len(ACTORS),
            json_schema_extra={"uniqueItems": True},
            description="Roles present in the system's value chain.",
        ),
    ]
    people: People = People()
    data: DataFacts = DataFacts()
    learning: Learning = Learning()
    capabilities: Capabilities = Capabilities()
    oversight: Oversight | None = Field(
        default=None, description="How humans oversee the system's outputs."
    )
    deployment: Deployment = Deployment()
    safety_critical: StrictBool | None = None
    """A failure can endanger life, body or property."""
    eu_ai_act: EuAiAct | None = Field(
        default=None,
        description="Facts the EU AI Act's own tests read (profile version 1.1).",
    )

    @model_validator(mode="after")
    def _eu_ai_act_needs_1_1(self) -> SystemProfile:
        if self.eu_ai_act is not None and self.profile_version == "1":
            raise ValueError("'eu_ai_act' needs profile_version '1.1'")
        return self

    def unstated_facts(self) -> list[str]:
        """JSON pointers of the facts this profile leaves unstated, in schema order.

        A version 1.1 profile also lists each ``eu_ai_act`` fact it leaves out.
        """
        missing = []
        for spec in fact_specs().values():
            if spec.kind in ("bool", "enum") and spec.get(self) is None:
                missing.append(spec.pointer)
        return missing + eu_ai_act_unstated(self)

    def to_json_dict(self) -> dict[str, Any]:
        """The profile as JSON data, exactly the keys the author wrote (plus extensions)."""
        data: dict[str, Any] = self.model_dump(mode="json", exclude_unset=True)
        return data


# -- fact paths ------------------------------------------------------------------------

FactKind = Literal["bool", "enum", "list", "text"]


class FactSpec:
    """A fact rules may test: its dotted path, JSON pointer, kind and allowed values.

    Attributes:
        path: The dotted path rules use (``data.personal``, ``x-agentic-tool-use``).
        attrs: The path's segments.
        pointer: The JSON pointer assessments use (``/data/personal``).
        kind: ``bool``, ``enum``, ``list`` or ``text``.
        choices: The allowed values of an ``enum`` or ``list`` fact.
        description: What the fact means, by language (``en`` for a built-in
            fact, ``ja`` and ``en`` for a declared one).
        label: A short name by language, when the declaration gives one.
        declared_by: The rule set that declares a custom fact (``None`` for a
            built-in fact).
        open_labels: Whether the list also takes ``x-`` labels of the
            profile's own beside ``choices`` (``domains``: ``x-logistics``).
    """

    __slots__ = (
        "attrs",
        "choices",
        "declared_by",
        "description",
        "kind",
        "label",
        "open_labels",
        "path",
        "pointer",
    )

    def __init__(
        self,
        path: str,
        kind: FactKind,
        choices: tuple[str, ...],
        *,
        description: Mapping[str, str] | None = None,
        label: Mapping[str, str] | None = None,
        declared_by: str | None = None,
        open_labels: bool = False,
    ) -> None:
        """Describe the fact at dotted ``path``."""
        self.path = path
        self.attrs = tuple(path.split("."))
        self.pointer = "/" + "/".join(self.attrs)
        self.kind = kind
        self.choices = choices
        self.description: Mapping[str, str] = types.MappingProxyType(dict(description or {}))
        self.label: Mapping[str, str] = types.MappingProxyType(dict(label or {}))
        self.declared_by = declared_by
        self.open_labels = open_labels

    def allows(self, value: object) -> bool:
        """Whether ``value`` is one of the fact's values.

        That is a choice, or an ``x-`` label where the fact takes them; ``bool``
        facts take ``True`` and ``False``, and ``text`` facts have no values to test.
        """
        if self.kind == "bool":
            return isinstance(value, bool)
        if not isinstance(value, str):
            return False
        return value in self.choices or (self.open_labels and re.match(X_LABEL, value) is not None)

    def get(self, profile: SystemProfile) -> Any:  # noqa: ANN401 - fact values vary
        """The fact's value in ``profile`` (``None`` when unstated or its object is absent).

        A custom fact (an ``x-`` key) is read from the object's extensions as
        written: check it with the declaration before use.
        """
        value: Any = profile
        for attr in self.attrs:
            if value is None:
                return None
            if attr.startswith(_EXT_KEY):
                extensions = getattr(value, "extensions", None)
                return extensions.get(attr) if isinstance(extensions, dict) else None
            value = getattr(value, attr)
        return value

    def __repr__(self) -> str:
        """Debug form."""
        return f"FactSpec({self.path!r}, {self.kind!r})"


def _classify(annotation: Any) -> tuple[FactKind, tuple[str, ...]] | None:  # noqa: ANN401
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Annotated:
        return _classify(args[0])
    if origin in (Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _classify(inner[0]) if len(inner) == 1 else None
    if annotation is bool:
        return "bool", ()
    if origin is Literal:
        return "enum", tuple(str(a) for a in args)
    if origin is tuple and args and typing.get_origin(args[0]) is Literal:
        return "list", tuple(str(a) for a in typing.get_args(args[0]))
    if origin is tuple and args and typing.get_origin(args[0]) is Annotated:
        marks = [m for m in typing.get_args(args[0]) if isinstance(m, _OpenVocabulary)]
        return ("list", marks[0].choices) if marks else None
    if annotation is str:
        return "text", ()
    return None


def _is_open(annotation: Any) -> bool:  # noqa: ANN401
    """Whether a list fact's items take ``x-`` labels beside its vocabulary."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Annotated:
        return _is_open(args[0])
    if origin in (Union, types.UnionType):
        return any(_is_open(a) for a in args)
    if origin is tuple and args and typing.get_origin(args[0]) is Annotated:
        return any(isinstance(m, _OpenVocabulary) for m in typing.get_args(args[0]))
    return False


@functools.cache
def fact_specs() -> dict[str, FactSpec]:
    """Every fact path of profile version 1, by dotted path, in schema order."""
    specs: dict[str, FactSpec] = {}

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, field in model.model_fields.items():
            if name in ("extensions", "profile_version", "schema_"):
                continue
            annotation = field.annotation
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                walk(annotation, prefix + name + ".")
                continue
            kind = _classify(annotation)
            if kind is not None:
                about = {"en": field.description} if field.description else None
                specs[prefix + name] = FactSpec(
                    prefix + name, *kind, description=about, open_labels=_is_open(annotation)
                )

    walk(SystemProfile, "")
    return specs


@functools.cache
def eu_ai_act_fact_specs() -> dict[str, FactSpec]:
    """Every fact path of the ``eu_ai_act`` object (profile version 1.1), in schema order.

    They are apart from :func:`fact_specs` so that the facts, hashes and
    unstated facts of version 1 assessments stay what they were.
    """
    specs: dict[str, FactSpec] = {}
    for name, field in EuAiAct.model_fields.items():
        kind = _classify(field.annotation)
        if name != "extensions" and kind is not None:
            about = {"en": field.description} if field.description else None
            specs["eu_ai_act." + name] = FactSpec("eu_ai_act." + name, *kind, description=about)
    return specs


def eu_ai_act_unstated(profile: SystemProfile) -> list[str]:
    """JSON pointers of the ``eu_ai_act`` facts a version 1.1 profile leaves unstated.

    A version 1 profile lists none: it knows nothing of the block.
    """
    if profile.profile_version == "1":
        return []
    return [
        spec.pointer
        for spec in eu_ai_act_fact_specs().values()
        if not eu_ai_act_stated(profile, spec)
    ]


def eu_ai_act_stated(profile: SystemProfile, spec: FactSpec) -> bool:
    """Whether ``profile`` states the ``eu_ai_act`` fact ``spec`` (``null`` states "none")."""
    block = profile.eu_ai_act
    name = spec.attrs[-1]
    if block is None or name not in block.model_fields_set:
        return False
    return spec.kind not in ("bool", "list") or getattr(block, name) is not None


# -- loading -------------------------------------------------------------------------------

ProfileSource: TypeAlias = Union[SystemProfile, Mapping[str, Any], str, "os.PathLike[str]", bytes]
"""What :func:`load_profile` accepts: a model, parsed JSON, a path, or JSON bytes."""


def load_profile(source: ProfileSource, *, name: str | None = None) -> SystemProfile:
    """Parse and validate a system profile.

    Args:
        source: A ``SystemProfile``, a parsed JSON object, a file path, or JSON bytes.
        name: What to call the document in messages (default: the path).

    Raises:
        UsageError: ``source`` is JSON text given as a string (pass bytes), or
            of a type no loader takes.
        FileAccessError: A path cannot be read.
        ParseError: The text is not JSON (with line and column).
        ValidationFailed: The profile breaks the format (a repeated key too);
            every problem is listed with its JSON path.
    """
    return load_document(SystemProfile, source, what="profile", name=name)[0]


def iter_profile_facts(profile: SystemProfile) -> Iterator[tuple[str, Any]]:
    """Yield ``(JSON pointer, value)`` for every fact of a profile, in schema order."""
    for spec in fact_specs().values():
        yield spec.pointer, spec.get(profile)
