"""Unidentified roles (待识别角色): their gaps and each decision chain's completeness.

DESIGN.md "Method settings, conflict ties, unidentified roles": an unidentified role
is a gap ``unidentified_role`` whose weight is the formal power of that role and
layer; each opportunity's decision chain has a completeness figure, the formal-power
weight of its filled slots over that of all its slots, where a slot is filled when a
person holds it and the people in the chain without a slot count as filled slots of
their role.

A slot's weight is :func:`graphcrm.analysis.power.formal_power` of its role and its
layer, with the team's role and layer weights (DESIGN.md "Importance": decision
maker 1.0 ... user 0.3; decision layer 1.0, management 0.7, execution 0.4): the
formal power the person holding it would carry. A slot with no layer takes the
lowest layer weight, as a person with none does (no evidence of seniority). A person
in the chain who holds no slot of the opportunity counts as one filled slot weighing
their own formal power there (their highest role in the opportunity, their layer).
A slot whose holder is not a person of the graph (left by the read date, or deleted)
is open again. Reads the graph attributes ``role_slots`` and ``decision_chains``
(``graphcrm.graph_slots``); pure functions of the graph.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphcrm.analysis.gaps import Gap, GapCode
from graphcrm.analysis.power import DEFAULT_LAYER_WEIGHTS, DEFAULT_ROLE_WEIGHTS, formal_power
from graphcrm.model import DecisionRole, Layer, zh_label

__all__ = [
    "Completeness",
    "SlotBox",
    "completeness",
    "open_slots",
    "roles_identified",
    "slot_box",
    "slot_group",
    "slot_weight",
    "unidentified_role_gaps",
]

Weights = Mapping[str, float] | None


@dataclass(frozen=True)
class Completeness:
    """One opportunity's decision-chain completeness: filled weight over all slots' weight
    (``value`` None when the chain has neither slots nor people: nothing to measure)."""

    opportunity_id: str
    value: float | None
    filled_weight: float
    total_weight: float
    filled: int
    open: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "opportunity_id": self.opportunity_id,
            "value": self.value,
            "filled_weight": self.filled_weight,
            "total_weight": self.total_weight,
            "filled": self.filled,
            "open": self.open,
        }


def slot_weight(
    role: str, layer: str | None, role_weights: Weights = None, layer_weights: Weights = None
) -> float:
    """The formal power a slot's role and layer carry (the module's rule)."""
    return formal_power(
        [role],
        layer,
        role_weights={**DEFAULT_ROLE_WEIGHTS, **(role_weights or {})},
        layer_weights={**DEFAULT_LAYER_WEIGHTS, **(layer_weights or {})},
    )


def open_slots(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The slots nobody of the graph holds, by opportunity and id."""
    return [s for s in graph.graph.get("role_slots") or () if s.get("person_id") is None]


def unidentified_role_gaps(
    graph: nx.MultiDiGraph, *, role_weights: Weights = None, layer_weights: Weights = None
) -> list[Gap]:
    """One ``unidentified_role`` gap per open slot, ``group`` the slot's id, weighing the
    formal power of its role and layer (severity 1: nobody is known in the role)."""
    gaps = []
    for slot in open_slots(graph):
        w = slot_weight(slot["role"], slot.get("layer"), role_weights, layer_weights)
        en, zh = _where(slot)
        gaps.append(
            Gap(
                code=GapCode.UNIDENTIFIED_ROLE.value,
                person_id=None,
                group=slot["id"],
                weight=w,
                explanation={
                    "en": f"Nobody is identified as the {en} in opportunity "
                    f"{slot['opportunity_id']}: find who holds the role (formal power {w:.2f}).",
                    "zh": f"商机{slot['opportunity_id']}中的{zh}尚未识别：需找出担任该角色的人"
                    f"（正式权力{w:.2f}）。",
                },
                details={
                    "severity": 1.0,
                    "formal_power": w,
                    "opportunity_id": slot["opportunity_id"],
                    "role": slot["role"],
                    "department": slot.get("department"),
                    "layer": slot.get("layer"),
                    "note": slot.get("note"),
                },
            )
        )
    return gaps


