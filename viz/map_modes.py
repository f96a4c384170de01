"""The map's other modes (issue 12 items 1 and 5, issue 11 item 7): the org chart, the
next targets whose warm paths the page can highlight, and the "as of" date field.

- **Org chart**: the reports-to tree drawn top-down, a manager one row above the people
  who report to them; a manager whose reports (two or more) all lead nobody lists them
  in one column under them (a wide row of leaves would shrink the whole chart past reading); people
  outside the tree (no reports-to tie either way) in a row below, our staff under them.
- **Targets**: the next targets (shared/DESIGN.md, "Next targets"; the API's
  ``/analysis/next-targets``) with the node ids of their best warm path, our staff
  member first, for the page to keep lit while the rest is dimmed.
- **As of**: a date field; a past date reloads the map as the account stood that day
  (the API's as-of reads), read-only.

On the page the org chart shows only the reports-to lines at first (the other tie types'
boxes unticked, given back on leaving it).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from viz.account import AccountView
from viz.labels import Lang, t
from viz.page import e

__all__ = [
    "MODES_CSS",
    "MODE_WORDS",
    "as_of_banner",
    "as_of_field",
    "org_chart_layout",
    "target_options",
    "target_paths",
    "w",
]

_DY = 110.0
_STACK_DY = 80.0
_MIN_SLOT = 130.0

# The modes' own words (English, Chinese).
MODE_WORDS: dict[str, tuple[str, str]] = {
    "org": ("Org chart (reports-to tree)", "组织架构（汇报关系树）"),
    "outside_tree": ("outside the reports-to tree", "不在汇报关系树中"),
    "target": ("Highlight paths to", "高亮暖路径至"),
    "no_target": ("(no target)", "（不选）"),
    "no_path": ("no warm path", "无暖路径"),
    "as_of": ("As of", "截至日期"),
    "show": ("Show", "显示"),
    "today": ("today", "今天"),
    "read_only_as_of": (
        "As the account stood on {day}: read-only.",
        "客户在 {day} 时的状况：只读。",
    ),
}


def w(key: str, lang: Lang) -> str:
    """A mode word in ``lang``."""
    en, zh = MODE_WORDS[key]
    return zh if lang == "zh" else en


def _tree(view: AccountView) -> tuple[list[str], dict[str, list[str]]]:
    """The roots of the reports-to tree and each manager's reports, most important first.

    Each person hangs under their one manager (``AccountView.manager``); a cycle of
    reports-to ties is cut at its most important person, who becomes a root.
    """
    people = set(view.people)
    boss = {p: m for p in view.people if (m := view.manager(p)) in people and m != p}
    for p in view.people:  # cut cycles: follow managers until a root or a repeat
        seen = [p]
        while (m := boss.get(seen[-1])) is not None and m not in seen:
            seen.append(m)
        if m is not None and m in seen:
            cycle = seen[seen.index(m) :]
            del boss[min(cycle, key=view.people.index)]
    reports: dict[str, list[str]] = {p: [] for p in view.people}
    for p in view.people:  # view.people is by importance
        if p in boss:
            reports[boss[p]].append(p)
    roots = [p for p in view.people if p not in boss and reports[p]]
    return roots, reports


def _name_slot(view: AccountView) -> float:
    """One slot's width: the widest name (22 units high: CJK a full em, Latin ~0.56 em)."""
    widest = max(
        (sum(22.0 if ord(ch) > 0x2000 else 12.5 for ch in view.name(p)) for p in view.people),
        default=0.0,
    )
    return max(_MIN_SLOT, widest + 40.0)


def _place_tree(
    roots: list[str], reports: dict[str, list[str]], slot: float
) -> dict[str, tuple[float, float]]:
    """Positions: leaves left to right, a manager centred over their reports."""
    pos: dict[str, tuple[float, float]] = {}
    next_x = [0.0]

    def place(pid: str, y: float) -> float:
        kids = reports[pid]
        if not kids:
            pos[pid] = (next_x[0], y)
            next_x[0] += slot
            return pos[pid][0]
        if all(not reports[k] for k in kids) and len(kids) > 1:
            # leaves only: one column under the manager, a little to the right
            x = next_x[0]
            pos[pid] = (x, y)
            for i, kid in enumerate(kids):
                pos[kid] = (x + slot * 0.3, y + _DY + i * _STACK_DY)
            next_x[0] += slot * 1.3
            return x
        xs = [place(kid, y + _DY) for kid in kids]
        pos[pid] = ((xs[0] + xs[-1]) / 2, y)
        return pos[pid][0]

    for root in roots:
        place(root, 0.0)
    return pos


