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

from collections.abc import Collection, Hashable

import networkx as nx

__all__ = ["copy_graph", "copy_graph_owning"]


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


def copy_graph_owning(graph: nx.MultiDiGraph, owned: Collection[Hashable]) -> nx.MultiDiGraph:
    """A copy of ``graph`` that shares all but the parts of the ``owned`` nodes with it.

    The copy has its own graph, node and adjacency dictionaries (one level: a
    node's attributes and rows are ``graph``'s own objects), and copies of what
    belongs to ``owned``: each owned node's attribute dictionary, its successor and
    predecessor rows, and the edges between two owned nodes (key and attribute
    dictionaries, shared by both rows as in ``copy_graph``). An edge with one end
    outside ``owned`` stays ``graph``'s own. So the copy may be changed freely in the
    owned nodes' attributes, the owned nodes' edges among themselves, edges to and
    from new nodes, and by removing an owned node whose neighbours are all owned;
    anything else would change ``graph`` too. A write's patch (``graph_rows.
    refresh_people``) owns the people it rebuilds and their old and new neighbours:
    about 20 of a 500-person account's rows instead of all 2,500 edges.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", level=1)
    >>> _ = g.add_edge("a", "b", key="knows", strength=2)
    >>> _ = g.add_edge("c", "d", key="knows", strength=1)
    >>> h = copy_graph_owning(g, ["a", "b"])
    >>> h.nodes["a"]["level"] = 3
    >>> h.remove_edge("a", "b", key="knows")
    >>> _ = h.add_edge("b", "a", key="knows", strength=4)
    >>> g.nodes["a"]["level"], list(g.edges(keys=True)), list(h.in_edges("a", keys=True))
    (1, [('a', 'b', 'knows'), ('c', 'd', 'knows')], [('b', 'a', 'knows')])
    >>> h.edges["c", "d", "knows"] is g.edges["c", "d", "knows"]
    True
    """
    copied = graph.__class__()
    copied.graph.update(graph.graph)
    nodes = dict(graph._node)
    succ = dict(graph._succ)
    pred = dict(graph._pred)
    own = {n for n in owned if n in nodes}
    for n in own:
        nodes[n] = nodes[n].copy()
    for u in own:
        succ[u] = {
            v: {k: attrs.copy() for k, attrs in keyed.items()} if v in own else keyed
            for v, keyed in graph._succ[u].items()
        }
    for v in own:  # an owned pair's key dict is the one just made for the successor row
        pred[v] = {u: succ[u][v] if u in own else keyed for u, keyed in graph._pred[v].items()}
    copied._node = nodes
    copied._succ = succ  # also sets _adj (networkx's resetter)
    copied._pred = pred
    return copied
