"""A team's method settings: validation naming the key, dated history, and each setting
changing an analysis as computed by hand on a small graph (DESIGN.md "Method settings")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from graphcrm.access import AccessStore
from graphcrm.analysis import coverage, importance, next_targets, warm_paths
from graphcrm.errors import ValidationFailed
from graphcrm.method import METHOD_DEFAULTS, merged_settings
from graphcrm.method.runs import (
    coverage_with,
    full_analysis_with,
    importance_with,
    next_targets_with,
    warm_paths_with,
)
from graphcrm.method.settings import parse_setting
from tests.analysis.test_paths import chain


def _star() -> nx.MultiDiGraph:
    """c knows a and b; a is an approver in the decision layer."""
    g = nx.MultiDiGraph(account={"id": "x", "name": "X"}, as_of=None)
    g.add_node("c", kind="person", name="C", level=0)
    g.add_node("a", kind="person", name="A", level=0, roles=["approver"], layer="decision")
    g.add_node("b", kind="person", name="B", level=0)
    g.add_edge("c", "a", key="knows", type="knows", strength=1.0, directed=False)
    g.add_edge("c", "b", key="knows", type="knows", strength=1.0, directed=False)
    return g


def _errors(changes: dict[str, object]) -> list[str]:
    with pytest.raises(ValidationFailed) as caught:
        merged_settings(METHOD_DEFAULTS, changes)
    return sorted(str(e.column) for e in caught.value.errors)


def test_out_of_range_values_name_their_key() -> None:
    assert _errors({"rule_weights": {"known_by_many": -1}}) == ["rule_weights.known_by_many"]
    zero = {"decision": 0, "management": 0, "execution": 0}
    assert _errors({"layer_weights": zero}) == ["layer_weights"]
    assert _errors({"half_life_days": 0}) == ["half_life_days"]
    assert _errors({"relay_level": 4}) == ["relay_level"]
    assert _errors({"colour": "red"}) == ["colour"]
    assert _errors({"role_weights": {"boss": 1.0}}) == ["role_weights.boss"]
    assert _errors({"tier_shares": {"strategic": 0.5}}) == ["tier_shares"]
    assert _errors({"cadence_days": {"value": 0}}) == ["cadence_days.value"]


def test_a_group_changes_member_by_member() -> None:
    s = merged_settings(METHOD_DEFAULTS, parse_setting("role_weights.approver", "0.5"))
    assert s.role_weights.approver == 0.5
    assert s.role_weights.decision_maker == 1.0
    assert merged_settings(METHOD_DEFAULTS, parse_setting("horizon", "null")).horizon is None


def test_defaults_give_the_analyses_own_defaults() -> None:
    g = chain()
    assert importance_with(_star(), METHOD_DEFAULTS) == importance(_star())
    assert coverage_with(g, METHOD_DEFAULTS) == coverage(g)
    assert next_targets_with(g, METHOD_DEFAULTS) == next_targets(g)
    assert warm_paths_with(g, METHOD_DEFAULTS, "t") == warm_paths(g, "t")


def test_rule_weights_change_composite_importance() -> None:
    # Rule 1 only: c is known by 2 (1.0), a and b by 1 (0.5); composite is rule 1.
    s = merged_settings(
        METHOD_DEFAULTS,
        {"rule_weights": {"known_by_many": 1, "depended_on_by_many": 0, "important_neighbours": 0}},
    )
    composite = {p.person_id: p.composite for p in importance_with(_star(), s)}
    assert composite == pytest.approx({"c": 1.0, "a": 0.5, "b": 0.5})
    # Rule 2 only: no one depends on anyone, so every composite is 0.
    s2 = merged_settings(
        METHOD_DEFAULTS,
        {"rule_weights": {"known_by_many": 0, "depended_on_by_many": 1, "important_neighbours": 0}},
    )
    assert {p.composite for p in importance_with(_star(), s2)} == {0.0}


def test_a_role_weight_changes_formal_power() -> None:
    by_id = {p.person_id: p for p in importance_with(_star(), METHOD_DEFAULTS)}
    assert by_id["a"].formal_power == pytest.approx(0.9)  # approver 0.9 x decision 1.0
    s = merged_settings(METHOD_DEFAULTS, {"role_weights": {"approver": 0.4}})
    by_id = {p.person_id: p for p in importance_with(_star(), s)}
    assert by_id["a"].formal_power == pytest.approx(0.4)
    assert by_id["a"].quadrant in {"peripheral", "hidden_influencer"}  # formal no longer high


def test_the_relay_level_decides_who_relays() -> None:
    # s -0.9-> p1 (level 1) -0.8- p2 (2) -0.5- p3 (3) -1.0- t: one path of 0.36.
    paths = warm_paths_with(chain(), METHOD_DEFAULTS, "t")
    assert [p.strength for p in paths] == pytest.approx([0.36])
    strict = merged_settings(METHOD_DEFAULTS, {"relay_level": 2})  # p1 at 1 no longer relays
    assert warm_paths_with(chain(), strict, "t") == []


def _stale_graph() -> nx.MultiDiGraph:
    """A value account; our s last met p 45 days before 2026-03-01."""
    g = nx.MultiDiGraph(account={"id": "x", "name": "X", "tier": "value"}, as_of=None)
    g.add_node("s", kind="staff", name="S", seniority=5)
    g.add_node("p", kind="person", name="P", layer="decision", level=2)
    g.add_edge("s", "p", key="contact", type="contact", strength=0.9, last_contact="2026-01-15")
    return g


def test_a_cadence_decides_what_is_stale() -> None:
    today = date(2026, 3, 1)
    plain = full_analysis_with(_stale_graph(), METHOD_DEFAULTS, today=today)
    assert "stale" not in [g["code"] for g in plain["coverage"]["gaps"]]  # 45 days within 60
    monthly = merged_settings(METHOD_DEFAULTS, {"cadence_days": {"value": 30}})
    opts = full_analysis_with(_stale_graph(), monthly, today=today)
    stale = [g for g in opts["coverage"]["gaps"] if g["code"] == "stale"]
    assert [(g["person_id"], g["details"]["cadence_days"]) for g in stale] == [("p", 30)]


def test_history_as_of_a_date_uses_the_settings_of_that_date(tmp_path: Path) -> None:
    with AccessStore(tmp_path / "access.db") as access:
        team = access.create_team("east").id
        log = access.method_settings
        assert log.in_force(team, date(2026, 1, 1)).version == 0
        log.change(team, {"relay_level": 2}, by="ann", valid_from=date(2026, 2, 1))
        log.change(team, {"target_level": 3}, by="ann", valid_from=date(2026, 3, 1))
        before = log.in_force(team, date(2026, 1, 31))
        assert (before.version, before.settings.relay_level) == (0, 1)
        feb = log.in_force(team, date(2026, 2, 15))
        assert (feb.version, feb.settings.relay_level, feb.settings.target_level) == (1, 2, 2)
        march = log.in_force(team, date(2026, 3, 1))
        assert (march.version, march.settings.relay_level, march.settings.target_level) == (2, 2, 3)
        with pytest.raises(ValidationFailed):
            log.change(team, {"high": 2}, by="ann")
        assert [v.version for v in log.history(team)] == [1, 2]  # nothing written
        other = access.create_team("west").id
        assert log.in_force(other, date(2026, 3, 1)).version == 0  # per team
