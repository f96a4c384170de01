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


def _key_people(view: AccountView, nav: Nav) -> str:
    lang = nav.lang
    head = "".join(
        f"<th{' class=num' if c in ('rank',) else ''}>{e(t(c, lang))}</th>"
        for c in (
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
    )
    rows = []
    for pid in view.key_ids:
        s = view.score(pid)
        d = view.node(pid)
        rows.append(
            f'<tr data-person-id="{e(pid)}"><td class="num">{s.get("rank", "")}</td>'
            f'<td><a href="{e(nav.href(f"cards/{pid}"))}">{e(view.name(pid))}</a></td>'
            f'<td>{e(d.get("title"))}<div class="muted">'
            f"{e(roles_label(d.get('roles') or (), lang))}"
            f"</div></td><td>{e(d.get('department'))}</td>"
            f"<td>{_bar(s.get('known_by_many', 0))}</td>"
            f"<td>{_bar(s.get('depended_on_by_many', 0))}</td>"
            f"<td>{_bar(s.get('important_neighbours', 0))}</td>"
            f"<td>{_bar(s.get('composite', 0))}</td>"
            f"<td>{e(quadrant_label(s['quadrant'], lang)) if s.get('quadrant') else ''}</td>"
            f"<td>{level_chip(view.level(pid), lang)}</td>"
            f'<td class="num">{float(view.person_coverage(pid).get("coverage", 0)):.2f}</td></tr>'
        )
    return f'<table class="key-people"><tr>{head}</tr>{"".join(rows)}</table>'


def _gaps(view: AccountView, lang: Lang) -> str:
    gaps = view.gaps()
    if not gaps:
        return f"<p>{e(t('no_gaps', lang))}</p>"
    rows = "".join(
        f'<tr class="gap" data-code="{e(g["code"])}"><td class="num">{float(g["weight"]):.2f}</td>'
        f"<td><b>{e(gap_label(g['code'], lang))}</b></td><td>{e(g['explanation'][lang])}</td></tr>"
        for g in gaps
    )
    return (
        f'<table class="gaps"><tr><th class="num">{e(t("weight", lang))}</th>'
        f"<th>{e(t('gaps', lang))}</th><th>{e(t('why', lang))}</th></tr>{rows}</table>"
    )


def _targets(view: AccountView, nav: Nav) -> str:
    lang = nav.lang
    if not view.next_targets:
        return f"<p>{e(t('no_targets', lang))}</p>"
    rows = "".join(
        f'<tr class="target"><td class="num">{tg["rank"]}</td>'
        f'<td><a href="{e(nav.href("cards/" + tg["person_id"]))}">{e(tg["name"])}</a></td>'
        f"<td>{level_chip(int(tg['parts']['level']), lang)} → "
        f"{level_chip(int(tg['parts']['target_level']), lang)}</td>"
        f'<td class="num">{float(tg["score"]):.2f}</td><td>'
        f"{path_text(tg.get('best_path'), lang)}</td>"
        f"<td>{e((tg.get('owner') or {}).get('name'))}</td></tr>"
        for tg in view.next_targets
    )
    return (
        f'<table class="targets"><tr><th class="num">{e(t("rank", lang))}</th>'
        f"<th>{e(t('person', lang))}</th><th>{e(t('level', lang))} → {e(t('target', lang))}</th>"
        f'<th class="num">{e(t("score", lang))}</th><th>{e(t("warm_path", lang))}</th>'
        f"<th>{e(t('owner', lang))}</th></tr>{rows}</table>"
    )


_CSS = """
.top-row { display:grid; grid-template-columns: 300px 1fr; gap:16px; align-items:stretch; }
.links a.button { margin: 4px 6px 4px 0; }
.facts { color: var(--muted); margin-top: 6px; }
"""


def dashboard_page(view: AccountView, nav: Nav, *, editing: str = "") -> str:
    """The dashboard; ``editing``: the people panel with its forms (viz.edit_forms)."""
    lang = nav.lang
    acc = view.account
    trend = sparkline([(p.day, p.health) for p in view.health_trend], t("trend", lang))
    links = "".join(
        f'<a class="button" href="{e(nav.href(v))}">{e(t(k, lang))}</a>'
        for v, k in (
            ("map", "map"),
            ("fishbone", "fishbone"),
            ("power", "power"),
            ("assessment", "assessment"),
            ("cards", "cards"),
            ("review", "review"),
            ("task-book", "task_book"),
        )
    )
    chains = "".join(
        f'<li><a href="{e(nav.href("fishbone", opportunity=c.opportunity_id))}">{e(c.name)}</a>'
        f' <span class="muted">{e(c.stage)} · {len(c.people)} {e(t("people", lang))}</span></li>'
        for c in view.chains
    )
    facts = " · ".join(
        f"{t(k, lang)}: {acc[k]}" for k in ("industry", "region", "tier") if acc.get(k)
    )
    body = (
        f'<h1>{e(acc.get("name"))}</h1><div class="sub">{e(facts)}</div>'
        '<div class="top-row">'
        f'<div class="panel health"><h2 style="margin-top:0">{e(t("health", lang))}</h2>'
        f"{gauge(view.health, t('health', lang))}"
        + (f"<div><b>{e(t('trend', lang))}</b><br>{trend}</div>" if trend else "")
        + "</div>"
        f'<div class="panel"><div class="links">{links}</div>'
        f"<h2>{e(t('decision_chain', lang))}</h2><ul>{chains}</ul>"
        f'<div class="facts">{len(view.people)} {e(t("people", lang))} · {len(view.staff)} '
        f"{e(t('staff_count', lang))}</div></div></div>"
        f"<h2>{e(t('key_people', lang))}</h2>{_key_people(view, nav)}"
        f"<h2>{e(t('next_targets', lang))}</h2>{_targets(view, nav)}"
        f"<h2>{e(t('gaps', lang))}</h2>{_gaps(view, lang)}"
        f"{editing}"
    )
    css = _CSS + (FORM_CSS if editing or nav.flash else "")
    return page(f"{t('dashboard', lang)} · {acc.get('name')}", body, nav, css=css)


def accounts_page(accounts: Sequence[dict[str, Any]], nav: Nav) -> str:
    """The accounts the caller's team owns, each linking to its dashboard."""
    lang = nav.lang
    rows = "".join(
        f'<tr><td><a href="{e(Nav(lang, a["id"], base=nav.base).href())}">{e(a["name"])}</a></td>'
        f"<td>{e(a.get('industry'))}</td><td>{e(a.get('region'))}</td><td>{e(a.get('tier'))}</td></tr>"
        for a in accounts
    )
    body = (
        f"<h1>{e(t('accounts', lang))}</h1><table><tr><th>{e(t('accounts', lang))}</th>"
        f"<th>{e(t('industry', lang))}</th><th>{e(t('region', lang))}</th>"
        f"<th>{e(t('tier', lang))}</th></tr>{rows}</table>"
    )
    return page(t("accounts", lang), body, nav)
