"""The pages' form posts from one definition each (issue 11 items 1-3, 5), as the typed
CRUD routes come from one definition per entity (api/crud.py).

A ``FormRoute`` says where a form posts (under ``/accounts/{account_id}``, with the
record's key in the path where it has one), which fields must name a person of the
account, what it writes (a call of the team store's typed tables, the same the REST API
makes), the page a refusal shows and the confirmation a success redirects with.
``add_form_routes`` makes one POST route per definition; every one is handled by
``api.ui_forms.submit`` (read-only 403, form token, 422 with the input kept, 412 for a
stale version, 303 back). The routes sit under the account, so an account of another
team answers 404 exactly as a missing one.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from api.audit import PERSONAL_DATA
from api.ui_auth import UiAccountDep, UiTeamDep
from api.ui_forms import Refused, submit, unknown_person
from api.ui_shell import ui_nav
from graphcrm.access import TeamStore
from viz.labels import Lang

__all__ = ["FormRoute", "Key", "Page", "RefusedPage", "Values", "add_form_routes", "known_people"]

LangQuery = Annotated[str, Query(max_length=5)]

#: A post's record key (its path parameters, in order) and the form's fields as sent.
Key = tuple[Any, ...]
Values = dict[str, Any]
#: The page a refused post shows: the form again with the user's input and the messages.
RefusedPage = Callable[[dict[str, Any], dict[str, str]], str]
#: ``write(team, account_id, key, values)``: the core call a post makes (its key: the path's).
Write = Callable[[TeamStore, str, Key, Values], object]
#: ``page(request, team, account_id, lang, key)``: the refused page of one post.
Page = Callable[[Request, TeamStore, str, Lang, Key], RefusedPage]


@dataclass(frozen=True)
class FormRoute:
    """One form post: ``path`` under the account, ``key`` its path parameters (name and
    annotation, in the key's order), ``people`` the fields that must name one of the
    account's people (checked before the write), ``write``, the refused ``page`` and the
    confirmation ``done`` (``saved`` or ``removed``)."""

    path: str
    write: Write
    page: Page
    key: tuple[tuple[str, Any], ...] = ()
    people: tuple[str, ...] = ()
    done: str = "saved"


def known_people(team: TeamStore, account_id: str, values: Mapping[str, Any], *fields: str) -> None:
    """Refused, at each field, for a person who is not one of this account's."""
    people = {p.id for p in team.people.list(account_id)}
    missing = [f for f in fields if values.get(f) and values[f] not in people]
    if missing:
        refusals = [unknown_person(f, values[f]) for f in missing]
        errors = {f: m for r in refusals for f, m in r.errors.items()}
        raise Refused(errors, {f: k for r in refusals for f, k in r.kinds.items()})


def add_form_routes(router: APIRouter, routes: tuple[FormRoute, ...]) -> None:
    """One POST route per definition, at ``/accounts/{account_id}<path>``."""
    for route in routes:
        _add(router, route)


def _add(router: APIRouter, route: FormRoute) -> None:
    async def endpoint(**given: Any) -> Response:
        request: Request = given["request"]
        team: TeamStore = given["team"]
        account_id: str = given["account_id"]
        key = tuple(given[name] for name, _ in route.key)
        nav = ui_nav(request, given["lang"], None, None)

        def write(values: dict[str, Any]) -> object:
            known_people(team, account_id, values, *route.people)
            return route.write(team, account_id, key, values)

        page = route.page(request, team, account_id, nav.lang, key)
        return await submit(
            request, team, write, page, lang=nav.lang, base=nav.base, done=route.done
        )

    params = [
        _param("request", Request),
        _param("team", UiTeamDep),
        _param("account_id", UiAccountDep),
        *(_param(name, annotation) for name, annotation in route.key),
        _param("lang", LangQuery, "en"),
    ]
    # FastAPI reads the parameters from the signature, as for the CRUD routes (api/crud.py).
    vars(endpoint)["__signature__"] = inspect.Signature(params, return_annotation=Response)
    router.add_api_route(
        f"/accounts/{{account_id}}{route.path}",
        endpoint,
        methods=["POST"],
        name="form" + route.path.replace("/", "_").replace("{", "").replace("}", ""),
        openapi_extra=PERSONAL_DATA,
    )


def _param(name: str, annotation: Any, default: Any = inspect.Parameter.empty) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default
    )
