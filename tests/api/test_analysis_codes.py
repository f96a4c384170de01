"""The analyses' codes checked against their response schemas when a result is computed
(api.analysis_codes): a code the schema does not list fails the fill, nothing is cached."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from fastapi.routing import APIRoute

from api.analyses import ANALYSES, RESPONSES
from api.analysis_codes import CodeNotInSchema, check_codes, code_check
from api.analysis_schemas import CoverageOut, NextTargetOut, WarmPathOut
from api.routers.analyses import router as analyses_router
from graphcrm.analysis import coverage
from graphcrm.analysis.gaps import GapCode
from graphcrm.graph import build_account_graph
from tests.api.conftest import ApiEnv
from tests.sample import small_account


def acme_coverage() -> dict[str, Any]:
    return coverage(build_account_graph(small_account("acme"), "acme")).to_dict()


def test_each_analysis_is_checked_against_its_routes_response_model() -> None:
    routes = {
        r.path.rsplit("/", 1)[-1]: r.response_model
        for r in analyses_router.routes
        if isinstance(r, APIRoute)
    }
    assert set(ANALYSES) | {"what-if"} == set(RESPONSES)
    assert {name: routes[name] for name in RESPONSES} == RESPONSES


def test_the_check_holds_only_the_coded_fields() -> None:
    check = code_check(CoverageOut)
    assert check is not None
    schema = check.json_schema()
    assert set(schema["properties"]) == {"weighting", "gaps"}
    assert set(schema["$defs"]["GapOutCodes"]["properties"]) == {"code"}
    assert schema["$defs"]["GapCode"]["enum"] == [c.value for c in GapCode]
    assert code_check(list[WarmPathOut]) is None  # no code list in a path


def test_a_real_result_passes_and_a_gap_code_outside_the_enum_is_named() -> None:
    result = acme_coverage()
    codes = [g["code"] for g in result["gaps"]]
    assert len(codes) >= 2 and set(codes) <= set(GapCode)
    check = code_check(CoverageOut)
    check_codes("coverage", check, result)
    wrong = copy.deepcopy(result)
    wrong["gaps"][1]["code"] = "no_champion"
    with pytest.raises(CodeNotInSchema, match=r"'no_champion' at gaps\.1\.code"):
        check_codes("coverage", check, wrong)


def test_literal_codes_keep_their_none() -> None:
    check = code_check(list[NextTargetOut])
    owner = {"staff_id": None, "name": None, "source": None}
    target = {"parts": {"target_source": "plan"}, "owner": owner}
    check_codes("next-targets", check, [target])
    with pytest.raises(CodeNotInSchema, match=r"'boss' at 0\.owner\.source"):
        check_codes("next-targets", check, [{**target, "owner": {**owner, "source": "boss"}}])


def test_a_gap_code_outside_the_enum_fails_the_fill_and_nothing_is_cached(
    env: ApiEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = ANALYSES["coverage"]

    def with_unlisted_code(*args: Any, **kw: Any) -> Any:
        result = real(*args, **kw)
        result["gaps"][0]["code"] = "no_champion"
        return result

    monkeypatch.setitem(ANALYSES, "coverage", with_unlisted_code)
    with pytest.raises(CodeNotInSchema, match="the coverage analysis answered 'no_champion'"):
        env.get("a", "/accounts/acme/coverage")
    assert len(env.services.cache) == 0
    monkeypatch.setitem(ANALYSES, "coverage", real)
    answer = env.get("a", "/accounts/acme/coverage")
    assert answer.status_code == 200 and answer.headers["x-cache"] == "miss"
    assert {g["code"] for g in answer.json()["gaps"]} <= set(GapCode)
    assert len(env.services.cache) == 1
