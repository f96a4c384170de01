"""Colours, shapes and marks shared by every view, so a person looks the same everywhere."""

from __future__ import annotations

from graphcrm.model.vocab import TieType

__all__ = [
    "COMPETITOR_BORDER",
    "CONTACT",
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

#: Our staff's contact ties, drawn beside the customer's tie types.
CONTACT = "contact"

#: Tie type -> (colour, dashes, arrow): every TieType (tests/test_code_lists.py checks),
#: then our contacts. The map legend lists them in this order.
TIE_STYLES: dict[str, tuple[str, bool | list[int], bool]] = {
    TieType.REPORTS_TO.value: ("#34495e", False, True),
    TieType.DEPENDS_ON.value: ("#d9822b", [8, 5], True),
    TieType.KNOWS.value: ("#b7bcc4", False, False),
    TieType.INFLUENCES.value: ("#8e44ad", [2, 5], True),
    TieType.OPPOSES.value: ("#d64545", [6, 4], False),  # a rivalry: red, dashed, symmetric
    CONTACT: (STAFF_COLOUR, [10, 4], False),
}


def level_colour(level: int) -> str:
    """The fill colour of a level toward us."""
    return LEVEL_COLOURS.get(level, LEVEL_COLOURS[0])


def text_on(level: int) -> str:
    """A text colour readable on the level's fill."""
    return "#ffffff" if level in (-1, 2) else "#1d1d1f"