def completeness(
    graph: nx.MultiDiGraph, *, role_weights: Weights = None, layer_weights: Weights = None
) -> list[Completeness]:
    """Each opportunity's completeness (the module's rule), by opportunity id."""
    slots: dict[str, list[dict[str, Any]]] = {}
    for slot in graph.graph.get("role_slots") or ():
        slots.setdefault(slot["opportunity_id"], []).append(slot)
    found = []
    for opp, members in (graph.graph.get("decision_chains") or {}).items():
        filled = total = 0.0
        n_filled = n_open = 0
        holders = set()
        for slot in slots.get(opp, []):
            w = slot_weight(slot["role"], slot.get("layer"), role_weights, layer_weights)
            total += w
            if slot.get("person_id") is None:
                n_open += 1
            else:
                filled, n_filled = filled + w, n_filled + 1
                holders.add(slot["person_id"])
        for pid, roles in sorted(members.items()):
            if pid in holders:
                continue
            w = formal_power(
                roles,
                graph.nodes[pid].get("layer"),
                role_weights={**DEFAULT_ROLE_WEIGHTS, **(role_weights or {})},
                layer_weights={**DEFAULT_LAYER_WEIGHTS, **(layer_weights or {})},
            )
            filled, total, n_filled = filled + w, total + w, n_filled + 1
        value = round(filled / total, 4) if total > 0 else None
        found.append(Completeness(opp, value, round(filled, 6), round(total, 6), n_filled, n_open))
    return found


def _where(slot: Mapping[str, Any]) -> tuple[str, str]:
    """The slot as a sentence names it: role, then department and/or layer, per language."""
    role = DecisionRole(slot["role"])
    en, zh = role.value.replace("_", " "), zh_label(role)
    place_en = [p for p in (slot.get("department"),) if p]
    place_zh = list(place_en)
    if slot.get("layer"):
        layer = Layer(slot["layer"])
        place_en.append(f"{layer.value} layer")
        place_zh.append(zh_label(layer))
    if place_en:
        return f"{en} ({', '.join(place_en)})", f"{'、'.join(place_zh)}的{zh}"
    return en, zh


@dataclass(frozen=True)
class SlotBox:
    """An open slot on the fishbone: the empty box drawn at (x, y) on its bone, labelled
    with its role and department or layer (``label``, en and zh)."""

    slot_id: str
    opportunity_id: str
    role: str
    department: str | None
    layer: str | None
    note: str | None
    label: dict[str, str]
    x: float
    y: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "slot_id": self.slot_id,
            "opportunity_id": self.opportunity_id,
            "role": self.role,
            "department": self.department,
            "layer": self.layer,
            "note": self.note,
            "label": dict(self.label),
            "x": self.x,
            "y": self.y,
        }


def slot_group(slot: Mapping[str, Any], group_by: str) -> str | None:
    """The fishbone bone an open slot goes on: its department, layer or role."""
    value = slot.get({"department": "department", "layer": "layer"}.get(group_by, "role"))
    return str(value) if value else None


def slot_box(slot: Mapping[str, Any], x: float, y: float) -> SlotBox:
    """The box of an open slot at (x, y): its label is role, then department or layer."""
    role = DecisionRole(slot["role"])
    en, zh = [role.value.replace("_", " ")], [zh_label(role)]
    if slot.get("department"):
        en.append(slot["department"])
        zh.append(slot["department"])
    elif slot.get("layer"):
        en.append(f"{slot['layer']} layer")
        zh.append(zh_label(Layer(slot["layer"])))
    return SlotBox(
        slot_id=slot["id"],
        opportunity_id=slot["opportunity_id"],
        role=role.value,
        department=slot.get("department"),
        layer=slot.get("layer"),
        note=slot.get("note"),
        label={"en": " · ".join(en), "zh": " · ".join(zh)},
        x=x,
        y=y,
    )


def roles_identified(before: nx.MultiDiGraph, after: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The slots open on the first graph's date and filled on the second's (the quarterly
    review's "roles identified"): slot, opportunity, role, department, layer, and the
    person who now holds it (id and name), by slot id."""
    was_open = {s["id"] for s in open_slots(before)}
    return [
        {
            "slot_id": s["id"],
            "opportunity_id": s["opportunity_id"],
            "role": s["role"],
            "department": s.get("department"),
            "layer": s.get("layer"),
            "person_id": s["person_id"],
            "name": s.get("holder_name") or s["person_id"],
        }
        for s in sorted(after.graph.get("role_slots") or (), key=lambda s: s["id"])
        if s["id"] in was_open and s.get("person_id") is not None
    ]
