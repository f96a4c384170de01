"""Checks across rows: unique keys, references that exist, no reports_to cycles.

A row can be valid on its own and still be wrong in its company: a tie to a
person nobody imported, two people with one id, a manager who reports to their
own report. ``check_integrity`` finds all of these at once, against the
incoming rows together with what the store already holds.
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from graphcrm.errors import RecordError
from graphcrm.model.dataset import TABLES, Dataset
from graphcrm.model.interaction_checks import check_interactions
from graphcrm.model.portfolio_integrity import (
    account_kinds,
    check_portfolio,
    cross_account_tie_problem,
)
from graphcrm.model.records import US, Record
from graphcrm.model.role_slots import check_role_slots
from graphcrm.model.vocab import TieType

__all__ = ["Locator", "check_integrity"]

# Maps (table, index in the incoming table) to (source file or sheet, row as shown to a person).
Locator = Callable[[str, int], tuple[str | None, int | None]]


def _default_locator(table: str, index: int) -> tuple[str | None, int | None]:
    return None, index + 1


def check_integrity(
    incoming: Dataset, existing: Dataset | None = None, locate: Locator | None = None
) -> list[RecordError]:
    """Every cross-row problem of ``incoming`` read on top of ``existing``.

    ``existing`` holds the stored records the incoming ones may refer to (the
    accounts they touch, all staff and competitors). An incoming record with
    the key of an existing one is an update, not a duplicate.
    """
    existing = existing or Dataset()
    locate = locate or _default_locator
    errors: list[RecordError] = []

    def err(
        table: str,
        index: int,
        column: str | None,
        message: str,
        kind: str | None = None,
        **params: str,
    ) -> None:
        source, row = locate(table, index)
        named = tuple(params.items())
        errors.append(RecordError(table, row, column, message, source, kind, named))

    _duplicate_keys(incoming, locate, err)

    ids = {t: _ids(incoming, existing, t) for t in ("accounts", "staff", "competitors")}
    person_account = {p.id: p.account_id for p in existing.people}
    person_account.update({p.id: p.account_id for p in incoming.people})
    opportunity_account = {o.id: o.account_id for o in existing.opportunities}
    opportunity_account.update({o.id: o.account_id for o in incoming.opportunities})

    def need(table: str, i: int, column: str, value: str | None, known: object, what: str) -> bool:
        if value is not None and value not in known:  # type: ignore[operator]
            kind = "unknown_" + what.replace(" ", "_")
            err(table, i, column, f"unknown {what} {value!r}", kind, value=value)
            return False
        return True

    for i, p in enumerate(incoming.people):
        need("people", i, "account_id", p.account_id, ids["accounts"], "account")
    for i, o in enumerate(incoming.opportunities):
        need("opportunities", i, "account_id", o.account_id, ids["accounts"], "account")
    kinds = account_kinds(existing.accounts, incoming.accounts)
    for i, t in enumerate(incoming.ties):
        ok = need("ties", i, "source_id", t.source_id, person_account, "person")
        ok = need("ties", i, "target_id", t.target_id, person_account, "person") and ok
        if ok and person_account[t.source_id] != person_account[t.target_id]:
            # Only an outside party's person may tie into a customer's (portfolio_integrity).
            why = cross_account_tie_problem(
                t, person_account[t.source_id], person_account[t.target_id], kinds
            )
            if why:
                err("ties", i, "target_id", why)
    for i, c in enumerate(incoming.contacts):
        need("contacts", i, "staff_id", c.staff_id, ids["staff"], "staff member")
        need("contacts", i, "person_id", c.person_id, person_account, "person")
    for i, a in enumerate(incoming.attitudes):
        need("attitudes", i, "person_id", a.person_id, person_account, "person")
        if a.toward != US:
            need("attitudes", i, "toward", a.toward, ids["competitors"], "competitor")
    for i, r in enumerate(incoming.decision_roles):
        ok = need(
            "decision_roles",
            i,
            "opportunity_id",
            r.opportunity_id,
            opportunity_account,
            "opportunity",
        )
        ok = need("decision_roles", i, "person_id", r.person_id, person_account, "person") and ok
        if ok and opportunity_account[r.opportunity_id] != person_account[r.person_id]:
            err(
                "decision_roles",
                i,
                "person_id",
                f"person {r.person_id!r} is not in the account of opportunity {r.opportunity_id!r}",
            )
    for table in ("plans", "actions"):
        for i, rec in enumerate(incoming.table(table)):
            need(table, i, "person_id", rec.person_id, person_account, "person")  # type: ignore[attr-defined]
            need(table, i, "owner_staff_id", rec.owner_staff_id, ids["staff"], "staff member")  # type: ignore[attr-defined]

    check_interactions(incoming, ids["staff"], person_account, opportunity_account, err)
    check_role_slots(incoming.role_slots, person_account, opportunity_account, err)
    _actions_before_plan_start(incoming, existing, err)
    check_portfolio(incoming, existing, ids["accounts"], err)
    errors.extend(_reporting_cycles(incoming, existing, locate))
    return errors


def _duplicate_keys(incoming: Dataset, locate: Locator, err: Callable[..., None]) -> None:
    """Unique keys within the incoming rows: a repeated key names the row that had it first."""
    for table, records in incoming.tables():
        first_seen: dict[tuple[str, ...], int] = {}
        for i, rec in enumerate(records):
            if rec.key in first_seen:
                _, row = locate(table, first_seen[rec.key])
                what = "id" if TABLES[table].key_fields == ("id",) else "key"
                err(
                    table,
                    i,
                    TABLES[table].key_fields[-1] if what == "id" else None,
                    f"duplicate {what} {'/'.join(rec.key)!r} (first at row {row})",
                )
            else:
                first_seen[rec.key] = i


def _actions_before_plan_start(
    incoming: Dataset, existing: Dataset, err: Callable[..., None]
) -> None:
    """An action cannot fall due before the start of its person's plan.

    Checked on the incoming actions (against the incoming plan of the person,
    else the stored one), and on the incoming plans (against the person's
    stored actions that the write leaves as they are), each reported through ``err``.
    """
    starts = {p.person_id: p.start_date for p in existing.plans}
    starts.update({p.person_id: p.start_date for p in incoming.plans})
    incoming_actions = {a.id for a in incoming.actions}
    for i, act in enumerate(incoming.actions):
        start = starts.get(act.person_id)
        if start and act.due and act.due < start:
            message = f"due {act.due} is before the plan's start_date {start}"
            err(
                "actions", i, "due", message, "due_before_start", due=str(act.due), start=str(start)
            )
    for i, plan in enumerate(incoming.plans):
        early = sorted(
            a.id
            for a in existing.actions
            if a.person_id == plan.person_id
            and a.id not in incoming_actions
            and plan.start_date
            and a.due
            and a.due < plan.start_date
        )
        if early:
            err(
                "plans",
                i,
                "start_date",
                f"start_date {plan.start_date} is after the due date of action(s) "
                f"{', '.join(early[:5])}",
            )


def _ids(incoming: Dataset, existing: Dataset, table: str) -> set[str]:
    return {r.key[0] for r in existing.table(table)} | {r.key[0] for r in incoming.table(table)}


def _reporting_cycles(incoming: Dataset, existing: Dataset, locate: Locator) -> list[RecordError]:
    """One error per reports_to cycle, placed on an incoming tie that closes it."""
    merged: dict[tuple[str, ...], tuple[Record, int | None]] = {
        t.key: (t, None) for t in existing.ties if t.type == TieType.REPORTS_TO
    }
    for i, t in enumerate(incoming.ties):
        if t.type == TieType.REPORTS_TO:
            merged[t.key] = (t, i)
    graph = nx.DiGraph()
    for tie, index in merged.values():
        graph.add_edge(tie.source_id, tie.target_id, index=index)  # type: ignore[attr-defined]
    errors = []
    for component in nx.strongly_connected_components(graph):
        if len(component) < 2:
            continue
        cycle = nx.find_cycle(graph.subgraph(component))
        indexes = [graph.edges[u, v]["index"] for u, v in cycle]
        index = next((i for i in indexes if i is not None), 0)
        source, row = locate("ties", index)
        path = " -> ".join([u for u, _ in cycle] + [cycle[0][0]])
        message = f"reports_to cycle: {path}"
        named = (("path", path),)
        errors.append(
            RecordError("ties", row, "target_id", message, source, "reports_to_cycle", named)
        )
    return errors
