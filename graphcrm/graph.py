"""The account graph: one account (optionally one opportunity) as a NetworkX MultiDiGraph.

Every analysis reads this graph and nothing else. Its shape:

Graph attributes (``G.graph``):
    ``account``: the account's fields (dict); ``as_of``: the date read (or None
    for now); ``opportunity``: the opportunity's fields or None;
    ``decision_chain``: frozenset of the ids of people with a role in that
    opportunity (None when no opportunity was asked for); ``competitors``:
    {competitor id: name}; ``left``: {person id: {"name", "left_on"}} for the account's
    people who left on or before the read date (not nodes of the graph); ``role_slots``
    and ``decision_chains``: the opportunities' unidentified roles and who holds a role
    in each (``graphcrm.graph_slots``; a filled slot counts as a decision role).

Nodes, keyed by id (people and staff share one id space, which the store enforces):
    customer people: ``kind="person"``, name, title, department, layer
    ("decision" / "management" / "execution" or None), ``roles`` (tuple of role
    codes: in the opportunity if one was asked for, else every role the person
    has anywhere), notes, ``level`` (latest attitude toward us, 0 if none),
    ``level_as_of``, ``assessment`` (six dimensions of that latest reading, or
    None), ``competitor_levels`` ({competitor id: latest level}), ``attitudes``
    (all readings, oldest first, as dicts), ``plan`` (dict or None), ``actions``
    (list of dicts), ``in_chain`` (bool: in the decision chain, True for all
    when no opportunity was asked for), ``left_on`` (a leaving date after the read date,
    or None).
    our staff: ``kind="staff"``, name, title, seniority, team, triangle_role.

Edges, keyed by type, each with ``type`` and ``strength`` in (0, 1]:
    ``reports_to`` u -> v (u reports to v), ``depends_on`` u -> v (u depends on
    v), ``influences`` u -> v (u influences v), each with ``since``;
    ``knows`` u -> v with ``directed`` (False: u and v know each other; True: u
    knows v) and ``since``; ``contact`` staff -> person with
    ``frequency_per_month``, ``last_contact``, ``source`` ("recorded" or "derived")
    and ``heaviest`` (the three heaviest interactions behind a derived strength).

Contacts carry the effective strength as of the read date (``as_of``, else today;
DESIGN.md "Interactions"): derived from the interactions where a pair has some in the
lookback window, else the recorded strength; an interaction of a pair without a
contact record adds the contact. The strength's parameters (type weights, half-life,
lookback) are DESIGN's unless ``strength`` gives a team's (DESIGN.md "Method settings":
every analysis uses the team's settings as of the read date). A person whose
``left_on`` is on or before the read date is not in the graph. An account without
interactions reads exactly as recorded.

The whole account's network is kept even for one opportunity: influence on a
decision runs through people outside the chain too. Analyses that rank "the
decision chain" restrict to nodes with ``in_chain``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date
from typing import Any

import networkx as nx

from graphcrm.errors import NotFoundError
from graphcrm.graph_rows import account_graph_rows
from graphcrm.graph_slots import slot_attributes, with_slot_roles
from graphcrm.interactions import STRENGTH_DEFAULTS, StrengthParameters, effective_contacts_under
from graphcrm.model import US, Contact, Dataset, Interaction, Opportunity, Person, Tie
from graphcrm.stores.base import GraphStore

__all__ = ["add_contacts", "build_account_graph", "left", "load_account_graph", "tie_attributes"]


def load_account_graph(
    store: GraphStore,
    account_id: str,
    *,
    opportunity_id: str | None = None,
    as_of: date | None = None,
    strength: StrengthParameters = STRENGTH_DEFAULTS,
) -> nx.MultiDiGraph:
    """Read one account from a store and build its graph (see the module docstring).

    Straight from the stored rows, no record built (``graphcrm.graph_rows``, issue 17):
    the same graph as ``build_account_graph`` over ``store.account_data``."""
    return account_graph_rows(
        store, account_id, as_of, opportunity_id=opportunity_id, strength=strength
    )


def build_account_graph(
    data: Dataset,
    account_id: str,
    *,
    opportunity_id: str | None = None,
    as_of: date | None = None,
    strength: StrengthParameters = STRENGTH_DEFAULTS,
) -> nx.MultiDiGraph:
    """Build the graph of ``account_id`` from records (see the module docstring).

    Raises NotFoundError if the account or the opportunity is not in ``data``.
    """
    account = next((a for a in data.accounts if a.id == account_id), None)
    if account is None:
        raise NotFoundError(f"no account {account_id!r}")
    opportunity = _opportunity(data, account_id, opportunity_id)
    data = with_slot_roles(data)  # a filled role slot is a decision role of its holder
    chain: frozenset[str] | None = None
    if opportunity_id is not None:
        chain = frozenset(
            r.person_id for r in data.decision_roles if r.opportunity_id == opportunity_id
        )
    g = nx.MultiDiGraph(
        account=account.model_dump(mode="json"),
        as_of=as_of,
        opportunity=opportunity.model_dump(mode="json") if opportunity else None,
        decision_chain=chain,
        competitors={c.id: c.name for c in data.competitors},
    )
    read_day = as_of or date.today()
    ours = [p for p in data.people if p.account_id == account_id]
    people = [p for p in ours if not left(p, read_day)]
    g.graph["left"] = {
        p.id: {"name": p.name, "left_on": p.left_on.isoformat()}
        for p in ours
        if p.left_on is not None and left(p, read_day)
    }
    roles = _roles(data, people, opportunity_id)
    g.graph.update(
        slot_attributes(
            data.role_slots,
            (o.id for o in data.opportunities if o.account_id == account_id),
            opportunity_id,
            ((r.opportunity_id, r.person_id, r.role.value) for r in data.decision_roles),
            {p.id: p.name for p in people},
        )
    )
    _add_people(g, data, people, roles, chain, as_of)
    _add_staff(g, data)
    _add_ties_and_contacts(g, data, roles, read_day, strength)
    return g


def left(person: Person, day: date) -> bool:
    """The person has left the customer on or before ``day`` (``left_on``)."""
    return person.left_on is not None and person.left_on <= day


def _opportunity(data: Dataset, account_id: str, opportunity_id: str | None) -> Opportunity | None:
    """The opportunity asked for (None if none was); NotFoundError if it is not in the account."""
    if opportunity_id is None:
        return None
    found = next(
        (o for o in data.opportunities if o.id == opportunity_id and o.account_id == account_id),
        None,
    )
    if found is None:
        raise NotFoundError(f"no opportunity {opportunity_id!r} in account {account_id!r}")
    return found


def _roles(data: Dataset, people: list[Person], opportunity_id: str | None) -> dict[str, list[str]]:
    """Each person's role codes: in the opportunity if one was asked for, else every role
    they have anywhere (their own roles, then their decision roles)."""
    roles: dict[str, list[str]] = {p.id: [] for p in people}
    if opportunity_id is None:
        for p in people:
            roles[p.id].extend(r.value for r in p.roles)
    for r in data.decision_roles:
        if r.person_id in roles and (opportunity_id is None or r.opportunity_id == opportunity_id):
            roles[r.person_id].append(r.role.value)
    return roles


def _readings(
    data: Dataset, people: list[Person], as_of: date | None
) -> dict[str, list[dict[str, Any]]]:
    """Each person's attitude readings up to ``as_of`` (undated ones always), oldest first."""
    readings: dict[str, list[dict[str, Any]]] = {p.id: [] for p in people}
    for a in sorted(data.attitudes, key=lambda a: (a.as_of or date.min, a.toward)):
        if a.person_id in readings and (as_of is None or a.as_of is None or a.as_of <= as_of):
            readings[a.person_id].append(a.model_dump(mode="json") | {"dimensions": a.dimensions})
    return readings


