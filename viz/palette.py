"""Colours, shapes and marks shared by every view, so a person looks the same everywhere."""

from __future__ import annotations

__all__ = [
    "COMPETITOR_BORDER",
    "LAYER_SHAPES",
    "LEVEL_COLOURS",
    "MARKS",
    "STAFF_COLOUR",
    "TIE_STYLES",
    "level_colour",
    "text_on",
]

#: Level toward us -> fill colour: -1 red, 0 grey, 1 light green, 2 green, 3 gold (a coach).
LEVEL_COLOURS: dict[int, str] = {
    -1: "#d64545",
    0: "#a0a4ab",
    1: "#9fd68f",
    2: "#2e9e4f",
    3: "#e0a800",
}
STAFF_COLOUR = "#2f6db5"
COMPETITOR_BORDER = "#8b0000"

#: vis-network shapes by layer; our staff are hexagons.
LAYER_SHAPES: dict[str | None, str] = {
    "decision": "diamond",
    "management": "square",
    "execution": "dot",
    None: "triangle",
}

#: Marks added to a person's label.
MARKS: dict[str, str] = {
    "key": "★",
    "hidden_influencer": "◆",
    "competitor_held": "⚑",
}

#: Tie type -> (colour, dashes, arrow).
TIE_STYLES: dict[str, tuple[str, bool | list[int], bool]] = {
    "reports_to": ("#34495e", False, True),
    "depends_on": ("#d9822b", [8, 5], True),
    "knows": ("#b7bcc4", False, False),
    "influences": ("#8e44ad", [2, 5], True),
    "contact": (STAFF_COLOUR, [10, 4], False),
}


def level_colour(level: int) -> str:
    """The fill colour of a level toward us."""
    return LEVEL_COLOURS.get(level, LEVEL_COLOURS[0])


def text_on(level: int) -> str:
    """A text colour readable on the level's fill."""
    return "#ffffff" if level in (-1, 2) else "#1d1d1f"
