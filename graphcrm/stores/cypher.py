"""The Cypher store: GraphStore on a property graph (Neo4j or FalkorDB) through an executor.

The graph, as a Neo4j user would query it:

- One identity node per entity, holding only its ``id``: ``(:Account)``,
  ``(:Person)``, ``(:Staff)``, ``(:Competitor)``, ``(:Opportunity)``. Their data is
  versioned on ``(identity)-[:HAS_VERSION]->(:PersonVersion)`` nodes (likewise
  ``AccountVersion``, ``StaffVersion``, ``CompetitorVersion``, ``OpportunityVersion``).
- Ties are relationships between people, one per version:
  ``(:Person)-[:REPORTS_TO|DEPENDS_ON|KNOWS|INFLUENCES]->(:Person)`` (strength,
  directed, since); contacts ``(:Staff)-[:CONTACT]->(:Person)``; decision roles
  ``(:Person)-[:DECISION_ROLE {role}]->(:Opportunity)``; attitudes, plans and actions
  are version nodes hanging off the person: ``-[:HAS_ATTITUDE]->(:Attitude)``,
  ``-[:HAS_PLAN]->(:Plan)``, ``-[:HAS_ACTION]->(:Action {id})``; interactions are
  standalone version nodes ``(:Interaction {id, staff_ids, person_ids, ...})``.
- Every version (node or relationship) carries ``valid_from``, ``valid_to`` (absent
  while current), ``recorded_at`` and ``account_id``, the account it belongs to
  (absent for staff and competitors). The fields the graph's shape already says
  (ids of the endpoints, the tie type) are not repeated as properties. Dates are
  ISO strings (FalkorDB has no ``datetime()``), vocabulary terms their codes,
  a person's ``roles`` a list of strings.

Statements are the files in ``cypher/`` (see ``cypher_catalog``), picked here by
name from fixed tables; values go in only as parameters and batches as
``UNWIND $rows`` of at most ``batch_size`` rows. Read statements return the
shape columns and ``props``, the version's properties, floats also as exact
``[m, k]`` pairs (``x = m * 2**-k``) because FalkorDB prints doubles with 15
significant digits, fewer than a double holds. The store asks the executor for
the values it needs as plain lists (``run_columns``: the shape columns, then
``props.<field>`` for each other field of the table's model in TABLES, then the
version's dates), and builds records from them without validating them again,
as the SQLite store does (``graphcrm.model.stored``): they were validated when
written, and validating every cell of an account cost most of a read.

A person's erasure deletes the attitude, plan and action nodes hanging off the
person, then the person's identity and version nodes with every relationship on
them (``purge_*`` statements), in one unit of work.

A write is one unit of work: one transaction on Neo4j; on FalkorDB a sequence of
statements, each atomic, so a write interrupted part-way can be left partial
there (see ``executors``). Its last statement raises the write versions,
``(:WriteVersion {scope, version})`` nodes, one per account and one (scope
``*shared``) for the shared staff and competitors: on FalkorDB too, a reader that
sees the new version sees all of the write.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, TypeVar

from graphcrm.model import TABLES, Record, TieType
from graphcrm.model.stored import stored_record_builder
from graphcrm.stores import cypher_catalog
from graphcrm.stores.base import SHARED_SCOPE, GraphStore, Key, TableChanges, Version
from graphcrm.stores.executors import CypherExecutor, Params, Row, Step

__all__ = ["CypherStore"]

# A date later than any version's: "valid on it" means "not ended", i.e. current.
_CURRENT = date.max.isoformat()
# The version's own properties a history read returns after the record's fields.
_VERSION_PROPS = ("valid_from", "valid_to", "recorded_at", "account_id")
_T = TypeVar("_T")


@dataclass(frozen=True)
class _Shape:
    """How one table sits in the graph: the statements that read and write it.

    ``shape`` names the record fields the read statements return as columns,
    taken from the graph's structure (identity and endpoint ids, the tie type),
    so they are not stored as version properties.
    """

    shape: tuple[str, ...]
    get_all: str
    get_scoped: str | None  # None for staff and competitors, which belong to no account
    history: str
    end: str
    create: str | None  # None for ties: one statement per relationship type
    accounts_of: str | None = None


_SHAPES: dict[str, _Shape] = {
    "accounts": _Shape(
        ("id",),
        "get_all_accounts",
        "get_accounts_by_id",
        "get_account_history",
        "end_accounts",
        "create_accounts",
    ),
    "staff": _Shape(
        ("id",), "get_all_staff", None, "get_staff_history", "end_staff", "create_staff"
    ),
    "competitors": _Shape(
        ("id",),
        "get_all_competitors",
        None,
        "get_competitor_history",
        "end_competitors",
        "create_competitors",
    ),
    "people": _Shape(
        ("id",),
        "get_all_people",
        "get_account_people",
        "get_person_history",
        "end_people",
        "create_people",
        "get_accounts_of_people",
    ),
    "opportunities": _Shape(
        ("id",),
        "get_all_opportunities",
        "get_account_opportunities",
        "get_opportunity_history",
        "end_opportunities",
        "create_opportunities",
        "get_accounts_of_opportunities",
    ),
    "ties": _Shape(
        ("type", "source_id", "target_id"),
        "get_all_ties",
        "get_account_ties",
        "get_tie_history",
        "end_ties",
        None,
    ),
    "contacts": _Shape(
        ("staff_id", "person_id"),
        "get_all_contacts",
        "get_account_contacts",
        "get_contact_history",
        "end_contacts",
        "create_contacts",
    ),
    "attitudes": _Shape(
        ("person_id",),
        "get_all_attitudes",
        "get_account_attitudes",
        "get_attitude_history",
        "end_attitudes",
        "create_attitudes",
    ),
    "decision_roles": _Shape(
        ("opportunity_id", "person_id"),
        "get_all_decision_roles",
        "get_account_decision_roles",
        "get_decision_role_history",
        "end_decision_roles",
        "create_decision_roles",
    ),
    "plans": _Shape(
        ("person_id",),
        "get_all_plans",
        "get_account_plans",
        "get_plan_history",
        "end_plans",
        "create_plans",
    ),
    "actions": _Shape(
        ("person_id",),
        "get_all_actions",
        "get_account_actions",
        "get_action_history",
        "end_actions",
        "create_actions",
        "get_accounts_of_actions",
    ),
    "interactions": _Shape(
        (),  # standalone nodes: every field, the id too, is a property of the version
        "get_all_interactions",
        "get_account_interactions",
        "get_interaction_history",
        "end_interactions",
        "create_interactions",
        "get_accounts_of_interactions",
    ),
    # The portfolio's tables hang off the account (DESIGN.md "Account portfolio").
    "account_values": _Shape(
        ("account_id",),
        "get_all_account_values",
        "get_account_account_values",
        "get_account_value_history",
        "end_account_values",
        "create_account_values",
    ),
    "orders": _Shape(
        ("account_id",),
        "get_all_orders",
        "get_account_orders",
        "get_order_history",
        "end_orders",
        "create_orders",
    ),
    # Unidentified roles hang off their opportunity (DESIGN.md "Method settings, conflict
    # ties, unidentified roles"); person_id is a property, empty while the slot is open.
    "role_slots": _Shape(
        ("opportunity_id",),
        "get_all_role_slots",
        "get_account_role_slots",
        "get_role_slot_history",
        "end_role_slots",
        "create_role_slots",
        "get_accounts_of_role_slots",
    ),
}

# The current version of one record, for the tables a one-record write reads by key
# (graphcrm/stores/write_context.py): one version, however long the record's history.
# Other tables filter their history (GraphStore._current).
_CURRENT_OF = {
    "accounts": "get_account_current",
    "people": "get_person_current",
    "opportunities": "get_opportunity_current",
    "attitudes": "get_attitude_current",
    "contacts": "get_contact_current",
    "decision_roles": "get_decision_role_current",
}

# For a person's history: per table, the statement listing the keys (the record fields
# other than person_id) of every record, ended or not, naming the person.
_PERSON_KEYS: dict[str, str] = {
    "ties": "get_person_tie_keys",
    "contacts": "get_person_contact_keys",
    "attitudes": "get_person_attitude_keys",
    "decision_roles": "get_person_decision_role_keys",
    "actions": "get_person_action_keys",
    "interactions": "get_person_interaction_keys",
    "role_slots": "get_person_role_slot_keys",
}
_PURGE = (
    "purge_person_records",
    "purge_person_interactions",
    "purge_empty_interactions",
    "purge_person_role_slots",
    "purge_person",
)
# "Find anyone": per table searched (graphcrm.stores.base.SEARCH_FIELDS), its statement.
_MATCHING = {
    "accounts": "get_accounts_matching",
    "people": "get_people_matching",
    "staff": "get_staff_matching",
}

# Tie type -> (relationship type, the statement that starts versions of it). A fixed
# whitelist: relationship types cannot be parameters in openCypher.
_TIES: dict[str, tuple[str, str]] = {
    TieType.REPORTS_TO.value: ("REPORTS_TO", "create_reports_to_ties"),
    TieType.DEPENDS_ON.value: ("DEPENDS_ON", "create_depends_on_ties"),
    TieType.KNOWS.value: ("KNOWS", "create_knows_ties"),
    TieType.INFLUENCES.value: ("INFLUENCES", "create_influences_ties"),
    TieType.OPPOSES.value: ("OPPOSES", "create_opposes_ties"),
}


class CypherStore(GraphStore):
    """GraphStore on a property graph, through a CypherExecutor (Neo4j or FalkorDB).

    Creates the constraints and indexes it needs on opening. ``batch_size`` caps
    the rows of one ``UNWIND`` statement (and of one id lookup).
    """

    def __init__(self, executor: CypherExecutor, *, batch_size: int = 5_000) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self._executor = executor
        self._batch_size = batch_size
        executor.ensure_schema()

    def close(self) -> None:
        self._executor.close()

    # -- primitives -----------------------------------------------------------------

    def _read(
        self, table: str, *, account_ids: Collection[str] | None, as_of: date | None
    ) -> list[tuple[Record, date]]:
        names, _, build = _reader(table)
        rows = self.read_columns(
            table, (*names, "valid_from"), account_ids=account_ids, as_of=as_of
        )
        # Each row: the fields, then valid_from (zip stops at the fields).
        return [
            (build(dict(zip(names, row, strict=False))), date.fromisoformat(row[-1]))
            for row in rows
        ]

    def read_columns(
        self,
        table: str,
        fields: Sequence[str],
        *,
        account_ids: Collection[str] | None,
        as_of: date | None,
    ) -> list[list[Any]]:
        """The stored values of ``fields``, in order, of the versions valid ``as_of``
        (``account_ids`` None: every record of the table), through ``run_columns``: no
        record is built (analysis reads, ``graphcrm.stores.analysis_read``). A field the
        graph's shape carries is its column, any other the version's ``props.<field>``."""
        shape = _SHAPES[table]
        params: Params = {"day": as_of.isoformat() if as_of else _CURRENT}
        if account_ids is None:
            name = shape.get_all
        elif shape.get_scoped is None or not account_ids:
            return []  # staff and competitors belong to no account
        else:
            name, params["accounts"] = shape.get_scoped, sorted(account_ids)
        columns = tuple(f if f in shape.shape else f"props.{f}" for f in fields)
        return self._executor.run_columns(cypher_catalog.statement(name), params, columns)

    def _accounts_of(self, table: str, ids: Collection[str]) -> dict[str, str]:
        name = _SHAPES[table].accounts_of
        if name is None:
            raise ValueError(f"{table} are not looked up by id")
        found: dict[str, str] = {}
        for batch in _batches(sorted(ids), self._batch_size):
            for row in self._run(name, {"ids": batch}):
                found[row["id"]] = row["account_id"]
        return found

    def _apply(
        self,
        changes: dict[str, TableChanges],
        recorded_at: str,
        scopes: Collection[str] | None = None,
    ) -> None:
        steps = list(self._steps(changes, recorded_at))
        bumps = sorted(scopes if scopes is not None else {SHARED_SCOPE})
        steps += self._batched("create_write_versions", [{"scope": s} for s in bumps])
        self._executor.run_unit(steps)

    def write_version(self, account_id: str) -> int:
        rows = self._run("get_write_version", {"account_id": account_id, "shared": SHARED_SCOPE})
        return int(rows[0]["version"] or 0) if rows else 0

    def _search(
        self, table: str, needle: str, account_ids: Collection[str] | None, limit: int
    ) -> list[Record]:
        params: Params = {"text": needle, "limit": limit, "accounts": sorted(account_ids or [])}
        names, columns, build = _reader(table)
        statement = cypher_catalog.statement(_MATCHING[table])
        rows = self._executor.run_columns(statement, params, columns)
        return [build(dict(zip(names, row, strict=True))) for row in rows]

    def _versions(self, table: str, key: Key) -> list[Version]:
        return self._versions_by(_SHAPES[table].history, table, key)

    def _current(self, table: str, key: Key) -> Version | None:
        statement = _CURRENT_OF.get(table)
        if statement is None:
            return super()._current(table, key)
        found = self._versions_by(statement, table, key)
        return found[0] if found else None

    def _versions_by(self, statement: str, table: str, key: Key) -> list[Version]:
        """The versions of one record a statement of its history's shape answers."""
        names, columns, build = _reader(table)
        extra = tuple(f"props.{p}" for p in _VERSION_PROPS)
        rows = self._executor.run_columns(
            cypher_catalog.statement(statement),
            _key_params(table, key),
            (*columns, *extra),
        )
        versions = []
        for row in rows:
            valid_from, ended, recorded_at, account_id = row[-len(extra) :]
            versions.append(
                Version(
                    build(dict(zip(names, row, strict=False))),  # the fields come first
                    account_id,
                    date.fromisoformat(valid_from),
                    date.fromisoformat(ended) if ended else None,
                    recorded_at,
                )
            )
        return versions

    def _person_versions(self, person_id: str) -> dict[str, list[Version]]:
        found = {
            "people": self._versions("people", (person_id,)),
            "plans": self._versions("plans", (person_id,)),
        }
        for table, name in _PERSON_KEYS.items():
            fields = TABLES[table].key_fields
            keys = [
                tuple(person_id if f == "person_id" else str(row[f]) for f in fields)
                for row in self._run(name, {"person_id": person_id})
            ]
            found[table] = [v for key in keys for v in self._versions(table, key)]
        # A slot names the person only in the versions they fill (the open ones name nobody).
        found["role_slots"] = [
            v for v in found["role_slots"] if getattr(v.record, "person_id", None) == person_id
        ]
        return found

    def _purge_person(self, person_id: str, scopes: Collection[str]) -> None:
        params = {"person_id": person_id}
        steps = [(cypher_catalog.statement(n), params) for n in _PURGE]
        # Raised last, like every write's: a reader never sees the new version before the data.
        steps += self._batched("create_write_versions", [{"scope": s} for s in sorted(scopes)])
        self._executor.run_unit(steps)

    # -- helpers --------------------------------------------------------------------

    def _run(self, name: str, params: Params) -> list[Row]:
        return self._executor.run(cypher_catalog.statement(name), params)

    def _steps(self, changes: dict[str, TableChanges], recorded_at: str) -> Iterator[Step]:
        """The write statements of one ``_apply``, in order: per table (in the order of
        TABLES, referenced tables first), the ends, then the starts, in batches."""
        for table in sorted(changes, key=list(TABLES).index):
            tc, shape = changes[table], _SHAPES[table]
            ends = [{**_key_params(table, key), "valid_to": day.isoformat()} for key, day in tc.end]
            yield from self._batched(shape.end, ends)
            starts: dict[str, list[Params]] = {}
            for record, account_id, day in tc.start:
                row, props = _encode(table, record, account_id)
                props.update(valid_from=day.isoformat(), recorded_at=recorded_at)
                name = _TIES[row.pop("type")][1] if table == "ties" else shape.create
                starts.setdefault(str(name), []).append({**row, "props": props})
            for name, rows in starts.items():
                yield from self._batched(name, rows)

    def _batched(self, name: str, rows: list[Params]) -> Iterator[Step]:
        text = cypher_catalog.statement(name)
        for batch in _batches(rows, self._batch_size):
            yield text, {"rows": batch}