def _actions(data: Dataset, people: list[Person]) -> dict[str, list[dict[str, Any]]]:
    """Each person's actions, soonest due first (undated last)."""
    actions: dict[str, list[dict[str, Any]]] = {p.id: [] for p in people}
    for act in sorted(data.actions, key=lambda a: (a.due or date.max, a.id)):
        if act.person_id in actions:
            actions[act.person_id].append(act.model_dump(mode="json"))
    return actions


def _add_people(
    g: nx.MultiDiGraph,
    data: Dataset,
    people: list[Person],
    roles: dict[str, list[str]],
    chain: frozenset[str] | None,
    as_of: date | None,
) -> None:
    """One ``person`` node per customer person: the latest reading toward us sets the level."""
    readings = _readings(data, people, as_of)
    plans = {p.person_id: p.model_dump(mode="json") for p in data.plans}
    actions = _actions(data, people)
    for p in people:
        ours = [r for r in readings[p.id] if r["toward"] == US]
        latest = ours[-1] if ours else None
        theirs: dict[str, int] = {}
        for r in readings[p.id]:
            if r["toward"] != US:
                theirs[r["toward"]] = r["level"]  # readings are oldest first: last wins
        g.add_node(
            p.id,
            kind="person",
            name=p.name,
            title=p.title,
            department=p.department,
            layer=p.layer.value if p.layer else None,
            roles=tuple(dict.fromkeys(roles[p.id])),
            notes=p.notes,
            level=latest["level"] if latest else 0,
            level_as_of=latest["as_of"] if latest else None,
            assessment=latest["dimensions"] if latest else None,
            competitor_levels=theirs,
            attitudes=readings[p.id],
            plan=plans.get(p.id),
            actions=actions[p.id],
            in_chain=chain is None or p.id in chain,
            left_on=p.left_on.isoformat() if p.left_on else None,  # a leaving date ahead
        )


