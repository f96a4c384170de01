"""Unidentified roles in the analyses: the ``unidentified_role`` gap weighs the formal
power of the slot's role and layer, completeness is filled weight over all slots'
weight, and the fishbone puts an open slot on its bone (values computed by hand on
tests.sample's account: CEO decision maker, decision layer; CTO evaluator and CFO
approver, management layer)."""

from __future__ import annotations

import math
from datetime import date

import pytest

from graphcrm.analysis import SetLevel
from graphcrm.analysis.coverage import coverage
from graphcrm.analysis.fishbone import STEP, fishbone
from graphcrm.analysis.role_slots import completeness, unidentified_role_gaps
from graphcrm.graph import build_account_graph
from graphcrm.method import METHOD_DEFAULTS, merged_settings
from graphcrm.method.runs import what_if_with
from graphcrm.method.settings import parse_setting
from graphcrm.model import Dataset, Person, RoleSlot
from tests.sample import small_account

DM = RoleSlot(
    id="slot-dm",
    opportunity_id="acme-cloud",
    role="decision_maker",
    department="Group 集团",
    layer="decision",
)
FIN = RoleSlot(
    id="slot-fin",
    opportunity_id="acme-cloud",
    role="approver",
    department="Finance",
    layer="management",
    person_id="cfo",
)


def account(*slots: RoleSlot, people: list[Person] | None = None) -> Dataset:
    data = small_account()
    data.role_slots = list(slots)
    data.people += people or []
    return data


def test_an_open_decision_maker_slot_is_the_heaviest_gap() -> None:
    g = build_account_graph(account(DM, FIN), "acme", opportunity_id="acme-cloud")
    report = coverage(g, today="2026-11-01")
    top = report.gaps[0]
    # formal power of decision maker (1.0) x decision layer (1.0); the uncovered CEO's
    # gap is importance 0.943 x severity 1
    assert (top.code, top.person_id, top.group, top.weight) == (
        "unidentified_role",
        None,
        "slot-dm",
        1.0,
    )
    assert report.gaps[1].weight < 1.0
    assert top.explanation == {
        "en": "Nobody is identified as the decision maker (Group 集团, decision layer) in "
        "opportunity acme-cloud: find who holds the role (formal power 1.00).",
        "zh": "商机acme-cloud中的Group 集团、决策层的决策者尚未识别：需找出担任该角色的人"
        "（正式权力1.00）。",
    }
    assert [g.group for g in report.gaps_of("unidentified_role")] == ["slot-dm"]  # FIN filled


def test_the_weight_follows_role_and_layer_weights() -> None:
    approver = RoleSlot(id="s", opportunity_id="acme-cloud", role="approver", layer="management")
    g = build_account_graph(account(approver), "acme")
    assert [x.weight for x in unidentified_role_gaps(g)] == [pytest.approx(0.63)]  # 0.9 x 0.7
    team = unidentified_role_gaps(
        g, role_weights={"approver": 0.5}, layer_weights={"management": 0.8}
    )
    assert [x.weight for x in team] == [pytest.approx(0.4)]
    no_layer = RoleSlot(id="s", opportunity_id="acme-cloud", role="approver")
    g = build_account_graph(account(no_layer), "acme")
    assert [x.weight for x in unidentified_role_gaps(g)] == [pytest.approx(0.36)]  # 0.9 x 0.4


