"""The org chart's layout by hand (viz/org_chart.py, issue 12 items 1 and 5): names 30
units high (Latin 0.56 em), a node's name 20 units under it, teams 20 units apart, a list
10 units between teams; the layout that fits a 1.6 : 1 canvas at the larger scale wins."""

from __future__ import annotations

import networkx as nx
import pytest

from viz.account import AccountView
from viz.org_chart import org_chart_layout


def _view(reports: dict[str, str]) -> AccountView:
    graph = nx.MultiDiGraph()
    graph.add_node("boss", kind="person", name="Boss")
    for person, boss in reports.items():
        graph.add_node(person, kind="person", name=person)
        graph.add_edge(person, boss, type="reports_to")
    ranked = [{"person_id": p} for p in ["boss", *reports]]
    return AccountView(graph, ranked, [], {}, [], {})


def _layout(view: AccountView, labels: dict[str, str]) -> dict[str, object]:
    nodes = {p: {"label": labels.get(p, p), "size": 20} for p in view.people}
    return org_chart_layout(view, {"outside": "outside", "staff": "ours"}, nodes)


def test_two_reports_stand_in_a_row_under_their_manager() -> None:
    """x and y (half width 20: the node is wider than 'X'): side by side 40 + 20 apart,
    centred under Boss (half 33.6), 20 + 20 + 30 + 36 + 20 = 126 under it. A list would be
    290 high for 80 wide, a smaller scale (1 / 301.6 against 1 / 224.6)."""
    seen = _layout(_view({"x": "boss", "y": "boss"}), {"boss": "Boss", "x": "X", "y": "Y"})
    assert seen["pos"] == {"boss": [50.0, 20.0], "x": [20.0, 146.0], "y": [80.0, 146.0]}
    assert seen["listed"] == [] and seen["tree"] == {"x": "boss", "y": "boss"}


def test_six_long_names_are_listed_under_their_manager() -> None:
    """Six 11-letter names (184.8 wide): a row of them is 1,208.8 wide, a list 690 high
    fits better. Each report 100 under the one before (node 20 + name 50 + 10 + node 20),
    indented 49.24 so that the curve to the sixth, x = d (1 - t)^2 at height
    600 (1 - t^2), passes the fifth node (size 20) by 12: d = 32 / (1 - (1 - sqrt(1/6))^2)."""
    kids = [f"p{i}" for i in range(6)]
    seen = _layout(_view(dict.fromkeys(kids, "boss")), {p: "Person Name" for p in kids})
    assert seen["listed"] == kids
    # the chart's left edge is the listed names' (49.24 - 92.4 left of Boss)
    assert seen["pos"]["boss"] == [43.2, 20.0]
    for i, kid in enumerate(kids):
        x, y = seen["pos"][kid]
        assert x == pytest.approx(43.16 + 49.24, abs=0.06) and y == 120.0 + 100 * i
