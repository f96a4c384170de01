"""Request and response bodies.

Record bodies are made from the domain records themselves (same fields, same
validation: ids, enums in English or Chinese, dates, ranges), minus the fields
the path already gives, and refuse unknown fields: nothing can be assigned
that the route does not name. Responses are the domain records as stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, create_model
from pydantic.fields import FieldInfo

from api.deps import ID_PATTERN, Paging
from graphcrm.model import (
    Account,
    Action,
    Attitude,
    Competitor,
    Contact,
    DecisionRoleAssignment,
    Opportunity,
    Person,
    Plan,
    Record,
    Staff,
    Tie,
)

__all__ = [
    "AccountIn",
    "AccountUpdate",
    "ActionIn",
    "ActionUpdate",
    "AttitudeIn",
    "AttitudeUpdate",
    "AuditEntryOut",
    "CacheCleared",
    "CompetitorIn",
    "CompetitorUpdate",
    "ContactIn",
    "ContactUpdate",
    "DecisionRoleIn",
    "Deleted",
    "Health",
    "ImportOut",
    "KeyIn",
    "KeyOut",
    "NewKeyOut",
    "OpportunityIn",
    "OpportunityUpdate",
    "OwnerIn",
    "OwnershipOut",
    "Page",
    "PersonIn",
    "PersonUpdate",
    "PlanIn",
    "PlanUpdate",
    "StaffIn",
    "StaffUpdate",
    "TeamIn",
    "TeamOut",
    "TieIn",
    "TieUpdate",
    "page",
    "to_record",
]

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list; ask again with ``offset=next_offset`` for the next."""

    items: list[T]
    total: int = Field(description="Items matching the filters, on all pages.")
    limit: int
    offset: int
    next_offset: int | None = Field(description="The offset of the next page; null on the last.")


def page(items: Sequence[T], paging: Paging) -> dict[str, Any]:
    """Cut one page out of a filtered list."""
    end = paging.offset + paging.limit
    return {
        "items": list(items[paging.offset : end]),
        "total": len(items),
        "limit": paging.limit,
        "offset": paging.offset,
        "next_offset": end if end < len(items) else None,
    }


class Deleted(BaseModel):
    """What a delete ended: the record and everything that hung on it (kept in history)."""

    deleted: str = Field(description="What was deleted, e.g. person/p-chen.")
    versions_ended: int = Field(description="Record versions ended, dependants included.")


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    store: str = Field(description="The kind of store behind the service.", examples=["sqlite"])
    version: str


def _is_id(name: str) -> bool:
    return name == "id" or name.endswith("_id") or name == "toward"


def _with_id_pattern(schema: dict[str, Any]) -> None:
    if schema.get("type") == "string":
        schema["pattern"] = ID_PATTERN
    for branch in schema.get("anyOf", []):
        if branch.get("type") == "string":
            branch["pattern"] = ID_PATTERN


def _text(value: Any) -> Any:
    if value is not None and not isinstance(value, str):
        raise ValueError("expected a string")
    return value


def _list_or_text(value: Any) -> Any:
    if value is not None and not isinstance(value, str | list | tuple):
        raise ValueError("expected a list of roles, or roles separated by ';'")
    return value


def _number(value: Any) -> Any:
    # JSON true/false is no figure, though Python (and pydantic's lax mode) counts it as 1/0.
    if isinstance(value, bool):
        raise ValueError("expected a number, not true or false")
    return value


def _boolean(value: Any) -> Any:
    if value is not None and not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


def _json_types(prop: dict[str, Any]) -> set[str]:
    """The JSON types a field's schema gives (null aside)."""
    return {b.get("type") for b in [prop, *prop.get("anyOf", [])]} - {None, "null"}


