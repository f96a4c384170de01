"""A real .ics file written with icalendar: one timed meeting, an all-day site visit, a
Chinese dinner title, a recurring call (excluded), a cancelled event, an attendee not in
the account; imported twice, the second time changing nothing."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import icalendar

from graphcrm.interactions.calendar import calendar_interactions, import_calendar
from graphcrm.stores import SQLiteStore
from tests.sample import small_account
from tests.test_cli import run

TODAY = date(2026, 11, 30)
UTC8 = timezone(timedelta(hours=8))


def _event(uid: str, title: str, start: object, *who: str, **extra: object) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("summary", title)
    event.add("dtstart", start)
    event.add("organizer", "mailto:Ann@us.com")
    for address in who:
        event.add("attendee", f"mailto:{address}")
    for key, value in extra.items():
        event.add(key, value)
    return event


def write_ics(path: Path) -> Path:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//graphcrm tests//")
    cal.add("version", "2.0")
    start = datetime(2026, 11, 20, 10, 0, tzinfo=UTC8)
    cal.add_component(
        _event(
            "m-1",
            "Roadmap review",
            start,
            "chen@acme.cn",
            "Wang@acme.cn",
            dtend=start + timedelta(minutes=90),
        )
    )
    cal.add_component(_event("v-1", "Site visit: plant", date(2026, 11, 18), "chen@acme.cn"))
    cal.add_component(
        _event(
            "d-1",
            "与王总宴请",
            datetime(2026, 11, 25, 19, 0, tzinfo=UTC8),
            "wang@acme.cn",
            "stranger@other.com",
        )
    )
    cal.add_component(
        _event(
            "r-1",
            "Weekly call",
            datetime(2026, 10, 1, 9, 0, tzinfo=UTC8),
            "chen@acme.cn",
            rrule={"freq": "weekly", "count": 8},
        )
    )
    cal.add_component(
        _event(
            "c-1",
            "Cancelled lunch",
            datetime(2026, 11, 26, 12, 0, tzinfo=UTC8),
            "chen@acme.cn",
            status="CANCELLED",
        )
    )
    cal.add_component(
        _event(
            "x-1", "Vendor sync", datetime(2026, 11, 27, 9, 0, tzinfo=UTC8), "stranger@other.com"
        )
    )
    path.write_bytes(cal.to_ical())
    return path


def test_calendar_import_summary_and_idempotence(tmp_path: Path) -> None:
    data = small_account()
    data.staff[0] = data.staff[0].model_copy(update={"email": "ann@us.com"})
    data.people = [
        p.model_copy(update={"email": {"ceo": "wang@acme.cn", "cto": "chen@acme.cn"}.get(p.id)})
        for p in data.people
    ]
    ics = write_ics(tmp_path / "cal.ics")
    with SQLiteStore(tmp_path / "g.db") as store:
        store.write(data, on=date(2026, 1, 1))
        first = import_calendar(store, "acme", ics.read_bytes(), today=TODAY)
        assert first.to_dict() == {
            "events": 6,
            "matched": 3,
            "created": 3,
            "updated": 0,
            "unchanged": 0,
            "skipped": {"cancelled": 1, "no customer person": 1, "recurring": 1},
            "unmatched": {"stranger@other.com": 2},
        }
        found = {i.note: i for i in store.account_data("acme").interactions}
        second = import_calendar(store, "acme", ics.read_bytes(), today=TODAY)
        assert (second.created, second.updated, second.unchanged) == (0, 0, 3)
        assert {i.note: i for i in store.account_data("acme").interactions} == found
    review = found["Roadmap review"]
    assert (review.type, review.date, review.duration_min) == ("meeting", date(2026, 11, 20), 90)
    assert review.staff_ids == ("s-ar",) and review.person_ids == ("cto", "ceo")
    visit = found["Site visit: plant"]
    assert (visit.type, visit.date, visit.duration_min) == ("site_visit", date(2026, 11, 18), None)
    assert (found["与王总宴请"].type, found["与王总宴请"].source) == ("dinner", "ics")


def test_the_cli_imports_a_calendar(tmp_path: Path) -> None:
    from tests.sample import write_json

    data = small_account()
    data.staff[0] = data.staff[0].model_copy(update={"email": "ann@us.com"})
    data.people[1] = data.people[1].model_copy(update={"email": "chen@acme.cn"})
    db = tmp_path / "store" / "g.db"
    assert run(db, "import", str(write_json(data, tmp_path / "a.json"))).returncode == 0
    done = run(db, "import-calendar", "acme", str(write_ics(tmp_path / "cal.ics")))
    assert done.returncode == 0, done.stderr
    assert '"created": 2' in done.stdout and '"recurring": 1' in done.stdout


def test_a_duration_between_a_floating_and_a_zoned_time_is_unknown(tmp_path: Path) -> None:
    """DTSTART without a zone, DTEND in UTC: the event imports, its duration unknown (the
    two cannot be subtracted; found by fuzzing the parser)."""
    ics = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//\r\nBEGIN:VEVENT\r\nUID:f-1\r\n"
        b"DTSTART:20261101T090000\r\nDTEND:20261101T100000Z\r\n"
        b"ORGANIZER:mailto:ann@us.com\r\nATTENDEE:mailto:chen@acme.cn\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n"
    )
    found, summary = calendar_interactions(
        ics, {"ann@us.com": "s-ar"}, {"chen@acme.cn": "cto"}, TODAY
    )
    assert summary.events == 1 and [(i.date, i.duration_min) for i in found] == [
        (date(2026, 11, 1), None)
    ]
