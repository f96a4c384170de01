"""Every list kept beside a code enum (TieType, GapCode) holds every code of the enum.

``missing_codes`` reads each list for a given enum and says which codes it lacks;
it runs on the real enums (nothing may be missing) and on throwaway copies with
one more tie type and gap code, to show that each list would fail.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

import pytest

from api.analysis_schemas import GapOut
from graphcrm.analysis.gaps import GAP_CODES, Gap, GapCode
from graphcrm.analysis.importance import LENDING
from graphcrm.analysis.paths import PATH_WAYS
from graphcrm.dashboard import GAP_ACTIONS
from graphcrm.model.vocab import TieType, parse_term, zh_label
from graphcrm.stores import cypher_catalog
from viz.labels import GAP_LABELS, gap_label, tie_label
from viz.palette import TIE_STYLES

README = Path(__file__).resolve().parents[1] / "README.md"

# The statements that match every tie type in one relationship-type union.
UNION_STATEMENTS = ("get_all_ties", "end_ties", "get_tie_history")


def _chinese(text: str) -> bool:
    return any(unicodedata.name(c, "").startswith("CJK UNIFIED") for c in text)


def _labelled(label: Callable[[str, str], str], code: str) -> bool:
    """The code has an English label and a Chinese one (with Chinese characters in it)."""
    try:
        return bool(label(code, "en")) and _chinese(label(code, "zh"))
    except (KeyError, ValueError):
        return False


def _union(text: str) -> set[str]:
    """The relationship types of the one ``[r:A|B|...]`` union in a statement."""
    (types,) = re.findall(r"\[r:([A-Z_|]+)\]", text)
    return set(types.split("|"))


def _account_ties_branches() -> dict[str, str]:
    """Relationship type -> the type code it is returned as, per branch of get_account_ties."""
    text = cypher_catalog.statement("get_account_ties")
    rels = re.findall(r"MATCH \(s\)-\[r:([A-Z_]+)\]->\(t\)", text)
    codes = re.findall(r"RETURN '([a-z_]+)' AS type", text)
    assert len(rels) == len(codes)
    return dict(zip(rels, codes, strict=True))


def _readme_codes() -> set[str]:
    return set(re.findall(r"`([a-z_]+)`", README.read_text(encoding="utf-8")))


def _import_format_tie_types() -> set[str]:
    (row,) = [
        line for line in README.read_text(encoding="utf-8").splitlines() if "| ties |" in line
    ]
    (types,) = re.findall(r"\*\*type\*\* \[([a-z_/]+)\]", row)
    return set(types.split("/"))


def tie_type_lists(tie_types: type[StrEnum]) -> dict[str, list[str]]:
    """For each list of tie types kept in step with ``tie_types``, the codes it lacks."""
    codes = [t.value for t in tie_types]
    rels = {c: c.upper() for c in codes}
    schema_neo4j = {name for name, _ in cypher_catalog.schema_statements("schema")}
    schema_falkordb = {name for name, _ in cypher_catalog.schema_statements("schema_falkordb")}
    branches = _account_ties_branches()
    checks: dict[str, Callable[[str], bool]] = {
        "model.vocab (parsed in English and Chinese)": _parses,
        "viz.labels.tie_label (en, zh)": lambda c: _labelled(tie_label, c),
        "viz.palette.TIE_STYLES (map style)": lambda c: c in TIE_STYLES,
        "analysis.importance.LENDING": lambda c: c in LENDING,
        "analysis.paths.PATH_WAYS": lambda c: c in PATH_WAYS,
        "cypher/create_<type>_ties": lambda c: f"create_{c}_ties" in cypher_catalog.names(),
        "cypher/get_account_ties branches": lambda c: branches.get(rels[c]) == c,
        "cypher/schema/<type>_account_id": lambda c: f"{c}_account_id" in schema_neo4j,
        "cypher/schema_falkordb/<type>_account_id": lambda c: f"{c}_account_id" in schema_falkordb,
        "README import format": lambda c: c in _import_format_tie_types(),
    }
    for name in UNION_STATEMENTS:
        union = _union(cypher_catalog.statement(name))
        checks[f"cypher/{name} union"] = lambda c, union=union: rels[c] in union
    return {name: [c for c in codes if not ok(c)] for name, ok in checks.items()}


def _parses(code: str) -> bool:
    try:
        member = parse_term(TieType, code)
    except ValueError:
        return False
    return parse_term(TieType, zh_label(member)) is member


def gap_code_lists(gap_codes: type[StrEnum]) -> dict[str, list[str]]:
    """For each list of gap codes kept in step with ``gap_codes``, the codes it lacks."""
    codes = [g.value for g in gap_codes]
    api_enum = set(GapOut.model_json_schema()["$defs"]["GapCode"]["enum"])
    readme = _readme_codes()
    checks: dict[str, Callable[[str], bool]] = {
        "analysis.gaps.GAP_CODES (sort order, Gap check)": lambda c: c in GAP_CODES,
        "viz.labels.gap_label (en, zh)": lambda c: _labelled(gap_label, c),
        "api GapOut.code (OpenAPI enum)": lambda c: c in api_enum,
        "README (Analyses)": lambda c: c in readme,
        "dashboard.GAP_ACTIONS (recommended action, en, zh)": lambda c: _labelled(
            lambda code, lang: GAP_ACTIONS[code][lang == "zh"], c
        ),
    }
    return {name: [c for c in codes if not ok(c)] for name, ok in checks.items()}


def _with_one_more(enum: type[StrEnum], name: str, value: str) -> type[StrEnum]:
    """A throwaway copy of ``enum`` with one more member."""
    members = {m.name: m.value for m in enum}
    return StrEnum(enum.__name__, {**members, name: value})


def test_every_tie_type_list_holds_every_tie_type() -> None:
    lists = tie_type_lists(TieType)
    assert {name: codes for name, codes in lists.items() if codes} == {}
    assert len(lists) == 13


def test_every_gap_code_list_holds_every_gap_code() -> None:
    lists = gap_code_lists(GapCode)
    assert {name: codes for name, codes in lists.items() if codes} == {}
    assert len(lists) == 5


def test_a_new_tie_type_shows_every_list_it_is_missing_from() -> None:
    more = _with_one_more(TieType, "MENTORS", "mentors")
    failing = {name for name, codes in tie_type_lists(more).items() if codes == ["mentors"]}
    assert failing == {
        "model.vocab (parsed in English and Chinese)",
        "viz.labels.tie_label (en, zh)",
        "viz.palette.TIE_STYLES (map style)",
        "analysis.importance.LENDING",
        "analysis.paths.PATH_WAYS",
        "cypher/create_<type>_ties",
        "cypher/get_account_ties branches",
        "cypher/schema/<type>_account_id",
        "cypher/schema_falkordb/<type>_account_id",
        "README import format",
        "cypher/get_all_ties union",
        "cypher/end_ties union",
        "cypher/get_tie_history union",
    }


def test_a_new_gap_code_shows_every_list_it_is_missing_from() -> None:
    more = _with_one_more(GapCode, "NO_SPONSOR", "no_sponsor")
    failing = {name for name, codes in gap_code_lists(more).items() if codes == ["no_sponsor"]}
    assert failing == {
        "analysis.gaps.GAP_CODES (sort order, Gap check)",
        "viz.labels.gap_label (en, zh)",
        "api GapOut.code (OpenAPI enum)",
        "README (Analyses)",
        "dashboard.GAP_ACTIONS (recommended action, en, zh)",
    }


def test_gap_labels_hold_only_gap_codes() -> None:
    assert list(GAP_LABELS) == list(GAP_CODES)


def test_map_styles_are_the_tie_types_then_our_contacts() -> None:
    assert list(TIE_STYLES) == [*(t.value for t in TieType), "contact"]


def test_a_gap_with_an_unknown_code_is_refused() -> None:
    with pytest.raises(ValueError, match=r"unknown gap code 'no_sponsor'; expected one of: "):
        Gap(code="no_sponsor", person_id="p", group=None, weight=1.0, explanation={})


def test_the_api_validates_gap_codes() -> None:
    ok = GapOut.model_validate(
        {
            "code": "weak",
            "person_id": "p",
            "group": None,
            "weight": 0.5,
            "explanation": {"en": "e", "zh": "中"},
            "details": {},
        }
    )
    assert ok.code is GapCode.WEAK
    with pytest.raises(ValueError, match="code"):
        GapOut.model_validate({**ok.model_dump(), "code": "no_sponsor"})
