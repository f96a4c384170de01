"""A team's method settings: every weight, threshold and cadence of the analyses, validated.

DESIGN.md, "Method settings, conflict ties, unidentified roles": settings per
team, dated like everything else, with defaults equal to the analyses' own
defaults (so a team that never changes them sees exactly what it saw before).
The keys, with their defaults and ranges:

- ``rule_weights``: the three rules' weights in composite importance (equal);
  each at least 0, not all zero (they are normalised to sum 1).
- ``horizon``: steps counted by rule 2 (3); 1..10, or null for unlimited.
- ``role_weights``, ``layer_weights``: formal power's factors (DESIGN.md
  "Analyses"); each 0..1, not all zero.
- ``high``: where the influence matrix's formal axis turns high (0.5); 0..1.
- ``key_people_k``: the top K (null: adapts to the account's size); 1..1000.
- ``weak_threshold``: coverage below which a key person is ``weak`` (0.3); 0..1.
- ``supporter_level``, ``target_level``, ``relay_level``: levels on the
  attitude scale -1..3 (1, 2, 1): who counts as a supporter, the level next
  targets aim for, the least level a warm path's relay must have.
- ``cadence_days``: days between contacts by account tier before ``stale``
  (30/60/90/180, 90 with no tier); each 1..3650.
- ``interaction_type_weights``, ``half_life_days``, ``lookback_days``: the
  derived strength of interactions (DESIGN.md "Interactions"); weights at
  least 0 and not all zero, days 1..3650.
- ``tier_shares``: the course's 5/20/30/45 % tiers; each 0..1, summing to 1.
- ``value_weights``: value score's 0.5 current + 0.3 future + 0.2 social;
  each at least 0, not all zero.

A value out of range is a :class:`~graphcrm.errors.ValidationFailed` naming
the key (``role_weights.approver``), so the API answers 422 and the CLI exits
2 with the key, and nothing is written.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from datetime import date
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from graphcrm.analysis.coverage import DEFAULT_CADENCE_DAYS
from graphcrm.analysis.importance import DEFAULT_LAYER_WEIGHTS, DEFAULT_ROLE_WEIGHTS
from graphcrm.errors import RecordError, ValidationFailed
from graphcrm.interactions.strength import HALF_LIFE_DAYS, LOOKBACK_DAYS, TYPE_WEIGHTS
from graphcrm.portfolio.tiers import DEFAULT_TIER_SHARES as PORTFOLIO_SHARES
from graphcrm.portfolio.values import DEFAULT_VALUE_WEIGHTS as PORTFOLIO_VALUE_WEIGHTS

__all__ = [
    "DEFAULT_INTERACTION_TYPE_WEIGHTS",
    "DEFAULT_TIER_SHARES",
    "DEFAULT_VALUE_WEIGHTS",
    "METHOD_DEFAULTS",
    "MethodSettings",
    "SettingsOnDay",
    "merged_settings",
    "parse_setting",
    "settings_error",
]

# One source for each default: the analyses' own constants (the settings only name them).
#: DESIGN.md "Interactions": the weight of each interaction type in derived strength.
DEFAULT_INTERACTION_TYPE_WEIGHTS: dict[str, float] = {t.value: w for t, w in TYPE_WEIGHTS.items()}
#: DESIGN.md "Account portfolio": the course's tier shares (5/20/30/45 %).
DEFAULT_TIER_SHARES: dict[str, float] = {
    "strategic": PORTFOLIO_SHARES[0],
    "value": PORTFOLIO_SHARES[1],
    "potential": PORTFOLIO_SHARES[2],
    "ordinary": round(1.0 - sum(PORTFOLIO_SHARES), 10),
}
#: DESIGN.md "Account portfolio": value score = 0.5 current + 0.3 future + 0.2 social.
DEFAULT_VALUE_WEIGHTS: dict[str, float] = dict(PORTFOLIO_VALUE_WEIGHTS)

_NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]
_Unit = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
_Level = Annotated[int, Field(ge=-1, le=3)]
_Days = Annotated[int, Field(ge=1, le=3650)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def _not_all_zero(self) -> Self:
        if not any(float(v) for v in self.model_dump().values()):
            raise ValueError("weights must not all be zero")
        return self


class RuleWeights(_Strict):
    known_by_many: _NonNegative = 1 / 3
    depended_on_by_many: _NonNegative = 1 / 3
    important_neighbours: _NonNegative = 1 / 3

    _check = model_validator(mode="after")(_Strict._not_all_zero)


class RoleWeights(_Strict):
    decision_maker: _Unit = DEFAULT_ROLE_WEIGHTS["decision_maker"]
    approver: _Unit = DEFAULT_ROLE_WEIGHTS["approver"]
    influencer: _Unit = DEFAULT_ROLE_WEIGHTS["influencer"]
    evaluator: _Unit = DEFAULT_ROLE_WEIGHTS["evaluator"]
    purchaser: _Unit = DEFAULT_ROLE_WEIGHTS["purchaser"]
    gatekeeper: _Unit = DEFAULT_ROLE_WEIGHTS["gatekeeper"]
    user: _Unit = DEFAULT_ROLE_WEIGHTS["user"]
    none: _Unit = DEFAULT_ROLE_WEIGHTS["none"]

    _check = model_validator(mode="after")(_Strict._not_all_zero)


class LayerWeights(_Strict):
    decision: _Unit = DEFAULT_LAYER_WEIGHTS["decision"]
    management: _Unit = DEFAULT_LAYER_WEIGHTS["management"]
    execution: _Unit = DEFAULT_LAYER_WEIGHTS["execution"]

    _check = model_validator(mode="after")(_Strict._not_all_zero)


class CadenceDays(_Strict):
    strategic: _Days = DEFAULT_CADENCE_DAYS["strategic"]
    value: _Days = DEFAULT_CADENCE_DAYS["value"]
    potential: _Days = DEFAULT_CADENCE_DAYS["potential"]
    ordinary: _Days = DEFAULT_CADENCE_DAYS["ordinary"]
    none: _Days = DEFAULT_CADENCE_DAYS["none"]


class InteractionTypeWeights(_Strict):
    site_visit: _NonNegative = DEFAULT_INTERACTION_TYPE_WEIGHTS["site_visit"]
    dinner: _NonNegative = DEFAULT_INTERACTION_TYPE_WEIGHTS["dinner"]
    meeting: _NonNegative = DEFAULT_INTERACTION_TYPE_WEIGHTS["meeting"]
    visit: _NonNegative = DEFAULT_INTERACTION_TYPE_WEIGHTS["visit"]
    event: _NonNegative = DEFAULT_INTERACTION_TYPE_WEIGHTS["event"]
    call: _NonNegative = DEFAULT_INTERACTION_TYPE_WEIGHTS["call"]
    email: _NonNegative = DEFAULT_INTERACTION_TYPE_WEIGHTS["email"]
    message: _NonNegative = DEFAULT_INTERACTION_TYPE_WEIGHTS["message"]

    _check = model_validator(mode="after")(_Strict._not_all_zero)


class TierShares(_Strict):
    strategic: _Unit = DEFAULT_TIER_SHARES["strategic"]
    value: _Unit = DEFAULT_TIER_SHARES["value"]
    potential: _Unit = DEFAULT_TIER_SHARES["potential"]
    ordinary: _Unit = DEFAULT_TIER_SHARES["ordinary"]

    @model_validator(mode="after")
    def _sum_to_one(self) -> Self:
        total = self.strategic + self.value + self.potential + self.ordinary
        if not math.isclose(total, 1.0, abs_tol=1e-9):
            raise ValueError(f"tier shares must sum to 1, not {total:g}")
        return self


class ValueWeights(_Strict):
    current: _NonNegative = DEFAULT_VALUE_WEIGHTS["current"]
    future: _NonNegative = DEFAULT_VALUE_WEIGHTS["future"]
    social: _NonNegative = DEFAULT_VALUE_WEIGHTS["social"]

    _check = model_validator(mode="after")(_Strict._not_all_zero)


class MethodSettings(_Strict):
    """One team's method settings (see the module docstring for each key and its range)."""

    rule_weights: RuleWeights = RuleWeights()
    horizon: Annotated[int, Field(ge=1, le=10)] | None = 3
    role_weights: RoleWeights = RoleWeights()
    layer_weights: LayerWeights = LayerWeights()
    high: _Unit = 0.5
    key_people_k: Annotated[int, Field(ge=1, le=1000)] | None = None
    weak_threshold: _Unit = 0.3
    supporter_level: _Level = 1
    target_level: _Level = 2
    relay_level: _Level = 1
    cadence_days: CadenceDays = CadenceDays()
    interaction_type_weights: InteractionTypeWeights = InteractionTypeWeights()
    half_life_days: _Days = int(HALF_LIFE_DAYS)
    lookback_days: _Days = LOOKBACK_DAYS
    tier_shares: TierShares = TierShares()
    value_weights: ValueWeights = ValueWeights()

    def values(self) -> dict[str, Any]:
        """Every key and its value, JSON-ready."""
        return self.model_dump(mode="json")

    def rule_weight_tuple(self) -> tuple[float, float, float]:
        w = self.rule_weights
        return (w.known_by_many, w.depended_on_by_many, w.important_neighbours)


