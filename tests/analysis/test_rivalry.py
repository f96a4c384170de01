"""Rivalry (对立): opposes ties rule out relays between rivals, count in no rule, and next
targets say why a stronger path was skipped (DESIGN.md "conflict ties")."""

from __future__ import annotations

import networkx as nx
import pytest

from graphcrm.analysis import importance, next_targets, warm_paths
from graphcrm.analysis.paths import path_arcs
from graphcrm.analysis.what_if import AddOpposes, RemoveOpposes, what_if
from graphcrm.errors import NotFoundError
from tests.analysis.test_paths import person, staff, tie


def rivals_case() -> nx.MultiDiGraph:
    """Six people. Strongest way to t: s -0.9-> r -0.9- t (0.81), but r opposes t.
    Next: s -0.9-> a -0.6- t (0.54). b, c, d know each other; d knows a."""
    g = nx.MultiDiGraph(account={"id": "x", "name": "X"}, as_of=None)
    staff(g, "s")
    for pid, level in (("t", 0), ("r", 2), ("a", 2), ("b", 1), ("c", 0), ("d", 1)):
        person(g, pid, level)
    tie(g, "contact", "s", "r", 0.9)
    tie(g, "contact", "s", "a", 0.9)
    tie(g, "knows", "r", "t", 0.9)
    tie(g, "knows", "a", "t", 0.6)
    tie(g, "knows", "b", "c", 0.5)
    tie(g, "knows", "c", "d", 0.5)
    tie(g, "knows", "d", "a", 0.5)
    tie(g, "opposes", "t", "r", 0.8)  # recorded t -> r: symmetric all the same
    return g


def test_a_warm_path_never_relays_between_rivals() -> None:
    g = rivals_case()
    # Through r (0.81) is gone; a's direct tie (0.54) is the only path (b, c, d are no
    # way to t but through a).
    found = [(p.staff_id, p.people, p.strength) for p in warm_paths(g, "t", k=5)]
    assert found == [("s", ("a", "t"), pytest.approx(0.54))]
    assert not path_arcs(g).has_edge("r", "t")
    assert path_arcs(g, ignore_rivalry=True).has_edge("r", "t")


def test_the_next_target_takes_the_next_path_and_says_why() -> None:
    (target,) = next_targets(rivals_case(), key=["t"])
    assert target.best_path is not None
    assert (target.best_path.staff_id, target.best_path.people) == ("s", ("a", "t"))
    assert target.path_strength == pytest.approx(0.54)
    assert target.score == pytest.approx(target.composite * 2 * 0.54)  # level 0 -> 2
    assert target.note is not None
    assert "R and T oppose each other" in target.note["en"]
    assert "0.810" in target.note["en"] and "0.540" in target.note["en"]
    assert "R与T相互对立" in target.note["zh"]


def test_with_no_other_path_the_note_says_so() -> None:
    g = rivals_case()
    g.remove_edge("a", "t", key="knows")
    (target,) = next_targets(g, key=["t"])
    assert target.best_path is None
    assert target.note is not None
    assert "No other warm path reaches T" in target.note["en"]


def test_opposes_counts_in_none_of_the_three_rules() -> None:
    g = rivals_case()
    plain = {p.person_id: p for p in importance(g)}
    g.remove_edge("t", "r", key="opposes")
    without = {p.person_id: p for p in importance(g)}
    assert plain == without


def test_the_what_if_adds_and_removes_a_rivalry() -> None:
    g = rivals_case()
    g.remove_edge("t", "r", key="opposes")  # no rivalry yet: the way in is through r (0.81)
    added = what_if(g, [AddOpposes("r", "t", 0.8)], key=["t"], today="2026-01-01")
    assert added.delta == 0.0 and added.closed == () and added.opened == ()
    (change,) = added.paths_changed
    assert change["person_id"] == "t"
    assert change["strength_before"] == pytest.approx(0.81)
    assert change["strength_after"] == pytest.approx(0.54)
    assert "opposes" not in {d.get("type") for _, _, d in g.edges(data=True)}  # g unchanged

    removed = what_if(rivals_case(), [RemoveOpposes("r", "t")], key=["t"], today="2026-01-01")
    assert [c["strength_after"] for c in removed.paths_changed] == [pytest.approx(0.81)]


def test_a_bad_rivalry_change_is_refused() -> None:
    g = rivals_case()
    with pytest.raises(ValueError, match="cannot oppose themselves"):
        what_if(g, [AddOpposes("r", "r")], key=["t"])
    with pytest.raises(NotFoundError, match="no person 's'"):
        what_if(g, [AddOpposes("r", "s")], key=["t"])  # s is our staff
    with pytest.raises(NotFoundError, match="no opposes tie"):
        what_if(g, [RemoveOpposes("a", "t")], key=["t"])
