"""The decision-chain fishbone (关键客户关系决策链鱼骨图): structure and layout.

The decision (the opportunity, or the account when none is asked for) sits at
the head; one bone per department (or per layer, or per decision role); along
each bone the people of that group, most important nearest the spine, each
with title, roles, level toward us, competitor leaning, importance and rank,
the key-influencer mark and our people who cover them (GLOSSARY.md, "Tools
the method names").

The layout is in canvas units with the origin at the top left and y pointing
down (as in SVG), so a renderer draws it as given: the spine runs along the x
axis from the tail (left) to the head (right); bones hang off the spine in
pairs, the first of a pair above it and the second below, each slanting back
toward the tail at 60 degrees; the bone of the most important group is nearest
the head. Every person sits at a point on their bone, one step apart. The
layout depends only on the data, so the same graph always gives the same
picture.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx

from graphcrm.analysis.importance import DEFAULT_ROLE_WEIGHTS, PersonImportance, importance
from graphcrm.analysis.key_people import KeyPerson, key_people
from graphcrm.analysis.role_slots import (
    Completeness,
    SlotBox,
    completeness,
    open_slots,
    slot_box,
    slot_group,
)
from graphcrm.model import LEVEL_LABELS, DecisionRole, Layer, zh_label

__all__ = [
    "Bone",
    "CompetitorLeaning",
    "CoveringStaff",
    "Fishbone",
    "FishbonePerson",
    "GroupBy",
    "fishbone",
]

GroupBy = Literal["department", "layer", "role"]
_GROUPINGS = ("department", "layer", "role")
_LAYER_ORDER = ("decision", "management", "execution")
_ROLE_ORDER = tuple(r.value for r in DecisionRole)
_NO_GROUP: dict[str, dict[str, str]] = {
    "department": {"en": "(no department)", "zh": "(未填部门)"},
    "layer": {"en": "(no layer)", "zh": "(未填层级)"},
    "role": {"en": "(no role)", "zh": "(无角色)"},
}

# Layout, in canvas units.
MARGIN = 40.0  # around everything
LABEL_SPACE = 32.0  # beyond each bone's tip, for the group label
STEP = 56.0  # between people along a bone
PAIR_GAP = 240.0  # between pairs of bones along the spine (room for a person's label)
FIRST_GAP = 80.0  # from the nearest pair of bones to the head
TAIL = 40.0  # spine beyond the farthest bone's tip
HEAD_WIDTH = 200.0
HEAD_HEIGHT = 64.0
ANGLE = math.radians(60)  # between a bone and the spine


@dataclass(frozen=True)
class CoveringStaff:
    """One of our people in contact with a person, with the contact's strength."""

    staff_id: str
    name: str
    strength: float


@dataclass(frozen=True)
class CompetitorLeaning:
    """A person's highest level toward any competitor (-1..3) and which competitor."""

    competitor_id: str
    name: str
    level: int


@dataclass(frozen=True)
class FishbonePerson:
    """One person on a bone; (x, y) is their point on it."""

    person_id: str
    name: str
    title: str | None
    roles: tuple[str, ...]
    level: int
    level_label: dict[str, str]
    competitor: CompetitorLeaning | None
    composite: float
    rank: int
    key: bool
    covering_staff: tuple[CoveringStaff, ...]
    x: float
    y: float


@dataclass(frozen=True)
class Bone:
    """One group's bone: from its joint on the spine (x1, y1) out to its tip (x2, y2).

    ``group`` is the department, layer code or role code (None for the bone of
    people without one); ``label`` names it in English and Chinese and is drawn
    at (label_x, label_y), beyond the tip. ``side`` is "above" or "below".
    """

    group: str | None
    label: dict[str, str]
    side: str
    x1: float
    y1: float
    x2: float
    y2: float
    label_x: float
    label_y: float
    people: tuple[FishbonePerson, ...]
    #: The open role slots on this bone, as empty boxes beyond its people (待识别角色).
    slots: tuple[SlotBox, ...] = ()


