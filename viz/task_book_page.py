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

from graphcrm.plans import ActionItem, TaskBook, TaskBookEntry
from viz.edit_forms import FORM_CSS
from viz.labels import Lang, layer_label, roles_label, status_label, t
from viz.page import Nav, e, level_chip, page
from viz.plan_parts import level_move, plan_css, progress_badge, table

__all__ = ["task_book_page"]


def _reasons(entry: TaskBookEntry, lang: Lang) -> str:
    lines = "".join(
        f'<li data-reason="{e(r.code)}">{e(r.zh if lang == "zh" else r.en)}</li>'
        for r in entry.progress.reasons
    )
    return f'<ul class="reasons">{lines}</ul>' if lines else ""


def _overview(book: TaskBook, lang: Lang) -> str:
    rows = []
    for entry in book.entries:
        p = entry.progress
        days = "—" if p.days_left is None else str(p.days_left)
        rows.append(
            f'<tr class="entry" data-person-id="{e(entry.person_id)}" data-status="{p.status}">'
            f'<td><a href="#p-{e(entry.person_id)}">{e(entry.name)}</a><div class="muted">'
            f"{e(entry.title)} · {e(entry.department)}</div></td>"
            f"<td>{level_move(p.level, p.target_level, lang)}</td>"
            f'<td>{p.target_date or "—"}</td><td class="num">{days}</td>'
            f"<td>{e(p.owner_name or p.owner_staff_id or '—')}</td>"
            f"<td>{progress_badge(p.status, lang)}{_reasons(entry, lang)}</td></tr>"
        )
    heads = [
        t("person", lang),
        f"{t('current_level', lang)} → {t('target_level', lang)}",
        t("target_date", lang),
        t("days_left", lang),
        t("owner", lang),
        t("progress", lang),
    ]
    return table(heads, rows, lang, cls="overview", num=(3,))


def _actions(entry: TaskBookEntry, lang: Lang) -> str:
    def late(a: ActionItem) -> str:
        days = e(t("days", lang))
        return f' <span class="late">+{a.days_overdue} {days}</span>' if a.overdue else ""

    rows = [
        f'<tr class="action{" overdue" if a.overdue else ""}" data-action-id="{e(a.id)}">'
        f'<td class="num">{i}</td><td>{e(a.description)}</td>'
        f"<td>{e(a.owner_name or a.owner_staff_id or '—')}</td><td>{a.due or '—'}</td>"
        f"<td>{e(status_label(a.status, lang))}{late(a)}</td><td>{e(a.outcome) or '—'}</td></tr>"
        for i, a in enumerate(entry.actions, start=1)
    ]
    heads = ["#", t("what", lang), t("owner", lang), t("due", lang), t("status", lang)]
    heads.append(t("outcome", lang))
    return table(heads, rows, lang, cls="actions", num=(0,))


def _block(entry: TaskBookEntry, lang: Lang) -> str:
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
        f"{p.start_date} · {level_chip(p.start_level, lang)}"
        if p.start_date and p.start_level is not None
        else "—"
    )
    facts = (
        ("current_level", level_chip(p.level, lang)),
        ("target", f"{level_chip(p.target_level, lang)} · {p.target_date or '—'}"),
        ("start_date", start),
        ("owner", e(p.owner_name or p.owner_staff_id or "—")),
        ("progress", progress_badge(p.status, lang) + _reasons(entry, lang)),
    )
    cells = "".join(f"<tr><th>{e(t(k, lang))}</th><td>{v}</td></tr>" for k, v in facts)
    return (
        f'<section class="person" id="p-{e(entry.person_id)}" '
        f'data-person-id="{e(entry.person_id)}" data-status="{p.status}">'
        f'<div class="person-head"><h2>{e(entry.name)}</h2>'
        f'<span class="muted">{e(place)}</span></div>'
        f'<div class="person-body"><table class="facts">{cells}</table>'
        f'<table class="facts"><tr><th>{e(t("needs", lang))}</th>'
        f"<td>{e(entry.needs) or '—'}</td></tr><tr><th>{e(t('pain_points', lang))}</th>"
        f"<td>{e(entry.pain_points) or '—'}</td></tr></table></div>"
        f"<h3>{e(t('actions', lang))}</h3>{_actions(entry, lang)}</section>"
    )


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
    """The whole task book of one account, on screen and in print; ``editing``: the plan
    and action forms (viz.edit_forms.plan_forms), never printed."""
    lang = nav.lang
    title = f"{t('task_book', lang)} · {book.account_name}"
    counts = "".join(
        f'<span data-count="{s}">{progress_badge(s, lang)} '
        f"{sum(x.progress.status == s for x in book.entries)}</span>"
        for s in ("on_track", "off_track", "met", "missed")
    )
    tools = (
        '<div class="noprint" style="margin:8px 0 12px">'
        f'<button class="button" type="button" onclick="window.print()">{e(t("print", lang))}'
        f'</button><a class="button" href="{e(nav.href("task-book.xlsx"))}">'
        f"{e(t('download_xlsx', lang))}</a>"
        f'<span class="muted">{e(t("print_note", lang))}</span></div>'
    )
    if not book.entries:
        body = f'<h1>{e(title)}</h1>{tools}<p class="muted">{e(t("no_plans", lang))}</p>'
        return page(title, body + editing, nav, css=plan_css() + _CSS + FORM_CSS)
    body = (
        f'<h1>{e(title)}</h1><div class="sub">{e(t("as_of", lang))} {book.today} · '
        f"{len(book.entries)} {e(t('key_people', lang))}</div>{tools}"
        f'<div class="counts">{counts}</div>'
        f"<h2>{e(t('summary', lang))}</h2>{_overview(book, lang)}"
        + "".join(_block(entry, lang) for entry in book.entries)
        + editing
    )
    return page(title, body, nav, css=plan_css() + _CSS + FORM_CSS)
