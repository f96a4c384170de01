"""The demo accounts tell their stories (fixtures/README.md, "The demo stories").

Each demo account is imported into a fresh SQLite store and read as of
2026-11-01, the day the README says to read them on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from graphcrm.analysis.coverage import coverage
from graphcrm.analysis.paths import warm_paths
from graphcrm.analysis.targets import next_targets
from graphcrm.graph import load_account_graph
from graphcrm.io.importer import import_path
from graphcrm.stores.sqlite import SQLiteStore

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "demo"
DAY = date(2026, 11, 1)


@dataclass(frozen=True)
class Story:
    folder: str
    account_id: str
    ar: str
    coach: str
    blocker: str
    blocker_rival: str
    hidden_expert: str
    executive: str
    path_strength: float


STORIES = [
    Story(
        folder="telecom-zh",
        account_id="jiangnan-mobile",
        ar="st-zh-ar",
        coach="jn-sunweidong",
        blocker="jn-wuhaitao",
        blocker_rival="comp-zh-dingxin",
        hidden_expert="jn-huangzhicheng",
        executive="jn-chenzhiyuan",
        path_strength=0.85 * 0.9,
    ),
    Story(
        folder="manufacturing-en",
        account_id="northwind-industrial",
        ar="st-en-ar",
        coach="nw-rkim",
        blocker="nw-vstone",
        blocker_rival="comp-en-helix",
        hidden_expert="nw-praman",
        executive="nw-mhale",
        path_strength=0.9 * 0.9,
    ),
]


@pytest.fixture(params=STORIES, ids=[s.folder for s in STORIES])
def story(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[Story, nx.MultiDiGraph]]:
    s: Story = request.param
    store = SQLiteStore(tmp_path / "g.db")
    try:
        import_path(store, FIXTURES / s.folder, on=DAY)
        yield s, load_account_graph(store, s.account_id, as_of=DAY)
    finally:
        store.close()


def test_the_uncovered_executive_has_an_uncovered_gap(
    story: tuple[Story, nx.MultiDiGraph],
) -> None:
    s, g = story
    report = coverage(g)
    assert s.executive in report.key_people
    assert report.person(s.executive).coverage == 0.0
    gaps = {(gap.code, gap.person_id) for gap in report.gaps}
    assert ("uncovered", s.executive) in gaps


def test_the_coach_is_on_the_best_warm_path_to_the_executive(
    story: tuple[Story, nx.MultiDiGraph],
) -> None:
    s, g = story
    assert g.nodes[s.coach]["level"] == 3
    best = warm_paths(g, s.executive)[0]
    assert (best.staff_id, best.people) == (s.ar, (s.coach, s.executive))
    assert best.strength == pytest.approx(s.path_strength)
    assert s.coach in best.relays


def test_the_blocker_is_unfavourable_and_competitor_held(
    story: tuple[Story, nx.MultiDiGraph],
) -> None:
    s, g = story
    report = coverage(g)
    assert s.blocker in report.key_people
    gaps = {(gap.code, gap.person_id): gap for gap in report.gaps}
    assert gaps[("unfavourable", s.blocker)].details["level"] == -1
    held = gaps[("competitor_held", s.blocker)]
    assert (held.details["competitor_id"], held.details["competitor_level"]) == (
        s.blocker_rival,
        3,
    )


def test_next_targets_start_with_the_hidden_expert_then_the_executive(
    story: tuple[Story, nx.MultiDiGraph],
) -> None:
    s, g = story
    targets = next_targets(g)
    assert [t.person_id for t in targets[:2]] == [s.hidden_expert, s.executive]
    executive = targets[1]
    assert executive.best_path is not None and s.coach in executive.best_path.relays
