"""Expansion cards (拓展卡片): one printable card per key person, and all of them as one XLSX.

A card holds the person's place in the decision chain (department, layer,
whom they report to, rank and quadrant), roles, level and target, the
six-dimension assessment as a radar, needs and pain points, the owner, the
actions with their due dates and status, and the best warm path; given the account's
interactions, also the person's interaction timeline and the strength curve of each of
our staff with them over the last year (viz.interaction_timeline, DESIGN.md "Interactions").
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from graphcrm.interactions import STRENGTH_DEFAULTS, StrengthParameters
from graphcrm.io.spreadsheet_text import pin_text
from graphcrm.model import Interaction
from viz.account import AccountView
from viz.charts import radar
from viz.edit_forms import FORM_CSS
from viz.interaction_timeline import timeline_html
from viz.labels import (
    DIMENSIONS,
    Lang,
    dimension_label,
    layer_label,
    level_label,
    quadrant_label,
    roles_label,
    status_label,
    t,
)
from viz.page import Nav, page
from viz.palette import level_colour, text_on
from viz.templating import Markup, render

__all__ = ["Card", "card_of", "cards_page", "cards_xlsx"]


@dataclass(frozen=True)
class Card:
    """What one expansion card says, in one language."""

    person_id: str
    name: str
    title: str
    department: str
    layer: str
    reports_to: str
    roles: str
    rank: int | None
    quadrant: str
    level: int
    target_level: int | None
    target_date: str | None
    owner: str
    needs: str
    pain_points: str
    dimensions: tuple[tuple[str, int | None], ...]
    actions: tuple[dict[str, Any], ...]
    path: dict[str, Any] | None
    left_on: str | None = None  # the day they leave the customer (DESIGN.md "Job changes")


def card_of(view: AccountView, person_id: str, lang: Lang) -> Card:
    """The card of one person."""
    d = view.node(person_id)
    s = view.score(person_id)
    plan = d.get("plan") or {}
    target = view.next_target(person_id)
    owner = plan.get("owner_staff_id")
    owner_name = view.name(owner) if owner else ((target or {}).get("owner") or {}).get("name")
    manager = view.manager(person_id)
    assessment = d.get("assessment") or {}
    return Card(
        person_id=person_id,
        name=view.name(person_id),
        title=d.get("title") or "",
        department=d.get("department") or "",
        layer=layer_label(d.get("layer"), lang),
        reports_to=view.name(manager) if manager else "—",
        roles=roles_label(d.get("roles") or (), lang),
        rank=s.get("rank"),
        quadrant=quadrant_label(s["quadrant"], lang) if s.get("quadrant") else "",
        level=view.level(person_id),
        target_level=plan.get("target_level")
        if plan.get("target_level") is not None
        else (target or {}).get("parts", {}).get("target_level"),
        target_date=plan.get("target_date"),
        owner=owner_name or "—",
        needs=plan.get("needs") or "",
        pain_points=plan.get("pain_points") or "",
        dimensions=tuple((dimension_label(k, lang), assessment.get(k)) for k in DIMENSIONS),
        actions=tuple(d.get("actions") or ()),
        path=view.best_path(person_id),
        left_on=d.get("left_on"),
    )


_CSS = """
.card { background:#fff; border:1px solid var(--line); border-left:6px solid #14213d;
  border-radius:8px; padding:14px 18px; margin-bottom:18px; page-break-inside: avoid;
  break-inside: avoid; }
