"""Formal power (正式权力): what a person's position gives them, beside network importance.

DESIGN.md ("Importance"): formal power is 0..1, the person's highest
decision-role weight times their layer weight. DESIGN.md ("Round 2"): when an
account (or decision chain) has no decision roles at all, formal power falls
back to the layer weight times a reports-to depth factor (1 at the top of the
tree, 0.8 one step down, then 0.6, 0.4 and below), and the result says so
(:data:`POWER_BASES`). :func:`graphcrm.analysis.importance.importance` crosses
it with the composite in the influence matrix.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from typing import Any

import networkx as nx

from graphcrm.model.vocab import TieType

__all__ = [
    "DEFAULT_LAYER_WEIGHTS",
    "DEFAULT_ROLE_WEIGHTS",
    "DEPTH_FACTORS",
    "POWER_BASES",
    "formal_power",
    "formal_powers",
    "layer_weight",
    "reports_to_depths",
]

#: Weight of each decision role in formal power; ``"none"`` is a person with no role.
DEFAULT_ROLE_WEIGHTS: dict[str, float] = {
    "decision_maker": 1.0,
    "approver": 0.9,
    "influencer": 0.7,
    "evaluator": 0.6,
    "purchaser": 0.5,
    "gatekeeper": 0.4,
    "user": 0.3,
    "none": 0.2,
}

#: Weight of each organisation layer in formal power. A person whose layer is
#: not set (or not in the table) gets the weight under ``"none"`` if the table
#: has one, else the lowest weight in the table (0.4 by default, as execution):
#: with no evidence of seniority we assume none.
DEFAULT_LAYER_WEIGHTS: dict[str, float] = {
    "decision": 1.0,
    "management": 0.7,
    "execution": 0.4,
}

#: Formal power's fallback when nobody ranked has a decision role (DESIGN.md,
#: "Round 2"): the layer weight times this factor of the person's depth in the
#: reports-to tree (index 0 the top; deeper than the last entry reads the last).
DEPTH_FACTORS: tuple[float, ...] = (1.0, 0.8, 0.6, 0.4)
#: What a person's formal power was read from: their decision roles (and layer),
#: or, with no decision roles in the account or chain, layer and reports-to depth.
POWER_BASES: tuple[str, ...] = ("roles", "layer_and_depth")


def formal_power(
    roles: Iterable[str],
    layer: str | None,
    *,
    role_weights: Mapping[str, float] | None = None,
    layer_weights: Mapping[str, float] | None = None,
) -> float:
    """Formal power, 0..1: the highest weight of the person's roles times their layer weight.

    A person with no role gets ``role_weights["none"]``; an unknown or missing
    layer gets ``layer_weights["none"]`` when present, else the lowest layer
    weight (execution, 0.4, by default). Unknown roles are ignored.

    >>> formal_power(["influencer", "approver"], "management")
    0.63
    """
    rw = DEFAULT_ROLE_WEIGHTS if role_weights is None else role_weights
    lw = DEFAULT_LAYER_WEIGHTS if layer_weights is None else layer_weights
    role_values = [rw[r] for r in roles if r in rw and r != "none"]
    role_part = max(role_values) if role_values else rw.get("none", 0.0)
    return round(role_part * layer_weight(layer, lw), 12)


def layer_weight(layer: str | None, layer_weights: Mapping[str, float]) -> float:
    """The layer's weight; unknown or missing: the ``"none"`` weight, else the lowest."""
    if layer is not None and layer in layer_weights:
        return layer_weights[layer]
    return layer_weights.get("none", min(layer_weights.values(), default=0.0))


def formal_powers(
    graph: nx.MultiDiGraph,
    people: Mapping[str, Any],
    ranked: list[str],
    roles_w: Mapping[str, float],
    layers_w: Mapping[str, float],
) -> dict[str, tuple[float, str]]:
    """(formal power, basis) per ranked person, with the merged weight tables.

    If any ranked person has a decision role, :func:`formal_power` of roles
    and layer for everyone (basis ``"roles"``). Otherwise layer weight x
    :data:`DEPTH_FACTORS` of the reports-to depth over the whole graph
    (basis ``"layer_and_depth"``): depth 3 and deeper, and a reporting cycle
    with no top, read the last factor.
    """
    has_roles = any(
        r in roles_w and r != "none" for p in ranked for r in people[p].get("roles", ())
    )
    if has_roles:
        # One value per (roles, layer): 50,000 people hold a few dozen of them.
        seen: dict[tuple[tuple[str, ...], str | None], tuple[float, str]] = {}
        result = {}
        for p in ranked:
            node = people[p]
            key = (tuple(node.get("roles", ())), node.get("layer"))
            value = seen.get(key)
            if value is None:
                power = formal_power(*key, role_weights=roles_w, layer_weights=layers_w)
                value = seen[key] = (power, "roles")
            result[p] = value
        return result
    depths = reports_to_depths(graph, people)
    last = len(DEPTH_FACTORS) - 1
    result = {}
    for p in ranked:
        depth = depths.get(p)
        factor = DEPTH_FACTORS[last if depth is None else min(depth, last)]
        layer = layer_weight(people[p].get("layer"), layers_w)
        result[p] = (round(layer * factor, 12), "layer_and_depth")
    return result


def reports_to_depths(graph: nx.MultiDiGraph, people: Container[str]) -> dict[str, int]:
    """Each person's depth in the reports-to tree: steps up to someone who reports to nobody.

    The top of the tree (a person with no ``reports_to`` tie to another person
    of ``people``) is at depth 0, whether or not anyone reports to them: a
    person outside every reporting line has no evidence of being below anyone.
    With two managers the shorter line counts. People in a reporting cycle
    with no way out to a top are left out (the caller reads them as deepest).

    >>> from graphcrm.graph import build_account_graph
    >>> from graphcrm.model import Account, Dataset, Person, Tie
    >>> data = Dataset(
    ...     accounts=[Account(id="a", name="A")],
    ...     people=[Person(id=p, account_id="a", name=p) for p in ("ceo", "vp", "m", "x")],
    ...     ties=[Tie(type="reports_to", source_id="vp", target_id="ceo"),
    ...           Tie(type="reports_to", source_id="m", target_id="vp")],
    ... )
    >>> g = build_account_graph(data, "a")
    >>> sorted(reports_to_depths(g, set(g)).items())
    [('ceo', 0), ('m', 2), ('vp', 1), ('x', 0)]
    """
    reports: dict[str, set[str]] = {}  # manager -> their direct reports
    managed: set[str] = set()
    for u, nbrs in graph._adj.items():
        if u not in people:
            continue
        for v, keyed in nbrs.items():
            if v == u or v not in people:
                continue
            if any(d.get("type", key) == TieType.REPORTS_TO.value for key, d in keyed.items()):
                reports.setdefault(v, set()).add(u)
                managed.add(u)
    frontier = [n for n in graph if n in people and n not in managed]
    depths = dict.fromkeys(frontier, 0)
    while frontier:
        found = []
        for manager in frontier:
            for report in sorted(reports.get(manager, ())):
                if report not in depths:
                    depths[report] = depths[manager] + 1
                    found.append(report)
        frontier = found
    return depths
