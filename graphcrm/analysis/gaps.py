"""Coverage gaps (短木板): the codes, the rules that find them, and how each reads.

:class:`GapCode` is the one list of gap codes: the analysis, the API schema
(``api/analysis_schemas.py``), the labels of the views (``viz/labels.py``)
and the README take it from here, and ``tests/test_code_lists.py`` fails when
one of them misses a code. Adding a gap code means: a member here, its rule
below, its labels.

The rules (DESIGN.md, "Analyses"; :mod:`graphcrm.analysis.coverage` has the
whole story, with the weights):

- person gaps, for key people only: ``uncovered`` (no contact from us),
  ``weak`` (coverage below ``weak_below``), ``stale`` (latest dated contact
  older than the tier's cadence), ``unfavourable`` (level <= 0),
  ``competitor_held`` (level 2 or more toward some competitor),
  ``single_threaded`` (one of our staff alone), ``peer_mismatch`` (a
  decision-layer person covered only by staff below ``junior_below``).
- account gaps: ``no_coach``, ``layer_without_supporter``,
  ``department_without_supporter``.
- decision-chain gaps: ``unidentified_role``, a role slot of an opportunity nobody
  is known to hold, weighing the formal power of its role and layer
  (:mod:`graphcrm.analysis.role_slots`; DESIGN.md "unidentified roles").
- over a period (the review): ``key_person_left``, a key person on the start date
  who left (``left_on``) by its end, with the coverage that cost
  (:func:`key_person_left`; DESIGN.md "Interactions", job changes).

A gap's weight is the importance it leaves exposed times its severity; gaps
are sorted heaviest first, then by code (in :class:`GapCode` order), then by
person or group.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import networkx as nx

from graphcrm.model.vocab import Layer, Tier, zh_label

if TYPE_CHECKING:  # coverage imports this module; the type is all this module needs
    from graphcrm.analysis.coverage import PersonCoverage

__all__ = [
    "ACCOUNT_GAPS",
    "GAP_CODES",
    "LAYERS",
    "PERSON_GAPS",
    "Gap",
    "GapCode",
    "GapContext",
    "account_gaps",
    "key_person_left",
    "person_gaps",
    "sort_gaps",
]


class GapCode(StrEnum):
    """Every gap code, person gaps first, in the order gaps of equal weight are listed."""

    UNCOVERED = "uncovered"
    WEAK = "weak"
    STALE = "stale"
    UNFAVOURABLE = "unfavourable"
    COMPETITOR_HELD = "competitor_held"
    SINGLE_THREADED = "single_threaded"
    PEER_MISMATCH = "peer_mismatch"
    NO_COACH = "no_coach"
    LAYER_WITHOUT_SUPPORTER = "layer_without_supporter"
    DEPARTMENT_WITHOUT_SUPPORTER = "department_without_supporter"
    # a decision-chain slot nobody is known to hold (graphcrm.analysis.role_slots)
    UNIDENTIFIED_ROLE = "unidentified_role"
    KEY_PERSON_LEFT = "key_person_left"  # a person gap found by the review, not on one date


#: Account gap codes (the gaps of a group or of the whole account).
ACCOUNT_GAPS: tuple[str, ...] = (
    GapCode.NO_COACH.value,
    GapCode.LAYER_WITHOUT_SUPPORTER.value,
    GapCode.DEPARTMENT_WITHOUT_SUPPORTER.value,
    GapCode.UNIDENTIFIED_ROLE.value,
)
#: Person gap codes, in the order gaps of equal weight are listed.
PERSON_GAPS: tuple[str, ...] = tuple(c.value for c in GapCode if c.value not in ACCOUNT_GAPS)
#: Every gap code, as plain strings, in :class:`GapCode` order.
GAP_CODES: tuple[str, ...] = tuple(c.value for c in GapCode)

#: The organisation layers coverage should reach (点线面), top first.
LAYERS: tuple[str, ...] = tuple(layer.value for layer in Layer)

# How a level reads in a gap: toward us (level <= 0 only) and toward a competitor (>= 2).
_LEVEL_TEXT: dict[int, tuple[str, str]] = {
    -1: ("opposed to us", "不认可"),
    0: ("neutral toward us", "中立"),
    2: ("supports them and keeps others out", "支持并排它"),
    3: ("their coach", "教练"),
}
# Layers and tiers read as the vocabulary names them; "none" is an account with no tier.
_LAYER_TEXT: dict[str, tuple[str, str]] = {m.value: (m.value, zh_label(m)) for m in Layer}
_TIER_TEXT: dict[str, tuple[str, str]] = {
    **{m.value: (m.value, zh_label(m)) for m in Tier},
    "none": ("unclassified", "未分级客户"),
}
_ORDER = {code: i for i, code in enumerate(GAP_CODES)}


@dataclass(frozen=True)
class Gap:
    """One coverage gap (短木板): a person's or a group's, why it matters and its weight.

    ``code`` is a :class:`GapCode` value (a ValueError names any other).
    Person gaps have ``person_id`` and no ``group``; layer and department gaps
    name the ``group`` (layer code or department name); ``no_coach`` has
    neither. ``explanation`` holds one line in English (``"en"``) and Chinese
    (``"zh"``); ``details`` the numbers behind the gap and its ``severity``.
    """

    code: str
    person_id: str | None
    group: str | None
    weight: float
    explanation: dict[str, str]
    details: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in _ORDER:
            raise ValueError(
                f"unknown gap code {self.code!r}; expected one of: {', '.join(GAP_CODES)}"
            )

    @property
    def identity(self) -> tuple[str, str | None, str | None]:
        """What makes two gaps the same gap: (code, person_id, group)."""
        return (self.code, self.person_id, self.group)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "code": self.code,
            "person_id": self.person_id,
            "group": self.group,
            "weight": self.weight,
            "explanation": dict(self.explanation),
            "details": dict(self.details),
        }


@dataclass(frozen=True)
class GapContext:
    """What the gap rules judge against: the graph, the day, the tier's cadence, thresholds."""

    graph: nx.MultiDiGraph
    today: date
    tier: str | None
    cadence: int
    weak_below: float
    junior_below: int

    def who(self, pid: str) -> tuple[str, str]:
        """How a person is named in a gap: name and title, in each language's punctuation."""
        node = self.graph.nodes[pid]
        name = str(node.get("name") or pid)
        title = node.get("title")
        if not title:
            return name, name
        return f"{name} ({title})", f"{name}（{title}）"

    def staff_name(self, sid: str) -> str:
        """A staff member's name (their id when they have none)."""
        return str(self.graph.nodes[sid].get("name") or sid)


