"""Schemathesis hooks for the live fuzz run (loaded through ``SCHEMATHESIS_HOOKS``).

One check: schemathesis' own positive-data acceptance (a request the document
calls valid must not be refused), except where the refusal is a rule the
document states on the operation's 422 under ``x-refused-when`` (a rule a JSON
Schema cannot express, such as ``as_of`` after today): then the answer must be
a rule's problem ``code``, and each error in it must be one a rule explains:
the rule's ``field`` (if it names one) and what the rule ``says``. Each excused
refusal is written to the file ``GRAPHCRM_FUZZ_EXCUSED`` names, so the test can
report how many.

Keys: the run is team A's admin (``GRAPHCRM_FUZZ_KEY``), except the operations
only an operator may call (creating a team, handing an account to a team), which
are sent with an operator key of team A (``GRAPHCRM_FUZZ_OPERATOR_KEY``) so that
they reach their own logic rather than answering 403 ``operator_required`` to every
case. Both keys are set through an auth provider, so schemathesis knows the run is
authenticated (its auth checks then remove the key and expect 401).

Two hooks keep the run's own ground under it, so that every operation is tried
on the data it was seeded with rather than on a service that has locked the run
out: the run's key (``GRAPHCRM_FUZZ_KEY_ID``) is never revoked, and an account
handed to another owner is handed to the run's own team (``GRAPHCRM_FUZZ_TEAM``).
Both operations are still called, with every other value schemathesis draws.
"""

from __future__ import annotations

import json
import os
from typing import Any

import schemathesis
from schemathesis.specs.openapi.checks import positive_data_acceptance

# (method, path) of the operations that need an operator key (README "Roles and ids").
OPERATOR_ONLY = {
    ("POST", "/api/v1/admin/teams"),
    ("PUT", "/api/v1/admin/accounts/{account_id}/owner"),
}


@schemathesis.auth(refresh_interval=None, retry_on=[])  # a key per case, never refetched
class TeamAdminOrOperator:
    """Team A's admin key, or its operator key for the operator-only operations."""

    def get(self, case: Any, ctx: Any) -> str:
        operator = (case.method.upper(), case.operation.path) in OPERATOR_ONLY
        return os.environ["GRAPHCRM_FUZZ_OPERATOR_KEY" if operator else "GRAPHCRM_FUZZ_KEY"]

    def set(self, case: Any, data: str, ctx: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@schemathesis.check
def documented_refusals_only(ctx: Any, response: Any, case: Any) -> bool | None:
    try:
        return positive_data_acceptance(ctx, response, case)  # type: ignore[no-any-return]
    except AssertionError:
        rule = _documented_rule(case, response)
        if rule is None:
            raise
        _note(f"{case.operation.label} {rule['code']} {rule.get('field')} {rule.get('says')}")
        return None


@schemathesis.hook
def filter_case(context: Any, case: Any) -> bool:
    own = os.environ.get("GRAPHCRM_FUZZ_KEY_ID")
    key_id = (case.path_parameters or {}).get("key_id")
    return not (case.method.upper() == "DELETE" and own is not None and key_id == own)


@schemathesis.hook
def map_case(context: Any, case: Any) -> Any:
    team = os.environ.get("GRAPHCRM_FUZZ_TEAM")
    owner = case.operation.path.endswith("/owner") and case.method.upper() == "PUT"
    if team and owner and isinstance(case.body, dict) and isinstance(case.body.get("team"), str):
        case.body = {**case.body, "team": team}
    return case


def _documented_rule(case: Any, response: Any) -> dict[str, Any] | None:
    """The declared rule that explains this refusal, if every error in it is explained.

    A 412 is the documented answer to an If-Match naming a version that is not the
    record's current one (any value schemathesis draws is such a one)."""
    if response.status_code == 412 and "412" in case.operation.definition.raw["responses"]:
        if_match = {k.lower(): v for k, v in (case.headers or {}).items()}.get("if-match")
        return {"code": "precondition_failed", "field": "If-Match"} if if_match else None
    if response.status_code != 422:
        return None
    try:
        problem = json.loads(response.content)
    except ValueError:
        return None
    declared = case.operation.definition.raw.get("responses", {}).get("422", {})
    rules = [r for r in declared.get("x-refused-when", []) if r["code"] == problem.get("code")]
    errors = problem.get("errors") or [
        {"field": problem.get("field"), "message": problem["detail"]}
    ]
    explained = [_rule_for(rules, error) for error in errors]
    if None in explained:
        return None
    return explained[0]


def _rule_for(rules: list[dict[str, Any]], error: dict[str, Any]) -> dict[str, Any] | None:
    for rule in rules:
        if "field" in rule and rule["field"] != error.get("field"):
            continue
        if rule.get("says", "") in error.get("message", ""):
            return rule
    return None


def _note(line: str) -> None:
    path = os.environ.get("GRAPHCRM_FUZZ_EXCUSED")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(line + "\n")
