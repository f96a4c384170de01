"""Pieces the plan pages share (the quarterly review and the task book): arrows, status
badges and the people's names. The markup is in templates/chips.html (issue 11 item 8)."""

from __future__ import annotations

from collections.abc import Mapping

from viz.labels import Lang
from viz.templating import Markup, chips

__all__ = [
    "PROGRESS_COLOURS",
    "arrow",
    "level_move",
    "name",
    "plan_css",
    "progress_badge",
]

#: Progress status -> (background, text): met green, on track blue, off track amber, missed red.
PROGRESS_COLOURS: dict[str, tuple[str, str]] = {
    "met": ("#2e9e4f", "#ffffff"),
    "on_track": ("#2f6db5", "#ffffff"),
    "off_track": ("#e0a800", "#1d1d1f"),
    "missed": ("#d64545", "#ffffff"),
}


def arrow(direction: str, lang: Lang) -> Markup:
    """An up (green) or down (red) arrow with its word for screen readers and print."""
    return Markup(chips().arrow(direction, lang))


def level_move(level_from: int | None, level_to: int, lang: Lang) -> Markup:
    """Two level chips joined by an arrow (just the second without a first)."""
    return Markup(chips().level_move(level_from, level_to, lang))


def progress_badge(status: str, lang: Lang) -> Markup:
    """A progress status as a coloured badge."""
    return Markup(chips().progress_badge(status, lang, PROGRESS_COLOURS))


def name(names: Mapping[str, str], node_id: str | None) -> str:
    """A person's or staff member's name, or the id when the graph has no name for it."""
    if not node_id:
        return "—"
    return names.get(node_id) or node_id


def plan_css() -> str:
    """The styles both plan pages use."""
    return """
.arrow { font-size: 15px; margin-right: 4px; }
.arrow.up { color: #2e9e4f; } .arrow.down { color: #d64545; }
.arrow-word { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); }
.to { color: var(--muted); margin: 0 2px; }
.two { display:grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.two h2 { margin-top: 10px; }
.tools { display:flex; gap:10px; align-items:end; flex-wrap:wrap; margin: 6px 0 14px; }
.tools label { display:flex; flex-direction:column; font-size:12px; color: var(--muted); gap:2px; }
.tools input[type=date] { font: inherit; padding: 3px 6px; border:1px solid var(--line);
  border-radius:5px; }
.error { background:#fdecec; border:1px solid #d64545; color:#8b0000; padding:8px 12px;
  border-radius:6px; }
tr.overdue td { background: #fdecec; }
"""
