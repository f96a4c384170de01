"""Every route that writes a workbook or CSV, against text written through the API.

Formula payloads (one per trigger character) at the start of names, titles and
notes come out of every XLSX as string cells (never ``f``), out of the
human-facing assessment CSV with a leading ``'``, and out of the data export's
CSV exactly. The nastiest valid text (emoji, right-to-left marks, U+2028, a
formula...) leaves every such route answering 200 with a file openpyxl opens.
"""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

import openpyxl
import pytest

from graphcrm.io.spreadsheet_text import FORMULA_TRIGGERS
from tests.api.conftest import ApiEnv
from tests.spreadsheets import (
    NASTY,
    PAYLOADS,
    TRIGGER_IDS,
    assert_no_formula,
    csv_cells,
    stored,
)

XLSX_ROUTES = [
    "/api/v1/accounts/acme/export?format=xlsx",
    "/api/v1/accounts/acme/task-book.xlsx",
    "/ui/accounts/acme/task-book.xlsx",
    "/ui/accounts/acme/cards.xlsx",
    "/ui/accounts/acme/cards.xlsx?lang=zh",
    "/ui/accounts/acme/assessment.xlsx",
    "/ui/accounts/acme/assessment.xlsx?lang=zh",
]
HUMAN_CSV_ROUTES = ["/ui/accounts/acme/assessment.csv", "/ui/accounts/acme/assessment.csv?lang=zh"]
DATA_CSV_ROUTE = "/api/v1/accounts/acme/export?format=csv"
# The fields an update body leaves out because the path names them (an action's person
# is part of its body).
_KEYS = ("id", "account_id", "person_id")


def _rewrite(env: ApiEnv, path: str, keys: tuple[str, ...] = _KEYS, **changes: Any) -> None:
    """Read a record through the API, change some fields, write it back through the API."""
    record = env.get("a", path).json()
    body = {k: v for k, v in record.items() if k not in keys and v is not None} | changes
    answer = env.put("a", path, json=body)
    assert answer.status_code == 200, answer.text


def plant(env: ApiEnv, text: str) -> None:
    """``text`` at the start of the account's, people's, staff's, plan's and actions' text."""
    _rewrite(env, "/accounts/acme", name=f"{text} account", region=text)
    for person in env.get("a", "/accounts/acme/people").json()["items"]:
        pid = person["id"]
        _rewrite(
            env,
            f"/accounts/acme/people/{pid}",
            name=f"{text} {pid}",
            title=f"{text} title",
            department=f"{text} dept",
            notes=f"{text} note",
        )
    for sid in ("s-ar", "s-exec"):
        _rewrite(env, f"/staff/{sid}", name=f"{text} {sid}")
    _rewrite(env, "/accounts/acme/plans/ceo", needs=f"{text} needs", pain_points=f"{text} pain")
    for action in env.get("a", "/accounts/acme/actions").json()["items"]:
        _rewrite(
            env,
            f"/accounts/acme/actions/{action['id']}",
            ("id",),
            description=f"{text} step",
            outcome=f"{text} outcome",
        )


def download(env: ApiEnv, route: str) -> bytes:
    answer = env.client.get(route, headers=env.auth("a"))
    assert answer.status_code == 200, (route, answer.text[:300])
    return answer.content


@pytest.mark.parametrize("trigger", [pytest.param(t, id=TRIGGER_IDS[t]) for t in PAYLOADS])
def test_formula_payloads_stay_text_in_every_file(env: ApiEnv, trigger: str) -> None:
    plant(env, PAYLOADS[trigger])
    text = stored(PAYLOADS[trigger])  # as stored: a leading tab is stripped on the way in
    for route in XLSX_ROUTES:
        values = assert_no_formula(download(env, route))
        assert f"{text} ceo" in " | ".join(values), route  # the CEO has the plan: everywhere
    export = assert_no_formula(download(env, XLSX_ROUTES[0]))
    assert {f"{text} cto", f"{text} title", f"{text} note", f"{text} step"} <= set(export)
    book = assert_no_formula(download(env, "/api/v1/accounts/acme/task-book.xlsx"))
    assert {f"{text} needs", f"{text} pain", f"{text} step", f"{text} outcome"} <= set(book)

    for route in HUMAN_CSV_ROUTES:
        cells = csv_cells(download(env, route))
        assert not [c for c in cells if c.startswith(FORMULA_TRIGGERS)], route
        assert {f"'{text} cto", f"'{text} title", f"'{text} dept"} <= set(cells), route

    with zipfile.ZipFile(io.BytesIO(download(env, DATA_CSV_ROUTE))) as archive:
        people = archive.read("people.csv").decode("utf-8-sig")
    by_id = {row["id"]: row for row in csv.DictReader(io.StringIO(people))}
    assert by_id["cto"]["name"] == f"{text} cto" and by_id["cto"]["notes"] == f"{text} note"


def test_every_workbook_route_survives_the_nastiest_valid_text(env: ApiEnv) -> None:
    plant(env, NASTY)
    text = stored(NASTY)
    person = env.get("a", "/accounts/acme/people/cto").json()
    assert person["notes"] == f"{text} note"  # stored as sent (NFC), control-free
    for route in XLSX_ROUTES:
        values = assert_no_formula(download(env, route))
        assert any(text in v for v in values), route
    for route in HUMAN_CSV_ROUTES:
        cells = csv_cells(download(env, route))
        assert f"'{text} cto" in cells, route
    with zipfile.ZipFile(io.BytesIO(download(env, DATA_CSV_ROUTE))) as archive:
        people = archive.read("people.csv").decode("utf-8-sig")
    notes = [row["notes"] for row in csv.DictReader(io.StringIO(people))]
    assert f"{text} note" in notes
    assert download(env, "/api/v1/accounts/acme/export?format=json").decode("utf-8")


def test_card_sheet_titles_are_ones_excel_opens(env: ApiEnv) -> None:
    """A card's sheet is titled by the person's name: 31 UTF-16 units at most (an emoji
    counts 2), no leading or trailing ', not "History", unique ignoring case."""
    _rewrite(env, "/accounts/acme/people/ceo", name="'" + "👩" * 40)
    _rewrite(env, "/accounts/acme/people/cto", name="history")
    book = openpyxl.load_workbook(io.BytesIO(download(env, "/ui/accounts/acme/cards.xlsx")))
    titles = book.sheetnames
    assert "👩" * 14 in titles  # 28 UTF-16 units, the leading ' dropped
    assert "history_" in titles
    for title in titles:
        assert len(title.encode("utf-16-le")) // 2 <= 31
        assert not title.startswith("'") and not title.endswith("'")
    assert len({t.lower() for t in titles}) == len(titles)
