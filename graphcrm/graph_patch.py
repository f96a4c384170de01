"""Patching a built account graph after one record's write, instead of building it again.

DESIGN.md's analyses read the account graph (``graphcrm.graph``); a write of one
record of one account changes only the people it names. A present-day graph is
built from the account's rows (``graphcrm.graph_rows``, issue 17 "Cold path")
and kept with them. ``patch_rows`` applies the write to those rows as
``GraphStore.write`` / ``delete`` leave the store (a new version replaces the
current one, turned into its row by the same column orders as the analysis read;
ending a person ends their ties, contacts, attitudes, decision roles, plan and
actions, as ``GraphStore.delete`` does; our staff and the competitors are again
those the rows name, a newly named one read from the store), and
``graph_rows.refresh_people`` builds the people the write names again in a copy
of the graph, with the builder's own functions. The result equals a graph built
from the store after the write (tests/test_graph_patch.py, on every store, and
tests/api/test_graph_patching.py through the API), up to the order of nodes and
edges.

Only the present is patched (a graph read ``as_of`` a date is dropped by the
caller: a backdated reading changes the past too). Writes to the account
itself, its opportunities, role slots or the shared tables are not patched either.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Collection
from dataclasses import dataclass

import networkx as nx

from graphcrm.graph_rows import refresh_people
from graphcrm.interactions import StrengthParameters
from graphcrm.model import Interaction, Record
from graphcrm.stores.analysis_read import (
    AccountRows,
    Row,
    competitors_named,
    record_row,
    row_key,
    row_value,
    staff_named,
)
from graphcrm.stores.base import PERSON_FIELDS, Key

__all__ = ["PATCHABLE", "RecordChange", "SharedRows", "patch_graph", "patch_rows"]

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

#: Reads the current rows of some ids of a shared table ("staff", "competitors"):
#: ``graphcrm.stores.analysis_read.shared_rows`` over the store.
SharedRows = Callable[[str, Collection[str]], list[Row]]


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
                for name in PERSON_FIELDS.get(self.table, ()):
                    found.add(getattr(record, name))
        if self.table == "people" and self.ended is not None:
            found.add(self.ended[0])
        return found


def patch_rows(rows: AccountRows, change: RecordChange, shared: SharedRows) -> AccountRows:
    """The rows after ``change`` (new lists where they change; ``rows`` is not changed).

    ``shared`` reads a staff member or competitor the rows come to name."""
    patched = copy.copy(rows)
    table = change.table
    key = change.written.key if change.written is not None else change.ended
    found = [r for r in getattr(rows, table) if row_key(table, r) != key]
    if change.written is not None:
        found.append(record_row(table, change.written))
    setattr(patched, table, found)
    if change.written is None and table == "people" and change.ended is not None:
        person = change.ended[0]
        for name, fields in PERSON_FIELDS.items():
            setattr(
                patched,
                name,
                [
                    r
                    for r in getattr(patched, name)
                    if all(row_value(name, r, f) != person for f in fields)
                ],
            )
    patched.staff = _named(rows.staff, staff_named(patched), "staff", shared)
    patched.competitors = _named(
        rows.competitors, competitors_named(patched), "competitors", shared
    )
    return patched


def _named(have: list[Row], named: set[str], table: str, shared: SharedRows) -> list[Row]:
    """The rows of ``have`` still named, and those newly named read through ``shared``."""
    kept = [r for r in have if r[0] in named]
    missing = named - {r[0] for r in kept}
    return kept + shared(table, missing) if missing else kept


def patch_graph(
    graph: nx.MultiDiGraph,
    rows: AccountRows,
    change: RecordChange,
    *,
    opportunity_id: str | None,
    strength: StrengthParameters,
) -> nx.MultiDiGraph:
    """A copy of the present-day ``graph`` with the people ``change`` touches built again
    from ``rows`` (the rows after the change, see ``patch_rows``)."""
    return refresh_people(
        graph, rows, change.people(), opportunity_id=opportunity_id, strength=strength
    )
