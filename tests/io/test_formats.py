"""The format's table specs agree with the models; headers match as documented; cell text."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from graphcrm.io.formats import SPECS, cell_text, resolve_header, table_for_name
from graphcrm.model import TABLES


def test_specs_cover_every_table_in_write_order() -> None:
    assert list(SPECS) == list(TABLES)


@pytest.mark.parametrize("table", list(TABLES))
def test_required_columns_are_the_models_required_fields(table: str) -> None:
    model = TABLES[table]
    required = {name for name, info in model.model_fields.items() if info.is_required()}
    if table in ("actions", "orders"):
        required.discard("id")  # derived from the record's other fields when absent
    assert SPECS[table].required == required
    assert SPECS[table].columns == tuple(model.model_fields)


def test_headers_match_ignoring_case_and_spaces_and_accept_chinese() -> None:
    header = [" ID ", "Account_Id", "姓名", " 职务", "部门", "层级", "角色", "备注"]
    resolved = resolve_header(SPECS["people"], header, lambda i: True)
    assert [name for _, name in resolved.fields] == [
        "id",
        "account_id",
        "name",
        "title",
        "department",
        "layer",
        "roles",
        "notes",
    ]
    assert resolved.written["name"] == "姓名" and resolved.written["id"] == "ID"
    assert not resolved.problems and not resolved.missing


def test_one_chinese_header_names_the_column_its_table_has() -> None:
    attitudes = resolve_header(
        SPECS["attitudes"], ["person_id", "态度", "日期", "备注"], lambda i: True
    )
    assert [n for _, n in attitudes.fields] == ["person_id", "level", "as_of", "note"]
    roles = resolve_header(
        SPECS["decision_roles"], ["opportunity_id", "person_id", "角色"], lambda i: True
    )
    assert [n for _, n in roles.fields] == ["opportunity_id", "person_id", "role"]


def test_header_problems_unknown_duplicate_unnamed_and_missing() -> None:
    header = ["id", "name", "名称", "colour", "", ""]
    has_data = [True, True, True, True, True, False]
    resolved = resolve_header(SPECS["people"], header, lambda i: has_data[i])
    assert [(p.column, p.message.split(";")[0]) for p in resolved.problems] == [
        ("名称", "duplicate column: 'name' is already name"),
        ("colour", "unknown column"),
        ("column 5", "values under no header"),
    ]
    assert resolved.missing == ["account_id"]


def test_table_names_match_ignoring_case() -> None:
    assert table_for_name(" People ") == "people"
    assert table_for_name("persons") is None


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        ("  007 ", "007"),
        (3.0, "3"),
        (7, "7"),
        (0.25, "0.25"),
        (1.2e6, "1200000"),
        (True, "true"),
        (datetime(2026, 3, 5), "2026-03-05"),
        (datetime(2026, 3, 5, 14, 30), "2026-03-05 14:30:00"),
        (date(2026, 3, 5), "2026-03-05"),
    ],
)
def test_cell_text_is_what_a_person_typed(value: object, text: str) -> None:
    assert cell_text(value) == text
