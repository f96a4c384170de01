"""The quarterly review page (季度复盘): an account on two dates, side by side.

Health on each date and the change; who moved up and who moved down (arrows,
the two levels as chips in the level colours); coverage gained and lost with
the contacts that began or ended; gaps closed and opened; actions done,
dropped and overdue; targets met and missed. Two date pickers reload the page
for another period. Everything comes from :func:`graphcrm.plans.review`;
nothing is recomputed here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from graphcrm.plans import ActionItem, CoverageChange, GapChange, Review, TargetOutcome
from viz.charts import gauge
from viz.labels import Lang, gap_label, t
from viz.page import Nav, e, level_chip, page, pct
from viz.plan_parts import arrow, level_move, name, plan_css, table
from viz.templating import render

__all__ = ["review_page"]


def _form(nav: Nav, date_from: str, date_to: str, today: date) -> str:
    """The date pickers (templates/review_form.html), keeping what the user typed."""
    return render(
        "review_form.html",
        lang=nav.lang,
        action=nav.href("review").split("?")[0],
        date_from=date_from,
        date_to=date_to,
        today=today.isoformat(),
    )


def _health(r: Review, lang: Lang) -> str:
    change = r.health_change
    direction = "up" if change > 0 else "down" if change < 0 else ""
    mark = arrow(direction, lang) if direction else ""

    def at(day: date, health: float) -> str:
        return (
            f'<div class="at" data-date="{day}" data-health="{health:.1f}">'
            f"<b>{e(t('health', lang))} · {day}</b>{gauge(health, str(day))}</div>"
        )

    return (
        f'<div class="panel health-pair">{at(r.from_date, r.health_from)}'
        f'<div class="delta {direction}" data-change="{change:.1f}">{mark}'
        f"<span>{change:+.1f}</span></div>{at(r.to_date, r.health_to)}</div>"
    )


def _tiles(r: Review, lang: Lang) -> str:
    counts = (
        ("moved_up", len(r.moved_up), "good", "levels"),
        ("moved_down", len(r.moved_down), "bad", "levels"),
        ("coverage_gained", len(r.coverage_gained), "good", "coverage"),
        ("coverage_lost", len(r.coverage_lost), "bad", "coverage"),
        ("gaps_closed", len(r.gaps_closed), "good", "gaps"),
        ("gaps_opened", len(r.gaps_opened), "bad", "gaps"),
        ("actions_done", len(r.actions_done), "good", "actions"),
        ("actions_overdue", len(r.actions_overdue), "bad", "actions"),
        ("targets_met", len(r.targets_met), "good", "targets"),
        ("targets_missed", len(r.targets_missed), "bad", "targets"),
    )
    tiles = "".join(
        f'<a class="tile {tone if n else "zero"}" href="#{anchor}" data-count="{key}">'
        f"<span class=n>{n}</span><span>{e(t(key, lang))}</span></a>"
        for key, n, tone, anchor in counts
    )
    return f'<div class="panel tiles">{tiles}</div>'


def _levels(r: Review, nav: Nav) -> str:
    lang = nav.lang
    ordered = sorted(r.level_changes, key=lambda c: (c.direction != "up", -abs(c.change), c.name))
    rows = [
        f'<tr class="level-change" data-person-id="{e(c.person_id)}" '
        f'data-direction="{c.direction}" data-level-from="{c.level_from}" '
        f'data-level-to="{c.level_to}"><td>{arrow(c.direction, lang)}</td>'
        f'<td><a href="{e(nav.href(f"cards/{c.person_id}"))}">{e(c.name)}</a></td>'
        f"<td>{level_move(c.level_from, c.level_to, lang)}</td>"
        f'<td class="num">{c.change:+d}</td></tr>'
        for c in ordered
    ]
    heads = ["", t("person", lang), f"{r.from_date} → {r.to_date}", t("change", lang)]
    return table(heads, rows, lang, cls="level-changes", num=(3,))


def _coverage(changes: list[CoverageChange], names: Mapping[str, str], lang: Lang) -> str:
    changes = sorted(changes, key=lambda c: (-abs(c.coverage_to - c.coverage_from), c.name))
    rows = [
        f'<tr class="coverage-change" data-person-id="{e(c.person_id)}"><td>{e(c.name)}</td>'
        f'<td class="num">{pct(c.coverage_from)} → {pct(c.coverage_to)}</td>'
        f"<td>{e(', '.join(name(names, s) for s in c.staff_added)) or '—'}</td>"
        f"<td>{e(', '.join(name(names, s) for s in c.staff_removed)) or '—'}</td></tr>"
        for c in changes
    ]
    heads = [t("person", lang), t("coverage", lang), t("contacts_began", lang)]
    heads.append(t("contacts_ended", lang))
    return table(heads, rows, lang, cls="coverage-changes", num=(1,))


def _gaps(gaps: list[GapChange], names: Mapping[str, str], lang: Lang, cls: str) -> str:
    rows = [
        f'<tr class="gap" data-code="{e(g.code)}"><td class="num">{g.weight:.2f}</td>'
        f"<td><b>{e(gap_label(g.code, lang))}</b><div class=muted>"
        f"{e(name(names, g.person_id) if g.person_id else g.group)}</div></td>"
        f"<td>{e(g.explanation.get(lang, ''))}</td></tr>"
        for g in gaps
    ]
    heads = [t("weight", lang), t("gaps", lang), t("why", lang)]
    return table(heads, rows, lang, cls=cls, num=(0,))


def _actions(items: list[ActionItem], lang: Lang, cls: str, *, overdue: bool = False) -> str:
    last: Callable[[ActionItem], str] = (
        (lambda a: str(a.days_overdue)) if overdue else (lambda a: e(a.outcome) or "—")
    )
    rows = [
        f'<tr class="action" data-action-id="{e(a.id)}"><td>{e(a.description)}</td>'
        f"<td>{e(a.person_name)}</td><td>{e(a.owner_name or a.owner_staff_id or '—')}</td>"
        f"<td>{a.due or '—'}</td><td{' class=num' if overdue else ''}>{last(a)}</td></tr>"
        for a in items
    ]
    heads = [t("what", lang), t("person", lang), t("owner", lang), t("due", lang)]
    heads.append(t("days_overdue" if overdue else "outcome", lang))
    return table(heads, rows, lang, cls=cls, num=(4,) if overdue else ())


def _targets(items: list[TargetOutcome], lang: Lang, cls: str) -> str:
    def on_date(o: TargetOutcome) -> str:
        level = o.level_on_target_date
        return "—" if level is None else level_chip(level, lang)

    rows = [
        f'<tr class="target" data-person-id="{e(o.person_id)}"><td>{e(o.name)}</td>'
        f"<td>{e(o.owner_name or o.owner_staff_id or '—')}</td>"
        f"<td>{level_chip(o.target_level, lang)} · {o.target_date or '—'}</td>"
        f"<td>{level_move(o.level_from, o.level_to, lang)}</td>"
        f"<td>{on_date(o)}</td></tr>"
        for o in items
    ]
    heads = [t("person", lang), t("owner", lang), t("target", lang), t("level", lang)]
    heads.append(t("level_on_target_date", lang))
    return table(heads, rows, lang, cls=cls)


_CSS = """
.review-top { display:grid; grid-template-columns: minmax(520px, 1fr) 1.2fr; gap:16px; }
.health-pair { display:flex; align-items:center; justify-content:space-around; gap:8px; }
.health-pair .at { text-align:center; }
.health-pair .delta { font-size:22px; font-weight:700; color: var(--muted); }
.health-pair .delta.up { color:#2e9e4f; } .health-pair .delta.down { color:#d64545; }
.tiles { display:grid; grid-template-columns: repeat(2, 1fr); gap:8px; }
.tile { display:flex; align-items:center; gap:10px; padding:6px 10px; border-radius:6px;
  border:1px solid var(--line); text-decoration:none; color: var(--ink); }
.tile .n { font-size:20px; font-weight:700; min-width: 28px; text-align:right; }
.tile.good { border-left:5px solid #2e9e4f; } .tile.bad { border-left:5px solid #d64545; }
.notice { background:#fff7e0; border:1px solid #e0a800; padding:8px 12px; border-radius:6px; }
.tile.zero { border-left:5px solid #e5e7eb; color: var(--muted); }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  section { break-inside: avoid; }
}
"""


def review_page(
    r: Review | None,
    nav: Nav,
    *,
    names: Mapping[str, str],
    account_name: str,
    date_from: str,
    date_to: str,
    today: date,
    new_account: bool = False,
) -> str:
    """The review page; ``r`` None shows only the date pickers and why (a bad period).

    ``new_account``: the account held no one on the first date, so everyone in it is new
    (the page says so above the numbers)."""
    lang = nav.lang
    title = f"{t('review', lang)} · {account_name}"
    form = _form(nav, date_from, date_to, today)
    if r is None:
        body = f'<h1>{e(title)}</h1>{form}<p class="error">{e(t("bad_period", lang))}</p>'
        return page(title, body, nav, css=plan_css() + _CSS)
    days = (r.to_date - r.from_date).days
    sub = f"{r.from_date} → {r.to_date} · {days} {t('days', lang)}"
    body = (
        f'<h1>{e(title)}</h1><div class="sub period">{e(sub)}</div>{form}'
        + (
            f'<p class="notice">{e(t("new_account", lang).format(day=r.from_date))}</p>'
            if new_account
            else ""
        )
        + f'<div class="review-top">{_health(r, lang)}{_tiles(r, lang)}</div>'
        f'<section id="levels"><h2>{e(t("level_changes", lang))}</h2>{_levels(r, nav)}</section>'
        '<section id="coverage" class="two">'
        f"<div><h2>{e(t('coverage_gained', lang))}</h2>"
        f"{_coverage(r.coverage_gained, names, lang)}</div>"
        f"<div><h2>{e(t('coverage_lost', lang))}</h2>{_coverage(r.coverage_lost, names, lang)}"
        "</div></section>"
        '<section id="gaps" class="two">'
        f"<div><h2>{e(t('gaps_closed', lang))}</h2>"
        f"{_gaps(r.gaps_closed, names, lang, 'gaps-closed')}</div>"
        f"<div><h2>{e(t('gaps_opened', lang))}</h2>"
        f"{_gaps(r.gaps_opened, names, lang, 'gaps-opened')}</div></section>"
        '<section id="actions">'
        f"<h2>{e(t('actions_done', lang))}</h2>{_actions(r.actions_done, lang, 'actions-done')}"
        f"<h2>{e(t('actions_overdue', lang))}</h2>"
        f"{_actions(r.actions_overdue, lang, 'actions-overdue', overdue=True)}"
        f"<h2>{e(t('actions_dropped', lang))}</h2>"
        f"{_actions(r.actions_dropped, lang, 'actions-dropped')}</section>"
        '<section id="targets" class="two">'
        f"<div><h2>{e(t('targets_met', lang))}</h2>"
        f"{_targets(r.targets_met, lang, 'targets-met')}</div>"
        f"<div><h2>{e(t('targets_missed', lang))}</h2>"
        f"{_targets(r.targets_missed, lang, 'targets-missed')}</div></section>"
    )
    return page(title, body, nav, css=plan_css() + _CSS)