@dataclass(frozen=True)
class Fishbone:
    """A fishbone: the head (the decision), the spine, the bones, the canvas size."""

    head: dict[str, Any]
    group_by: str
    width: float
    height: float
    spine: dict[str, float]
    bones: tuple[Bone, ...] = field(default_factory=tuple)
    #: Each opportunity's decision-chain completeness (graphcrm.analysis.role_slots).
    completeness: tuple[Completeness, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: the structure and every coordinate."""
        return {
            "head": dict(self.head),
            "group_by": self.group_by,
            "width": self.width,
            "height": self.height,
            "spine": dict(self.spine),
            "bones": [_bone_dict(b) for b in self.bones],
            "completeness": [c.to_dict() for c in self.completeness],
        }


def _grouped(
    graph: nx.MultiDiGraph, ranking: list[PersonImportance], group_by: GroupBy
) -> tuple[dict[str | None, list[PersonImportance]], dict[str | None, list[dict[str, Any]]]]:
    """The people of each group, best rank first, and the open role slots of each group
    (a group with open slots only has no people)."""
    groups: dict[str | None, list[PersonImportance]] = {}
    for p in sorted(ranking, key=lambda r: r.rank):
        groups.setdefault(_group_of(graph._node[p.person_id], group_by), []).append(p)
    boxes: dict[str | None, list[dict[str, Any]]] = {}
    for slot in open_slots(graph):
        boxes.setdefault(slot_group(slot, group_by), []).append(slot)
        groups.setdefault(slot_group(slot, group_by), [])
    return groups, boxes


def fishbone(
    graph: nx.MultiDiGraph,
    *,
    group_by: GroupBy = "department",
    ranking: list[PersonImportance] | None = None,
    key: list[KeyPerson] | None = None,
    role_weights: Mapping[str, float] | None = None,
    layer_weights: Mapping[str, float] | None = None,
) -> Fishbone:
    """Lay out the decision chain (or the whole account) as a fishbone.

    Parameters
    ----------
    graph : nx.MultiDiGraph
        An account graph (:mod:`graphcrm.graph`). With an opportunity, only the
        people in its decision chain are drawn.
    group_by : "department", "layer" or "role"
        One bone per department, per layer (decision, management, execution),
        or per decision role; a person with several roles goes on the bone of
        their highest-weight role (:data:`DEFAULT_ROLE_WEIGHTS`). People with no
        department, layer or role share one bone, labelled e.g. "(no department)".
    ranking : list of PersonImportance, optional
        :func:`~graphcrm.analysis.importance.importance` of this graph (computed
        if not given): the people to draw and their order.
    key : list of KeyPerson, optional
        :func:`~graphcrm.analysis.key_people.key_people` (computed if not given):
        who gets the key-influencer mark.
    role_weights, layer_weights : mapping, optional
        Formal power's weights (the team's; DESIGN's when None) for ``completeness``.
        Open role slots go on the bone of their department, layer or role, after its
        people (a bone only for slots when no person has that group).

    Returns
    -------
    Fishbone
        Bones ordered from the head: by department, the group of the best-ranked
        person first; by layer, decision first; by role, decision maker first.
        The group without a value comes last when grouping by layer or role.

    Raises
    ------
    ValueError
        If ``group_by`` is not one of the three groupings.
    """
    if group_by not in _GROUPINGS:
        raise ValueError(f"group_by must be one of {', '.join(_GROUPINGS)}; got {group_by!r}")
    if ranking is None:
        ranking = importance(graph)
    if key is None:
        key = key_people(graph, ranking)
    key_ids = {k.person_id for k in key}
    covering = _covering(graph)

    groups, boxes = _grouped(graph, ranking, group_by)
    order = sorted(groups, key=lambda g: _group_order(g, groups[g], group_by))

    longest = max((len(v) + len(boxes.get(g, ())) for g, v in groups.items()), default=0)
    length = STEP * (longest + 1)
    dx, dy = length * math.cos(ANGLE), length * math.sin(ANGLE)
    pairs = (len(order) + 1) // 2
    spine_y = MARGIN + LABEL_SPACE + dy
    farthest_joint = MARGIN + TAIL + dx
    spine_end = farthest_joint + max(pairs - 1, 0) * PAIR_GAP + FIRST_GAP
    width = spine_end + HEAD_WIDTH + MARGIN
    height = 2 * spine_y

    bones = []
    for i, group in enumerate(order):
        joint_x = spine_end - FIRST_GAP - (i // 2) * PAIR_GAP
        sign = -1.0 if i % 2 == 0 else 1.0  # above the spine is smaller y
        ux, uy = -math.cos(ANGLE), sign * math.sin(ANGLE)  # unit vector along the bone
        people = tuple(
            _person(
                graph,
                p,
                p.person_id in key_ids,
                covering.get(p.person_id, ()),
                joint_x + ux * STEP * (j + 1),
                spine_y + uy * STEP * (j + 1),
            )
            for j, p in enumerate(groups[group])
        )
        slots = tuple(  # beyond the bone's people, one step apart as they are
            slot_box(s, _r(joint_x + ux * STEP * n), _r(spine_y + uy * STEP * n))
            for n, s in enumerate(boxes.get(group, []), start=len(people) + 1)
        )
        tip_x, tip_y = joint_x + ux * length, spine_y + uy * length
        bones.append(
            Bone(
                group=group,
                label=_label(group, group_by),
                side="above" if sign < 0 else "below",
                x1=_r(joint_x),
                y1=_r(spine_y),
                x2=_r(tip_x),
                y2=_r(tip_y),
                label_x=_r(tip_x),
                label_y=_r(tip_y + sign * LABEL_SPACE / 2),
                people=people,
                slots=slots,
            )
        )

    opportunity = graph.graph.get("opportunity")
    account = graph.graph.get("account") or {}
    decision = opportunity or account
    head = {
        "kind": "opportunity" if opportunity else "account",
        "id": decision.get("id"),
        "name": decision.get("name"),
        "account_id": account.get("id"),
        "x": _r(spine_end),
        "y": _r(spine_y - HEAD_HEIGHT / 2),
        "width": HEAD_WIDTH,
        "height": HEAD_HEIGHT,
    }
    spine = {"x1": MARGIN, "y1": _r(spine_y), "x2": _r(spine_end), "y2": _r(spine_y)}
    return Fishbone(
        head=head,
        group_by=group_by,
        width=_r(width),
        height=_r(height),
        spine=spine,
        bones=tuple(bones),
        completeness=tuple(
            completeness(graph, role_weights=role_weights, layer_weights=layer_weights)
        ),
    )


def _group_of(node: dict[str, Any], group_by: str) -> str | None:
    if group_by == "department":
        return node.get("department") or None
    if group_by == "layer":
        return node.get("layer") or None
    roles = [r for r in node.get("roles", ()) if r in DEFAULT_ROLE_WEIGHTS]
    if not roles:
        return None
    role: str = min(roles, key=lambda r: (-DEFAULT_ROLE_WEIGHTS[r], _ROLE_ORDER.index(r)))
    return role


def _group_order(
    group: str | None, members: list[PersonImportance], group_by: str
) -> tuple[int, int, str]:
    best = min((p.rank for p in members), default=1 << 30)  # a bone of open slots only
    if group_by == "department":
        return 0, best, group or ""
    known = _LAYER_ORDER if group_by == "layer" else _ROLE_ORDER
    if group in known:
        return 0, known.index(group), ""
    return 1, best, group or ""  # the bone of people without a layer / role comes last


def _label(group: str | None, group_by: str) -> dict[str, str]:
    if group is None:
        return dict(_NO_GROUP[group_by])
    if group_by == "layer" and group in _LAYER_ORDER:
        return {"en": f"{group} layer", "zh": zh_label(Layer(group))}
    if group_by == "role" and group in _ROLE_ORDER:
        return {"en": group.replace("_", " "), "zh": zh_label(DecisionRole(group))}
    return {"en": group, "zh": group}


def _person(
    graph: nx.MultiDiGraph,
    p: PersonImportance,
    is_key: bool,
    covering: tuple[CoveringStaff, ...],
    x: float,
    y: float,
) -> FishbonePerson:
    node = graph._node[p.person_id]
    level = int(node.get("level", 0))
    en, zh = LEVEL_LABELS.get(level, ("", ""))
    return FishbonePerson(
        person_id=p.person_id,
        name=p.name,
        title=node.get("title"),
        roles=tuple(node.get("roles", ())),
        level=level,
        level_label={"en": en, "zh": zh},
        competitor=_leaning(graph, node),
        composite=p.composite,
        rank=p.rank,
        key=is_key,
        covering_staff=covering,
        x=_r(x),
        y=_r(y),
    )


def _leaning(graph: nx.MultiDiGraph, node: dict[str, Any]) -> CompetitorLeaning | None:
    levels: dict[str, int] = node.get("competitor_levels") or {}
    if not levels:
        return None
    cid = min(levels, key=lambda c: (-levels[c], c))
    names = graph.graph.get("competitors") or {}
    return CompetitorLeaning(competitor_id=cid, name=names.get(cid, cid), level=levels[cid])


def _covering(graph: nx.MultiDiGraph) -> dict[str, tuple[CoveringStaff, ...]]:
    """Per person, our staff with a contact edge to them, strongest first."""
    found: dict[str, list[CoveringStaff]] = {}
    for s, d in graph.nodes(data=True):
        if d.get("kind") != "staff":
            continue
        name = d.get("name", s)
        for person, keyed in graph.adj[s].items():
            contact = keyed.get("contact")
            if contact is not None:
                strength = float(contact.get("strength", 1.0))
                found.setdefault(person, []).append(CoveringStaff(s, name, strength))
    return {
        p: tuple(sorted(staff, key=lambda c: (-c.strength, c.staff_id)))
        for p, staff in found.items()
    }


def _r(value: float) -> float:
    return round(value, 1) + 0.0  # + 0.0 turns -0.0 into 0.0


def _bone_dict(bone: Bone) -> dict[str, Any]:
    return {
        "group": bone.group,
        "label": dict(bone.label),
        "side": bone.side,
        "x1": bone.x1,
        "y1": bone.y1,
        "x2": bone.x2,
        "y2": bone.y2,
        "label_x": bone.label_x,
        "label_y": bone.label_y,
        "people": [_person_dict(p) for p in bone.people],
        "slots": [s.to_dict() for s in bone.slots],
    }


def _person_dict(p: FishbonePerson) -> dict[str, Any]:
    return {
        "person_id": p.person_id,
        "name": p.name,
        "title": p.title,
        "roles": list(p.roles),
        "level": p.level,
        "level_label": dict(p.level_label),
        "competitor": (
            {
                "competitor_id": p.competitor.competitor_id,
                "name": p.competitor.name,
                "level": p.competitor.level,
            }
            if p.competitor
            else None
        ),
        "composite": p.composite,
        "rank": p.rank,
        "key": p.key,
        "covering_staff": [
            {"staff_id": s.staff_id, "name": s.name, "strength": s.strength}
            for s in p.covering_staff
        ],
        "x": p.x,
        "y": p.y,
    }