def sort_gaps(gaps: list[Gap]) -> None:
    """Sort in place: heaviest first, then by code (:class:`GapCode` order), person, group."""
    gaps.sort(key=lambda g: (-g.weight, _ORDER[g.code], g.person_id or "", g.group or ""))


# --- person gaps ------------------------------------------------------------------------


def person_gaps(ctx: GapContext, p: PersonCoverage, w: float) -> list[Gap]:
    """The gaps of one key person of importance ``w`` (see the module's rules)."""
    en, zh = ctx.who(p.person_id)
    if not p.contacts:
        found: list[Gap | None] = [_uncovered(p, w, en, zh)]
    else:
        found = [
            _weak(ctx, p, w, en, zh),
            _stale(ctx, p, w, en, zh),
            _single_threaded(ctx, p, w, en, zh),
            _peer_mismatch(ctx, p, w, en, zh),
        ]
    found += [_unfavourable(p, w, en, zh), _competitor_held(ctx, p, w, en, zh)]
    return [g for g in found if g is not None]


def _person_gap(
    p: PersonCoverage,
    w: float,
    code: GapCode,
    severity: float,
    line_en: str,
    line_zh: str,
    **details: Any,
) -> Gap:
    return Gap(
        code=code.value,
        person_id=p.person_id,
        group=None,
        weight=w * severity,
        explanation={"en": line_en, "zh": line_zh},
        details={"severity": severity, "importance": w, **details},
    )


def _uncovered(p: PersonCoverage, w: float, en: str, zh: str) -> Gap:
    return _person_gap(
        p,
        w,
        GapCode.UNCOVERED,
        1.0,
        f"{en} is a key person and nobody on our team is in contact with them.",
        f"{zh}是关键人，我方无人与其接触。",
    )