def _body_model(
    name: str,
    record: type[Record],
    *,
    exclude: tuple[str, ...] = (),
    optional: tuple[str, ...] = (),
    example: dict[str, Any],
    doc: str,
) -> type[BaseModel]:
    fields: dict[str, Any] = {}
    properties = record.model_json_schema()["properties"]
    for field_name, info in record.model_fields.items():
        if field_name in exclude:
            continue
        annotation: Any = info.annotation
        default = None if field_name in optional else info.default
        # JSON types are checked before the record's own (lenient, file-friendly) parsing:
        # an id must be a string, roles a list or text; anything else is a 422.
        # So are numbers (never true/false) and booleans (only true/false).
        guards = [BeforeValidator(_text)] if _is_id(field_name) else []
        if field_name == "roles":
            guards.append(BeforeValidator(_list_or_text))
        types = _json_types(properties.get(field_name, {}))
        if types and types <= {"number", "integer"}:
            guards.append(BeforeValidator(_number))
        elif types == {"boolean"}:
            guards.append(BeforeValidator(_boolean))
        if guards:
            annotation = Annotated[annotation, *info.metadata, *guards]
        if field_name in optional or field_name == "roles":
            # Outside the record's validators: null is "none given", as the schema says
            # (for roles: no roles, as a file's empty cell).
            annotation = annotation | None
        # The record's own schema words (a level's bounds, a strength's description) stay.
        extra: dict[str, Any] = {
            "json_schema_extra": info.json_schema_extra,
            "description": info.description,
        }
        if _is_id(field_name):
            extra = {"json_schema_extra": _with_id_pattern}
        if guards:
            fields[field_name] = (annotation, Field(default=default, **extra))
        else:
            fields[field_name] = (annotation, FieldInfo.merge_field_infos(info, default=default))
    model: type[BaseModel] = create_model(
        name,
        __config__=ConfigDict(
            extra="forbid",
            str_strip_whitespace=True,
            json_schema_extra={"examples": [example]},
        ),
        __doc__=doc,
        **fields,
    )
    return model


def to_record(record: type[Record], body: BaseModel, **from_path: Any) -> Record:
    """The domain record a body (and the path's keys) describes; ValidationError if invalid."""
    values = {k: v for k, v in body.model_dump().items() if v is not None}
    return record.model_validate({**values, **from_path})


_ACCOUNT = {
    "id": "acme",
    "name": "Acme Group 集团",
    "industry": "manufacturing",
    "region": "East",
    "tier": "strategic",
    "org_level": "partner",
}
_PERSON = {
    "id": "p-chen",
    "name": "Chen Wei",
    "title": "CTO",
    "department": "IT",
    "layer": "management",
    "roles": ["evaluator", "influencer"],
    "notes": "prefers email",
}
_STAFF = {
    "id": "s-ann",
    "name": "Ann Lee",
    "title": "Account manager",
    "seniority": 3,
    "team": "East",
    "triangle_role": "AR",
}
_OPP = {"id": "opp-erp", "name": "ERP renewal", "stage": "proposal", "value": 1200000}
_TIE = {
    "type": "reports_to",
    "source_id": "p-chen",
    "target_id": "p-wang",
    "strength": 1,
    "directed": False,
    "since": "2024-01-01",
}
_CONTACT = {
    "staff_id": "s-ann",
    "person_id": "p-chen",
    "strength": 0.6,
    "frequency_per_month": 2,
    "last_contact": "2025-03-02",
}
_ATTITUDE = {  # the level is the one the six dimensions give (floor of 10/6 = 1)
    "person_id": "p-chen",
    "level": 1,
    "toward": "us",
    "as_of": "2025-03-01",
    "recognition": 2,
    "participation": 2,
    "information": 1,
    "guidance": 1,
    "project_support": 2,
    "competitive_preference": 2,
    "note": "after the March workshop",
}
_PLAN = {
    "person_id": "p-chen",
    "target_level": 3,
    "target_date": "2025-09-30",
    "owner_staff_id": "s-ann",
    "needs": "a reference site",
    "pain_points": "integration effort",
    "start_date": "2025-04-01",
}
_ACTION = {
    "id": "act-visit",
    "person_id": "p-chen",
    "description": "Invite to the reference-site visit",
    "due": "2025-05-15",
    "status": "open",
    "owner_staff_id": "s-ann",
    "outcome": None,
}
_ROLE = {"opportunity_id": "opp-erp", "person_id": "p-chen", "role": "evaluator"}

