"""OpenAPI helpers: a success example plus the problem responses a route can give."""

from __future__ import annotations

from typing import Any

from api.problems import problem_responses
from api.schemas import EXAMPLES

__all__ = [
    "AS_OF_RULE",
    "READ_ERRORS",
    "WRITE_ERRORS",
    "add_path_examples",
    "complete_statuses",
    "example_page",
    "responses",
]

READ_ERRORS = (401, 404, 422, 503)
WRITE_ERRORS = (400, 401, 403, 404, 409, 422, 503)


def responses(
    example: Any = None,
    *,
    status: int = 200,
    errors: tuple[int, ...] = READ_ERRORS,
    description: str | None = None,
    media_type: str = "application/json",
) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route: its success example and its error statuses."""
    out = problem_responses(*errors)
    ok: dict[str, Any] = {}
    if example is not None:
        ok["content"] = {media_type: {"example": example}}
    if description:
        ok["description"] = description
    if ok:
        out[status] = ok
    return out


def example_page(table: str, **override: Any) -> dict[str, Any]:
    """A one-item page of the example record of ``table``."""
    return {
        "items": [{**EXAMPLES[table], **override}],
        "total": 1,
        "limit": 100,
        "offset": 0,
        "next_offset": None,
    }


def example(table: str, **override: Any) -> dict[str, Any]:
    return {**EXAMPLES[table], **override}


# Rules of the service that a JSON Schema cannot state (a date against today,
# two fields against each other, what is stored already), listed on the
# operation's 422 response under x-refused-when: the problem `code` the refusal
# answers with, its `field` (when the rule names one), words every error message
# of it holds (`says`), and the rule in words.
AS_OF_RULE = {
    "code": "as_of_in_future",
    "field": "as_of",
    "rule": "as_of after today (the server's date) is refused: history is known up to today",
}
_UNKNOWN_REFERENCE = {
    "code": "validation_failed",
    "says": "unknown",
    "rule": "a reference to a record that does not exist (an account, person, staff member, "
    "opportunity or competitor) is refused, every such field listed in `errors`; a record "
    "of another team's account reads as one that does not exist",
}
# A taken id is no 422: it answers 409 "<noun> id '<id>' is taken; choose another id",
# whoever holds it (graphcrm.access.team), which every write lists.
_LEVEL_FROM_ASSESSMENT = {
    "code": "invalid_request",
    "field": "level",
    "says": "contradicts the six-dimension assessment",
    "rule": "with all six dimensions given, the level must be the one they give (the floor "
    "of their mean, then the caps); a stated level that differs is refused, naming both",
}
_NO_SELF_TIE = {
    "code": "invalid_request",
    "field": None,
    "says": "themselves",
    "rule": "a tie from a person to themselves is refused",
}
_DUE_BEFORE_START = {
    "code": "validation_failed",
    "says": "before the plan's start_date",
    "rule": "an action due before its plan's start_date is refused",
}
_INTERACTION_IN_FUTURE = {
    "code": "invalid_request",
    "field": "date",
    "says": "is in the future",
    "rule": "an interaction dated after today (the server's date) is refused: log what has "
    "happened",
}
_TARGET_BEFORE_START = {
    "code": "invalid_request",
    "says": "is before the plan's start_date",
    "rule": "a plan whose target_date is before its start_date (default today) is refused",
}
_START_AFTER_DUE = {
    "code": "validation_failed",
    "field": "start_date",
    "says": "is after the due date",
    "rule": "a plan's start_date after the due date of one of its actions is refused",
}
_OWN_PARENT = {
    "code": "invalid_request",
    "says": "cannot be its own parent",
    "rule": "an account whose parent_id is its own id is refused (a group has no cycles)",
}
_RULES: dict[tuple[str, str], list[dict[str, Any]]] = {
    ("post", "/accounts"): [_OWN_PARENT],
    ("put", "/accounts/{account_id}"): [_OWN_PARENT],
    ("post", "/accounts/{account_id}/plans/from-next-targets"): [
        {
            "code": "invalid_request",
            "field": "target_date",
            "rule": "a target_date before the start (today) is refused",
        }
    ],
    ("post", "/accounts/{account_id}/what-if"): [
        {
            "code": "validation_failed",
            "says": "no person",
            "rule": "a change that names a person not in the account is refused",
        },
        {
            "code": "validation_failed",
            "says": "no staff member",
            "rule": "a change that names an unknown staff member is refused",
        },
        {
            "code": "validation_failed",
            "says": "no competitor",
            "rule": "a change toward an unknown competitor is refused",
        },
    ],
    ("get", "/accounts/{account_id}/review"): [
        {
            "code": "invalid_period",
            "field": "from",
            "rule": "a period whose from is after its to is refused",
        },
        {
            "code": "date_in_future",
            "says": "is in the future",
            "rule": "a from or to after today (the server's date) is refused: history is "
            "known up to today",
        },
    ],
    ("post", "/accounts/{account_id}/attitudes"): [_LEVEL_FROM_ASSESSMENT],
    ("put", "/accounts/{account_id}/attitudes/{person_id}/{toward}/{dated}"): [
        _LEVEL_FROM_ASSESSMENT
    ],
    ("delete", "/admin/people/{account_id}/{person_id}"): [
        {
            "code": "confirmation_mismatch",
            "field": "confirm",
            "rule": "confirm must repeat the person's id (the path's person_id); otherwise "
            "nothing is erased",
        }
    ],
    ("put", "/accounts/{account_id}/plans/{person_id}"): [_TARGET_BEFORE_START, _START_AFTER_DUE],
    ("post", "/accounts/{account_id}/plans"): [_TARGET_BEFORE_START],
    ("post", "/accounts/{account_id}/actions"): [_DUE_BEFORE_START],
    ("post", "/accounts/{account_id}/interactions"): [_INTERACTION_IN_FUTURE],
    ("put", "/accounts/{account_id}/interactions/{interaction_id}"): [_INTERACTION_IN_FUTURE],
    ("put", "/accounts/{account_id}/actions/{action_id}"): [_DUE_BEFORE_START],
    ("post", "/imports"): [
        {
            "code": "validation_failed",
            "field": None,
            "says": "unsupported kind of file",
            "rule": "the file's name must end in .zip, .xlsx, .json or .csv (one table)",
        }
    ],
    ("put", "/settings"): [
        {
            "code": "validation_failed",
            "says": ": ",
            "rule": "a key that is not a method setting, or a value out of its range (negative "
            "or all-zero weights, a half-life of 0, tier shares not summing to 1, ...), is "
            "refused, each error naming its key (`role_weights.approver: ...`); nothing is "
            "written (graphcrm.method.settings)",
        }
    ],
    ("post", "/accounts/{account_id}/ties"): [_NO_SELF_TIE],
    ("put", "/accounts/{account_id}/ties/{tie_type}/{source_id}/{target_id}"): [_NO_SELF_TIE],
    ("post", "/accounts/{account_id}/imports/calendar"): [
        {
            "code": "validation_failed",
            "says": "not a calendar",
            "rule": "a file that is not an RFC 5545 calendar (one VCALENDAR) is refused",
        },
        {
            "code": "validation_failed",
            "says": "not a date or time",
            "rule": "an event whose DTSTART or DTEND is not a date or time is refused, the "
            "event's number in the file as the row and the property as the field",
        },
    ],
}
_BODY_METHODS = ("post", "put", "patch")


def complete_statuses(schema: dict[str, Any]) -> None:
    """Add to every operation the error statuses the service answers whatever the route.

    A route declares the statuses of its own rules (403, 409, ...); these come from
    the layers every request goes through: a key is checked (401) and the store may
    be down (503) on every route but health; any parameter or body is validated
    (422); a path names records that may not exist (404); a JSON body may be
    malformed (400); and a POST, PUT or PATCH body has a size limit (413). Rules
    no schema can state are added to the 422 (``x-refused-when``).
    """
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            params = operation.get("parameters", [])
            body = operation.get("requestBody", {}).get("content", {})
            needed = set()
            if operation.get("security"):
                needed |= {401, 503}
            if params or body:
                needed.add(422)
            if any(p["in"] == "path" for p in params):
                needed.add(404)
            if "application/json" in body:
                needed.add(400)
            if method in _BODY_METHODS:
                needed.add(413)
            answers = operation.setdefault("responses", {})
            for status, entry in problem_responses(*needed).items():
                answers.setdefault(str(status), entry)
            for rule in _rules(path, method, params, body, schema):
                refused = answers["422"].setdefault("x-refused-when", [])
                if rule not in refused:
                    refused.append(rule)


def _rules(
    path: str,
    method: str,
    params: list[dict[str, Any]],
    body: dict[str, Any],
    schema: dict[str, Any],
) -> list[dict[str, Any]]:
    rules = []
    if any(p["name"] == "as_of" for p in params):
        rules.append(AS_OF_RULE)
    fields = _body_properties(body, schema)
    references = any(name.endswith("_id") or name == "toward" for name in fields)
    if references or (method in ("post", "put", "patch") and "/{account_id}/" in path and body):
        rules.append(_UNKNOWN_REFERENCE)
    # A PATCH is validated as the PUT it amounts to: the PUT's rules hold for it.
    like = "put" if method == "patch" else method
    for (where_method, suffix), more in _RULES.items():
        if like == where_method and path.endswith(suffix):
            rules += more
    return rules


def _body_properties(body: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    ref = body.get("application/json", {}).get("schema", {}).get("$ref", "")
    name = ref.rsplit("/", 1)[-1]
    component = schema.get("components", {}).get("schemas", {}).get(name, {})
    return component.get("properties", {})  # type: ignore[no-any-return]


# Path parameters by name, the records of the example account (api.schemas.EXAMPLES):
# each operation's example then names a record that exists, and a tie's two ends differ.
_PATH_EXAMPLES = {
    "account_id": EXAMPLES["accounts"]["id"],
    "tie_type": EXAMPLES["ties"]["type"],
    "source_id": EXAMPLES["ties"]["source_id"],
    "target_id": EXAMPLES["ties"]["target_id"],
    "dated": EXAMPLES["attitudes"]["as_of"],
    "toward": EXAMPLES["attitudes"]["toward"],
    "role": EXAMPLES["decision_roles"]["role"],
    "action_id": EXAMPLES["actions"]["id"],
    "key_id": "3f9a1c2e",
}
# Required query parameters: the paths example is the warm paths to Wang, the CEO; the
# search example finds Chen.
_QUERY_EXAMPLES = {"target": "p-wang", "q": "Chen"}


def add_path_examples(schema: dict[str, Any]) -> None:
    """Give every path parameter, and a required query parameter that has none, the
    example records' value (``_PATH_EXAMPLES``, ``_QUERY_EXAMPLES``)."""
    for operations in schema["paths"].values():
        for operation in operations.values():
            for param in operation.get("parameters", []):
                if param["in"] == "path":
                    value = _PATH_EXAMPLES.get(param["name"])
                elif param["in"] == "query" and param.get("required"):
                    value = _QUERY_EXAMPLES.get(param["name"])
                else:
                    value = None
                if value is None:
                    continue
                param["example"] = value
                if "examples" in param["schema"]:
                    param["schema"]["examples"] = [value]
