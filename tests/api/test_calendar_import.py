"""POST /accounts/{id}/imports/calendar (issue 13 item 3): the .ics file of
tests/interactions/test_calendar.py (a timed meeting, an all-day site visit, a Chinese
dinner title, a recurring call excluded, a cancelled event, an unknown attendee) through
the API, the same summary as the CLI's core function; twice changes nothing; a
malformed file or date answers 422 saying where and why, a read-only key 403, and
neither writes anything."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graphcrm.model import Dataset
from tests.api.conftest import SEEDED_ON, ApiEnv, team_a_data
from tests.interactions.test_calendar import write_ics

ROUTE = "/accounts/acme/imports/calendar"
BROKEN_DATE = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//\r\nBEGIN:VEVENT\r\nUID:ok\r\n"
    b"DTSTART:20261101T090000Z\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:bad-1\r\n"
    b"DTSTART:20261399\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def _with_addresses(env: ApiEnv) -> None:
    data = team_a_data()
    emails = {"ceo": "wang@acme.cn", "cto": "chen@acme.cn"}
    env.team("a").write(
        Dataset(
            staff=[data.staff[0].model_copy(update={"email": "ann@us.com"})],
            people=[
                p.model_copy(update={"email": emails[p.id]}) for p in data.people if p.id in emails
            ],
        ),
        on=SEEDED_ON,
    )


def _post(env: ApiEnv, who: str, content: bytes) -> Any:
    return env.post(who, ROUTE, files={"file": ("cal.ics", content, "text/calendar")})


def test_calendar_import_over_the_api(env: ApiEnv, tmp_path: Path) -> None:
    _with_addresses(env)
    ics = write_ics(tmp_path / "cal.ics").read_bytes()
    before = env.snapshot()
    assert _post(env, "a_ro", ics).status_code == 403
    assert env.snapshot() == before
    first = _post(env, "a", ics)
    assert first.status_code == 200, first.text
    assert first.json() == {
        "events": 6,
        "matched": 3,
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "skipped": {"cancelled": 1, "no customer person": 1, "recurring": 1},
        "unmatched": {"stranger@other.com": 2},
    }
    listed = env.get("a", "/accounts/acme/interactions").json()["items"]
    assert sorted((i["date"], i["type"], i["note"]) for i in listed) == [
        ("2026-11-18", "site_visit", "Site visit: plant"),
        ("2026-11-20", "meeting", "Roadmap review"),
        ("2026-11-25", "dinner", "与王总宴请"),
    ]
    imported = env.snapshot()
    again = _post(env, "a", ics).json()
    assert (again["matched"], again["created"], again["unchanged"]) == (3, 0, 3)
    assert env.snapshot() == imported


def test_a_malformed_calendar_answers_422_with_where_and_why(env: ApiEnv) -> None:
    before = env.snapshot()
    garbled = _post(env, "a", b"hello")
    assert garbled.status_code == 422
    (error,) = garbled.json()["errors"]
    assert error["table"] == "calendar" and "not a calendar" in error["message"]
    broken = _post(env, "a", BROKEN_DATE)
    assert broken.status_code == 422
    (error,) = broken.json()["errors"]
    assert (error["row"], error["field"]) == (2, "DTSTART")
    assert "event 2 (bad-1)" in error["message"] and "20261399" in error["message"]
    assert env.snapshot() == before