EXAMPLES: dict[str, dict[str, Any]] = {
    "accounts": _ACCOUNT,
    "people": {**_PERSON, "account_id": "acme"},
    "staff": _STAFF,
    "competitors": {"id": "rival", "name": "Rival Corp"},
    "opportunities": {**_OPP, "account_id": "acme"},
    "ties": _TIE,
    "contacts": _CONTACT,
    "attitudes": _ATTITUDE,
    "decision_roles": _ROLE,
    "plans": _PLAN,
    "actions": _ACTION,
}


def _without(example: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in example.items() if k not in keys}


AccountIn = _body_model(
    "AccountIn", Account, example=_ACCOUNT, doc="A new account; the caller's team will own it."
)
AccountUpdate = _body_model(
    "AccountUpdate",
    Account,
    exclude=("id",),
    example=_without(_ACCOUNT, "id"),
    doc="An account's fields (all of them: omitted optional fields are cleared).",
)
PersonIn = _body_model(
    "PersonIn",
    Person,
    exclude=("account_id",),
    example=_PERSON,
    doc="A new person at the customer (the account comes from the path).",
)
PersonUpdate = _body_model(
    "PersonUpdate",
    Person,
    exclude=("id", "account_id"),
    example=_without(_PERSON, "id"),
    doc="A person's fields (all of them: omitted optional fields are cleared).",
)
StaffIn = _body_model("StaffIn", Staff, example=_STAFF, doc="A new member of our staff.")
StaffUpdate = _body_model(
    "StaffUpdate",
    Staff,
    exclude=("id",),
    example=_without(_STAFF, "id"),
    doc="A staff member's fields (all of them: omitted optional fields are cleared).",
)
CompetitorIn = _body_model(
    "CompetitorIn", Competitor, example=EXAMPLES["competitors"], doc="A new competitor."
)
CompetitorUpdate = _body_model(
    "CompetitorUpdate",
    Competitor,
    exclude=("id",),
    example={"name": "Rival Corporation"},
    doc="A competitor's fields.",
)
OpportunityIn = _body_model(
    "OpportunityIn",
    Opportunity,
    exclude=("account_id",),
    example=_OPP,
    doc="A new opportunity (a decision) of the account in the path.",
)
OpportunityUpdate = _body_model(
    "OpportunityUpdate",
    Opportunity,
    exclude=("id", "account_id"),
    example=_without(_OPP, "id"),
    doc="An opportunity's fields (all of them: omitted optional fields are cleared).",
)
TieIn = _body_model(
    "TieIn",
    Tie,
    example=_TIE,
    doc="A tie between two people of the account: source reports to / depends on / "
    "knows / influences target.",
)
TieUpdate = _body_model(
    "TieUpdate",
    Tie,
    exclude=("type", "source_id", "target_id"),
    example=_without(_TIE, "type", "source_id", "target_id"),
    doc="A tie's strength, direction and date.",
)
ContactIn = _body_model(
    "ContactIn", Contact, example=_CONTACT, doc="Coverage: one of our staff in touch with a person."
)
ContactUpdate = _body_model(
    "ContactUpdate",
    Contact,
    exclude=("staff_id", "person_id"),
    example=_without(_CONTACT, "staff_id", "person_id"),
    doc="A contact's strength, frequency and last date.",
)
AttitudeIn = _body_model(
    "AttitudeIn",
    Attitude,
    example=_ATTITUDE,
    doc="A dated reading of a person's level toward us (toward='us') or a competitor, with "
    "the six-dimension assessment when there is one. Undated readings are dated today.",
)
AttitudeUpdate = _body_model(
    "AttitudeUpdate",
    Attitude,
    exclude=("person_id", "toward", "as_of"),
    example=_without(_ATTITUDE, "person_id", "toward", "as_of"),
    doc="A reading's level, assessment and note.",
)
DecisionRoleIn = _body_model(
    "DecisionRoleIn",
    DecisionRoleAssignment,
    example=_ROLE,
    doc="A person's role in one opportunity's decision chain.",
)
PlanIn = _body_model(
    "PlanIn",
    Plan,
    example=_PLAN,
    doc="The breakthrough plan for one person; without a start_date it starts today.",
)
PlanUpdate = _body_model(
    "PlanUpdate",
    Plan,
    exclude=("person_id",),
    example=_without(_PLAN, "person_id"),
    doc="A plan's fields (all of them: omitted optional fields are cleared).",
)
ActionIn = _body_model(
    "ActionIn",
    Action,
    optional=("id",),
    example=_ACTION,
    doc="One step of a plan; without an id, one is made from the person and the text.",
)
ActionUpdate = _body_model(
    "ActionUpdate",
    Action,
    exclude=("id",),
    example=_without(_ACTION, "id"),
    doc="An action's fields (all of them: omitted optional fields are cleared).",
)


