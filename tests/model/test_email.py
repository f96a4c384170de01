"""The optional e-mail of people and staff: blank is no address, the rest must look like
one, and the pattern the API's document states agrees with the rule."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from graphcrm.model import Person, Staff
from graphcrm.model.hygiene import EMAIL_PATTERN


@pytest.mark.parametrize("blank", ["", "  ", "\t\u3000", None])
def test_a_blank_address_is_none(blank: str | None) -> None:
    assert Staff(id="s", name="Ann", email=blank).email is None
    assert Person(id="p", account_id="a", name="Chen", email=blank).email is None


def test_an_address_is_kept_lower_case_and_stripped() -> None:
    assert Staff(id="s", name="Ann", email=" Ann.Lee@Example.COM ").email == "ann.lee@example.com"


@pytest.mark.parametrize(
    ("text", "taken"),
    [
        ("a@b.co", True),
        (" A@B.CO\r", True),
        ("", True),
        ("a@b", False),
        ("a b@c.de", False),
        ("a@b.co;c@d.ef", False),
        ("\x0c", False),
        ("\x85a@b.co", False),
    ],
)
def test_the_documented_pattern_matches_the_rule(text: str, taken: bool) -> None:
    assert bool(re.fullmatch(EMAIL_PATTERN, text)) is taken
    try:
        Staff(id="s", name="Ann", email=text)
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted is taken