#: The defaults, as every team starts (version 0).
METHOD_DEFAULTS = MethodSettings()


def settings_error(exc: ValidationError) -> ValidationFailed:
    """Pydantic's errors as ValidationFailed rows, each naming its dotted key."""
    rows = []
    for e in exc.errors():
        key = ".".join(str(part) for part in e["loc"]) or "settings"
        message = str(e["msg"]).removeprefix("Value error, ")
        if e["type"] == "extra_forbidden":
            message = "unknown setting"
        rows.append(RecordError("settings", None, key, f"{key}: {message}"))
    return ValidationFailed(rows)


def merged_settings(base: MethodSettings, changes: Mapping[str, Any]) -> MethodSettings:
    """``base`` with ``changes`` applied (groups merged key by key), validated.

    Raises ValidationFailed naming each key that is unknown or out of range.
    """
    values = base.values()
    for key, value in changes.items():
        if isinstance(value, Mapping) and isinstance(values.get(key), dict):
            values[key] = {**values[key], **value}
        else:
            values[key] = value
    try:
        return MethodSettings.model_validate(values)
    except ValidationError as exc:
        raise settings_error(exc) from None


def parse_setting(key: str, text: str) -> dict[str, Any]:
    """``KEY VALUE`` from the command line as a change: ``role_weights.approver 0.8``.

    The value is read as JSON (``0.8``, ``null``, ``{"decision": 1}``), else kept
    as text; a dotted key names one member of a group.
    """
    try:
        value: Any = json.loads(text)
    except ValueError:
        value = text
    group, _, member = key.partition(".")
    return {group: {member: value}} if member else {key: value}


#: The settings a team used on a day, with their version: ``lookup(day) -> (version, settings)``.
SettingsOnDay = Callable[[date], tuple[int, MethodSettings]]
