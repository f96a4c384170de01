"""A copy of an account graph for a write to patch, made in one pass over its dictionaries.

A write patches a copy of the cached graph, never the graph itself, which
requests may be reading at the time (issue 17 "Writes patch, not drop";
``graphcrm.graph_patch``). ``networkx``'s ``MultiDiGraph.copy`` adds every
edge again through ``add_edges_from`` (about 2,500 edges in a 500-person
account: 70 % of an attitude PATCH's time, measured under cProfile); this
copy builds the same adjacency dictionaries directly. What it copies is what
``copy()`` copies: the graph, node and edge attribute dictionaries each copied
one level deep (their values shared), nodes and edges in the same order with
the same keys, and each edge's attribute dictionary shared by its successor
and predecessor entries, as ``add_edge`` leaves it.
"""

from __future__ import annotations

import networkx as nx

__all__ = ["copy_graph"]


def copy_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` equal to ``graph.copy()`` (see the module docstring).

    >>> g = nx.MultiDiGraph(name="acme")
    >>> g.add_node("a", level=1)
    >>> g.add_edge("a", "b", key="knows", strength=2)
    'knows'
    >>> h = copy_graph(g)
    >>> h.nodes["a"]["level"] = 3
    >>> h.edges["a", "b", "knows"]["strength"] = 5
    >>> g.nodes["a"]["level"], g.edges["a", "b", "knows"]["strength"], h.graph["name"]
    (1, 2, 'acme')
    """
    copied = graph.__class__()
    copied.graph.update(graph.graph)
    nodes = {n: attrs.copy() for n, attrs in graph._node.items()}
    succ = {
        u: {v: {k: attrs.copy() for k, attrs in keyed.items()} for v, keyed in targets.items()}
        for u, targets in graph._succ.items()
    }
    # Each edge's dictionary is shared by both rows; a predecessor row keeps the original's
    # order (in_edges and the views read it in insertion order).
    pred = {v: {u: succ[u][v] for u in sources} for v, sources in graph._pred.items()}
    copied._node = nodes
    copied._succ = succ  # also sets _adj (networkx's resetter)
    copied._pred = pred
    return copied
