"""Who may own a plan or an action: the rule against owners from another team.

Staff are shared by every team and carry a free-text ``team``; accounts are
owned by access teams. The rule: a plan's or action's owner is refused when
their ``team`` names an access team (compared without case or surrounding
spaces) other than the team that owns the account. Staff whose ``team`` is
empty, or names no access team (an organisational unit such as a regional
office, whose executives are lent to many accounts), may own plans in any
account: they are not *from another team* as far as the access model knows.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from graphcrm.errors import RecordError
from graphcrm.model import Action, Plan, Staff

__all__ = ["foreign_owner_errors"]


def _norm(text: str | None) -> str:
    return (text or "").strip().casefold()


def foreign_owner_errors(
    records: Iterable[tuple[str, int, Plan | Action]],
    staff: Mapping[str, Staff],
    *,
    team: str,
    teams: Collection[str],
) -> list[RecordError]:
    """One RecordError per (table, row, record) whose owner belongs to another access team.

    ``staff`` maps staff ids to records (owners not in it are left to the
    store's own check, "unknown staff member"); ``team`` is the account's
    owning team and ``teams`` every access team's name.

    >>> s = {"s1": Staff(id="s1", name="Ann", team="team-b")}
    >>> plan = Plan(person_id="p", target_level=2, owner_staff_id="s1")
    >>> [e.message for e in foreign_owner_errors([("plans", 1, plan)], s,
    ...                                          team="team-a", teams=["team-a", "team-b"])]
    ["owner 's1' is in team 'team-b', not the account's team 'team-a'"]
    """
    others = {_norm(t) for t in teams} - {_norm(team)}
    errors = []
    for table, row, record in records:
        owner = staff.get(record.owner_staff_id or "")
        if owner is not None and _norm(owner.team) in others:
            errors.append(
                RecordError(
                    table,
                    row,
                    "owner_staff_id",
                    f"owner {owner.id!r} is in team {owner.team!r}, "
                    f"not the account's team {team!r}",
                    kind="foreign_owner",
                    params=(("owner", owner.id), ("team", str(owner.team)), ("ours", team)),
                )
            )
    return errors