def _weak(ctx: GapContext, p: PersonCoverage, w: float, en: str, zh: str) -> Gap | None:
    if p.coverage >= ctx.weak_below:
        return None
    return _person_gap(
        p,
        w,
        GapCode.WEAK,
        (ctx.weak_below - p.coverage) / ctx.weak_below,
        f"{en}: our contact is weak (coverage {p.coverage:.2f}, below {ctx.weak_below:.2f}).",
        f"{zh}：我方接触薄弱（覆盖度{p.coverage:.2f}，低于{ctx.weak_below:.2f}）。",
        coverage=p.coverage,
        weak_below=ctx.weak_below,
    )


def _stale(ctx: GapContext, p: PersonCoverage, w: float, en: str, zh: str) -> Gap | None:
    if p.last_contact is None:
        return None  # undated contacts are not judged old
    days = (ctx.today - date.fromisoformat(p.last_contact)).days
    if days <= ctx.cadence:
        return None
    tier_en, tier_zh = _TIER_TEXT.get(ctx.tier or "none", (str(ctx.tier), str(ctx.tier)))
    return _person_gap(
        p,
        w,
        GapCode.STALE,
        min(1.0, days / (2 * ctx.cadence)),
        f"{en}: last contact {days} days ago, longer than the {ctx.cadence}-day "
        f"cadence of a {tier_en} account.",
        f"{zh}：最近一次接触在{days}天前，超过{tier_zh}{ctx.cadence}天的接触周期。",
        last_contact=p.last_contact,
        days_since=days,
        cadence_days=ctx.cadence,
    )


def _single_threaded(ctx: GapContext, p: PersonCoverage, w: float, en: str, zh: str) -> Gap | None:
    if len(p.contacts) != 1:
        return None
    (sid,) = p.contacts
    return _person_gap(
        p,
        w,
        GapCode.SINGLE_THREADED,
        0.5,
        f"{en} is covered by {ctx.staff_name(sid)} alone: the relationship hangs on one person.",
        f"{zh}仅由{ctx.staff_name(sid)}一人覆盖，属单线联系。",
        staff_id=sid,
    )


def _peer_mismatch(ctx: GapContext, p: PersonCoverage, w: float, en: str, zh: str) -> Gap | None:
    if ctx.graph.nodes[p.person_id].get("layer") != Layer.DECISION.value:
        return None
    seniority = {s: ctx.graph.nodes[s].get("seniority") for s in p.contacts}
    best = max((s for s in seniority.values() if s is not None), default=1)
    if best >= ctx.junior_below:
        return None
    names = ", ".join(ctx.staff_name(s) for s in p.contacts)
    names_zh = "、".join(ctx.staff_name(s) for s in p.contacts)
    return _person_gap(
        p,
        w,
        GapCode.PEER_MISMATCH,
        (ctx.junior_below - best) / (ctx.junior_below - 1),
        f"{en} is in the decision layer but covered only by junior staff "
        f"({names}); arrange a peer-level visit.",
        f"{zh}属决策层，但仅由级别较低的{names_zh}覆盖，需安排对等拜访。",
        staff_seniority=seniority,
        junior_below=ctx.junior_below,
    )


def _unfavourable(p: PersonCoverage, w: float, en: str, zh: str) -> Gap | None:
    if p.level > 0:
        return None
    label_en, label_zh = _LEVEL_TEXT[p.level]
    return _person_gap(
        p,
        w,
        GapCode.UNFAVOURABLE,
        (1 - p.level) / 2,
        f"{en} is {label_en} (level {p.level}).",
        f"{zh}对我方态度为{label_zh}（{p.level}级）。",
        level=p.level,
    )


def _competitor_held(ctx: GapContext, p: PersonCoverage, w: float, en: str, zh: str) -> Gap | None:
    if not p.competitor_levels:
        return None
    rival, held = max(p.competitor_levels.items(), key=lambda t: (t[1], t[0]))
    if held < 2:
        return None
    rival_name = str(ctx.graph.graph.get("competitors", {}).get(rival, rival))
    label_en, label_zh = _LEVEL_TEXT[held]
    return _person_gap(
        p,
        w,
        GapCode.COMPETITOR_HELD,
        (held - 1) / 2,
        f"{en} leans to {rival_name}: {label_en} (level {held}).",
        f"{zh}倾向竞争对手{rival_name}（对其为{label_zh}，{held}级）。",
        competitor_id=rival,
        competitor_level=held,
    )


# --- account gaps -----------------------------------------------------------------------


