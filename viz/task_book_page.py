"""The task book page (客户关系提升目标任务书), laid out as a sales team prints it.

An overview with one line per key person with a plan (level now and target,
target date, days left, owner, progress status), then a block per person:
where they sit, needs and pain points, the target against the plan (start,
current level, the status by the on-track rule with its reasons) and the
actions (what, owner, due, status, outcome; overdue ones shaded). Prints on A4
landscape, one person's block never split across pages. The page links to
the XLSX export of the same task book. Everything comes from
:func:`graphcrm.plans.task_book`; nothing is recomputed here.
"""

from __future__ import annotations

from typing import Any

from graphcrm.plans import TaskBook, TaskBookEntry
from viz.edit_forms import FORM_CSS
from viz.labels import Lang, layer_label, roles_label, status_label, t
from viz.page import Nav, level_chip, page
from viz.plan_parts import level_move, plan_css, progress_badge
from viz.templating import Markup, render

__all__ = ["task_book_page"]


def _actions(entry: TaskBookEntry, lang: Lang) -> list[dict[str, Any]]:
    return [
        {
            "id": a.id,
            "overdue": a.overdue,
            "days_overdue": a.days_overdue,
            "description": a.description,
            "owner": a.owner_name or a.owner_staff_id or "—",
            "due": a.due or "—",
            "status": status_label(a.status, lang),
            "outcome": a.outcome or "—",
        }
        for a in entry.actions
    ]


def _entry(entry: TaskBookEntry, lang: Lang) -> dict[str, Any]:
    """One person's values for the overview line and their block."""
    p = entry.progress
    place = " · ".join(
        x
        for x in (
            entry.title,
            entry.department,
            layer_label(entry.layer, lang) if entry.layer else None,
            roles_label(entry.roles, lang) if entry.roles else None,
        )
        if x
    )
    start = (
        Markup(f"{p.start_date} · {level_chip(p.start_level, lang)}")
        if p.start_date and p.start_level is not None
        else "—"
    )
    return {
        "id": entry.person_id,
        "status": p.status,
        "name": entry.name,
        "title": entry.title or "",
        "department": entry.department or "",
        "place": place,
        "move": Markup(level_move(p.level, p.target_level, lang)),
        "level": Markup(level_chip(p.level, lang)),
        "target": Markup(level_chip(p.target_level, lang)),
        "target_date": p.target_date or "—",
        "days": "—" if p.days_left is None else str(p.days_left),
        "owner": p.owner_name or p.owner_staff_id or "—",
        "badge": Markup(progress_badge(p.status, lang)),
        "reasons": [{"code": r.code, "text": r.zh if lang == "zh" else r.en} for r in p.reasons],
        "start": start,
        "needs": entry.needs or "—",
        "pain_points": entry.pain_points or "—",
        "actions": _actions(entry, lang),
    }


_CSS = """
.person { background:#fff; border:1px solid var(--line); border-left:6px solid #14213d;
  border-radius:8px; padding:12px 16px; margin: 16px 0; break-inside: avoid;
  page-break-inside: avoid; }
.person-head { display:flex; align-items:baseline; gap:12px; }
.person-head h2 { margin:0; font-size:18px; }
.person-body { display:grid; grid-template-columns: 1fr 1fr; gap:12px; margin-top:8px; }
.person table.facts th { width: 130px; background:#f9fafb; }
.person h3 { font-size:14px; margin:10px 0 6px; }
.reasons { margin:4px 0 0; padding-left:18px; font-size:12px; color:#8b5a00; }
.late { color:#b42318; font-size:12px; white-space:nowrap; }
.counts { display:flex; gap:8px; margin: 4px 0 12px; }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  body { font-size: 11px; }
  .person { border:1px solid #999; border-left:6px solid #14213d; }
  tr.overdue td { background:#f8d7da !important; -webkit-print-color-adjust: exact;
    print-color-adjust: exact; }
  .chip { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""


def task_book_page(book: TaskBook, nav: Nav, *, editing: str = "") -> str:
    """The whole task book of one account, on screen and in print
    (templates/task_book.html); ``editing``: the plan and action forms
    (viz.edit_forms.plan_forms), never printed."""
    lang = nav.lang
    title = f"{t('task_book', lang)} · {book.account_name}"
    statuses = ("on_track", "off_track", "met", "missed")
    counts = [
        (s, Markup(progress_badge(s, lang)), sum(x.progress.status == s for x in book.entries))
        for s in statuses
    ]
    body = render(
        "task_book.html",
        lang=lang,
        title=title,
        today=book.today,
        xlsx=nav.href("task-book.xlsx"),
        counts=counts,
        entries=[_entry(entry, lang) for entry in book.entries],
        overview_heads=[
            t("person", lang),
            f"{t('current_level', lang)} → {t('target_level', lang)}",
            t("target_date", lang),
            t("days_left", lang),
            t("owner", lang),
            t("progress", lang),
        ],
        action_heads=[
            "#",
            t("what", lang),
            t("owner", lang),
            t("due", lang),
            t("status", lang),
            t("outcome", lang),
        ],
        editing=Markup(editing),  # built by viz.edit_forms' templates
    )
    return page(title, body, nav, css=plan_css() + _CSS + FORM_CSS)
