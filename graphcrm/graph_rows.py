"""The account graph built straight from stored rows, in one pass (issue 17 "Cold path").

The same graph as ``graphcrm.graph.build_account_graph`` (its docstring gives the
shape; ``tests/test_graph_rows.py`` checks node for node, edge for edge and
attribute for attribute that both builders agree, in the same order), without
building a record per row: the rows come from ``graphcrm.stores.analysis_read``,
already validated when they were written (DESIGN.md: validation is on writes),
and go into NetworkX in one pass, each node's and edge's attribute dict put into the
graph's adjacency dicts as ``add_nodes_from`` and ``add_edge`` would put it
(``_add_nodes``, ``_add_ties``, ``_add_edges``). Contacts keep their effective
strength as of the read date under the team's strength parameters (DESIGN.md
"Interactions", "Method settings").

One builder builds a whole graph (``graph_from_rows``) or, after a write, the
people it names again in a copy of a present-day graph (``refresh_people``, for
``graphcrm.graph_patch``), with the same functions.

The garbage collector is paused while the rows are read and the graph built
(``graphcrm.gc_pause.paused_gc``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx

from graphcrm.errors import NotFoundError
from graphcrm.gc_pause import paused_gc
from graphcrm.graph_copy import copy_graph, copy_graph_owning
from graphcrm.graph_slots import filled_slot_roles, slot_attributes
from graphcrm.interactions import STRENGTH_DEFAULTS, StrengthParameters, effective_contacts_under
from graphcrm.model import US, Attitude, Contact, Interaction
from graphcrm.stores.analysis_read import AccountRows, Row, account_rows
from graphcrm.stores.base import GraphStore

__all__ = ["account_graph_and_rows", "account_graph_rows", "graph_from_rows", "refresh_people"]

_LAST_DAY = date.max.isoformat()  # an undated action sorts last, as in build_account_graph


def account_graph_rows(
    store: GraphStore,
    account_id: str,
    as_of: date | None = None,
    *,
    opportunity_id: str | None = None,
    strength: StrengthParameters = STRENGTH_DEFAULTS,
) -> nx.MultiDiGraph:
    """Read ``account_id`` as of ``as_of`` (None: now) and build its graph, collector paused.

    Raises NotFoundError for an unknown account or opportunity.
    """
    with paused_gc():
        rows = account_rows(store, account_id, as_of=as_of, opportunities=bool(opportunity_id))
        return graph_from_rows(
            rows, account_id, opportunity_id=opportunity_id, as_of=as_of, strength=strength
        )


def account_graph_and_rows(
    store: GraphStore,
    account_id: str,
    *,
    opportunity_id: str | None = None,
    strength: StrengthParameters = STRENGTH_DEFAULTS,
) -> tuple[nx.MultiDiGraph, AccountRows]:
    """The present-day graph of ``account_id`` and the rows it was built from (kept beside
    a cached graph so that a write can patch both: ``graphcrm.graph_patch``)."""
    with paused_gc():
        rows = account_rows(store, account_id, opportunities=bool(opportunity_id))
        graph = graph_from_rows(rows, account_id, opportunity_id=opportunity_id, strength=strength)
        return graph, rows


def graph_from_rows(
    rows: AccountRows,
    account_id: str,
    *,
    opportunity_id: str | None = None,
    as_of: date | None = None,
    strength: StrengthParameters = STRENGTH_DEFAULTS,
) -> nx.MultiDiGraph:
    """The graph of one account's rows (``graphcrm.graph`` module docstring)."""
    opportunity: dict[str, Any] | None = None
    if opportunity_id is not None:
        opportunity = next((o for o in rows.opportunities if o["id"] == opportunity_id), None)
        if opportunity is None:
            raise NotFoundError(f"no opportunity {opportunity_id!r} in account {account_id!r}")
    read_day = as_of or date.today()
    scope = _Scope.of(rows, opportunity_id, read_day)
    g = nx.MultiDiGraph(account=rows.account, as_of=as_of, opportunity=opportunity)
    g.graph.update(scope.graph_attributes(rows))
    _add_nodes(g, _person_nodes(rows, scope.people, scope.roles, scope.chain, as_of))
    _add_nodes(g, _staff_nodes(rows.staff))
    _add_ties(g, rows.ties, scope.roles)
    _add_edges(
        g, _contact_edges(g, rows.contacts, rows.interactions, scope.roles, read_day, strength)
    )
    return g


