"""Domain records, one model per table of the import format (DESIGN.md).

Each model validates one row on its own (ranges, enums, dates, no self-ties);
checks that need the other rows (references, unique ids, reports_to cycles)
live in ``graphcrm.model.integrity``. Records are immutable; ``key`` names the
fields that identify a record across imports and versions.

Text fields refuse control characters and are NFC-normalised, ids keep their
characters but refuse control characters, and floats refuse infinities and
NaN (``graphcrm.model.hygiene``). An attitude with the six dimensions must
state the level they give (``Attitude``).
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from graphcrm.errors import RuleBroken
from graphcrm.model.hygiene import (
    EMAIL_PATTERN,
    NAME_PATTERN,
    TEXT_PATTERN,
    check_id_characters,
    text_field,
)
from graphcrm.model.vocab import (
    AccountKind,
    ActionStatus,
    DecisionRole,
    Language,
    Layer,
    OrgLevel,
    Tier,
    TieType,
    TriangleRole,
    parse_level,
    parse_term,
)

__all__ = [
    "READ_BACK",
    "US",
    "Account",
    "Action",
    "Attitude",
    "Competitor",
    "Contact",
    "DecisionRoleAssignment",
    "Opportunity",
    "Person",
    "Plan",
    "Record",
    "Staff",
    "Tie",
]

US = "us"  # the ``toward`` value of an attitude toward our company

#: Validation context for a record read back from a store (``model_validate(data,
#: context=READ_BACK)``): rules about what may be written, such as an attitude's level
#: following its assessment, are not applied again, so history written before a rule
#: existed still reads. A store that rebuilds records without validating needs nothing.
READ_BACK: dict[str, bool] = {"read_back": True}

_EMAIL_RE = re.compile(r"^[^@\s;,<>]{1,64}@[^@\s;,<>]{1,190}\.[^@\s;,<>]{1,63}$")
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,127}$")
_SLASH_DATE_RE = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")


def _check_id(value: Any) -> str:
    check_id_characters(value)  # before stripping, which would drop some of them silently
    text = str(value).strip() if value is not None else ""
    if not _ID_RE.fullmatch(text):
        raise ValueError(
            f"id {text!r} must be 1-128 letters, digits, '_', '.', ':' or '-', "
            "starting with a letter or digit"
        )
    return text


def _to_date(value: Any) -> Any:
    """Accept ISO dates, Excel's 2024/1/5, and date or datetime objects; nothing looser."""
    if value is None or isinstance(value, date | datetime):
        return value.date() if isinstance(value, datetime) else value
    if isinstance(value, str):
        text = value.strip()
        if len(text) >= 19 and text[10] in "T ":  # a datetime as Excel or pandas writes it
            text = text[:10]
        m = _SLASH_DATE_RE.match(text)
        if m:
            text = f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}") from None
    raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}")


def _term(enum: Any) -> BeforeValidator:
    return BeforeValidator(lambda v: parse_term(enum, v))


def _roles(value: Any) -> Any:
    if value is None:
        return []
    if isinstance(value, str):
        value = [part for part in re.split(r"[;；,，]", value) if part.strip()]
    return [parse_term(DecisionRole, v) for v in value]


def _bool(value: Any) -> Any:
    if isinstance(value, str) and value.strip() in ("是", "有向"):
        return True
    if isinstance(value, str) and value.strip() in ("否", "无向"):
        return False
    return value


def _toward(value: Any) -> str:
    if value is None or str(value).strip().lower() in ("", US, "我方"):
        return US
    return _check_id(value)


def _email(value: Any, info: ValidationInfo) -> Any:
    """An e-mail address, stored lower-case: used only to match calendar and mail records.
    Text first (no control characters), then the address's shape."""
    value = text_field(value, info)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip().lower()
    if not _EMAIL_RE.fullmatch(text):
        raise ValueError(f"expected an e-mail address such as name@example.com, got {value!r}")
    return text


