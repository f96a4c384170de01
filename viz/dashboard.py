"""The account dashboard and the list of a team's accounts.

Health as a gauge (with its trend when history exists), the key people with
the three rule scores, rank and quadrant, the gaps heaviest first, the next
targets with their warm paths, and links to every other view.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from viz.account import AccountView
from viz.charts import gauge, sparkline
from viz.edit_forms import FORM_CSS
from viz.labels import Lang, gap_label, quadrant_label, roles_label, t
from viz.page import Nav, e, level_chip, page
from viz.templating import Markup, render

__all__ = ["accounts_page", "dashboard_page", "path_text"]


def _bar(value: float) -> str:
    return (
        f'<span class="barbox"><span class="bar" '
        f'style="width:{max(0.0, min(1.0, value)) * 60:.0f}px">'
        f"</span></span>{value:.2f}"
    )


def path_text(path: dict[str, Any] | None, lang: Lang) -> str:
    """A warm path as "staff → person → … (strength)"."""
    if not path:
        return f'<span class="muted">{e(t("no_path", lang))}</span>'
    names = [path.get("staff_name") or path.get("staff_id")] + [p["name"] for p in path["people"]]
    strength = f'<span class="muted">({path["strength"]:.2f})</span>'
    return f"{e(' → '.join(str(n) for n in names))} {strength}"


_KEY_COLUMNS = (
    "rank",
    "person",
    "title",
    "department",
    "known_by_many",
    "depended_on_by_many",
    "important_neighbours",
    "composite",
    "quadrant",
    "level",
    "coverage",
)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _key_people(view: AccountView, nav: Nav) -> list[dict[str, Any]]:
    lang = nav.lang
    rows = []
    for pid in view.key_ids:
        s = view.score(pid)
        d = view.node(pid)
        parts = ("known_by_many", "depended_on_by_many", "important_neighbours", "composite")
        rows.append(
            {
                "id": pid,
                "rank": _text(s.get("rank", "")),
                "href": nav.href(f"cards/{pid}"),
                "name": view.name(pid),
                "title": _text(d.get("title")),
                "roles": roles_label(d.get("roles") or (), lang),
                "department": _text(d.get("department")),
                "bars": [Markup(_bar(s.get(k, 0))) for k in parts],
                "quadrant": quadrant_label(s["quadrant"], lang) if s.get("quadrant") else "",
                "chip": Markup(level_chip(view.level(pid), lang)),
                "coverage": f"{float(view.person_coverage(pid).get('coverage', 0)):.2f}",
            }
        )
    return rows


def _gaps(view: AccountView, lang: Lang) -> list[dict[str, Any]]:
    return [
        {
            "code": g["code"],
            "weight": f"{float(g['weight']):.2f}",
            "label": gap_label(g["code"], lang),
            "why": g["explanation"][lang],
        }
        for g in view.gaps()
    ]


def _targets(view: AccountView, nav: Nav) -> list[dict[str, Any]]:
    lang = nav.lang
    return [
        {
            "rank": tg["rank"],
            "href": nav.href("cards/" + tg["person_id"]),
            "name": tg["name"],
            "level": Markup(level_chip(int(tg["parts"]["level"]), lang)),
            "target": Markup(level_chip(int(tg["parts"]["target_level"]), lang)),
            "score": f"{float(tg['score']):.2f}",
            "path": Markup(path_text(tg.get("best_path"), lang)),
            "owner": _text((tg.get("owner") or {}).get("name")),
        }
        for tg in view.next_targets
    ]


_CSS = """
.top-row { display:grid; grid-template-columns: 300px 1fr; gap:16px; align-items:stretch; }
.links a.button { margin: 4px 6px 4px 0; }
.facts { color: var(--muted); margin-top: 6px; }
"""


def dashboard_page(view: AccountView, nav: Nav, *, editing: str = "") -> str:
    """The dashboard (templates/dashboard.html); ``editing``: the people panel with its
    forms (viz.edit_forms)."""
    lang = nav.lang
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
        f"{t(k, lang)}: {acc[k]}" for k in ("industry", "region", "tier") if acc.get(k)
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
        key_columns=_KEY_COLUMNS,
        key_people=_key_people(view, nav),
        targets=_targets(view, nav),
        gaps=_gaps(view, lang),
        editing=Markup(editing),  # built by viz.edit_forms' templates
    )
    css = _CSS + (FORM_CSS if editing or nav.flash else "")
    return page(f"{t('dashboard', lang)} · {acc.get('name')}", body, nav, css=css)


def accounts_page(accounts: Sequence[dict[str, Any]], nav: Nav) -> str:
    """The accounts the caller's team owns, each linking to its dashboard."""
    lang = nav.lang
    rows = [
        {
            "href": Nav(lang, a["id"], base=nav.base).href(),
            "name": a["name"],
            "industry": _text(a.get("industry")),
            "region": _text(a.get("region")),
            "tier": _text(a.get("tier")),
        }
        for a in accounts
    ]
    body = render("accounts.html", lang=lang, accounts=rows, portfolio=nav.href("portfolio"))
    return page(t("accounts", lang), body, nav)
