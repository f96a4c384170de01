"""The strength curve SVG: its points are the derived strengths, its dots the interactions."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from graphcrm.model import Interaction
from viz.strength_curve import curve_points, strength_curve_svg

END = date(2026, 11, 30)
MET = [
    Interaction(id="m", date="2026-11-30", type="meeting", staff_ids="s", person_ids="p"),
    Interaction(id="d", date="2026-09-01", type="dinner", staff_ids="s", person_ids="p"),
    Interaction(id="x", date="2026-10-01", type="call", staff_ids="t", person_ids="p"),
]


def test_points_are_the_derived_strengths() -> None:
    points = curve_points(MET, "s", "p", END)
    assert (points[0][0], points[-1][0]) == (date(2025, 11, 30), END)
    assert points[0][1] == 0.0
    assert points[-1][1] == pytest.approx(0.71350, abs=5e-6)  # DESIGN's second worked case


def test_the_svg_has_one_dot_per_interaction_of_the_pair() -> None:
    svg = ET.fromstring(strength_curve_svg(MET, "s", "p", END))
    ns = {"s": "http://www.w3.org/2000/svg"}
    dots = svg.findall("s:circle", ns)
    assert [d.find("s:title", ns).text for d in dots] == [  # type: ignore[union-attr]
        "2026-09-01 dinner",
        "2026-11-30 meeting",
    ]
    line = svg.find("s:polyline", ns)
    assert line is not None and len(line.get("points", "").split()) == 54
