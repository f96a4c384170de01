"""The key people going stale soonest: days left before their latest contact is older
than the account's cadence (DESIGN.md, gaps: ``stale`` when the latest dated contact is
more than ``cadence_days`` old; issue 13 item 6).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

__all__ = ["StaleSoon", "stale_soonest"]


@dataclass(frozen=True)
class StaleSoon:
    """A key person's freshness: ``days_left`` until the ``stale`` gap opens (0: the
    last fresh day; negative: stale for that many days already)."""

    person_id: str
    name: str
    last_contact: str
    days_since: int
    days_left: int

    @property
    def stale(self) -> bool:
        return self.days_left < 0


def stale_soonest(coverage: dict[str, Any], *, limit: int = 5) -> list[StaleSoon]:
    """The key people with a dated contact, fewest days left before they go stale first
    (ties by name), at most ``limit``; undated contacts are never judged old (as the
    ``stale`` rule says), so people without one are not listed.

    ``coverage`` is a coverage report as the API serves it (``CoverageReport.to_dict()``):
    its ``parameters`` give the read day and the cadence.

    >>> report = {"parameters": {"today": "2026-06-30", "cadence_days": 30}, "people": [
    ...     {"person_id": "a", "name": "A", "key": True, "last_contact": "2026-06-20"},
    ...     {"person_id": "b", "name": "B", "key": True, "last_contact": "2026-05-01"},
    ...     {"person_id": "c", "name": "C", "key": False, "last_contact": "2026-06-01"},
    ...     {"person_id": "d", "name": "D", "key": True, "last_contact": None}]}
    >>> [(s.person_id, s.days_since, s.days_left) for s in stale_soonest(report)]
    [('b', 60, -30), ('a', 10, 20)]
    """
    today = date.fromisoformat(str(coverage["parameters"]["today"]))
    cadence = int(coverage["parameters"]["cadence_days"])
    found = []
    for p in coverage.get("people", []):
        if not p.get("key") or not p.get("last_contact"):
            continue
        since = (today - date.fromisoformat(str(p["last_contact"])[:10])).days
        found.append(
            StaleSoon(
                str(p["person_id"]), str(p["name"]), str(p["last_contact"]), since, cadence - since
            )
        )
    found.sort(key=lambda s: (s.days_left, s.name, s.person_id))
    return found[:limit]
