"""Two quarters of dated history for a demo account, relative to the day it is loaded
(issue 13 item 5): the demo then never ages, and the review, the health trend and as-of
reads have a past to show.

``demo_history(data, account_id, today)`` is pure: the account's records in, the dated
writes out, oldest first, each ``(day, records)`` for ``GraphStore.write(records,
on=day)``. The account itself is to be loaded ``HISTORY_DAYS`` before ``today``. It adds:

- interactions for every recorded contact, at a cadence that follows its strength
  (about every 2 weeks from 0.7, monthly from 0.5, else every two months), types in
  turn, the last one a few days before ``today``;
- contacts gained: the first recorded contact's staff member meets the most senior
  uncovered decision-layer person every 2 weeks for the last 60 days;
- contacts lost: the weakest recorded contact's interactions stop 150 days ago, so its
  derived strength decays and the person goes stale;
- a person who joined 100 days ago, and a decision maker or approver with a recorded
  contact (not the best-covered one) who left 45 days ago (``left_on``);
- attitudes that moved: the two people with the most recent readings move, one up
  (30 days ago) and one down (120 days ago).
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from pathlib import Path

from graphcrm.model import US, Attitude, Dataset, Interaction, InteractionSource, Person
from graphcrm.stores.base import GraphStore

__all__ = ["HISTORY_DAYS", "demo_history", "load_demo_set"]

HISTORY_DAYS = 182  # two quarters
_TURN = ("meeting", "call", "visit", "email", "dinner", "call", "event", "message")


def _cadence(strength: float) -> int:
    return 14 if strength >= 0.7 else 30 if strength >= 0.5 else 60


def _jitter(*parts: str) -> int:
    """0..3 days, fixed for the parts (so a reload writes the same history)."""
    return hashlib.sha1("\x1f".join(parts).encode()).digest()[0] % 4


def _meetings(
    staff: str, person: str, first: date, last: date, every: int, tag: str
) -> list[Interaction]:
    found, day, n = [], last - timedelta(days=_jitter(staff, person)), 0
    while day >= first:
        kind = _TURN[(n + _jitter(person, staff)) % len(_TURN)]
        found.append(
            Interaction(
                id=f"demo-{tag}-{staff}-{person}-{n}",
                date=day,
                type=kind,
                staff_ids=staff,
                person_ids=person,
                direction="both" if kind in ("email", "message") else None,
                source=InteractionSource.IMPORT,
            )
        )
        day -= timedelta(days=every)
        n += 1
    return found


def demo_history(data: Dataset, account_id: str, today: date) -> list[tuple[date, Dataset]]:
    """The dated writes that give the account two quarters of history (module docstring)."""
    start = today - timedelta(days=HISTORY_DAYS)
    people = {p.id: p for p in data.people if p.account_id == account_id}
    contacts = sorted(
        (c for c in data.contacts if c.person_id in people), key=lambda c: (-c.strength, c.key)
    )
    if not contacts:
        return []
    meetings: list[Interaction] = []
    weakest = contacts[-1]
    for c in contacts:
        last = today - timedelta(days=150 if c is weakest else 3)
        meetings += _meetings(c.staff_id, c.person_id, start, last, _cadence(c.strength), "c")
    covered = {c.person_id for c in contacts}
    leaders = sorted(p for p, rec in people.items() if p not in covered and rec.layer == "decision")
    if leaders:
        lead = contacts[0].staff_id
        since = today - timedelta(days=60)
        meetings += _meetings(lead, leaders[0], since, today - timedelta(days=1), 14, "g")
    writes: list[tuple[date, Dataset]] = [(today, Dataset(interactions=meetings))]
    joined = Person(
        id=f"{account_id}-demo-new",
        account_id=account_id,
        name="New hire 新任主任",
        title="Director 主任",
        layer="management",
    )
    writes.append((today - timedelta(days=100), Dataset(people=[joined])))
    # A decision maker or approver (a key person) leaves; not the best-covered one.
    deciders = [
        c.person_id
        for c in contacts[1:]
        if {"decision_maker", "approver"} & {r.value for r in people[c.person_id].roles}
    ]
    leaving = deciders[0] if deciders else contacts[len(contacts) // 2].person_id
    gone = people[leaving].model_copy(update={"left_on": today - timedelta(days=45)})
    writes.append((today - timedelta(days=45), Dataset(people=[gone])))
    writes += _moved_attitudes(data, people, today)
    return sorted(writes, key=lambda w: w[0])


def _moved_attitudes(
    data: Dataset, people: dict[str, Person], today: date
) -> list[tuple[date, Dataset]]:
    latest: dict[str, Attitude] = {}
    for a in sorted(data.attitudes, key=lambda a: (a.as_of or date.min, a.person_id)):
        if a.person_id in people and a.toward == US:
            latest[a.person_id] = a
    moved = sorted(latest.values(), key=lambda a: (a.level, a.person_id))
    writes = []
    for reading, step, days in ((moved[:1], 1, 30), (moved[-1:], -1, 120)):
        for a in reading:
            level = max(-1, min(3, a.level + step))
            day = today - timedelta(days=days)
            note = "demo: moved up 转好" if step > 0 else "demo: cooled 转冷"
            writes.append(
                (
                    day,
                    Dataset(
                        attitudes=[
                            Attitude(person_id=a.person_id, level=level, as_of=day, note=note)
                        ]
                    ),
                )
            )
    return writes


def load_demo_set(store: GraphStore, path: Path, today: date | None = None) -> tuple[int, int]:
    """Load one demo set ``HISTORY_DAYS`` before ``today``, then its history; returns
    (records the set wrote, records the history wrote). A set whose accounts are all
    stored already is left as it is (0, 0): loading it again must not rewrite its past."""
    from graphcrm.io.importer import import_path, load_path

    today = today or date.today()
    wanted = {a.id for a in load_path(path).dataset.accounts}
    if wanted and wanted <= {a.id for a in store.accounts()}:
        return 0, 0
    result = import_path(store, path, on=today - timedelta(days=HISTORY_DAYS))
    written = 0
    for account in sorted(wanted):
        for day, records in demo_history(result.dataset, account, today):
            written += store.write(records, on=day).changed
    return result.report.changed, written