def test_completeness_by_hand() -> None:
    g = build_account_graph(account(DM, FIN), "acme", opportunity_id="acme-cloud")
    (c,) = completeness(g)
    # slots: DM open 1.0, FIN filled by the CFO 0.63; in the chain without a slot: the CEO
    # (decision maker, decision: 1.0) and the CTO (evaluator, management: 0.42)
    assert (c.opportunity_id, c.filled, c.open) == ("acme-cloud", 3, 1)
    assert (c.filled_weight, c.total_weight) == (pytest.approx(2.05), pytest.approx(3.05))
    assert c.value == round(2.05 / 3.05, 4) == 0.6721
    # Filled by Eve (execution layer): the slot still weighs its own role and layer, 1.0.
    filled = DM.model_copy(update={"person_id": "eng1"})
    g = build_account_graph(account(filled, FIN), "acme", opportunity_id="acme-cloud")
    (c,) = completeness(g)
    assert (c.value, c.filled, c.open) == (1.0, 4, 0)
    assert "eng1" in g.graph["decision_chain"] and g.nodes["eng1"]["roles"] == ("decision_maker",)
    assert unidentified_role_gaps(g) == []
    # A team that weighs the decision maker 0.5: (0.5 + 0.42 + 0.63) / (0.5 + 0.5 + ...)
    g = build_account_graph(account(DM, FIN), "acme", opportunity_id="acme-cloud")
    (c,) = completeness(g, role_weights={"decision_maker": 0.5})
    assert c.value == round((0.5 + 0.42 + 0.63) / (0.5 + 0.5 + 0.42 + 0.63), 4)


def test_a_holder_who_left_leaves_the_slot_open() -> None:
    left = Person(id="p-x", account_id="acme", name="X", left_on="2026-06-01")
    slot = DM.model_copy(update={"person_id": "p-x"})
    g = build_account_graph(account(slot, people=[left]), "acme", as_of=date(2026, 7, 1))
    assert [x.group for x in unidentified_role_gaps(g)] == ["slot-dm"]
    before = build_account_graph(account(slot, people=[left]), "acme", as_of=date(2026, 5, 1))
    assert unidentified_role_gaps(before) == []


def test_the_fishbone_puts_an_open_slot_on_its_bone() -> None:
    g = build_account_graph(account(DM, FIN), "acme", opportunity_id="acme-cloud")
    by_dept = fishbone(g)
    bones = {b.group: b for b in by_dept.bones}
    assert [p.person_id for p in bones["Group 集团"].people] == []  # a bone of the slot alone
    (box,) = bones["Group 集团"].slots
    assert (box.slot_id, box.label) == (
        "slot-dm",
        {"en": "decision maker · Group 集团", "zh": "决策者 · Group 集团"},
    )
    # on the bone, one step from its joint (the first place along it)
    bone = bones["Group 集团"]
    along = math.hypot(bone.x2 - bone.x1, bone.y2 - bone.y1)
    ux, uy = (bone.x2 - bone.x1) / along, (bone.y2 - bone.y1) / along
    assert box.x == pytest.approx(bone.x1 + ux * STEP, abs=0.06)
    assert box.y == pytest.approx(bone.y1 + uy * STEP, abs=0.06)
    by_role = {b.group: b for b in fishbone(g, group_by="role").bones}
    # on the decision maker's bone, one step beyond the CEO
    assert [p.person_id for p in by_role["decision_maker"].people] == ["ceo"]
    assert [s.slot_id for s in by_role["decision_maker"].slots] == ["slot-dm"]
    assert all(not b.slots for g_, b in by_role.items() if g_ != "decision_maker")
    assert [c.value for c in by_dept.completeness] == [0.6721]
    assert by_dept.to_dict()["completeness"][0]["open"] == 1


def test_the_what_if_weighs_an_open_slot_with_the_teams_weights() -> None:
    """The what-if's coverage is the team's, slots included: approver 0.5 x management
    0.8 = 0.4 (DESIGN's weights give 0.63)."""
    approver = RoleSlot(id="s", opportunity_id="acme-cloud", role="approver", layer="management")
    g = build_account_graph(account(approver), "acme")
    team = merged_settings(
        METHOD_DEFAULTS,
        parse_setting("role_weights.approver", "0.5")
        | parse_setting("layer_weights.management", "0.8"),
    )
    result = what_if_with(g, team, [SetLevel(person_id="cto", level=2)])
    (gap,) = result.before.gaps_of("unidentified_role")
    assert gap.weight == pytest.approx(0.4)
