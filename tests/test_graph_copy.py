"""copy_graph: the same graph as networkx's copy(), independent of the original."""

from __future__ import annotations

import networkx as nx
from networkx.utils import graphs_equal

from graphcrm.graph_copy import copy_graph


def _graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(left={"x": "2026-01-01"}, decision_chain=None)
    g.add_node("a", kind="person", level=1)
    g.add_node("b", kind="person", level=0)
    g.add_node("s", kind="staff")
    g.add_edge("b", "a", key="reports_to", strength=1.0)
    g.add_edge("a", "b", key="knows", strength=2.0)
    g.add_edge("a", "b", key="influences", strength=0.5)
    g.add_edge("s", "a", key="contact", strength=3.0)
    g.add_node("lonely", kind="person")
    return g


def test_copy_equals_networkx_copy_in_order() -> None:
    g = _graph()
    mine, theirs = copy_graph(g), g.copy()
    assert graphs_equal(mine, theirs)
    assert list(mine.edges(keys=True, data=True)) == list(theirs.edges(keys=True, data=True))
    assert list(mine.in_edges("b", keys=True)) == [("a", "b", "knows"), ("a", "b", "influences")]
    assert list(mine.nodes) == ["a", "b", "s", "lonely"]
    assert mine.graph == {"left": {"x": "2026-01-01"}, "decision_chain": None}


def test_copy_is_independent_and_consistent() -> None:
    g = _graph()
    h = copy_graph(g)
    h.nodes["a"]["level"] = 3
    h.edges["a", "b", "knows"]["strength"] = 9.0
    h.add_edge("b", "s", key="knows", strength=1.0)
    h.remove_edge("a", "b", key="influences")
    h.graph["decision_chain"] = frozenset({"a"})
    assert g.nodes["a"]["level"] == 1
    assert g.edges["a", "b", "knows"]["strength"] == 2.0
    assert not g.has_edge("b", "s") and g.has_edge("a", "b", key="influences")
    assert g.graph["decision_chain"] is None
    # Successor and predecessor rows share each edge's dictionary, as add_edge leaves them.
    assert h.pred["b"]["a"]["knows"] is h.succ["a"]["b"]["knows"]
    assert h.pred["b"]["a"]["knows"]["strength"] == 9.0
    assert list(h.predecessors("s")) == ["b"] and h.in_degree("a") == 2