def account_gaps(
    ctx: GapContext,
    people: Mapping[str, PersonCoverage],
    key_ids: Sequence[str],
    weight: Callable[[str], float],
    supporter_level: int,
) -> list[Gap]:
    """The account's gaps: no coach, each layer and department without a supporter.

    ``people`` is the population considered (by id), ``weight`` a person's
    weight; each gap weighs the most important person it leaves exposed.
    """
    gaps = [_no_coach(ctx, people, key_ids, weight)]
    gaps += [
        _layer_without_supporter(ctx, people, layer, weight, supporter_level) for layer in LAYERS
    ]
    departments: dict[str, list[str]] = {}
    for p in people:
        dept = ctx.graph._node[p].get("department")
        if dept:
            departments.setdefault(str(dept), []).append(p)
    gaps += [
        _department_without_supporter(people, dept, members, weight, supporter_level)
        for dept, members in sorted(departments.items())
    ]
    return [g for g in gaps if g is not None]


def _account_gap(
    code: GapCode, group: str | None, top: float, en: str, zh: str, **details: Any
) -> Gap:
    return Gap(
        code=code.value,
        person_id=None,
        group=group,
        weight=top,
        explanation={"en": en, "zh": zh},
        details={"severity": 1.0, "importance": top, **details},
    )


def _no_coach(
    ctx: GapContext,
    people: Mapping[str, PersonCoverage],
    key_ids: Sequence[str],
    weight: Callable[[str], float],
) -> Gap | None:
    if any(p.level >= 3 for p in people.values()):
        return None
    account = ctx.graph.graph.get("account") or {}
    acc_name = str(account.get("name") or account.get("id") or "this account")
    top = max((weight(p) for p in key_ids), default=0.0)
    return _account_gap(
        GapCode.NO_COACH,
        None,
        top,
        f"Nobody at {acc_name} is a coach for us (level 3): no one guides us "
        "or passes us inside information.",
        f"{acc_name}没有我方的教练（3级）：无人指导我们、传递内部信息。",
    )


def _layer_without_supporter(
    ctx: GapContext,
    people: Mapping[str, PersonCoverage],
    layer: str,
    weight: Callable[[str], float],
    supporter_level: int,
) -> Gap | None:
    members = [p for p in people if ctx.graph._node[p].get("layer") == layer]
    if not members or any(people[p].level >= supporter_level for p in members):
        return None
    top = max(weight(p) for p in members)
    layer_en, layer_zh = _LAYER_TEXT[layer]
    return _account_gap(
        GapCode.LAYER_WITHOUT_SUPPORTER,
        layer,
        top,
        f"Nobody in the {layer_en} layer ({_count(len(members))}) "
        f"supports us (level {supporter_level} or above).",
        f"{layer_zh}（{len(members)}人）无人支持我方（{supporter_level}级及以上）。",
        people=members,
    )


def _department_without_supporter(
    people: Mapping[str, PersonCoverage],
    dept: str,
    members: list[str],
    weight: Callable[[str], float],
    supporter_level: int,
) -> Gap | None:
    keys = [p for p in members if people[p].key]
    if not keys or any(people[p].level >= supporter_level for p in members):
        return None
    top = max(weight(p) for p in keys)
    names = [people[p].name for p in keys]
    return _account_gap(
        GapCode.DEPARTMENT_WITHOUT_SUPPORTER,
        dept,
        top,
        f"{dept} has key people ({', '.join(names)}) but nobody there supports us.",
        f"{dept}有关键人（{'、'.join(names)}），但无人支持我方。",
        key_people=keys,
    )


def _count(n: int) -> str:
    return f"{n} person" if n == 1 else f"{n} people"


def key_person_left(p: PersonCoverage, left_on: str) -> Gap:
    """A key person (as of the period's start, ``p``) who left on ``left_on``: the gap
    weighs their importance then, and names the coverage we lost with them."""
    lost = round(p.coverage, 4)
    staff = ", ".join(p.contacts) or "nobody"
    return _person_gap(
        p,
        p.weight,
        GapCode.KEY_PERSON_LEFT,
        1.0,
        f"{p.name}, a key person, left on {left_on}: coverage {lost} lost (covered by {staff}).",
        f"关键人{p.name}已于{left_on}离任：失去覆盖度{lost}（此前由{staff}覆盖）。",
        left_on=left_on,
        coverage_lost=lost,
        staff=list(p.contacts),
    )
