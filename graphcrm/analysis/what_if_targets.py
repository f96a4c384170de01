"""How a what-if moves the next targets (issue 11 item 4; DESIGN.md "Editing where you read").

The next targets (``graphcrm.analysis.targets``) ranked on the account as it is
and on the account with the tried changes, set side by side per person: their
rank and score before and after (None where they are not a target), in the
order of the ranking after the changes, then those the changes take off the
list in their order before. A pure function of the two rankings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from graphcrm.analysis.targets import NextTarget

__all__ = ["TargetChange", "targets_change"]


@dataclass(frozen=True)
class TargetChange:
    """One person's place among the next targets before and after the changes."""

    person_id: str
    name: str
    rank_before: int | None
    rank_after: int | None
    score_before: float | None
    score_after: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def targets_change(before: Sequence[NextTarget], after: Sequence[NextTarget]) -> list[TargetChange]:
    """Every person on either ranking, with their rank and score on each.

    >>> from graphcrm.analysis.targets import NextTarget
    >>> def t(pid, rank, score):
    ...     return NextTarget(pid, pid.upper(), rank, score, 1.0, 0, 2, "default", 2,
    ...                       0.5, None, None, None, None)
    >>> moved = targets_change([t("a", 1, 0.9), t("b", 2, 0.4)], [t("b", 1, 0.4)])
    >>> [(m.person_id, m.rank_before, m.rank_after) for m in moved]
    [('b', 2, 1), ('a', 1, None)]
    """
    was = {t.person_id: t for t in before}
    now = {t.person_id: t for t in after}
    order = [t.person_id for t in after] + [t.person_id for t in before if t.person_id not in now]
    out = []
    for person_id in order:
        old, new = was.get(person_id), now.get(person_id)
        named = new or old
        assert named is not None  # every id in ``order`` is on one of the two
        out.append(
            TargetChange(
                person_id=person_id,
                name=named.name,
                rank_before=old.rank if old else None,
                rank_after=new.rank if new else None,
                score_before=old.score if old else None,
                score_after=new.score if new else None,
            )
        )
    return out