.card-head { display:flex; align-items:baseline; gap:12px; }
.card-head h2 { margin:0; font-size:20px; }
.card-body { display:grid; grid-template-columns: 1fr 280px; gap: 12px; }
.card table.facts th { width: 170px; background:#f9fafb; }
.card h3 { font-size:14px; margin:12px 0 6px; }
.card .strength-curve { display:inline-block; margin:0 12px 8px 0; color:#14213d; }
.card .strength-curve figcaption { font-size:12px; }
@media print {
  @page { size: A4; margin: 12mm; }
  .card { border:1px solid #999; page-break-after: always; break-after: page; }
}
"""


def cards_page(
    view: AccountView,
    person_ids: list[str],
    nav: Nav,
    *,
    interactions: Sequence[Interaction] | None = None,
    strength: StrengthParameters = STRENGTH_DEFAULTS,
    extra: str = "",
) -> str:
    """One card (a person's page) or all key people's cards, printable; with
    ``interactions``, each card ends with the person's timeline and strength curves as
    of the view's date; ``extra`` (markup our code built: the log form) ends a single card.

    The page is the template ``cards.html`` (autoescaped, issue 11 item 8); only what is
    drawn here (the radar, the timeline) and ``extra`` reach it as markup.
    """
    lang = nav.lang
    end = date.fromisoformat(str(view.graph.graph["as_of"] or date.today()))

    def tail(pid: str) -> str:
        timeline = (
            timeline_html(interactions, pid, view.name, lang, end, strength=strength)
            if interactions is not None
            else ""
        )
        return timeline + (extra if len(person_ids) == 1 else "")

    cards = []
    for pid in person_ids:
        card = card_of(view, pid, lang)
        drawn = any(v is not None for _, v in card.dimensions)
        radar_svg = Markup(radar(card.dimensions)) if drawn else None  # drawn by viz.charts
        cards.append({"card": card, "radar": radar_svg, "tail": Markup(tail(pid))})
    title = (
        t("cards", lang)
        if len(person_ids) != 1
        else f"{t('card', lang)} · {view.name(person_ids[0])}"
    )
    body = render(
        "cards.html",
        nav=nav,
        lang=lang,
        title=title,
        cards=cards,
        account_name=view.account.get("name"),
        names=view.name,
        status_label=status_label,
        level_colour=level_colour,
        text_on=text_on,
    )
    css = _CSS + (FORM_CSS if extra else "")
    return page(f"{title} · {view.account.get('name')}", body, nav, css=css)


def _excel_length(text: str) -> int:
    """Length as Excel counts it: UTF-16 code units (an emoji counts 2)."""
    return len(text.encode("utf-16-le")) // 2


def _safe_sheet(name: str, used: set[str]) -> str:
    """A sheet title Excel opens: no []:*?/\\, not starting or ending with ', not the
    reserved "History", unique (Excel ignores case), and 31 UTF-16 units at most."""
    base = "".join("_" if c in "[]:*?/\\" else c for c in name).strip("'")
    while _excel_length(base) > 28:  # room for a "~n" suffix
        base = base[:-1]
    base = base.strip("'") or "card"
    if base.lower() == "history":
        base += "_"
    out, n = base, 1
    while out.lower() in {u.lower() for u in used}:
        n += 1
        out = f"{base}~{n}"
    used.add(out)
    return out


def cards_xlsx(view: AccountView, lang: Lang) -> bytes:
    """All key people's cards as one workbook: an overview sheet and one sheet per card."""
    wb = Workbook()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="E5E7EB")
    overview = wb.active
    # A new Workbook always starts with one worksheet; openpyxl types it as optional.
    if not isinstance(overview, Worksheet):
        raise TypeError(f"a new workbook's active sheet is {type(overview).__name__}")
    overview.title = t("cards", lang)[:31]
    head = [
        t(k, lang)
        for k in (
            "rank",
            "person",
            "title",
            "department",
            "level",
            "target_level",
            "target_date",
            "owner",
            "warm_path",
        )
    ]
    overview.append(head)
    for cell in overview[1]:
        cell.font, cell.fill = bold, fill
    used = {overview.title}
    for pid in view.key_ids:
        card = card_of(view, pid, lang)
        path = _path_plain(card.path)
        overview.append(
            [
                card.rank,
                card.name,
                card.title,
                card.department,
                f"{card.level} {level_label(card.level, lang)}",
                card.target_level,
                card.target_date,
                card.owner,
                path,
            ]
        )
        ws = wb.create_sheet(_safe_sheet(card.name, used))
        rows: list[tuple[str, Any]] = [
            (t("person", lang), card.name),
            (t("title", lang), card.title),
            (t("department", lang), card.department),
            (t("layer", lang), card.layer),
            (t("roles", lang), card.roles),
            (t("rank", lang), card.rank),
            (t("quadrant", lang), card.quadrant),
            (t("level", lang), f"{card.level} {level_label(card.level, lang)}"),
            (t("target_level", lang), card.target_level),
            (t("target_date", lang), card.target_date),
            (t("owner", lang), card.owner),
            (t("needs", lang), card.needs),
            (t("pain_points", lang), card.pain_points),
            (t("warm_path", lang), path),
        ]
        rows += [(name, value) for name, value in card.dimensions]
        for label, value in rows:
            ws.append([label, value])
            ws.cell(ws.max_row, 1).font = bold
        ws.append([])
        ws.append([t("actions", lang), t("due", lang), t("status", lang), t("owner", lang)])
        for cell in ws[ws.max_row]:
            cell.font, cell.fill = bold, fill
        for a in card.actions:
            owner = view.name(a["owner_staff_id"]) if a.get("owner_staff_id") else ""
            ws.append([a["description"], a.get("due"), status_label(a.get("status"), lang), owner])
        ws.column_dimensions["A"].width = 26
        ws.column_dimensions["B"].width = 60
        for row in ws.iter_rows():
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in zip("ABCDEFGHI", (6, 14, 28, 16, 16, 10, 12, 12, 50), strict=True):
        overview.column_dimensions[col].width = width
    out = io.BytesIO()
    pin_text(wb).save(out)  # names, needs and actions are user text: never a formula
    return out.getvalue()


def _path_plain(path: dict[str, Any] | None) -> str:
    if not path:
        return ""
    names = [path.get("staff_name") or path.get("staff_id")] + [p["name"] for p in path["people"]]
    return " → ".join(str(n) for n in names) + f" ({path['strength']:.2f})"
