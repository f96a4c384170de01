"""The account dashboard and the list of a team's accounts.

Health as a gauge (with its trend when history exists), the key people with
the three rule scores, rank and quadrant, the gaps heaviest first, the next
targets with their warm paths, and links to every other view.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from graphcrm.dashboard import (
    AccountLine,
    KeyPersonLine,
    Owner,
    StaleSoon,
    gap_groups,
    key_person_lines,
    stale_soonest,
)
from graphcrm.plans.review import KeyPersonLeft
from viz.account import AccountView
from viz.charts import gauge, sparkline
from viz.edit_forms import FORM_CSS
from viz.labels import Lang, gap_label, t, tier_label
from viz.page import Nav, level_chip, page
from viz.templating import Markup, chips, render

__all__ = ["accounts_page", "dashboard_page", "path_text"]


def path_text(path: dict[str, Any] | None, lang: Lang) -> Markup:
    """A warm path as "staff → person → … (strength)" (templates/chips.html)."""
    return Markup(chips().warm_path(path, lang))


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _owner_why(owner: Owner | None, lang: Lang) -> str:
    """Why this owner: the plan's owner wins over the path's first person (README, next
    targets); say so when they differ."""
    if owner is None:
        return ""
    if owner.source == "plan" and owner.differs:
        return t("owner_plan_differs", lang).format(owner=owner.name, path=owner.path_staff_name)
    if owner.source == "plan":
        return t("owner_plan_path", lang).format(owner=owner.name)
    return t("owner_path", lang).format(owner=owner.name)


def _key_person(line: KeyPersonLine, nav: Nav) -> dict[str, Any]:
    lang = nav.lang
    action = line.next_action
    return {
        "id": line.person_id,
        "rank": line.rank,
        "href": nav.href(f"cards/{line.person_id}"),
        # "plan one": the task book's plan form with this person chosen
        "plan_href": nav.href("task-book", plan_for=line.person_id) + "#plan-form",
        "name": line.name,
        "title": _text(line.title),
        "chip": Markup(level_chip(line.level, lang)),
        "target": Markup(level_chip(line.target_level, lang))
        if line.target_level is not None
        else "",
        "covers": [
            {"name": c.name, "strength": f"{c.strength:.2f}", "last": c.last_contact or ""}
            for c in line.covers
        ],
        "last_touched": line.last_touched or "",
        "gaps": [{"code": c, "label": gap_label(c, lang)} for c in line.gaps],
        "path": Markup(path_text(line.best_path, lang)) if line.target_level is not None else "",
        "owner": line.owner.name if line.owner else "",
        "owner_source": line.owner.source if line.owner else "",
        "why": _owner_why(line.owner, lang),
        "action": {
            "text": action.description,
            "due": action.due.isoformat() if action.due else "",
            "owner": _text(action.owner_name),
            "overdue": action.overdue,
        }
        if action
        else None,
    }


def _stale(found: list[StaleSoon], nav: Nav) -> list[dict[str, Any]]:
    lang = nav.lang
    rows = []
    for s in found:
        if s.days_left < 0:
            when = t("stale_for_n", lang).format(n=-s.days_left)
        elif s.days_left == 0:
            when = t("last_fresh_day", lang)
        else:
            when = t("days_left_n", lang).format(n=s.days_left)
        rows.append(
            {
                "id": s.person_id,
                "href": nav.href(f"cards/{s.person_id}"),
                "name": s.name,
                "last": s.last_contact,
                "days_left": s.days_left,
                "when": when,
            }
        )
    return rows


def _gap_groups(view: AccountView, lang: Lang) -> list[dict[str, Any]]:
    return [
        {
            "person_id": g.person_id or "",
            "name": g.name[lang],
            "weight": f"{g.weight:.2f}",
            "gaps": [{"code": c, "label": gap_label(c, lang)} for c in g.codes],
            "action": g.action[lang],
        }
        for g in gap_groups(view.coverage)
    ]


def _left(left: Sequence[KeyPersonLeft], names: dict[str, str], lang: Lang) -> list[dict[str, Any]]:
    return [
        {
            "id": k.person_id,
            "name": names.get(str(k.person_id), str(k.person_id)),
            "left_on": k.left_on.isoformat(),
            "lost": f"{k.coverage_lost:.2f}",
            "staff": ("、" if lang == "zh" else ", ").join(names.get(s, s) for s in k.staff),
            "why": k.explanation[lang],
        }
        for k in left
    ]


_CSS = """
.top-row { display:grid; grid-template-columns: 300px 1fr; gap:16px; align-items:stretch; }
.links a.button { margin: 4px 6px 4px 0; }
.facts { color: var(--muted); margin-top: 6px; }
ol.key-list { list-style:none; padding:0; margin:0; }
li.key-person { border:1px solid var(--line, #ddd); border-radius:6px; padding:8px 12px;
  margin:8px 0; }
li.key-person .head { display:flex; gap:10px; align-items:baseline; flex-wrap:wrap; }
li.key-person .rank { color: var(--muted); min-width:2em; }
li.key-person dl { display:grid; grid-template-columns: 9em 1fr; gap:2px 10px; margin:6px 0 0; }
li.key-person dt { color: var(--muted); }
li.key-person dd { margin:0; }
.badge { display:inline-block; border-radius:9px; padding:0 8px; margin:0 4px 2px 0;
  background:#fde8e8; color:#8a1c1c; font-size:90%; }
.why { color: var(--muted); font-size: 90%; }
.overdue { color:#b42318; font-weight:600; }
.side-lists { display:grid; grid-template-columns: 1fr 1.4fr; gap:16px; }
table.gap-groups td:nth-child(2), table.stale-soonest td { white-space: nowrap; }
"""


def dashboard_page(
    view: AccountView,
    nav: Nav,
    *,
    editing: str = "",
    left: Sequence[KeyPersonLeft] = (),
    names: dict[str, str] | None = None,
) -> str:
    """The dashboard (templates/dashboard.html): one line per key person
    (graphcrm.dashboard.key_person_lines), the key people who ``left`` in the last
    quarter with the coverage lost (the review's ``key_person_left``, named from
    ``names``), the people going stale soonest and the gaps grouped by person;
    ``editing``: the people panel with its forms (viz.edit_forms)."""
    lang = nav.lang
    today = date.fromisoformat(str(view.coverage["parameters"]["today"]))
    lines = key_person_lines(
        view.graph,
        key_people=view.key_people,
        coverage=view.coverage,
        next_targets=view.next_targets,
        today=today,
    )
    acc = view.account
    trend = sparkline([(p.day, p.health) for p in view.health_trend], t("trend", lang))
    links = [
        (nav.href(v), t(k, lang))
        for v, k in (
            ("map", "map"),
            ("fishbone", "fishbone"),
            ("power", "power"),
            ("assessment", "assessment"),
            ("cards", "cards"),
            ("review", "review"),
            ("task-book", "task_book"),
        )
    ]
    # Each chain's completeness (issue 15: unidentified roles), from the fishbone's analysis.
    complete = {
        c["opportunity_id"]: f"{round(100 * c['value'])}%"
        for c in view.fishbone.get("completeness") or []
        if c["value"] is not None
    }
    chains = [
        {
            "href": nav.href("fishbone", opportunity=c.opportunity_id),
            "name": c.name,
            "stage": _text(c.stage),
            "count": len(c.people),
            "completeness": complete.get(c.opportunity_id),
        }
        for c in view.chains
    ]
    facts = " · ".join(
        f"{t(k, lang)}: {tier_label(acc[k], lang) if k == 'tier' else acc[k]}"
        for k in ("industry", "region", "tier")
        if acc.get(k)
    )
    body = render(
        "dashboard.html",
        lang=lang,
        acc=acc,
        facts=facts,
        gauge=Markup(gauge(view.health, t("health", lang))),
        trend=Markup(trend) if trend else "",
        links=links,
        chains=chains,
        n_people=len(view.people),
        n_staff=len(view.staff),
        key_people=[_key_person(line, nav) for line in lines],
        stale=_stale(stale_soonest(view.coverage), nav),
        left=_left(left, names or {}, lang),
        gap_groups=_gap_groups(view, lang),
        editing=Markup(editing),  # built by viz.edit_forms' templates
    )
    css = _CSS + (FORM_CSS if editing or nav.flash else "")
    return page(f"{t('dashboard', lang)} · {acc.get('name')}", body, nav, css=css)


_ARROWS = {"up": "▲", "down": "▼", "flat": "▶"}


def _account_row(line: AccountLine, nav: Nav) -> dict[str, Any]:
    lang = nav.lang
    gap = line.heaviest_gap or {}
    target = line.next_target or {}
    account = Nav(lang, line.account_id, base=nav.base)
    return {
        "id": line.account_id,
        "href": account.href(),
        "name": line.name,
        "industry": _text(line.industry),
        "region": _text(line.region),
        "tier": tier_label(line.tier, lang) if line.tier else "",
        "health": f"{line.health:.0f}" if line.health is not None else "",
        "trend": line.trend or "",
        "arrow": _ARROWS.get(line.trend or "", ""),
        "trend_label": t(f"trend_{line.trend}", lang) if line.trend else "",
        "gap": gap_label(gap["code"], lang) if gap else "",
        "gap_code": gap.get("code", ""),
        "overdue": line.overdue,
        "target": target.get("name") or "",
        "target_href": account.href("cards/" + target["person_id"]) if target else "",
    }


def accounts_page(lines: Sequence[AccountLine], nav: Nav) -> str:
    """The accounts the caller's team owns (graphcrm.dashboard.account_line), each with
    its health and trend arrow, heaviest gap, overdue actions and next target, linking to
    its dashboard."""
    lang = nav.lang
    rows = [_account_row(line, nav) for line in lines]
    body = render("accounts.html", lang=lang, accounts=rows, portfolio=nav.href("portfolio"))
    return page(t("accounts", lang), body, nav, css=_ACCOUNTS_CSS)


_ACCOUNTS_CSS = """
.trend-up { color:#067647; } .trend-down { color:#b42318; } .trend-flat { color: var(--muted); }
.overdue { color:#b42318; font-weight:600; }
"""
