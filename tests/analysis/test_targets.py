"""Next targets on a reporting tree: score parts, order, best path and owner by hand."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from graphcrm.analysis.targets import next_targets
from graphcrm.errors import NotFoundError
from graphcrm.graph import build_account_graph
from tests.analysis.helpers import ranking
from tests.sample import small_account


def tree() -> nx.MultiDiGraph:
    """m1, m2 -> vp1 -> ceo <- vp2 <- m3 (reports_to); ar covers m1, sr m3, ex vp2;
    x and y are people nobody can reach."""
    g = nx.MultiDiGraph()
    for sid in ("ar", "sr", "ex"):
        g.add_node(sid, kind="staff", name=sid.upper())
    levels = {"ceo": 0, "vp1": 1, "vp2": 1, "m1": 2, "m2": 1, "m3": 1, "x": -1, "y": 1}
    for pid, level in levels.items():
        g.add_node(pid, kind="person", name=pid.upper(), level=level, plan=None)
    g.nodes["ceo"]["plan"] = {"person_id": "ceo", "target_level": 2, "owner_staff_id": "sr"}
    for u, v, s in (
        ("vp1", "ceo", 0.7),
        ("vp2", "ceo", 0.9),
        ("m1", "vp1", 0.8),
        ("m2", "vp1", 1.0),
        ("m3", "vp2", 0.5),
    ):
        g.add_edge(u, v, key="reports_to", type="reports_to", strength=s)
    for u, v, s in (("ar", "m1", 0.9), ("sr", "m3", 0.6), ("ex", "vp2", 0.3)):
        g.add_edge(u, v, key="contact", type="contact", strength=s)
    return g


RANKING = ranking(ceo=1.0, y=0.9, vp1=0.6, vp2=0.5, x=0.4, m1=0.3, m3=0.2, m2=0.1)
KEY = ["ceo", "vp1", "vp2", "m1", "m3", "x", "y"]


def rows(targets: list) -> list[tuple]:
    return [
        (t.rank, t.person_id, round(t.score, 12), t.level_gap, round(t.path_strength, 12))
        for t in targets
    ]


def test_ranked_by_importance_times_gap_times_path_strength() -> None:
    targets = next_targets(tree(), ranking=RANKING, key=KEY)
    assert rows(targets) == [
        (1, "ceo", 1.008, 2, 0.504),  # 1.0 x 2 x (0.9 x 0.8 x 0.7)
        (2, "vp1", 0.432, 1, 0.72),  # 0.6 x 1 x (0.9 x 0.8)
        (3, "vp2", 0.15, 1, 0.3),  # 0.5 x 1 x 0.3 (ex direct; sr via m3 is as strong)
        (4, "m3", 0.12, 1, 0.6),  # 0.2 x 1 x 0.6
        (5, "x", 0.0, 3, 0.0),  # no path: after everyone with one, 0.4 x 3 = 1.2 first
        (6, "y", 0.0, 1, 0.0),  # 0.9 x 1 = 0.9
    ]  # m1 is already at 2; m2 is not key


def test_owner_from_the_plan_else_the_start_of_the_best_path() -> None:
    by_id = {t.person_id: t for t in next_targets(tree(), ranking=RANKING, key=KEY)}
    ceo, vp2, x = by_id["ceo"], by_id["vp2"], by_id["x"]
    assert (ceo.owner_staff_id, ceo.owner_name, ceo.owner_source) == ("sr", "SR", "plan")
    assert ceo.best_path is not None and ceo.best_path.staff_id == "ar"
    assert ceo.best_path.people == ("m1", "vp1", "ceo")
    assert (vp2.owner_staff_id, vp2.owner_source) == ("ex", "path")  # fewer hops wins the tie
    assert (x.best_path, x.owner_staff_id, x.owner_source) == (None, None, None)
    assert x.note is not None and "X" in x.note["en"] and "X" in x.note["zh"]
    assert ceo.note is None


def test_a_plan_owner_who_is_not_our_staff_is_ignored() -> None:
    g = tree()
    g.nodes["ceo"]["plan"] = {"target_level": 2, "owner_staff_id": "gone"}
    ceo = next_targets(g, ranking=RANKING, key=["ceo"])[0]
    assert (ceo.owner_staff_id, ceo.owner_source) == ("ar", "path")


def test_the_plan_sets_the_target_level() -> None:
    g = tree()
    g.nodes["m1"]["plan"] = {"target_level": 3, "owner_staff_id": None}
    targets = next_targets(g, ranking=RANKING, key=KEY)
    m1 = next(t for t in targets if t.person_id == "m1")
    assert (m1.target_level, m1.target_source, m1.level_gap) == (3, "plan", 1)
    assert m1.score == pytest.approx(0.3 * 1 * 0.9)
    assert [t.person_id for t in targets][:3] == ["ceo", "vp1", "m1"]
    assert "m1" not in {
        t.person_id for t in next_targets(g, ranking=RANKING, key=KEY, plan_targets=False)
    }


def test_target_and_relay_levels() -> None:
    g = tree()
    targets = next_targets(g, ranking=RANKING, key=KEY, target_level=3, plan_targets=False)
    assert {t.person_id for t in targets} == set(KEY)  # m1 at 2 is now below target too
    assert all(t.target_source == "default" for t in targets)
    ceo = next(t for t in targets if t.person_id == "ceo")
    assert ceo.level_gap == 3
    strict = next_targets(g, ranking=RANKING, key=["ceo"], min_level=2)
    assert strict[0].best_path is None  # vp1 and vp2 (level 1) no longer relay
    assert strict[0].score == 0.0


def test_errors() -> None:
    with pytest.raises(ValueError, match="target_level"):
        next_targets(tree(), ranking=RANKING, key=KEY, target_level=4)
    with pytest.raises(NotFoundError, match="'ghost'"):
        next_targets(tree(), ranking=RANKING, key=["ghost"])


def test_to_dict() -> None:
    d = next_targets(tree(), ranking=RANKING, key=KEY)[0].to_dict()
    assert d["parts"] == {
        "composite": 1.0,
        "level": 0,
        "target_level": 2,
        "target_source": "plan",
        "level_gap": 2,
        "path_strength": pytest.approx(0.504),
    }
    assert d["owner"] == {"staff_id": "sr", "name": "SR", "source": "plan"}
    assert [p["person_id"] for p in d["best_path"]["people"]] == ["m1", "vp1", "ceo"]
    json.dumps(d)


def test_defaults_on_the_sample_account() -> None:
    """The CEO (neutral, the rival's) is worth the most; our VP owns the plan for them."""
    g = build_account_graph(small_account(), "acme")
    targets = next_targets(g)
    assert [t.person_id for t in targets] == ["ceo", "cfo"]  # the CTO is already our coach
    ceo = targets[0]
    assert ceo.best_path is not None and ceo.best_path.people == ("cto", "ceo")
    assert (ceo.owner_staff_id, ceo.owner_source) == ("s-exec", "plan")
    assert ceo.score == pytest.approx(ceo.composite * 2 * 0.8)
