"""A scripted quarter on the demo account jiangnan-mobile, on every store.

Week 0 (2026-11-02, after every reading in the demo files) the account is
loaded without its plans, and the three best next targets are planned in one
call. Over twelve weeks the script records contacts, assessments and actions,
all dated; the review between week 0 and week 12 must report exactly that.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from graphcrm.analysis import coverage, next_targets
from graphcrm.graph import load_account_graph
from graphcrm.io import load_path
from graphcrm.model import Action, ActionStatus, Attitude, Contact, Dataset, Plan
from graphcrm.plans import plans_from_targets, progress, review
from graphcrm.stores import GraphStore

ACCOUNT = "jiangnan-mobile"
DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "demo" / "telecom-zh"
W0 = date(2026, 11, 2)
HUANG, CHEN, WU = "jn-huangzhicheng", "jn-chenzhiyuan", "jn-wuhaitao"
AR, SR = "st-zh-ar", "st-zh-sr"
DIMS = ("recognition", "participation", "information", "guidance", "project_support")


def week(n: int) -> date:
    return W0 + timedelta(weeks=n)


def assessment(person: str, score: int, on: date) -> Attitude:
    """Six dimensions all at ``score``: the level is ``score`` (floor of the mean, no cap)."""
    dims = dict.fromkeys(DIMS, score)
    return Attitude(person_id=person, level=score, as_of=on, competitive_preference=score, **dims)


def write(store: GraphStore, on: date, **tables: list[object]) -> None:
    store.write(Dataset(**tables), on=on)  # type: ignore[arg-type]


def script_the_quarter(store: GraphStore) -> dict[str, str]:
    """Run the quarter; returns the first action of each target by person."""
    data = load_path(DEMO).dataset
    data.plans, data.actions = [], []
    store.write(data, on=W0)
    graph = load_account_graph(store, ACCOUNT, as_of=W0)
    draft = plans_from_targets(graph, next_targets(graph), count=3, start=W0)
    write(store, W0, plans=draft.plans, actions=draft.actions)
    first = {a.person_id: a for a in draft.actions}

    # Week 1: our account manager meets 陈志远 for the first time.
    write(store, week(1), contacts=[Contact(staff_id=AR, person_id=CHEN, strength=0.5,
                                            last_contact=week(1))])  # fmt: skip
    # Week 2: 孙卫东 introduced us to 黄志诚: that action is done, a second contact starts.
    done = first[HUANG].model_copy(
        update={"status": ActionStatus.DONE, "outcome": "lunch with 孙卫东"}
    )
    write(store, week(2), actions=[done], contacts=[
        Contact(staff_id=AR, person_id=HUANG, strength=0.6, last_contact=week(2))])  # fmt: skip
    # Week 4: 黄志诚 assessed at 1 (supports).
    write(store, week(4), attitudes=[assessment(HUANG, 1, week(4))])
    # Week 6: 陈志远 assessed at 2; his introduction is done; his plan gets his needs.
    plan = next(p for p in draft.plans if p.person_id == CHEN)
    write(
        store,
        week(6),
        attitudes=[assessment(CHEN, 2, week(6))],
        actions=[first[CHEN].model_copy(update={"status": ActionStatus.DONE})],
        plans=[plan.model_copy(update={"needs": "核心网云化平滑演进"})],
    )
    # Week 8: 黄志诚 assessed at 2 (supports and excludes competitors): his target is met.
    write(store, week(8), attitudes=[assessment(HUANG, 2, week(8))])
    # Week 10: fresh visits to both.
    write(store, week(10), contacts=[
        Contact(staff_id=AR, person_id=CHEN, strength=0.5, last_contact=week(10)),
        Contact(staff_id=AR, person_id=HUANG, strength=0.6, last_contact=week(10)),
    ])  # fmt: skip
    # 吴海涛's introduction (due week 2) is never done.
    return {p: a.id for p, a in first.items()}


@pytest.fixture
def quarter(store: GraphStore) -> tuple[GraphStore, dict[str, str]]:
    return store, script_the_quarter(store)


def test_the_three_targets_planned(quarter: tuple[GraphStore, dict[str, str]]) -> None:
    store, _ = quarter
    plans = store.account_data(ACCOUNT, as_of=W0).plans
    assert sorted((p.person_id, p.target_level, p.owner_staff_id) for p in plans) == [
        (CHEN, 2, AR),  # the best path starts at 林晓峰 (via 孙卫东)
        (HUANG, 2, AR),  # via 孙卫东 and 罗毅
        (WU, 2, SR),  # via 杨帆
    ]
    assert {(p.start_date, p.target_date) for p in plans} == {(W0, date(2027, 2, 1))}


def test_review_reports_what_was_scripted(quarter: tuple[GraphStore, dict[str, str]]) -> None:
    store, first = quarter
    before = load_account_graph(store, ACCOUNT, as_of=W0)
    after = load_account_graph(store, ACCOUNT, as_of=week(12))
    r = review(before, after, from_date=W0, to_date=week(12))

    assert [(c.person_id, c.level_from, c.level_to, c.direction) for c in r.level_changes] == [
        (CHEN, 0, 2, "up"),
        (HUANG, 0, 2, "up"),
    ]
    assert r.moved_up == [CHEN, HUANG] and r.moved_down == []
    assert r.level_changes[1].assessment_to == {**dict.fromkeys(DIMS, 2),
                                                "competitive_preference": 2}  # fmt: skip

    gained = {c.person_id: c for c in r.coverage_gained}
    assert sorted(gained) == [CHEN, HUANG] and r.coverage_lost == []
    assert gained[CHEN].coverage_from == 0 and gained[CHEN].coverage_to == pytest.approx(0.5)
    # 黄志诚: 0.4 from 王浩然, then noisy-OR with 0.6: 1 - 0.6 x 0.4 = 0.76.
    assert gained[HUANG].coverage_from == pytest.approx(0.4)
    assert gained[HUANG].coverage_to == pytest.approx(0.76)
    assert gained[HUANG].staff_added == [AR] and gained[HUANG].staff_removed == []

    closed = {(g.code, g.person_id, g.group) for g in r.gaps_closed}
    opened = {(g.code, g.person_id, g.group) for g in r.gaps_opened}
    ours = {CHEN, HUANG, WU}
    assert {g for g in closed if g[1] in ours} == {
        ("uncovered", CHEN, None),
        ("unfavourable", CHEN, None),
        ("unfavourable", HUANG, None),
        ("single_threaded", HUANG, None),  # now two of us cover him
        ("stale", HUANG, None),  # visited in week 10; was last seen 2026-07-10
    }
    assert {g for g in opened if g[1] in ours} == {
        ("single_threaded", CHEN, None),  # covered now, but by one of us only
        ("peer_mismatch", CHEN, None),  # a vice-president covered by an account manager
    }
    # Everything else that opened is time passing: contacts from October gone stale by January.
    assert {g[0] for g in opened if g[1] not in ours} == {"stale"}

    # Health from the analytics on each date; only the two targets' quality changed, so the
    # change is 100 x (w_huang x dq_huang + w_chen x dq_chen) / sum of the key weights.
    cov0 = coverage(before, today=W0)
    cov12 = coverage(after, today=week(12))
    assert r.health_from == pytest.approx(cov0.health)
    assert r.health_to == pytest.approx(cov12.health)
    weights = {p.person_id: p.weight for p in cov0.people if p.key}
    dq_huang = 3 / 4 * 0.76 - 1 / 4 * 0.4  # level 0 -> 2, coverage 0.4 -> 0.76
    dq_chen = 3 / 4 * 0.5 - 0.0  # level 0 -> 2, coverage 0 -> 0.5
    expected = 100 * (weights[HUANG] * dq_huang + weights[CHEN] * dq_chen) / sum(weights.values())
    assert r.health_change == pytest.approx(expected)
    assert r.health_change > 0

    assert sorted(a.id for a in r.actions_done) == sorted([first[HUANG], first[CHEN]])
    assert [a.outcome for a in r.actions_done if a.person_id == HUANG] == ["lunch with 孙卫东"]
    assert [(a.id, a.due, a.days_overdue) for a in r.actions_overdue] == [(first[WU], week(2), 70)]
    assert sorted(t.person_id for t in r.targets_met) == [CHEN, HUANG]
    assert r.targets_missed == []  # the target date, 2027-02-01, is after week 12


def test_progress_flags_the_overdue_action(quarter: tuple[GraphStore, dict[str, str]]) -> None:
    store, first = quarter
    report = progress(load_account_graph(store, ACCOUNT, as_of=week(12)), today=week(12))
    by_person = {t.person_id: t for t in report.targets}
    assert {p: t.status for p, t in by_person.items()} == {
        CHEN: "met",
        HUANG: "met",
        WU: "off_track",
    }
    wu = by_person[WU]
    # Pace: from -1 to 2 over 91 days, 84 gone: floor(-1 + 3 x 84/91) = 1; he is still at -1.
    assert [r.code for r in wu.reasons] == ["overdue_actions", "behind_pace"]
    assert (wu.start_level, wu.level, wu.expected_level, wu.days_left) == (-1, -1, 1, 7)
    assert [a.id for a in wu.overdue_actions] == [first[WU]]
    assert report.overdue_actions == 1


def test_history_as_of_week_6(quarter: tuple[GraphStore, dict[str, str]]) -> None:
    store, _ = quarter
    at6 = store.account_data(ACCOUNT, as_of=week(6))
    at5 = store.account_data(ACCOUNT, as_of=week(5))
    needs = {p.person_id: p.needs for p in at6.plans}
    assert needs[CHEN] == "核心网云化平滑演进"
    assert {p.person_id: p.needs for p in at5.plans}[CHEN] is None
    g6 = load_account_graph(store, ACCOUNT, as_of=week(6))
    g5 = load_account_graph(store, ACCOUNT, as_of=week(5))
    assert (g6.nodes[HUANG]["level"], g6.nodes[CHEN]["level"]) == (1, 2)
    assert (g5.nodes[HUANG]["level"], g5.nodes[CHEN]["level"]) == (1, 0)
    assert g6.nodes[CHEN]["plan"]["needs"] == "核心网云化平滑演进"
    # The edit is a new version: the old plan is kept in history.
    versions = store.history("plans", (CHEN,))
    assert [(v.valid_from, v.valid_to, v.record.needs) for v in versions] == [  # type: ignore[attr-defined]
        (W0, week(6), None),
        (week(6), None, "核心网云化平滑演进"),
    ]
    assert isinstance(versions[1].record, Plan)
    assert all(isinstance(a, Action) for a in at6.actions)
