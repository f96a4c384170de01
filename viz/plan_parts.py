"""Pieces the plan pages share (the quarterly review and the task book): tables, arrows,
status badges and the people's names."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from viz.labels import Lang, progress_label, t
from viz.page import e, level_chip

__all__ = [
    "PROGRESS_COLOURS",
    "arrow",
    "level_move",
    "name",
    "plan_css",
    "progress_badge",
    "table",
]

#: Progress status -> (background, text): met green, on track blue, off track amber, missed red.
PROGRESS_COLOURS: dict[str, tuple[str, str]] = {
    "met": ("#2e9e4f", "#ffffff"),
    "on_track": ("#2f6db5", "#ffffff"),
    "off_track": ("#e0a800", "#1d1d1f"),
    "missed": ("#d64545", "#ffffff"),
}


def table(
    heads: Sequence[str], rows: Sequence[str], lang: Lang, *, cls: str, num: Sequence[int] = ()
) -> str:
    """A table with the given (already translated) heads, or a muted "none" without rows.

    ``num`` holds the indexes of the numeric columns (right-aligned).
    """
    if not rows:
        return f'<p class="muted empty {e(cls)}">{e(t("none", lang))}</p>'
    head = "".join(
        f"<th{' class=num' if i in num else ''}>{e(h)}</th>" for i, h in enumerate(heads)
    )
    return f'<table class="{e(cls)}"><tr>{head}</tr>{"".join(rows)}</table>'


def arrow(direction: str, lang: Lang) -> str:
    """An up (green) or down (red) arrow with its word for screen readers and print."""
    mark = "▲" if direction == "up" else "▼"
    return (
        f'<span class="arrow {e(direction)}" title="{e(t(direction, lang))}">{mark}</span>'
        f'<span class="arrow-word">{e(t(direction, lang))}</span>'
    )


def level_move(level_from: int | None, level_to: int, lang: Lang) -> str:
    """Two level chips joined by an arrow (just the second without a first)."""
    if level_from is None:
        return level_chip(level_to, lang)
    return f'{level_chip(level_from, lang)} <span class="to">→</span> {level_chip(level_to, lang)}'


def progress_badge(status: str, lang: Lang) -> str:
    """A progress status as a coloured badge."""
    fill, ink = PROGRESS_COLOURS[status]
    return (
        f'<span class="chip status" data-status="{e(status)}" '
        f'style="background:{fill};color:{ink}">{e(progress_label(status, lang))}</span>'
    )


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