def _batches(items: list[_T], size: int) -> Iterable[list[_T]]:
    return (items[i : i + size] for i in range(0, len(items), size))


def _key_params(table: str, key: Key) -> Params:
    """A record's key as the parameters its statements match on."""
    params: Params = dict(zip(TABLES[table].key_fields, key, strict=True))
    if table == "ties":
        if key[0] not in _TIES:
            return {**params, "rel_type": None}  # matches nothing, like an unknown key
        params["rel_type"] = _TIES[key[0]][0]
    return params


def _encode(table: str, record: Record, account_id: str | None) -> tuple[Params, Params]:
    """A record as the shape values its create statement matches on, and the
    properties of its version: the other fields, without empty ones (a graph does
    not store nulls), and its account."""
    shape = _SHAPES[table].shape
    row: Params = {}
    props: Params = {}
    for name, value in record.model_dump(mode="json").items():
        if name in shape:
            row[name] = value
        elif value is not None:
            props[name] = value
    own = props.get("account_id")
    if own is not None and own != account_id:
        # People and opportunities carry their account as a field, and the version's
        # account is that same property; GraphStore.write always passes it so.
        raise ValueError(f"{table} {record.key}: account {account_id!r} is not its own {own!r}")
    if account_id is not None:
        props["account_id"] = account_id
    return row, props


@cache
def _reader(table: str) -> tuple[tuple[str, ...], tuple[str, ...], Callable[..., Record]]:
    """How a read of ``table`` becomes records: the record's field names, the columns
    that carry them (the shape columns, then ``props.<field>`` for every other field
    of its model), and the builder of a record from ``{field: value}``.

    Driven by the model in TABLES, so a field or table added there is read back
    without touching this module (its statements only return ``props``)."""
    shape = _SHAPES[table].shape
    names = (*shape, *(f for f in TABLES[table].model_fields if f not in shape))
    columns = tuple(n if n in shape else f"props.{n}" for n in names)
    return names, columns, stored_record_builder(TABLES[table])
