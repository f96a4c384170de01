"""A scripted quarter on the demo telecom account (江南移动): 40 interactions over 120
days; as-of reads on four dates give the strengths computed by hand here, and the
quarterly review shows the coverage the interactions gained and lost."""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path

import pytest

from graphcrm.graph import load_account_graph
from graphcrm.io.importer import import_path
from graphcrm.model import Dataset, Interaction
from graphcrm.plans.review import review
from graphcrm.stores import SQLiteStore

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "demo" / "telecom-zh"
ACCOUNT = "jiangnan-mobile"
START = date(2026, 7, 1)  # the demo is loaded; the quarter's interactions follow
READS = [START + timedelta(days=d) for d in (30, 60, 90, 120)]
WEIGHT = {"meeting": 1.5, "call": 1.0, "visit": 1.5, "email": 0.5}
# (type, staff, people) in turn, every third day from day 2: 39 interactions, plus one
# unanswered email to 马国强 on day 1.
TURNS = [
    ("meeting", "st-zh-ar;st-zh-sr", "jn-sunweidong;jn-liuqian"),
    ("call", "st-zh-sr", "jn-chenzhiyuan"),
    ("visit", "st-zh-vp", "jn-chenzhiyuan;jn-zhoujianguo"),
]


def script() -> list[Interaction]:
    found = [
        Interaction(
            id="q-0",
            date=START + timedelta(days=1),
            type="email",
            staff_ids="st-zh-ar",
            person_ids="jn-maguoqiang",
            direction="outbound",
        )
    ]
    for k in range(39):
        kind, staff, people = TURNS[k % 3]
        found.append(
            Interaction(
                id=f"q-{k + 1}",
                date=START + timedelta(days=2 + 3 * k),
                type=kind,
                staff_ids=staff,
                person_ids=people,
            )
        )
    return found


def by_hand(staff: str, person: str, day: date) -> float:
    """The DESIGN formula written out: each interaction of the pair on or before the day
    counts weight x (0.5 if an unanswered mail) x 0.5 ** (days / 90) / sqrt(people)."""
    score = 0.0
    for i in script():
        if staff in i.staff_ids and person in i.person_ids and i.date <= day:
            mail = 0.5 if i.type == "email" and i.direction == "outbound" else 1.0
            days = (day - i.date).days
            score += WEIGHT[i.type] * mail * 0.5 ** (days / 90) / math.sqrt(len(i.person_ids))
    return 1 - math.exp(-score / 2)


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    s = SQLiteStore(tmp_path / "g.db")
    import_path(s, DEMO, on=START)
    s.write(Dataset(interactions=script()), on=READS[-1])
    return s


def strength(store: SQLiteStore, staff: str, person: str, day: date) -> float:
    graph = load_account_graph(store, ACCOUNT, as_of=day)
    return float(graph.edges[staff, person, "contact"]["strength"])


def test_as_of_reads_give_the_strengths_computed_by_hand(store: SQLiteStore) -> None:
    assert len(script()) == 40 and script()[-1].date == START + timedelta(days=116)
    # One unanswered email on day 1 alone: 0.25 * 0.5 ** ((d - 1) / 90), d = 30, 60, 90, 120.
    assert [round(strength(store, "st-zh-ar", "jn-maguoqiang", d), 5) for d in READS] == [
        0.09514,
        0.07629,
        0.06104,
        0.04876,
    ]
    for day in READS:
        for staff, person in [
            ("st-zh-ar", "jn-sunweidong"),
            ("st-zh-sr", "jn-liuqian"),
            ("st-zh-sr", "jn-chenzhiyuan"),
            ("st-zh-vp", "jn-zhoujianguo"),
        ]:
            assert strength(store, staff, person, day) == pytest.approx(by_hand(staff, person, day))
    # Before the quarter the recorded strengths hold.
    assert strength(store, "st-zh-ar", "jn-maguoqiang", START) == 0.5
    store.close()


def test_the_quarterly_review_shows_coverage_gained_and_lost(store: SQLiteStore) -> None:
    before = load_account_graph(store, ACCOUNT, as_of=START)
    after = load_account_graph(store, ACCOUNT, as_of=READS[-1])
    result = review(before, after, from_date=START, to_date=READS[-1])
    gained = {c.person_id: c for c in result.coverage_gained}
    lost = {c.person_id: c for c in result.coverage_lost}
    # 陈志远, the decision maker nobody covered, is covered by the calls and visits.
    assert gained["jn-chenzhiyuan"].coverage_from == 0
    assert gained["jn-chenzhiyuan"].staff_added == ["st-zh-sr", "st-zh-vp"]
    # 马国强's recorded 0.5 gives way to one unanswered email, 120 days old.
    assert lost["jn-maguoqiang"].coverage_from == 0.5
    assert lost["jn-maguoqiang"].coverage_to == pytest.approx(
        by_hand("st-zh-ar", "jn-maguoqiang", READS[-1])
    )
    store.close()