def _row(
    ids: list[str], y: float, slot: float, per_row: int, pos: dict[str, tuple[float, float]]
) -> float:
    """Put ``ids`` in rows of ``per_row`` from ``y``; the y under the last row."""
    for i, pid in enumerate(ids):
        r, c = divmod(i, per_row)
        pos[pid] = (c * slot, y + r * _DY)
    return y + (-(-len(ids) // per_row)) * _DY


def org_chart_layout(view: AccountView, lang: Lang) -> dict[str, Any]:
    """The org chart's node ids, positions and bands (as the map's other views give them)
    and ``tree``: each person in the tree and the manager drawn above them."""
    roots, reports = _tree(view)
    slot = _name_slot(view)
    pos = _place_tree(roots, reports, slot)
    bottom = max((y for _, y in pos.values()), default=-_DY) + _DY * 1.5
    per_row = max(6, round((max((x for x, _ in pos.values()), default=0.0)) / slot) + 1)
    bands: list[dict[str, Any]] = []
    outside = [p for p in view.people if p not in pos]
    if outside:
        top = bottom
        bottom = _row(outside, bottom, slot, per_row, pos) + _DY * 0.5
        bands.append({"layer": "outside", "y0": top - _DY / 2, "y1": bottom - _DY / 2})
        bands[-1]["label"] = w("outside_tree", lang)
    if view.staff:
        bands.append({"layer": "staff", "y0": bottom - _DY / 2, "y1": bottom + _DY / 2})
        bands[-1]["label"] = t("our_staff", lang)
        _row(view.staff, bottom, slot, max(per_row, len(view.staff)), pos)
    tree = {kid: boss for boss, kids in reports.items() for kid in kids}
    return {
        "ids": sorted(pos),
        "pos": {n: [round(x, 1), round(y, 1)] for n, (x, y) in pos.items()},
        "columns": [],
        "bands": bands,
        "tree": tree,
    }


def target_paths(view: AccountView, path_ids: Callable[[Any], list[str]]) -> list[dict[str, Any]]:
    """The next targets, highest score first: id, name, score and the node ids of their best
    warm path (``path_ids`` of the target's ``best_path``; empty with none)."""
    return [
        {
            "id": target["person_id"],
            "name": view.name(target["person_id"]),
            "score": round(float(target["score"]), 3),
            "path": path_ids(target.get("best_path")),
        }
        for target in view.next_targets
        if target["person_id"] in view.graph
    ]


def target_options(targets: list[dict[str, Any]], lang: Lang) -> str:
    """The target picker: a select of the next targets (those with no path say so)."""
    options = "".join(
        f'<option value="{e(x["id"])}">{e(x["name"])} · {x["score"]:.2f}'
        f"{'' if x['path'] else ' · ' + e(w('no_path', lang))}</option>"
        for x in targets
    )
    return (
        f'<label>{e(w("target", lang))} <select id="target-filter">'
        f'<option value="">{e(w("no_target", lang))}</option>{options}</select></label>'
    )


def as_of_field(as_of: date | None, lang: Lang) -> str:
    """The "as of" date field: a GET form reloading the map as of the chosen day (an empty
    field is not sent, the script disables it: the map as things stand now)."""
    today = date.today().isoformat()
    value = as_of.isoformat() if as_of else ""
    hidden = '<input type="hidden" name="lang" value="zh">' if lang == "zh" else ""
    return (
        f'<form id="as-of-form" method="get" class="as-of"><label>{e(w("as_of", lang))} '
        f'<input type="date" id="map-as-of" name="as_of" value="{value}" max="{today}">'
        f'</label>{hidden}<button type="submit">{e(w("show", lang))}</button></form>'
    )


def as_of_banner(as_of: date | None, lang: Lang) -> str:
    """Above a past map: the day it shows and that it cannot be edited (nothing today)."""
    if as_of is None:
        return ""
    text = w("read_only_as_of", lang).format(day=as_of.isoformat())
    return f'<div class="as-of-banner" id="as-of-banner">{e(text)}</div>'


MODES_CSS = """
.as-of { display:inline-flex; gap:6px; align-items:center; margin:0; }
.as-of-banner { background:#fff7ed; border:1px solid #fdba74; color:#7c2d12; padding:6px 12px;
  border-radius:6px; margin-bottom:10px; }
"""