Id = Annotated[str, BeforeValidator(_check_id)]
# ``str | None`` inside: a blank address becomes None before the type is checked (with
# ``Email | None`` outside, a union, the str branch would refuse the None it made). The
# pattern is stated for the API's document only, as the text patterns: _email is the rule.
Email = Annotated[
    Annotated[str, Field(max_length=254)] | None,
    BeforeValidator(_email),
    Field(json_schema_extra={"pattern": EMAIL_PATTERN}),
]
Day = Annotated[date, BeforeValidator(_to_date)]
Strength = Annotated[
    float, Field(gt=0, le=1, allow_inf_nan=False, description="tie strength in (0, 1]")
]
Amount = Annotated[float, Field(ge=0, allow_inf_nan=False)]  # a finite, non-negative figure
# parse_level enforces -1..3; the bounds are repeated for the JSON Schema (the API's document).
Level = Annotated[
    int, BeforeValidator(parse_level), Field(json_schema_extra={"minimum": -1, "maximum": 3})
]
# The document states the text rule as a pattern (TEXT_PATTERN, NAME_PATTERN for text
# that must not be empty once stripped); text_field and the length checks enforce it.
_TEXT_RULE: dict[str, Any] = {"pattern": TEXT_PATTERN}
_NAME_RULE: dict[str, Any] = {"pattern": NAME_PATTERN}
Text = Annotated[
    str, BeforeValidator(text_field), Field(max_length=4000, json_schema_extra=_TEXT_RULE)
]
Name = Annotated[
    str,
    BeforeValidator(text_field),
    Field(min_length=1, max_length=200, json_schema_extra=_NAME_RULE),
]