def refresh_people(
    graph: nx.MultiDiGraph,
    rows: AccountRows,
    people: Collection[str],
    *,
    opportunity_id: str | None,
    strength: StrengthParameters,
) -> nx.MultiDiGraph:
    """A copy of the present-day ``graph`` with ``people`` built again from ``rows``
    (which have changed only in records naming them, ``graphcrm.graph_patch``) by the
    builder's own functions: their nodes (or none: left, ended), their ties and
    contacts; our staff the rows name; the graph's attributes (chain, left, slots,
    competitors). Equal to ``graph_from_rows(rows, ...)`` up to the order of nodes and
    edges (tests/test_graph_patch.py)."""
    read_day = date.today()
    scope = _Scope.of(rows, opportunity_id, read_day)
    touched = set(people)
    staff = {s[0] for s in rows.staff}
    ties = [t for t in rows.ties if t[1] in touched or t[2] in touched]
    contacts = [c for c in rows.contacts if c.person_id in touched]
    interactions = [i for i in rows.interactions if touched.intersection(i.person_ids)]
    g = _patch_copy(graph, scope, staff, touched, ties, contacts, interactions)
    g.graph.update(scope.graph_attributes(rows))
    for pid in touched & set(g):
        if g.nodes[pid].get("kind") == "person":
            g.remove_edges_from([*g.in_edges(pid, keys=True), *g.out_edges(pid, keys=True)])
            if pid not in scope.roles:
                g.remove_node(pid)
    mine = [p for p in scope.people if p[0] in touched]
    roles = {p[0]: scope.roles[p[0]] for p in mine}
    for pid, attrs in _person_nodes(rows, mine, roles, scope.chain, None):
        if pid in g:
            g.nodes[pid].clear()
            g.nodes[pid].update(attrs)
        else:
            g.add_node(pid, **attrs)
    if scope.chain != graph.graph["decision_chain"]:  # a decision role moved someone
        for pid, attrs in g.nodes(data=True):
            if attrs["kind"] == "person":
                attrs["in_chain"] = scope.chain is None or pid in scope.chain
    g.remove_nodes_from(
        [n for n, kind in g.nodes(data="kind") if kind == "staff" and n not in staff]
    )
    g.add_nodes_from(_staff_nodes(s for s in rows.staff if s[0] not in g))
    _add_ties(g, ties, scope.roles)
    _add_edges(g, _contact_edges(g, contacts, interactions, roles, read_day, strength))
    return g


def _patch_copy(
    graph: nx.MultiDiGraph,
    scope: _Scope,
    staff: set[str],
    touched: set[str],
    ties: list[Row],
    contacts: list[Contact],
    interactions: list[Interaction],
) -> nx.MultiDiGraph:
    """The copy of ``graph`` that ``refresh_people`` changes: one that owns only the rows
    the refresh changes (``copy_graph_owning``: the touched people, their neighbours
    before, the other ends of their ties, contacts and interactions after), or a whole
    copy when the refresh changes every person (the decision chain moved) or removes a
    staff member (whose contacts' people are not all touched)."""
    gone = [n for n, a in graph._node.items() if a.get("kind") == "staff" and n not in staff]
    if gone or scope.chain != graph.graph["decision_chain"]:
        return copy_graph(graph)  # networkx's copy() would take most of a patch's time
    owned = set(touched)
    for pid in touched & graph._node.keys():
        owned.update(graph._succ[pid])
        owned.update(graph._pred[pid])
    owned.update(end for t in ties for end in (t[1], t[2]))
    owned.update(c.staff_id for c in contacts)
    owned.update(s for i in interactions for s in i.staff_ids)
    return copy_graph_owning(graph, owned)


