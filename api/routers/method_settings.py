"""The caller's team's method settings (DESIGN.md, "Method settings"): read and change them.

``GET /settings`` answers the settings in force today (or ``?as_of=``), with
their version and the defaults beside them; ``GET /settings/history`` every
change; ``PUT /settings`` makes a new version from the keys given (the rest
kept, or reset to the defaults with ``reset``). A read-only key may not
change them (403); a key out of range answers 422 naming it, and nothing is
written. Every analysis names the version it used (``X-Settings-Version``)
and a change never serves a result computed with other settings.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from api.deps import DATE_PATTERN, AccessDep, AsOfDep, PrincipalDep
from api.docs import responses
from graphcrm.access import PermissionDenied
from graphcrm.access.method_settings import SettingsVersion
from graphcrm.method import METHOD_DEFAULTS, MethodSettings

router = APIRouter(tags=["settings"])


def _written_day(value: Any) -> Any:
    """A day as JSON writes it, YYYY-MM-DD (or null): not a number, which the lax date type
    would read as seconds since 1970."""
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str) and re.fullmatch(DATE_PATTERN, value):
        return value
    raise ValueError(f"valid_from must be a day written YYYY-MM-DD, got {value!r}")


_EXAMPLE_CHANGE: dict[str, Any] = {"role_weights": {"approver": 0.8}, "relay_level": 2}


class SettingsOut(BaseModel):
    """The settings one team uses from ``valid_from``, and the defaults beside them."""

    version: int = Field(description="Counts the team's changes; 0 is the defaults.", examples=[3])
    valid_from: date | None = Field(description="First day these apply (null: the defaults).")
    changed_by: str | None = Field(description="Who made this version.", examples=["ann"])
    changed_at: str | None = Field(description="When (UTC).")
    settings: MethodSettings
    defaults: MethodSettings


class SettingsIn(BaseModel):
    """A change of the team's settings: the keys given, the rest kept (or reset)."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"values": dict(_EXAMPLE_CHANGE)}]}
    )

    values: dict[str, Any] = Field(
        default_factory=dict,
        description="Keys to change; a group (role_weights, ...) may name only some "
        "of its members. Unknown keys and values out of range answer 422 naming the key.",
        examples=[_EXAMPLE_CHANGE],
    )
    valid_from: Annotated[date | None, BeforeValidator(_written_day)] = Field(
        default=None,
        description="First day the new version applies (default today), YYYY-MM-DD.",
        json_schema_extra={"pattern": DATE_PATTERN},
    )
    reset: bool = Field(
        default=False,
        strict=True,
        description="Start from the defaults instead of the settings in force.",
    )


def _out(found: SettingsVersion) -> SettingsOut:
    return SettingsOut(
        version=found.version,
        valid_from=found.valid_from,
        changed_by=found.changed_by,
        changed_at=found.changed_at,
        settings=found.settings,
        defaults=METHOD_DEFAULTS,
    )


@router.get(
    "/settings",
    summary="The team's method settings in force (today or as of a date), with the defaults",
    response_model=SettingsOut,
    responses=responses(errors=(401, 422, 503)),
)
def get_settings(access: AccessDep, principal: PrincipalDep, as_of: AsOfDep) -> SettingsOut:
    return _out(access.method_settings.in_force(principal.team_id, as_of))


@router.get(
    "/settings/history",
    summary="Every version of the team's method settings, oldest first",
    response_model=list[SettingsOut],
    responses=responses(errors=(401, 503)),
)
def get_settings_history(access: AccessDep, principal: PrincipalDep) -> list[SettingsOut]:
    return [_out(v) for v in access.method_settings.history(principal.team_id)]


@router.put(
    "/settings",
    summary="Change the team's method settings (a new dated version; not with a read-only key)",
    response_model=SettingsOut,
    responses=responses(errors=(400, 401, 403, 422, 503)),
)
def put_settings(access: AccessDep, principal: PrincipalDep, body: SettingsIn) -> SettingsOut:
    if principal.read_only:
        raise PermissionDenied("this API key is read-only", code="read_only_key")
    changed = access.method_settings.change(
        principal.team_id,
        body.values,
        by=principal.name,
        valid_from=body.valid_from,
        reset=body.reset,
    )
    return _out(changed)
