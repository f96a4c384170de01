"""Checks of interactions across rows (DESIGN.md "Interactions"): the staff, people and
opportunity they name exist, and the people (and the opportunity) are of one account."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from graphcrm.model.dataset import Dataset

__all__ = ["check_interactions"]

Err = Callable[[str, int, str | None, str], None]


def check_interactions(
    incoming: Dataset,
    staff_ids: Collection[str],
    person_account: Mapping[str, str],
    opportunity_account: Mapping[str, str],
    err: Err,
) -> None:
    """Report, through ``err`` (table, index, column, message), each interaction naming
    an unknown staff member, person or opportunity, or people of more than one account."""
    for i, rec in enumerate(incoming.interactions):
        unknown_staff = [s for s in rec.staff_ids if s not in staff_ids]
        if unknown_staff:
            err("interactions", i, "staff_ids", f"unknown staff member(s) {unknown_staff}")
        unknown = [p for p in rec.person_ids if p not in person_account]
        if unknown:
            err("interactions", i, "person_ids", f"unknown person(s) {unknown}")
            continue
        accounts = {person_account[p] for p in rec.person_ids}
        first = person_account[rec.person_ids[0]]
        if len(accounts) > 1:
            others = [p for p in rec.person_ids if person_account[p] != first]
            err(
                "interactions",
                i,
                "person_ids",
                f"person(s) {others} are not in account {first!r} of {rec.person_ids[0]!r}; "
                "one interaction is with one account",
            )
        opp = rec.opportunity_id
        if opp is not None and opportunity_account.get(opp) != first:
            why = "unknown opportunity" if opp not in opportunity_account else "opportunity"
            where = "" if opp not in opportunity_account else f" is not in account {first!r}"
            err("interactions", i, "opportunity_id", f"{why} {opp!r}{where}")