@dataclass(frozen=True)
class _Scope:
    """Who is in the graph on the read day and with which roles; the decision chain."""

    decided: list[tuple[str, str, str]]  # (opportunity, person, role), filled slots too
    chain: frozenset[str] | None
    people: list[Row]  # the people who have not left by the read day
    roles: dict[str, list[str]]
    day: str
    opportunity_id: str | None

    @classmethod
    def of(cls, rows: AccountRows, opportunity_id: str | None, read_day: date) -> _Scope:
        # A filled role slot is a decision role of its holder (graphcrm.graph_slots).
        decided: list[tuple[str, str, str]] = [(r[0], r[1], r[2]) for r in rows.decision_roles]
        decided += filled_slot_roles(rows.role_slots, decided)
        chain = None
        if opportunity_id is not None:
            chain = frozenset(r[1] for r in decided if r[0] == opportunity_id)
        day = read_day.isoformat()
        # PEOPLE_FIELDS: id, name, title, department, layer, roles, notes, left_on
        people = [p for p in rows.people if p[7] is None or p[7] > day]
        roles = _roles(decided, people, opportunity_id)
        return cls(decided, chain, people, roles, day, opportunity_id)

    def graph_attributes(self, rows: AccountRows) -> dict[str, Any]:
        """The graph attributes that follow from the rows (all but account, as_of and
        opportunity)."""
        day = self.day
        return {
            "decision_chain": self.chain,
            "competitors": {c[0]: c[1] for c in rows.competitors},
            "left": {
                p[0]: {"name": p[1], "left_on": p[7]} for p in rows.people if p[7] and p[7] <= day
            },
            **slot_attributes(
                rows.role_slots,
                rows.opportunity_ids,
                self.opportunity_id,
                self.decided,
                {p[0]: p[1] for p in self.people},
            ),
        }


def _add_nodes(g: nx.MultiDiGraph, nodes: Iterable[tuple[str, dict[str, Any]]]) -> None:
    """Each (node, attributes) into the graph, as ``add_nodes_from`` adds it (a node
    there already gets the attributes added), the attribute dict kept, not copied."""
    known, succ, pred = g._node, g._succ, g._pred
    for n, attrs in nodes:
        if n in known:
            known[n].update(attrs)
        else:
            known[n] = attrs
            succ[n] = {}
            pred[n] = {}
    nx._clear_cache(g)


def _add_edges(g: nx.MultiDiGraph, edges: Iterable[tuple[str, str, str, dict[str, Any]]]) -> None:
    """Each (u, v, key, attributes), both ends being nodes already, as ``add_edge`` adds
    it: one key dict shared by ``_succ[u][v]`` and ``_pred[v][u]``, an edge there
    already updated (NetworkX's documented dict-of-dicts; ``add_edge`` checks both ends
    and copies the attributes per call: 250,000 edges took ~0.8 s of a 1.3 s build).
    tests/test_graph_rows.py compares the result with the records graph, which
    ``add_edge`` builds."""
    succ, pred = g._succ, g._pred
    for u, v, key, attrs in edges:
        keys = succ[u].get(v)
        if keys is None:
            succ[u][v] = pred[v][u] = {key: attrs}
        elif key in keys:
            keys[key].update(attrs)
        else:
            keys[key] = attrs
    nx._clear_cache(g)


def _roles(
    decided: list[tuple[str, str, str]], people: list[Row], opportunity_id: str | None
) -> dict[str, list[str]]:
    """Each person's role codes: in the opportunity if one was asked for, else their own
    roles, then their decision roles anywhere (as ``build_account_graph``)."""
    if opportunity_id is None:
        roles: dict[str, list[str]] = {p[0]: list(p[5] or ()) for p in people}
    else:
        roles = {p[0]: [] for p in people}
    for opp, person, role in decided:
        if person in roles and (opportunity_id is None or opp == opportunity_id):
            roles[person].append(role)
    return roles


def _person_nodes(
    rows: AccountRows,
    people: list[Row],
    roles: dict[str, list[str]],
    chain: frozenset[str] | None,
    as_of: date | None,
) -> Iterator[tuple[str, dict[str, Any]]]:
    """One ``person`` node per customer person: the latest reading toward us sets the level."""
    readings = _readings(rows, roles, as_of)
    plans = {p["person_id"]: p for p in rows.plans}
    actions = _actions(rows, roles)
    for p in people:
        pid = p[0]
        mine = readings.get(pid) or []
        latest = None
        theirs: dict[str, int] = {}
        if mine:  # most people of a large account have no reading
            latest = next((r for r in reversed(mine) if r["toward"] == US), None)
            theirs = {r["toward"]: r["level"] for r in mine if r["toward"] != US}  # last wins
        mine_roles = roles[pid]
        yield (
            pid,
            {
                "kind": "person",
                "name": p[1],
                "title": p[2],
                "department": p[3],
                "layer": p[4],
                "roles": tuple(dict.fromkeys(mine_roles) if len(mine_roles) > 1 else mine_roles),
                "notes": p[6],
                "level": latest["level"] if latest else 0,
                "level_as_of": latest["as_of"] if latest else None,
                "assessment": latest["dimensions"] if latest else None,
                "competitor_levels": theirs,
                "attitudes": mine,
                "plan": plans.get(pid),
                "actions": actions.get(pid) or [],
                "in_chain": chain is None or pid in chain,
                "left_on": p[7] or None,  # a leaving date ahead (those gone are not here)
            },
        )


