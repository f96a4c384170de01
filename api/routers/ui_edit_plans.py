"""The pages' forms for coverage (our staff and their contacts) and for plans and actions
(issue 11 item 1), each through the team store's typed tables as the REST API's
CRUD routes write them; see api.ui_forms.submit for the order of checks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from pydantic import ValidationError

from api.ui_form_routes import FormRoute, Key, Page, RefusedPage, Values, add_form_routes
from api.ui_forms import Refused, if_match, record_fields
from api.ui_history import histories, shown
from api.ui_shell import UiRoute, ui_nav
from graphcrm.access import TeamStore
from graphcrm.access.guarded_writes import create_expected_absent
from graphcrm.model import Action, Contact, DecisionRoleAssignment, Plan, Record, Staff
from viz import Nav
from viz.edit_forms import coverage_form, form_page, plan_forms, roles_form
from viz.form_labels import ft
from viz.labels import Lang

__all__ = ["coverage_of", "plans_of", "roles_of", "router", "versioned"]

# Included by api.routers.ui under its /ui prefix.
router = APIRouter(include_in_schema=False, route_class=UiRoute)


def _people(team: TeamStore, account_id: str) -> list[tuple[str, str]]:
    return [(p.id, p.name) for p in team.people.list(account_id)]


def _staff(team: TeamStore) -> list[tuple[str, str]]:
    return [(s.id, s.name) for s in team.staff.list(None)]


def versioned(
    team: TeamStore, nav: Nav, table: str, records: Sequence[Record]
) -> list[dict[str, Any]]:
    """The records as the forms show them, each with its current ``version`` (ETag), for
    a key that writes (a change or removal from a form loaded before another write:
    412), and its ``history``: who changed it last and when, and the versions before."""
    if not nav.can_write:
        return [r.model_dump(mode="json") for r in records]
    found = histories(team, table, str(nav.account_id), [r.key for r in records])
    out = []
    for record in records:
        history = shown(found.get(record.key, []))
        out.append({**record.model_dump(mode="json"), **history, "history": history})
    return out


def coverage_of(
    team: TeamStore, nav: Nav, *, form: str = "", values: Any = None, errors: Any = None
) -> str:
    """The coverage panel of the map: our staff's contacts with their forms."""
    account_id = str(nav.account_id)
    contacts = versioned(team, nav, "contacts", team.contacts.list(account_id))
    return coverage_form(
        nav,
        _people(team, account_id),
        _staff(team),
        contacts,
        str((values or {}).get("next") or nav.href("map")),
        form=form,
        values=values,
        errors=errors,
    )


def plans_of(
    team: TeamStore,
    nav: Nav,
    *,
    form: str = "",
    values: Any = None,
    errors: Any = None,
    plan_for: str = "",
) -> str:
    """The plan and action forms of the task book; ``plan_for``: the person chosen."""
    account_id = str(nav.account_id)
    return plan_forms(
        nav,
        _people(team, account_id),
        _staff(team),
        versioned(team, nav, "plans", team.plans.list(account_id)),
        versioned(team, nav, "actions", team.actions.list(account_id)),
        str((values or {}).get("next") or nav.href("task-book")),
        today=date.today().isoformat(),
        form=form,
        plan_for=plan_for,
        values=values,
        errors=errors,
    )


def roles_of(team: TeamStore, nav: Nav, *, values: Any = None, errors: Any = None) -> str:
    """The decision-chain form of the fishbone page."""
    account_id = str(nav.account_id)
    return roles_form(
        nav,
        _people(team, account_id),
        [(o.id, o.name) for o in team.opportunities.list(account_id)],
        versioned(team, nav, "decision_roles", team.decision_roles.list(account_id)),
        str((values or {}).get("next") or nav.href("fishbone")),
        values,
        errors,
    )


def _page(form: str) -> Page:
    """The refused page of the ``form`` posts: the fishbone's decision-chain form, the
    map's coverage forms or the task book's plan forms, with the input and messages."""
    coverage = form in ("staff", "contact")

    def page(
        request: Request, team: TeamStore, account_id: str, lang: Lang, key: tuple[Any, ...]
    ) -> RefusedPage:
        def refused(values: dict[str, Any], errors: dict[str, str]) -> str:
            if form == "role":
                nav = ui_nav(request, lang, account_id, "fishbone", team)
                roles = roles_of(team, nav, values=values, errors=errors)
                return form_page(ft("decision_roles", lang), roles, nav)
            nav = ui_nav(request, lang, account_id, "map" if coverage else "task-book", team)
            build = coverage_of if coverage else plans_of
            title = ft("coverage" if coverage else "plans", lang)
            forms = build(team, nav, form=form, values=values, errors=errors)
            return form_page(title, forms, nav)

        return refused

    return page


