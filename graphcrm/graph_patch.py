"""Patching a built account graph after one record's write, instead of building it again.

DESIGN.md's analyses read the account graph (``graphcrm.graph``); a write of one
record of one account changes only the people it names. ``patch_records``
applies the write to the records the graph was built from (as
``GraphStore.write`` / ``delete`` leave them: a new version replaces the
current one; ending a person ends their ties, contacts, attitudes, decision
roles, plan and actions, as ``GraphStore.delete`` does), and ``patch_graph``
refreshes those people in a copy of the graph from the patched records, by
the graph module's own rules: their node's attributes (level, roles, plan ...),
their ties and contacts (at effective strength), whether they left; the
decision chain when a decision role changed. The result equals a graph built
from the patched records (tests/api/test_graph_patching.py), with floats up
to the order of summation.

Only the present is patched (a graph read ``as_of`` a date is dropped by the
caller: a backdated reading changes the past too). Writes to the account
itself, its opportunities or the shared tables are not patched either.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date

import networkx as nx

from graphcrm.graph import _add_people, _roles, add_contacts, left, tie_attributes
from graphcrm.graph_copy import copy_graph
from graphcrm.graph_slots import slot_attributes, with_slot_roles
from graphcrm.interactions import StrengthParameters
from graphcrm.model import Dataset, Interaction, Record
from graphcrm.stores.base import Key

__all__ = ["PATCHABLE", "RecordChange", "patch_graph", "patch_records"]

#: The tables whose one-record writes patch a cached graph (the rest rebuild it).
PATCHABLE = frozenset(
    {
        "people",
        "ties",
        "contacts",
        "attitudes",
        "decision_roles",
        "plans",
        "actions",
        "interactions",
    }
)
# The fields naming a person in each table (as GraphStore.delete ends them with the person).
_NAMES_PERSON: dict[str, tuple[str, ...]] = {
    "ties": ("source_id", "target_id"),
    "contacts": ("person_id",),
    "attitudes": ("person_id",),
    "decision_roles": ("person_id",),
    "plans": ("person_id",),
    "actions": ("person_id",),
}


@dataclass(frozen=True)
class RecordChange:
    """One record of one account written (``written``) or ended (``ended``, its key);
    ``before``: its version until now (None for a new record)."""

    account_id: str
    table: str
    written: Record | None = None
    ended: Key | None = None
    before: Record | None = None

    def people(self) -> set[str]:
        """The ids of the people whose nodes or edges the change may touch."""
        found: set[str] = set()
        for record in (self.written, self.before):
            if record is None:
                continue
            if self.table == "people":
                found.add(record.key[0])
            elif isinstance(record, Interaction):
                found.update(record.person_ids)
            else:
                for name in _NAMES_PERSON.get(self.table, ()):
                    found.add(getattr(record, name))
        if self.table == "people" and self.ended is not None:
            found.add(self.ended[0])
        return found


def patch_records(data: Dataset, change: RecordChange) -> Dataset:
    """The records after ``change`` (a new Dataset; ``data`` and its lists are not changed)."""
    patched = copy.copy(data)  # new lists of the same (immutable) records
    for name, records in data.tables():
        setattr(patched, name, list(records))
    rows = patched.table(change.table)
    key = change.written.key if change.written is not None else change.ended
    rows[:] = [r for r in rows if r.key != key]
    if change.written is not None:
        rows.append(change.written)
    elif change.table == "people" and change.ended is not None:
        person = change.ended[0]
        for name, fields in _NAMES_PERSON.items():
            table = patched.table(name)
            table[:] = [r for r in table if all(getattr(r, f) != person for f in fields)]
    return patched


def patch_graph(
    graph: nx.MultiDiGraph,
    data: Dataset,
    change: RecordChange,
    *,
    opportunity_id: str | None,
    strength: StrengthParameters,
) -> nx.MultiDiGraph:
    """A copy of the present-day ``graph`` with the people ``change`` touches refreshed
    from ``data`` (the records after the change, see ``patch_records``)."""
    g = copy_graph(graph)  # networkx's copy() is most of a write's time (graph_copy.py)
    account_id = change.account_id
    data = with_slot_roles(data)  # a filled role slot is a decision role, as in graph.py
    today = date.today()
    touched = change.people()
    chain: frozenset[str] | None = None
    if opportunity_id is not None:
        chain = frozenset(
            r.person_id for r in data.decision_roles if r.opportunity_id == opportunity_id
        )
    g.graph["decision_chain"] = chain
    g.graph["left"] = dict(g.graph["left"])
    ours = {p.id: p for p in data.people if p.account_id == account_id and p.id in touched}
    current = [p for p in ours.values() if not left(p, today)]
    for pid in touched:
        g.graph["left"].pop(pid, None)
        if pid in g and g.nodes[pid].get("kind") == "person":
            g.remove_edges_from(
                list(g.in_edges(pid, keys=True)) + list(g.out_edges(pid, keys=True))
            )
            if pid not in {p.id for p in current}:
                g.remove_node(pid)
    for p in ours.values():
        if p.left_on is not None and left(p, today):
            g.graph["left"][p.id] = {"name": p.name, "left_on": p.left_on.isoformat()}
    fresh = nx.MultiDiGraph()
    _add_people(fresh, data, current, _roles(data, current, opportunity_id), chain, None)
    for pid, attrs in fresh.nodes(data=True):
        if pid in g:
            g.nodes[pid].clear()
            g.nodes[pid].update(attrs)
        else:
            g.add_node(pid, **attrs)
    if chain is not None:  # a decision role moves people in or out of the chain
        for pid, attrs in g.nodes(data=True):
            if attrs.get("kind") == "person":
                attrs["in_chain"] = pid in chain
    _add_edges_of(g, data, {p.id for p in current}, today, strength)
    names = {n: a["name"] for n, a in g.nodes(data=True) if a.get("kind") == "person"}
    g.graph.update(
        slot_attributes(
            data.role_slots,
            (o.id for o in data.opportunities if o.account_id == account_id),
            opportunity_id,
            ((r.opportunity_id, r.person_id, r.role.value) for r in data.decision_roles),
            names,
        )
    )
    return g


def _add_edges_of(
    g: nx.MultiDiGraph, data: Dataset, people: set[str], day: date, strength: StrengthParameters
) -> None:
    """The ties and contacts of ``people``, as ``graphcrm.graph`` adds them."""
    persons = {n for n, kind in g.nodes(data="kind") if kind == "person"}
    for t in data.ties:
        if (t.source_id in people or t.target_id in people) and {
            t.source_id,
            t.target_id,
        } <= persons:
            g.add_edge(t.source_id, t.target_id, key=t.type.value, **tie_attributes(t))
    add_contacts(
        g,
        (c for c in data.contacts if c.person_id in people),
        (i for i in data.interactions if people.intersection(i.person_ids)),
        people,
        day,
        strength,
    )