def _readings(
    rows: AccountRows, people: dict[str, list[str]], as_of: date | None
) -> dict[str, list[dict[str, Any]]]:
    """Each person's attitude readings up to ``as_of`` (undated ones always), oldest first,
    each with its ``dimensions`` (all six, or None); only people with readings are keys."""
    day = as_of.isoformat() if as_of else None
    readings: dict[str, list[dict[str, Any]]] = {}
    dims = Attitude.dimension_fields
    for a in sorted(rows.attitudes, key=lambda a: (a["as_of"] or "", a["toward"])):
        if a["person_id"] in people and (day is None or a["as_of"] is None or a["as_of"] <= day):
            values = {f: a[f] for f in dims}
            a["dimensions"] = None if any(v is None for v in values.values()) else values
            readings.setdefault(a["person_id"], []).append(a)
    return readings


def _actions(rows: AccountRows, people: dict[str, list[str]]) -> dict[str, list[dict[str, Any]]]:
    """Each person's actions, soonest due first (undated last); only people with some."""
    actions: dict[str, list[dict[str, Any]]] = {}
    for act in sorted(rows.actions, key=lambda a: (a["due"] or _LAST_DAY, a["id"])):
        if act["person_id"] in people:
            actions.setdefault(act["person_id"], []).append(act)
    return actions


def _add_ties(g: nx.MultiDiGraph, ties: Iterable[Row], people: Collection[str]) -> None:
    """The ties between ``people`` (TIE_FIELDS: type, source_id, target_id, strength,
    directed, since), ``directed`` only on ``knows``: ``_add_edges`` in one loop (a
    large account's edges are nearly all ties)."""
    succ, pred = g._succ, g._pred
    for kind, source, target, strength, directed, since in ties:
        if source in people and target in people:
            attrs = {"type": kind, "strength": strength, "since": since}
            if kind == "knows":
                attrs["directed"] = bool(directed)  # SQLite's 0/1; empty reads as the default
            keys = succ[source].get(target)
            if keys is None:
                succ[source][target] = pred[target][source] = {kind: attrs}
            else:  # a store key is (type, source, target): no tie comes twice
                keys[kind] = attrs
    nx._clear_cache(g)


def _staff_nodes(staff: Iterable[Row]) -> Iterator[tuple[str, dict[str, Any]]]:
    """One ``staff`` node per member of our staff (STAFF_FIELDS)."""
    for s in staff:
        yield (
            s[0],
            {
                "kind": "staff",
                "name": s[1],
                "title": s[2],
                "seniority": s[3],
                "team": s[4],
                "triangle_role": s[5],
            },
        )


def _contact_edges(
    g: nx.MultiDiGraph,
    contacts: list[Contact],
    interactions: list[Interaction],
    people: Collection[str],
    read_day: date,
    strength: StrengthParameters,
) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """Our staff's contacts with ``people`` at their effective strength on ``read_day``
    (DESIGN.md "Interactions"), each staff member a node of ``g`` already."""
    for c in effective_contacts_under(contacts, interactions, read_day, strength).values():
        if c.person_id in people and c.staff_id in g:
            yield (
                c.staff_id,
                c.person_id,
                "contact",
                {
                    "type": "contact",
                    "strength": c.strength,
                    "frequency_per_month": c.frequency_per_month,
                    "last_contact": c.last_contact.isoformat() if c.last_contact else None,
                    "source": c.source,
                    "heaviest": [h.to_dict() for h in c.heaviest],
                },
            )
