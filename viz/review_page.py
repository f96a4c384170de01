"""The quarterly review page (季度复盘): an account on two dates, side by side.

Health on each date and the change; who moved up and who moved down (arrows,
the two levels as chips in the level colours); coverage gained and lost with
the contacts that began or ended; gaps closed and opened; actions done,
dropped and overdue; targets met and missed. Two date pickers reload the page
for another period. Everything comes from :func:`graphcrm.plans.review`;
nothing is recomputed here. The page is the Jinja2 template
templates/review.html (autoescaping on, issue 11 item 8); this module turns the
review into the rows it prints, handing over as markup only what viz/ draws
(the gauges, the level chips and the arrows).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from graphcrm.plans import ActionItem, CoverageChange, GapChange, Review, TargetOutcome
from viz.charts import gauge
from viz.labels import Lang, gap_label, role_label, t
from viz.page import Nav, level_chip, page, pct
from viz.plan_parts import arrow, level_move, name, plan_css
from viz.templating import Markup, render

__all__ = ["review_page"]

Row = dict[str, Any]


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


def _health(r: Review, lang: Lang) -> Row:
    change = r.health_change
    direction = "up" if change > 0 else "down" if change < 0 else ""
    ends = [
        {"day": day, "health": f"{health:.1f}", "gauge": Markup(gauge(health, str(day)))}
        for day, health in ((r.from_date, r.health_from), (r.to_date, r.health_to))
    ]
    return {
        "ends": ends,
        "direction": direction,
        "change": f"{change:.1f}",
        "signed": f"{change:+.1f}",
        "mark": Markup(arrow(direction, lang)) if direction else "",  # drawn by viz/
    }


def _tiles(r: Review) -> list[Row]:
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
    return [
        {"key": key, "n": n, "tone": tone if n else "zero", "anchor": anchor}
        for key, n, tone, anchor in counts
    ]


def _levels(r: Review, nav: Nav) -> list[Row]:
    lang = nav.lang
    ordered = sorted(r.level_changes, key=lambda c: (c.direction != "up", -abs(c.change), c.name))
    return [
        {
            "person_id": c.person_id,
            "direction": c.direction,
            "level_from": c.level_from,
            "level_to": c.level_to,
            "arrow": Markup(arrow(c.direction, lang)),
            "href": nav.href(f"cards/{c.person_id}"),
            "name": c.name,
            "move": Markup(level_move(c.level_from, c.level_to, lang)),
            "change": f"{c.change:+d}",
        }
        for c in ordered
    ]


def _coverage(changes: list[CoverageChange], names: Mapping[str, str]) -> list[Row]:
    changes = sorted(changes, key=lambda c: (-abs(c.coverage_to - c.coverage_from), c.name))
    return [
        {
            "person_id": c.person_id,
            "name": c.name,
            "span": f"{pct(c.coverage_from)} → {pct(c.coverage_to)}",
            "began": ", ".join(name(names, s) for s in c.staff_added) or "—",
            "ended": ", ".join(name(names, s) for s in c.staff_removed) or "—",
        }
        for c in changes
    ]


def _gaps(gaps: list[GapChange], names: Mapping[str, str], lang: Lang) -> list[Row]:
    return [
        {
            "code": g.code,
            "weight": f"{g.weight:.2f}",
            "label": gap_label(g.code, lang),
            "who": (name(names, g.person_id) if g.person_id else g.group) or "",
            "why": g.explanation.get(lang, ""),
        }
        for g in gaps
    ]


def _actions(items: list[ActionItem], *, overdue: bool = False) -> list[Row]:
    return [
        {
            "id": a.id,
            "description": a.description,
            "person": a.person_name or "",
            "owner": a.owner_name or a.owner_staff_id or "—",
            "due": a.due or "—",
            "last": str(a.days_overdue) if overdue else (a.outcome or "—"),
        }
        for a in items
    ]


def _targets(items: list[TargetOutcome], lang: Lang) -> list[Row]:
    def on_date(o: TargetOutcome) -> Markup | str:
        level = o.level_on_target_date
        return "—" if level is None else Markup(level_chip(level, lang))

    return [
        {
            "person_id": o.person_id,
            "name": o.name,
            "owner": o.owner_name or o.owner_staff_id or "—",
            "target": Markup(level_chip(o.target_level, lang)),
            "target_date": o.target_date or "—",
            "move": Markup(level_move(o.level_from, o.level_to, lang)),
            "on_date": on_date(o),
        }
        for o in items
    ]


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


def _parts(r: Review, nav: Nav, names: Mapping[str, str]) -> dict[str, Any]:
    """What the template prints of a review: each section's rows."""
    lang = nav.lang
    days = (r.to_date - r.from_date).days
    return {
        "sub": f"{r.from_date} → {r.to_date} · {days} {t('days', lang)}",
        "health": _health(r, lang),
        "tiles": _tiles(r),
        "levels": _levels(r, nav),
        "coverage_gained": _coverage(r.coverage_gained, names),
        "coverage_lost": _coverage(r.coverage_lost, names),
        "gaps_closed": _gaps(r.gaps_closed, names, lang),
        "gaps_opened": _gaps(r.gaps_opened, names, lang),
        "actions_done": _actions(r.actions_done),
        "actions_overdue": _actions(r.actions_overdue, overdue=True),
        "actions_dropped": _actions(r.actions_dropped),
        "targets_met": _targets(r.targets_met, lang),
        "targets_missed": _targets(r.targets_missed, lang),
        "roles_identified": [
            {
                "slot_id": x.slot_id,
                "role": role_label(x.role, lang),
                "department": x.department or "—",
                "opportunity_id": x.opportunity_id,
                "name": x.name,
            }
            for x in r.roles_identified
        ],
    }


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
    form = Markup(_form(nav, date_from, date_to, today))  # rendered by its own template
    parts = _parts(r, nav, names) if r is not None else {}
    body = render(
        "review.html",
        lang=lang,
        title=title,
        form=form,
        review=r,
        new_account=new_account,
        **parts,
    )
    return page(title, body, nav, css=plan_css() + _CSS)
