"""Response (and what-if request) bodies of the analyses, as graphcrm.analysis returns them.

Each model mirrors the ``to_dict()`` of one analysis result, field for field, so
the OpenAPI document describes exactly what is sent (the responses themselves
are the analyses' own dicts, serialised once and cached; their code lists are
checked against these models when a result is computed: ``api.analysis_codes``).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.deps import ID_PATTERN
from graphcrm.analysis.gaps import GapCode
from graphcrm.model import DecisionRole, Layer

__all__ = [
    "CoverageOut",
    "FishboneOut",
    "GapOut",
    "KeyPersonOut",
    "NextTargetOut",
    "PersonImportanceOut",
    "WarmPathOut",
    "WhatIfIn",
    "WhatIfOut",
]

Bilingual = Annotated[
    dict[str, str], Field(description='One line in English ("en") and Chinese ("zh").')
]
Unit = Annotated[float, Field(ge=0, le=1)]
Level = Annotated[int, Field(ge=-1, le=3)]
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=128)]


class PersonImportanceOut(BaseModel):
    """One person's importance by the three rules, the raw values behind them, and formal power."""

    person_id: str
    name: str
    known_by_many: Unit = Field(description="Rule 1, normalised: known by many.")
    depended_on_by_many: Unit = Field(description="Rule 2, normalised: depended on by many.")
    important_neighbours: Unit = Field(description="Rule 3, normalised: important neighbours.")
    known_by: int = Field(description="Distinct people who know the person.")
    direct_dependents: int = Field(description="People who depend on or report to them directly.")
    dependents_within_horizon: int
    dependency_score: float = Field(description="Decayed count of dependents (raw rule 2).")
    pagerank: float = Field(description="Weighted PageRank (raw rule 3).")
    composite: float = Field(description="Weighted sum of the three rules.")
    rank: int = Field(ge=1)
    formal_power: Unit
    quadrant: Literal["key_decision_maker", "hidden_influencer", "formal_authority", "peripheral"]
    formal_power_basis: Literal["roles", "layer_and_depth"] = Field(
        description="Decision roles x layer, or (no decision roles here) layer x reports-to depth."
    )


class KeyPersonOut(BaseModel):
    person_id: str
    name: str
    rank: int
    composite: float
    reasons: list[Literal["top_k", "decision_maker", "approver"]]
    explanation: Bilingual


class PersonCoverageOut(BaseModel):
    person_id: str
    name: str
    key: bool
    weight: float = Field(description="The person's weight in health (0 if not key).")
    level: Level
    coverage: Unit = Field(description="Noisy-OR of our contact strengths.")
    quality: Unit = Field(description="((level + 1) / 4) * coverage.")
    contacts: dict[str, float] = Field(description="Our covering staff id -> contact strength.")
    last_contact: str | None
    competitor_levels: dict[str, int]


class GapOut(BaseModel):
    code: GapCode = Field(description="The gap's code (the analysis refuses any other).")
    person_id: str | None
    group: str | None = Field(description="The layer or department of a group gap.")
    weight: float = Field(description="The importance the gap leaves exposed.")
    explanation: Bilingual
    details: dict[str, Any] = Field(description="The numbers behind the gap, and its severity.")


class CoverageParameters(BaseModel):
    today: str
    tier: str | None
    cadence_days: int
    weak_below: float
    junior_below: int


class CoverageOut(BaseModel):
    """Relationship health (0..100), per-person coverage and quality, and the gaps."""

    health: float = Field(ge=0, le=100)
    weighting: Literal["composite", "uniform", "none"]
    people: list[PersonCoverageOut]
    gaps: list[GapOut]
    key_people: list[str]
    parameters: CoverageParameters


class PathPerson(BaseModel):
    person_id: str
    name: str


class WarmPathOut(BaseModel):
    """A warm path: from one of our staff through people at level >= 1 to the target."""

    staff_id: str
    staff_name: str
    people: list[PathPerson] = Field(description="The people after the staff member, in order.")
    strength: float = Field(description="The product of the tie strengths.")
    hops: int


class TargetParts(BaseModel):
    composite: float
    level: Level
    target_level: Level
    target_source: Literal["plan", "default"]
    level_gap: int
    path_strength: float


class TargetOwner(BaseModel):
    staff_id: str | None
    name: str | None
    source: Literal["plan", "path"] | None


class NextTargetOut(BaseModel):
    """score = composite * (target_level - level) * path_strength."""

    person_id: str
    name: str
    rank: int
    score: float
    parts: TargetParts
    best_path: WarmPathOut | None
    owner: TargetOwner
    note: dict[str, str] | None


class SetLevelIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["set_level"]
    person_id: Id
    level: Level
    toward: Id = Field("us", description="`us` or a competitor id.")


class AddContactIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["add_contact"]
    staff_id: Id
    person_id: Id
    strength: float = Field(1.0, gt=0, le=1, allow_inf_nan=False)
    last_contact: date | None = None


class RemoveContactIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["remove_contact"]
    staff_id: Id
    person_id: Id


class AddOpposesIn(BaseModel):
    """An opposes tie (对立) between two of the account's people (DESIGN.md "conflict ties")."""

    model_config = ConfigDict(extra="forbid")
    type: Literal["add_opposes"]
    source_id: Id
    target_id: Id
    strength: float = Field(1.0, gt=0, le=1, allow_inf_nan=False)


class RemoveOpposesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["remove_opposes"]
    source_id: Id
    target_id: Id


ChangeIn = Annotated[
    SetLevelIn | AddContactIn | RemoveContactIn | AddOpposesIn | RemoveOpposesIn,
    Field(discriminator="type"),
]


class WhatIfIn(BaseModel):
    """Hypothetical changes, applied in order to a copy of the account (nothing is written)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "changes": [
                        {"type": "set_level", "person_id": "p-chen", "level": 2},
                        {
                            "type": "add_contact",
                            "staff_id": "s-ann",
                            "person_id": "p-wang",
                            "strength": 0.6,
                        },
                    ]
                }
            ]
        },
    )
    changes: list[ChangeIn] = Field(min_length=1, max_length=100)


class ChangeOut(BaseModel):
    type: Literal["set_level", "add_contact", "remove_contact", "add_opposes", "remove_opposes"]
    person_id: str | None = None
    source_id: str | None = Field(None, description="An opposes change: one of the two rivals.")
    target_id: str | None = Field(None, description="An opposes change: the other.")
    staff_id: str | None = None
    level: int | None = None
    toward: str | None = None
    strength: float | None = None
    last_contact: str | None = None


class PathChangeOut(BaseModel):
    person_id: str
    strength_before: float
    strength_after: float
    path_before: WarmPathOut | None
    path_after: WarmPathOut | None


class TargetChangeOut(BaseModel):
    """One person's place among the next targets before and after the changes (None:
    not a target then)."""

    person_id: str
    name: str
    rank_before: int | None
    rank_after: int | None
    score_before: float | None
    score_after: float | None


class WhatIfOut(BaseModel):
    changes: list[ChangeOut]
    health_before: float
    health_after: float
    delta: float
    closed: list[GapOut] = Field(description="Gaps the changes would close.")
    opened: list[GapOut] = Field(description="Gaps the changes would open.")
    gaps_after: list[GapOut]
    paths_changed: list[PathChangeOut] = Field(
        default_factory=list,
        description="Key people whose best warm path a rivalry change (对立) would change.",
    )
    next_targets: list[TargetChangeOut] = Field(
        default_factory=list,
        description="The next targets before and after the changes, in the order after "
        "them, then those the changes take off the list.",
    )


class CoveringStaffOut(BaseModel):
    staff_id: str
    name: str
    strength: float


class CompetitorLeaningOut(BaseModel):
    competitor_id: str
    name: str
    level: Level


class FishbonePersonOut(BaseModel):
    person_id: str
    name: str
    title: str | None
    roles: list[str]
    level: Level
    level_label: Bilingual
    competitor: CompetitorLeaningOut | None
    composite: float
    rank: int
    key: bool
    covering_staff: list[CoveringStaffOut]
    x: float
    y: float


class SlotBoxOut(BaseModel):
    """An open role slot (待识别角色) drawn as an empty box on its bone."""

    slot_id: str
    opportunity_id: str
    role: DecisionRole
    department: str | None
    layer: Layer | None
    note: str | None
    label: Bilingual
    x: float
    y: float


class CompletenessOut(BaseModel):
    """An opportunity's decision-chain completeness: the formal-power weight of the filled
    slots over that of all slots (people in the chain without a slot count as filled)."""

    opportunity_id: str
    value: float | None = Field(description="0..1; None with neither slots nor people.")
    filled_weight: float
    total_weight: float
    filled: int
    open: int


class BoneOut(BaseModel):
    group: str | None
    label: Bilingual
    side: Literal["above", "below"]
    x1: float
    y1: float
    x2: float
    y2: float
    label_x: float
    label_y: float
    people: list[FishbonePersonOut]
    slots: list[SlotBoxOut] = Field(default_factory=list, description="Open role slots.")


class FishboneHead(BaseModel):
    kind: Literal["opportunity", "account"]
    id: str | None
    name: str | None
    account_id: str | None
    x: float
    y: float
    width: float
    height: float


class FishboneOut(BaseModel):
    """The decision at the head, one bone per group, every coordinate for drawing."""

    head: FishboneHead
    group_by: Literal["department", "layer", "role"]
    width: float
    height: float
    spine: dict[str, float]
    bones: list[BoneOut]
    completeness: list[CompletenessOut] = Field(
        default_factory=list, description="Each opportunity's decision-chain completeness."
    )
