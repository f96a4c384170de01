"""Importance once per graph (issue 17): the analyses of one account share its ranking.

The page's five analyses and a what-if of one graph compute the team's ranking once,
and answer exactly what each computes with a ranking of its own; a write (a new write
version) computes it again; an importance with another horizon is its own.
"""

from __future__ import annotations

from typing import Any

import pytest

import api.analyses
from api.analyses import analysis_json
from graphcrm.graph import build_account_graph
from graphcrm.method import MethodSettings
from graphcrm.method.runs import (
    Ranked,
    coverage_with,
    fishbone_with,
    importance_with,
    key_people_with,
    next_targets_with,
    ranked_with,
)
from graphcrm.model import Attitude, Dataset
from tests.api.conftest import ApiEnv

ROUTES = ("importance", "key-people", "coverage", "next-targets", "fishbone")


def own_ranking(env: ApiEnv) -> dict[str, Any]:
    """Each analysis computed on its own (each ranking importance itself), as JSON."""
    graph = build_account_graph(env.team("a").account_data("acme"), "acme")
    s = MethodSettings()
    return {
        "importance": [p.to_dict() for p in importance_with(graph, s)],
        "key-people": [p.to_dict() for p in key_people_with(graph, s)],
        "coverage": coverage_with(graph, s).to_dict(),
        "next-targets": [t.to_dict() for t in next_targets_with(graph, s)],
        "fishbone": fishbone_with(graph, s).to_dict(),
    }


def test_one_ranking_per_graph_and_version(env: ApiEnv, monkeypatch: pytest.MonkeyPatch) -> None:
    computed: list[int] = []

    def counted(graph: Any, s: MethodSettings) -> Ranked:
        computed.append(1)
        return ranked_with(graph, s)

    monkeypatch.setattr(api.analyses, "ranked_with", counted)
    answers = {r: env.get("a", f"/accounts/acme/{r}") for r in ROUTES}
    assert all(a.headers["x-cache"] == "miss" for a in answers.values())
    body = {"changes": [{"type": "set_level", "person_id": "ceo", "level": 3}]}
    assert env.post("a", "/accounts/acme/what-if", json=body).status_code == 200
    assert len(computed) == 1
    expected = own_ranking(env)
    for route, answer in answers.items():
        assert answer.content == analysis_json(expected[route]), route

    other = env.get("a", "/accounts/acme/importance?horizon=1")
    assert other.status_code == 200 and len(computed) == 1  # not the team's horizon

    env.team("a").write(Dataset(attitudes=[Attitude(person_id="ceo", level=3)]))
    after = env.get("a", "/accounts/acme/coverage")
    assert after.headers["x-cache"] == "miss" and len(computed) == 2
    assert after.content == analysis_json(own_ranking(env)["coverage"])
    assert after.content != answers["coverage"].content  # the write shows
