"""The owner rule on every plan and action the API writes (graphcrm.plans.owners).

An owner whose staff ``team`` names another access team than the caller's
(the account's owner) is refused with 422 ``validation_failed`` on
``owner_staff_id``, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence

from graphcrm.access import TeamStore
from graphcrm.errors import ValidationFailed
from graphcrm.model import Action, Plan
from graphcrm.plans import foreign_owner_errors

__all__ = ["check_owners"]


def check_owners(team: TeamStore, records: Sequence[tuple[str, Plan | Action]]) -> None:
    """Raise ValidationFailed if any plan's or action's owner is in another access team."""
    if not any(r.owner_staff_id for _, r in records):
        return
    staff = {s.id: s for s in team.store.staff()}
    teams = [t.name for t in team.access.teams()]
    rows = [(table, None, record) for table, record in records]
    errors = foreign_owner_errors(rows, staff, team=team.principal.team, teams=teams)  # type: ignore[arg-type]
    if errors:
        raise ValidationFailed(errors)
