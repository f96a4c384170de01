"""The portfolio page (issue 14 item 7, DESIGN.md "Account portfolio"): the tier counts
against the 5/20/30/45 shares, the value x potential chart (viz.portfolio_chart) and the
table of accounts, sortable by server-side links (``?sort=key``, ``-key`` descending;
no script, no CDN). Rows are ``Portfolio.to_list()`` dicts, as the API serves them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from graphcrm.model import AccountKind, Tier, zh_label
from graphcrm.portfolio.tiers import tier_bounds
from viz.labels import Lang, gap_label, portfolio_quadrant_label, t, tier_label
from viz.page import Nav, page
from viz.portfolio_chart import health_colour, value_chart
from viz.templating import Markup, render

__all__ = ["SORT_KEYS", "SORT_PATTERN", "portfolio_page", "sort_rows", "tier_counts"]

_TIER_ORDER = {tier.value: i for i, tier in enumerate(Tier)}


def _tier_order(row: dict[str, Any]) -> Any:
    tier = row["tier"]
    return None if tier is None else (_TIER_ORDER[tier], row["rank"] or 0)


#: Column -> what it sorts by (tier: the tier in force, strategic first, then rank).
SORT_KEYS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "name": lambda r: r["name"],
    "tier": _tier_order,
    "value_score": lambda r: r["value_score"],
    "quadrant": lambda r: r["quadrant"],
    "rfm": lambda r: r["rfm"],
    "health": lambda r: r["health"],
}
SORT_PATTERN = r"^-?(" + "|".join(SORT_KEYS) + r")$"
_DEFAULT_SORT = "tier"


def sort_rows(rows: Sequence[dict[str, Any]], sort: str | None) -> list[dict[str, Any]]:
    """``rows`` by the column ``sort`` names (``-`` first: descending); rows with no value
    there go last either way, ties by account id."""
    key = SORT_KEYS.get((sort or _DEFAULT_SORT).lstrip("-"), SORT_KEYS[_DEFAULT_SORT])
    descending = bool(sort and sort.startswith("-"))
    by_id = sorted(rows, key=lambda r: r["account_id"])
    present = [r for r in by_id if key(r) is not None]
    present.sort(key=key, reverse=descending)
    return present + [r for r in by_id if key(r) is None]


def tier_counts(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per tier: the accounts holding it (in force) and how many the shares give the
    tiered accounts (graphcrm.portfolio.tiers.tier_bounds), plus the overrides."""
    tiered = [r for r in rows if r["tier_computed"] is not None or r["tier"] is not None]
    n = len(tiered)
    bounds = tier_bounds(n) if n else (0, 0, 0)
    expected = [bounds[0], bounds[1] - bounds[0], bounds[2] - bounds[1], n - bounds[2]]
    return [
        {
            "tier": tier.value,
            "count": sum(r["tier"] == tier.value for r in tiered),
            "expected": want,
            "overrides": sum(r["tier"] == tier.value and r["tier_override"] for r in tiered),
        }
        for tier, want in zip(Tier, expected, strict=True)
    ]


def _number(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _row(r: dict[str, Any], nav: Nav) -> dict[str, Any]:
    lang: Lang = nav.lang
    gap = r["heaviest_gap"]
    return {
        "id": r["account_id"],
        "href": Nav(lang, r["account_id"], base=nav.base).href(),
        "name": r["name"],
        "kind": zh_label(AccountKind(r["kind"])) if lang == "zh" else r["kind"],
        "tier": tier_label(r["tier"], lang),
        "override": r["tier_override"],
        "value_score": _number(r["value_score"]),
        "current": _number(r["current"]),
        "future": _number(r["future"]),
        "quadrant": portfolio_quadrant_label(r["quadrant"], lang),
        "rfm": r["rfm"] or "—",
        "health": _number(r["health"], 0),
        "colour": health_colour(r["health"]),
        "health_quarter_ago": _number(r["health_quarter_ago"], 0),
        "gap": gap_label(gap["code"], lang) if gap else "—",
    }


def _outside_row(o: dict[str, Any], nav: Nav) -> dict[str, Any]:
    """An outside person (``OutsidePerson.to_dict``) for the page, each account a link."""
    lang: Lang = nav.lang
    reaches = [
        {**r, "href": Nav(lang, r["account_id"], base=nav.base).href()} for r in o["reaches"]
    ]
    kind = zh_label(AccountKind(o["kind"])) if lang == "zh" else o["kind"]
    return {**o, "kind": kind, "reaches": reaches, "coverage": _number(o["coverage"])}


def portfolio_page(
    rows: Sequence[dict[str, Any]],
    nav: Nav,
    sort: str | None = None,
    outside: Sequence[dict[str, Any]] = (),
) -> str:
    """The whole page of the portfolio ``rows`` sorted by ``sort``, then the ``outside``
    people (``OutsidePerson.to_dict``) with the accounts they reach."""
    lang: Lang = nav.lang
    current = sort or _DEFAULT_SORT
    headers = [
        {
            "label": t(label, lang),
            "href": nav.href("portfolio", sort=f"-{key}" if current == key else key),
            "on": current.lstrip("-") == key,
        }
        for key, label in [
            ("name", "accounts"),
            ("tier", "tier"),
            ("value_score", "value_score"),
            ("quadrant", "value_quadrant"),
            ("rfm", "rfm"),
            ("health", "health"),
        ]
    ]
    chart = value_chart(rows, lang, lambda a: Nav(lang, a, base=nav.base).href())
    body = render(
        "portfolio.html",
        lang=lang,
        headers=headers,
        rows=[_row(r, nav) for r in sort_rows(rows, sort)],
        counts=[{**c, "label": tier_label(c["tier"], lang)} for c in tier_counts(rows)],
        chart=Markup(chart),  # built by viz.portfolio_chart, every value escaped
        outside=[_outside_row(o, nav) for o in outside],
    )
    return page(t("portfolio", lang), body, nav, css=_CSS)


_CSS = (
    ".portfolio-top{display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start}"
    ".portfolio th a{color:inherit}.portfolio th.on a{text-decoration:underline}"
    ".swatch{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:4px}"
)