class Record(BaseModel):
    """Base of every stored record: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    key_fields: ClassVar[tuple[str, ...]] = ("id",)

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(str(getattr(self, f)) for f in self.key_fields)

    def effective_date(self, written_on: date) -> date:
        """The date from which a version written on ``written_on`` holds."""
        return written_on


class Account(Record):
    id: Id
    name: Name
    industry: Text | None = None
    region: Text | None = None
    tier: Annotated[Tier, _term(Tier)] | None = None
    org_level: Annotated[OrgLevel, _term(OrgLevel)] | None = None
    # DESIGN.md "Account portfolio": empty kind is a customer; parent_id names the group
    # account above this one (no cycles: graphcrm.model.portfolio_integrity).
    kind: Annotated[AccountKind, _term(AccountKind)] | None = None
    parent_id: Id | None = None
    # Issue 12 item 7: the language of generated text (empty: from the account's data).
    language: Annotated[Language, _term(Language)] | None = None

    @model_validator(mode="after")
    def _not_its_own_parent(self) -> Account:
        if self.parent_id == self.id:
            raise ValueError(f"account {self.id!r} cannot be its own parent")
        return self


class Person(Record):
    """Someone at the customer, or at an external party such as a design institute."""

    id: Id
    account_id: Id
    name: Name
    title: Text | None = None
    department: Text | None = None
    layer: Annotated[Layer, _term(Layer)] | None = None
    roles: Annotated[tuple[DecisionRole, ...], BeforeValidator(_roles)] = ()
    notes: Text | None = None
    # DESIGN.md "Interactions": personal data, used only to match calendar and mail records.
    email: Email = None
    # The day the person left the customer (离任日期): from it they are out of the analyses.
    left_on: Day | None = None


class Staff(Record):
    """One of our people. Seniority runs from 1 (junior) to 5 (executive)."""

    id: Id
    name: Name
    title: Text | None = None
    seniority: Annotated[int, Field(ge=1, le=5)] | None = None
    team: Text | None = None
    triangle_role: Annotated[TriangleRole, _term(TriangleRole)] | None = None
    email: Email = None  # used only to match calendar and mail records


class Competitor(Record):
    id: Id
    name: Name


class Opportunity(Record):
    id: Id
    account_id: Id
    name: Name
    stage: Text | None = None
    value: Amount | None = None


class Tie(Record):
    """A tie between two customer-side people.

    ``knows`` is symmetric unless ``directed``; the other types always point
    from source to target (source reports to / depends on / influences target).
    """

    key_fields: ClassVar[tuple[str, ...]] = ("type", "source_id", "target_id")

    type: Annotated[TieType, _term(TieType)]
    source_id: Id
    target_id: Id
    strength: Strength = 1.0
    directed: Annotated[bool, BeforeValidator(_bool)] = False
    since: Day | None = None

    @model_validator(mode="after")
    def _not_a_self_tie(self) -> Tie:
        if self.source_id == self.target_id:
            raise ValueError(f"a person cannot {self.type.value} themselves")
        return self


class Contact(Record):
    """Coverage: one of our staff in contact with a customer person."""

    key_fields: ClassVar[tuple[str, ...]] = ("staff_id", "person_id")

    staff_id: Id
    person_id: Id
    strength: Strength = 1.0
    frequency_per_month: Amount | None = None
    last_contact: Day | None = None


class Attitude(Record):
    """A dated reading of a person's level toward us (``toward='us'``) or a competitor.

    The six dimensions, when present, are the assessment behind the level, and
    the assessment decides it: with all six present the level must be the one
    the method's rule derives (``graphcrm.analysis.levels.assess_level``: the
    floor of the mean, then the caps). A stated level that differs is refused,
    naming both, on the ``level`` field; nothing is silently replaced.
    """

    key_fields: ClassVar[tuple[str, ...]] = ("person_id", "toward", "as_of")
    dimension_fields: ClassVar[tuple[str, ...]] = (
        "recognition",
        "participation",
        "information",
        "guidance",
        "project_support",
        "competitive_preference",
    )

    person_id: Id
    level: Level
    toward: Annotated[str, BeforeValidator(_toward)] = US
    as_of: Day | None = None  # a store dates an undated reading with the day it is written
    recognition: Level | None = None
    participation: Level | None = None
    information: Level | None = None
    guidance: Level | None = None
    project_support: Level | None = None
    competitive_preference: Level | None = None
    note: Text | None = None

    def effective_date(self, written_on: date) -> date:
        # An attitude is a dated observation: it holds from its own date.
        return self.as_of or written_on

    @model_validator(mode="after")
    def _level_follows_assessment(self, info: ValidationInfo) -> Attitude:
        dims = self.dimensions
        if dims is None or (info.context or {}).get("read_back"):
            return self
        # Imported here: the rule lives with the analyses, which import the model.
        from graphcrm.analysis.levels import assess_level

        derived = assess_level(dims)
        if derived.level == self.level:
            return self
        error = PydanticCustomError(
            "level_contradicts_assessment",
            "level {stated} contradicts the six-dimension assessment, which gives level "
            "{derived}: {why} State level {derived}, or change the dimensions.",
            {"stated": self.level, "derived": derived.level, "why": derived.explanation["en"]},
        )
        # Raised as a ValidationError located at ``level``, so the API names the field
        # and an import names the row and the level column.
        raise ValidationError.from_exception_data(
            "Attitude", [InitErrorDetails(type=error, loc=("level",), input=self.level)]
        )

    @property
    def dimensions(self) -> dict[str, int] | None:
        """The six-dimension assessment, or None unless all six are present."""
        values = {f: getattr(self, f) for f in self.dimension_fields}
        return None if any(v is None for v in values.values()) else values


class DecisionRoleAssignment(Record):
    """A person's role in one opportunity's decision chain."""

    key_fields: ClassVar[tuple[str, ...]] = ("opportunity_id", "person_id", "role")

    opportunity_id: Id
    person_id: Id
    role: Annotated[DecisionRole, _term(DecisionRole)]


class Plan(Record):
    """The breakthrough plan for one key person (one plan per person).

    ``start_date`` is the day the plan starts (its actions cannot fall due
    before it, and its target date cannot precede it); empty in files written
    before plans had one.
    """

    key_fields: ClassVar[tuple[str, ...]] = ("person_id",)

    person_id: Id
    target_level: Level
    target_date: Day | None = None
    owner_staff_id: Id | None = None
    needs: Text | None = None
    pain_points: Text | None = None
    start_date: Day | None = None

    @model_validator(mode="after")
    def _target_after_start(self) -> Plan:
        if self.start_date and self.target_date and self.target_date < self.start_date:
            raise RuleBroken(
                f"target_date {self.target_date} is before the plan's start_date {self.start_date}",
                "target_before_start",
                target=str(self.target_date),
                start=str(self.start_date),
            )
        return self


class Action(Record):
    """One step of a plan. ``id`` is optional in files: it defaults to person and text.

    ``outcome`` records what came of the action (typically once it is done or dropped).
    """

    id: Id
    person_id: Id
    description: Annotated[
        str,
        BeforeValidator(text_field),
        Field(min_length=1, max_length=2000, json_schema_extra=_NAME_RULE),
    ]
    due: Day | None = None
    status: Annotated[ActionStatus, _term(ActionStatus)] = ActionStatus.OPEN
    owner_staff_id: Id | None = None
    outcome: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _default_id(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("id"):
            text = f"{data.get('person_id', '')}\x1f{str(data.get('description', '')).strip()}"
            data = {**data, "id": "act-" + hashlib.sha1(text.encode()).hexdigest()[:12]}
        return data
