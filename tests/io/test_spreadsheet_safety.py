"""The data export keeps text exact and never writes a formula; importing it gives it back.

Every user-text field of an account carries a formula payload (one per trigger
character) or the nastiest valid text; the XLSX export stores each as a string
cell (openpyxl reads data type ``s``, the sheet XML holds no ``<f>``), the CSV
and JSON exports hold the exact text (no ``'`` prefix: this is data), and a
fresh store importing any of them holds the same records.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graphcrm.io import export_account, import_path
from graphcrm.model import Dataset, Record
from graphcrm.stores.sqlite import SQLiteStore
from tests.conftest import STORE_KINDS, make_store
from tests.sample import small_account
from tests.spreadsheets import NASTY, PAYLOADS, TRIGGER_IDS, assert_no_formula, stored

TARGETS = [("json", "acme.json"), ("csv", "acme.zip"), ("csv", "acme"), ("xlsx", "acme.xlsx")]
TRIGGERS = [pytest.param(t, id=TRIGGER_IDS[t]) for t in PAYLOADS]


def _with(record: Record, **changes: Any) -> Record:
    """``record`` with ``changes``, validated as any written record is."""
    return type(record).model_validate({**record.model_dump(), **changes})


def account_with_text(text: str) -> Dataset:
    """tests.sample's account with ``text`` at the start of every free-text field."""
    data = small_account()
    data.accounts = [_with(a, name=f"{text} account", industry=text) for a in data.accounts]
    data.people = [
        _with(p, name=f"{text} {p.id}", title=f"{text} title", notes=f"{text} note")
        for p in data.people
    ]
    data.staff = [_with(s, name=f"{text} {s.id}", team=text) for s in data.staff]
    data.competitors = [_with(c, name=f"{text} rival") for c in data.competitors]
    data.opportunities = [_with(o, name=f"{text} deal", stage=text) for o in data.opportunities]
    data.attitudes = [_with(a, note=f"{text} attitude") for a in data.attitudes]
    data.plans = [_with(p, needs=f"{text} needs", pain_points=text) for p in data.plans]
    data.actions = [_with(a, description=f"{text} step", outcome=text) for a in data.actions]
    return data


@pytest.fixture(params=TRIGGERS)
def planted(request: pytest.FixtureRequest, store: SQLiteStore) -> tuple[SQLiteStore, str]:
    store.write(account_with_text(PAYLOADS[request.param]), on=date(2026, 10, 1))
    return store, stored(PAYLOADS[request.param])


def test_xlsx_export_stores_every_payload_as_a_string(
    planted: tuple[SQLiteStore, str], tmp_path: Path
) -> None:
    store, text = planted
    export_account(store, "acme", tmp_path / "acme.xlsx", "xlsx")
    values = assert_no_formula((tmp_path / "acme.xlsx").read_bytes())
    assert f"{text} cto" in values and f"{text} title" in values and f"{text} note" in values
    assert f"{text} step" in values and f"{text} account" in values
    assert sum(v.startswith(text) for v in values) >= 25  # every planted field, exact


def test_csv_and_json_exports_keep_the_text_exact(
    planted: tuple[SQLiteStore, str], tmp_path: Path
) -> None:
    store, text = planted
    export_account(store, "acme", tmp_path / "acme.zip", "csv")
    with zipfile.ZipFile(tmp_path / "acme.zip") as archive:
        raw = archive.read("people.csv").decode("utf-8-sig")
    people = {row["id"]: row for row in csv.DictReader(io.StringIO(raw))}
    assert people["cto"]["name"] == f"{text} cto"  # no ' prefix: the data export is exact
    assert people["cto"]["notes"] == f"{text} note"
    export_account(store, "acme", tmp_path / "acme.json", "json")
    doc = json.loads((tmp_path / "acme.json").read_text(encoding="utf-8"))
    assert doc["people"][1]["title"] == f"{text} title"


@pytest.mark.parametrize(("fmt", "name"), TARGETS)
def test_reimporting_the_export_gives_the_same_values(
    planted: tuple[SQLiteStore, str], tmp_path: Path, fmt: str, name: str
) -> None:
    store, _ = planted
    export_account(store, "acme", tmp_path / name, fmt)
    with SQLiteStore(tmp_path / "fresh.db") as fresh:
        import_path(fresh, tmp_path / name)
        assert fresh.account_data("acme").sorted() == store.account_data("acme").sorted()


@pytest.mark.parametrize(("fmt", "name"), TARGETS)
def test_the_nastiest_valid_text_round_trips(
    store: SQLiteStore, tmp_path: Path, fmt: str, name: str
) -> None:
    data = account_with_text(NASTY)
    store.write(data, on=date(2026, 10, 1))
    export_account(store, "acme", tmp_path / name, fmt)
    if fmt == "xlsx":
        assert f"{stored(NASTY)} note" in assert_no_formula((tmp_path / name).read_bytes())
    with SQLiteStore(tmp_path / "fresh.db") as fresh:
        import_path(fresh, tmp_path / name)
        back = fresh.account_data("acme").sorted()
        assert back == store.account_data("acme").sorted()
    person = next(p for p in back.people if p.id == "cto")
    assert person.notes == f"{stored(NASTY)} note"
    assert "Café" in person.notes and "\u2028" in person.notes and "\ta\tb\n" in person.notes


@pytest.mark.parametrize("kind", STORE_KINDS)
@pytest.mark.parametrize("text", [NASTY, PAYLOADS["="]], ids=["nasty", "formula"])
def test_every_store_keeps_the_text_and_exports_it_safely(
    request: pytest.FixtureRequest, tmp_path: Path, kind: str, text: str
) -> None:
    """SQLite and the Cypher stores (FalkorDB, Neo4j when configured) hold the text exactly,
    and their XLSX export has no formula and re-imports to the same records."""
    data = account_with_text(text)
    graph = make_store(kind, request, tmp_path)
    try:
        graph.write(data, on=date(2026, 10, 1))
        held = graph.account_data("acme").sorted()
        assert next(p for p in held.people if p.id == "cto").notes == f"{stored(text)} note"
        export_account(graph, "acme", tmp_path / "acme.xlsx", "xlsx")
    finally:
        graph.close()
    assert f"{stored(text)} note" in assert_no_formula((tmp_path / "acme.xlsx").read_bytes())
    with SQLiteStore(tmp_path / "fresh.db") as fresh:
        import_path(fresh, tmp_path / "acme.xlsx")
        assert fresh.account_data("acme").sorted() == held
