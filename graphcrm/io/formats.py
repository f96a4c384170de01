"""The import format's tables and columns (DESIGN.md, "Import format"), and header matching.

One table per record kind, named as in ``graphcrm.model.TABLES``. English
headers are canonical; the Chinese headers of the documented format are
accepted as aliases. Matching ignores case and surrounding spaces, so
``" Name "`` and ``name`` are the same column.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from graphcrm.model import TABLES, Record

__all__ = [
    "ALIASES",
    "SPECS",
    "TABLE_ALIASES",
    "HeaderProblem",
    "ResolvedHeader",
    "TableSpec",
    "cell_text",
    "header_column",
    "normalise_header",
    "resolve_header",
    "table_for_name",
]


@dataclass(frozen=True)
class TableSpec:
    """One table of the format: its record model, columns in canonical order, required ones."""

    name: str
    model: type[Record]
    columns: tuple[str, ...]
    required: frozenset[str]


# Required columns as documented (bold in DESIGN.md). Stated here rather than derived from
# the models because the format is a contract of its own: actions.id is required by the model
# but optional in files (the model derives it), and a test checks the two agree otherwise.
_REQUIRED: dict[str, tuple[str, ...]] = {
    "accounts": ("id", "name"),
    "staff": ("id", "name"),
    "competitors": ("id", "name"),
    "people": ("id", "account_id", "name"),
    "opportunities": ("id", "account_id", "name"),
    "ties": ("type", "source_id", "target_id"),
    "contacts": ("staff_id", "person_id"),
    "attitudes": ("person_id", "level"),
    "decision_roles": ("opportunity_id", "person_id", "role"),
    "plans": ("person_id", "target_level"),
    "actions": ("person_id", "description"),
    "interactions": ("id", "date", "type", "staff_ids", "person_ids"),
    "account_values": ("account_id", "as_of"),
    "orders": ("account_id", "date", "amount"),
    "role_slots": ("id", "opportunity_id", "role"),
}

# Table name -> spec, in write order. Columns follow the model's field order, which is the
# documented column order.
SPECS: dict[str, TableSpec] = {
    name: TableSpec(name, model, tuple(model.model_fields), frozenset(_REQUIRED[name]))
    for name, model in TABLES.items()
}

# Chinese header -> the canonical columns it may stand for; the one the table has wins
# (备注 is ``notes`` for people and ``note`` for attitudes).
ALIASES: dict[str, tuple[str, ...]] = {
    "名称": ("name",),
    "姓名": ("name",),
    "职务": ("title",),
    "部门": ("department",),
    "层级": ("layer",),
    "角色": ("roles", "role"),
    "备注": ("notes", "note"),
    "级别": ("seniority",),
    "团队": ("team",),
    "铁三角角色": ("triangle_role",),
    "行业": ("industry",),
    "区域": ("region",),
    "分级": ("tier",),
    "组织关系级别": ("org_level",),
    "阶段": ("stage",),
    "金额": ("value", "amount"),
    "强度": ("strength",),
    "起始日期": ("since",),
    "最近接触日期": ("last_contact",),
    "态度": ("level",),
    "日期": ("as_of", "date"),
    "需求": ("needs",),
    "痛点": ("pain_points",),
    "开始日期": ("start_date",),
    "目标日期": ("target_date",),
    "目标层级": ("target_level",),
    "负责人": ("owner_staff_id",),
    "截止日期": ("due",),
    "状态": ("status",),
    "行动": ("description",),
    "结果": ("outcome",),
    # DESIGN.md "Interactions": the interactions table, and e-mail and leaving on people.
    "类型": ("type", "kind"),  # an interaction's type, an account's kind
    "我方人员": ("staff_ids",),
    "客户人员": ("person_ids",),
    "商机": ("opportunity_id",),
    "时长": ("duration_min",),
    "方向": ("direction",),
    "来源": ("source",),
    "邮箱": ("email",),
    "离任日期": ("left_on",),
    # The portfolio's columns (DESIGN.md "Account portfolio").
    "上级客户": ("parent_id",),
    "语言": ("language",),
    "利润": ("profit",),
    "销量": ("volume",),
    "服务成本": ("cost_to_serve",),
    "信用": ("credit",),
    "忠诚": ("loyalty",),
    "信任": ("trust",),
    "创新": ("innovation",),
    "网络": ("network",),
    "互动": ("interaction",),
    "订单日期": ("date",),
    "毛利": ("margin",),
    # Unidentified roles (DESIGN.md "Method settings, conflict ties, unidentified roles"):
    # 角色, 部门, 层级, 备注 and 商机 above serve the role_slots table too.
    "填补人": ("person_id",),
}

# A table's Chinese name, accepted wherever a table is named (sheet, file stem, JSON key).
TABLE_ALIASES: dict[str, str] = {"待识别角色": "role_slots"}


def normalise_header(text: object) -> str:
    """A header or table name as matched: text, surrounding spaces dropped, lower case."""
    return "" if text is None else str(text).strip().lower()


def table_for_name(name: str) -> str | None:
    """The table a file stem, sheet or JSON key names, or None if it names none."""
    key = normalise_header(name)
    key = TABLE_ALIASES.get(key, key)
    return key if key in SPECS else None


@dataclass(frozen=True)
class HeaderProblem:
    """Something wrong with a header: the column as written (None: the table) and why."""

    column: str | None
    message: str


@dataclass
class ResolvedHeader:
    """How a header maps onto a table's columns.

    ``fields`` pairs the position of each usable column with its canonical name;
    ``written`` maps canonical names back to the header as written (for error
    messages); ``missing`` lists required columns absent from the header.
    """

    fields: list[tuple[int, str]] = field(default_factory=list)
    written: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    problems: list[HeaderProblem] = field(default_factory=list)


def resolve_header(
    spec: TableSpec, header: list[str], has_data: Callable[[int], bool]
) -> ResolvedHeader:
    """Map a header row onto ``spec``'s columns, listing every problem.

    ``has_data(i)`` tells whether column ``i`` holds any value below the header:
    a column with neither header nor data (Excel's trailing empty columns) is
    ignored, one with data but no header is an error. Unknown columns are errors
    too: nothing is assigned to a field the format does not name.
    """
    resolved = ResolvedHeader()
    columns = set(spec.columns)
    for i, text in enumerate(header):
        key = normalise_header(text)
        if not key:
            if has_data(i):
                resolved.problems.append(
                    HeaderProblem(f"column {i + 1}", "values under no header; name the column")
                )
            continue
        canonical = key if key in columns else _alias(key, columns)
        if canonical is None:
            resolved.problems.append(
                HeaderProblem(
                    str(text).strip(),
                    f"unknown column; {spec.name} has: {', '.join(spec.columns)}",
                )
            )
        elif canonical in resolved.written:
            resolved.problems.append(
                HeaderProblem(
                    str(text).strip(),
                    f"duplicate column: {resolved.written[canonical]!r} is already {canonical}",
                )
            )
        else:
            resolved.fields.append((i, canonical))
            resolved.written[canonical] = str(text).strip()
    resolved.missing = [c for c in spec.columns if c in spec.required and c not in resolved.written]
    return resolved


def header_column(spec: TableSpec, text: object) -> str | None:
    """The canonical column a header cell names in ``spec`` (English or Chinese), or None."""
    key = normalise_header(text)
    columns = set(spec.columns)
    return key if key in columns else _alias(key, columns)


def _alias(key: str, columns: set[str]) -> str | None:
    return next((c for c in ALIASES.get(key, ()) if c in columns), None)


def cell_text(value: Any) -> str:
    """A spreadsheet cell as the text a person typed: dates as YYYY-MM-DD, 3.0 as "3".

    Excel stores every number as a float and every date as a datetime; the
    format's ids, levels and dates are text, so they are turned back into it.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()