# -- access: teams, keys, ownership, audit ------------------------------------------------

_NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class TeamIn(_Strict):
    """A new team."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"name": "east-sales"}]})

    name: str = Field(pattern=_NAME_PATTERN, examples=["east-sales"])


class TeamOut(BaseModel):
    name: str = Field(examples=["east-sales"])
    created_at: str
    accounts: int = Field(description="Accounts the team owns.")
    keys: int = Field(description="Live (not revoked) keys of the team's principals.")


class KeyIn(_Strict):
    """A new API key for a principal (created if new) in an existing team."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "team": "east-sales",
                    "principal": "bi-dashboard",
                    "admin": False,
                    "read_only": True,
                }
            ]
        }
    )

    team: str = Field(pattern=_NAME_PATTERN, examples=["east-sales"])
    principal: str = Field(
        pattern=_NAME_PATTERN, description="Who holds the key.", examples=["bi-dashboard"]
    )
    # Strict: a permission is true or false, never 0, 1 or "yes" read as one.
    admin: bool = Field(False, strict=True)
    read_only: bool = Field(False, strict=True)


class KeyOut(BaseModel):
    """A key as listed: never its secret."""

    id: str = Field(examples=["3f9a1c2e"])
    principal: str
    team: str
    admin: bool
    read_only: bool
    created_at: str
    revoked_at: str | None = None
    operator: bool = Field(
        default=False, description="An operator key (the whole service); made with the CLI only."
    )


class NewKeyOut(KeyOut):
    key: str = Field(description="The key itself: shown this once, stored only as a hash.")


class OwnerIn(_Strict):
    """The team that is to own the account."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"team": "east-sales"}]})
    team: str = Field(pattern=_NAME_PATTERN, examples=["east-sales"])


class OwnershipOut(BaseModel):
    account_id: str
    name: str | None = Field(description="The account's name (null if not in the store now).")
    team: str | None = Field(description="The owning team; null if no team owns it.")


class AuditEntryOut(BaseModel):
    id: int
    at: str = Field(description="When (UTC, ISO 8601).")
    key_id: str | None
    principal: str | None
    team: str | None
    action: str = Field(
        description="`write`, `read` of personal data, or `erase` (a person erased)."
    )
    method: str
    route: str = Field(description="The route's path template.")
    path: str
    account_id: str | None = Field(
        description="The account the path names; null when it names none, or names no "
        "valid id (the request's path is then in `path` only)."
    )
    status: int = Field(description="The HTTP status answered.")


class ImportOut(BaseModel):
    """What an import wrote, per table."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "accounts": ["acme"],
                    "rows": {"accounts": 1, "people": 5, "ties": 8},
                    "created": {"accounts": 1, "people": 5, "ties": 8},
                    "updated": {},
                    "unchanged": {},
                    "sources": {"accounts": "accounts.csv", "people": "people.csv"},
                }
            ]
        }
    )

    accounts: list[str] = Field(description="The accounts the import's account rows name.")
    rows: dict[str, int] = Field(description="Rows read per table.")
    created: dict[str, int]
    updated: dict[str, int] = Field(description="Records given a new version.")
    unchanged: dict[str, int]
    sources: dict[str, str] = Field(description="The file or sheet each table came from.")


class CacheCleared(BaseModel):
    dropped: int = Field(description="Analysis results dropped.")