def _add_staff(g: nx.MultiDiGraph, data: Dataset) -> None:
    """One ``staff`` node per member of our staff."""
    for s in data.staff:
        g.add_node(
            s.id,
            kind="staff",
            name=s.name,
            title=s.title,
            seniority=s.seniority,
            team=s.team,
            triangle_role=s.triangle_role.value if s.triangle_role else None,
        )


def _add_ties_and_contacts(
    g: nx.MultiDiGraph,
    data: Dataset,
    people: Collection[str],
    read_day: date,
    strength: StrengthParameters,
) -> None:
    """The ties between the account's people, and our staff's contacts with them at their
    effective strength on ``read_day``; ties or contacts reaching outside the account
    are left out."""
    for t in data.ties:
        if t.source_id in people and t.target_id in people:
            g.add_edge(t.source_id, t.target_id, key=t.type.value, **tie_attributes(t))
    add_contacts(g, data.contacts, data.interactions, people, read_day, strength)


def tie_attributes(t: Tie) -> dict[str, Any]:
    """A tie's edge attributes (``directed`` for ``knows`` only, as the analyses read it)."""
    attrs: dict[str, Any] = {
        "type": t.type.value,
        "strength": t.strength,
        "since": t.since.isoformat() if t.since else None,
    }
    if t.type.value == "knows":
        attrs["directed"] = t.directed
    return attrs


def add_contacts(
    g: nx.MultiDiGraph,
    contacts: Iterable[Contact],
    interactions: Iterable[Interaction],
    people: Collection[str],
    read_day: date,
    strength: StrengthParameters,
) -> None:
    """Our staff's contacts with ``people`` at their effective strength on ``read_day``
    (DESIGN.md "Interactions"), each staff member a node of ``g`` already."""
    effective = effective_contacts_under(
        list(contacts),
        list(interactions),
        read_day,
        strength,
    )
    for c in effective.values():
        if c.person_id in people and c.staff_id in g:
            g.add_edge(
                c.staff_id,
                c.person_id,
                key="contact",
                type="contact",
                strength=c.strength,
                frequency_per_month=c.frequency_per_month,
                last_contact=c.last_contact.isoformat() if c.last_contact else None,
                source=c.source,
                heaviest=[h.to_dict() for h in c.heaviest],
            )
