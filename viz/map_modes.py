"""The map's other modes (issue 12 items 1 and 5, issue 11 item 7): the org chart, the
next targets whose warm paths the page can highlight, and the "as of" date field.

- **Org chart**: the reports-to tree drawn top-down (its layout: ``viz.org_chart``); here,
  its words.
- **Targets**: the next targets (shared/DESIGN.md, "Next targets"; the API's
  ``/analysis/next-targets``) with the node ids of their best warm path, our staff
  member first, for the page to keep lit while the rest is dimmed.
- **As of**: a date field (its markup: templates/map_parts.html); a past date reloads the
  map as the account stood that day (the API's as-of reads), read-only.

On the page the org chart shows only the reports-to lines at first (the other tie types'
boxes unticked, given back on leaving it).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from viz.account import AccountView
from viz.labels import Lang

__all__ = [
    "MODES_CSS",
    "MODE_WORDS",
    "as_of_banner",
    "target_paths",
    "w",
]

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


def as_of_banner(as_of: date | None, lang: Lang) -> str:
    """Above a past map: the day it shows and that it cannot be edited (nothing today); the
    page's template (map_parts.html) prints it, escaped."""
    if as_of is None:
        return ""
    return w("read_only_as_of", lang).format(day=as_of.isoformat())


MODES_CSS = """
.as-of { display:inline-flex; gap:6px; align-items:center; margin:0; }
.as-of-banner { background:#fff7ed; border:1px solid #fdba74; color:#7c2d12; padding:6px 12px;
  border-radius:6px; margin-bottom:10px; }
"""