# -- the form posts, one definition each (api.ui_form_routes) ----------------------------


def _add_staff(team: TeamStore, account_id: str, key: Key, values: Values) -> object:
    """One of our staff (shared by every team, as POST /staff makes one)."""
    fields = {"id": values.get("staff_id") or None, "name": values.get("staff_name") or None}
    try:
        staff = Staff.model_validate({k: v for k, v in fields.items() if v is not None})
    except ValueError as error:  # the form's fields are staff_id and staff_name
        raise Refused(_renamed(error)) from None
    return team.staff.create(None, staff)


def _renamed(error: ValueError) -> dict[str, str]:
    """The staff record's messages at the form's fields (staff_id, staff_name)."""
    if not isinstance(error, ValidationError):
        return {"form": str(error)}
    out: dict[str, str] = {}
    for item in error.errors():
        field = {"id": "staff_id", "name": "staff_name"}.get(str(item["loc"][0]), "form")
        out.setdefault(field, item["msg"])
    return out


def _add_contact(team: TeamStore, account_id: str, key: Key, values: Values) -> object:
    return team.contacts.create(account_id, Contact.model_validate(record_fields(values)))


def _end_contact(team: TeamStore, account_id: str, key: Key, values: Values) -> object:
    contact = Contact.model_validate(record_fields(values))
    return team.contacts.delete(
        account_id, contact.staff_id, contact.person_id, if_match=if_match(values)
    )


def _set_plan(team: TeamStore, account_id: str, key: Key, values: Values) -> object:
    """Make a person's plan, or change it (one plan per person). The form carries the
    version of each plan it was loaded with: none for this person means none was expected,
    and a plan someone made meanwhile is refused (412, shown), not overwritten."""
    plan = Plan.model_validate(record_fields(values))
    guard = if_match(values, plan.person_id)
    if guard is None:
        return create_expected_absent(team.plans, account_id, plan)
    return team.plans.replace(account_id, plan, if_match=guard)


def _add_action(team: TeamStore, account_id: str, key: Key, values: Values) -> object:
    return team.actions.create(account_id, Action.model_validate(record_fields(values)))


def _action_status(team: TeamStore, account_id: str, key: Key, values: Values) -> object:
    """Mark an action done or dropped (or open again), with its outcome."""
    action_id = str(values.get("id") or "")
    found = [a for a in team.actions.list(account_id) if a.id == action_id]
    if not found:
        raise Refused({"id": f"no action {action_id!r} in this account"})
    change = {"status": values.get("status") or "open", "outcome": values.get("outcome")}
    updated = Action.model_validate({**found[0].model_dump(), **change})
    return team.actions.replace(account_id, updated, if_match=if_match(values, action_id))


def _put_in_chain(team: TeamStore, account_id: str, key: Key, values: Values) -> object:
    """Put a person in an opportunity's decision chain, in a role."""
    role = DecisionRoleAssignment.model_validate(record_fields(values))
    return team.decision_roles.create(account_id, role)


def _take_out_of_chain(team: TeamStore, account_id: str, key: Key, values: Values) -> object:
    role = DecisionRoleAssignment.model_validate(record_fields(values))
    return team.decision_roles.delete(
        account_id, role.opportunity_id, role.person_id, role.role, if_match=if_match(values)
    )


_PERSON = ("person_id",)  # the field that must name one of the account's people

add_form_routes(
    router,
    (
        FormRoute("/staff", _add_staff, _page("staff")),
        FormRoute("/contacts", _add_contact, _page("contact"), people=_PERSON),
        FormRoute("/contacts/end", _end_contact, _page("contact"), done="removed"),
        FormRoute("/plans", _set_plan, _page("plan"), people=_PERSON),
        FormRoute("/actions", _add_action, _page("action"), people=_PERSON),
        FormRoute("/actions/status", _action_status, _page("status")),
        FormRoute("/decision-roles", _put_in_chain, _page("role"), people=_PERSON),
        FormRoute("/decision-roles/remove", _take_out_of_chain, _page("role"), done="removed"),
    ),
)
