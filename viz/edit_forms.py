"""The editing forms of the pages (issue 11 item 1; DESIGN.md, "Editing where you read").

Each form is a template fragment under viz/templates/forms/, shown on the page
where its records are shown (people on the dashboard, ties and attitudes on
the map) and, after a refused post, alone on a page with the user's input and
each message at its field. ``values`` are the form's fields as text (what the
user typed), ``errors`` a message per field (``"form"`` for the form as a
whole, such as an expired form token). Nothing here reads a store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graphcrm.analysis.levels import DIMENSIONS
from graphcrm.model import DecisionRole, Layer, TieType
from viz.form_labels import ft
from viz.labels import Lang, layer_label, role_label, tie_label
from viz.page import Nav, page
from viz.templating import Markup, render

__all__ = [
    "FORM_CSS",
    "attitude_form",
    "attitudes_list",
    "coverage_form",
    "form_page",
    "map_attitudes",
    "map_editing",
    "people_panel",
    "person_form",
    "plan_forms",
    "roles_form",
    "tie_form",
    "ties_list",
    "what_if_panel",
    "what_if_refused",
]

Values = Mapping[str, Any]
Errors = Mapping[str, str]


_CSS = """
.editor { margin-top: 14px; }
.editor form { display:flex; flex-wrap:wrap; gap:8px 14px; align-items:flex-end; }
.field { display:flex; flex-direction:column; gap:2px; font-size:13px; }
.field input, .field select, .field textarea { font: inherit; padding:4px 6px;
  border:1px solid #9ca3af; border-radius:4px; min-width: 9em; }
.field input[aria-invalid=true], .field select[aria-invalid=true] { border-color:#b91c1c; }
.field-error, .form-error { color:#b91c1c; font-size:12px; }
.roles { border:1px solid var(--line); border-radius:4px; padding:4px 8px; }
.roles label { margin-right:8px; white-space:nowrap; }
.editor fieldset.assessment { flex-basis:100%; display:flex; flex-wrap:wrap; gap:6px 12px;
  align-items:flex-end; }
.whatif-tools { display:flex; flex-wrap:wrap; gap:8px 14px; align-items:flex-end; }
.whatif-result ul { margin:4px 0; padding-left:18px; }
.editor fieldset.assessment .implied { margin:0 0 4px; font-weight:600; }
button.danger { border-color:#b91c1c; color:#b91c1c; }
*:focus-visible { outline: 2px solid #2f6db5; outline-offset: 1px; }
"""

#: The styles the forms need, for a page that shows one.
FORM_CSS = _CSS


def _options(lang: Lang) -> dict[str, list[tuple[str, str]]]:
    return {
        "layers": [(m.value, layer_label(m.value, lang)) for m in Layer],
        "roles": [(m.value, role_label(m.value, lang)) for m in DecisionRole],
        "tie_types": [(m.value, tie_label(m.value, lang)) for m in TieType],
        "levels": [(str(n), f"{n}") for n in range(-1, 4)],
    }


def _render(name: str, nav: Nav, **context: Any) -> str:
    return render(f"forms/{name}.html", nav=nav, lang=nav.lang, **_options(nav.lang), **context)


def person_form(
    nav: Nav,
    values: Values,
    errors: Errors,
    *,
    person_id: str | None = None,
    next_path: str = "",
    history: Mapping[str, Any] | None = None,
) -> str:
    """Add a person (``person_id`` None) or edit one (and remove it); ``history``: who
    changed them and when (api.ui_history.shown)."""
    return _render(
        "person",
        nav,
        values=values,
        errors=errors,
        person_id=person_id,
        next_path=next_path,
        history=history,
    )


def people_panel(people: Sequence[Mapping[str, Any]], nav: Nav) -> str:
    """Every person of the account with an edit link, and the add form (if the key writes)."""
    add = person_form(nav, {}, {}, next_path=nav.href()) if nav.can_write else ""
    return _render("people", nav, people=people, add=Markup(add))


def tie_form(
    nav: Nav, people: Sequence[tuple[str, str]], values: Values, errors: Errors, next_path: str
) -> str:
    """Draw a tie: two people (picked on the map or here), a type and a strength."""
    return _render("tie", nav, people=people, values=values, errors=errors, next_path=next_path)


def ties_list(
    nav: Nav, ties: Sequence[Mapping[str, Any]], names: Mapping[str, str], next_path: str
) -> str:
    """The account's ties, each with a remove button (if the key writes)."""
    return _render("ties", nav, ties=ties, names=names, next_path=next_path)


def attitude_form(
    nav: Nav,
    people: Sequence[tuple[str, str]],
    competitors: Sequence[tuple[str, str]],
    values: Values,
    errors: Errors,
    next_path: str,
    implied: Mapping[str, Any] | None = None,
    editing: str | None = None,
    box_id: str = "attitude-form",
) -> str:
    """Record an attitude; ``implied``: the level the assessment implies (if all six given);
    ``editing``: the path of the reading it corrects (``attitudes/<person>/<toward>/<date>``);
    ``box_id``: the form's box (the map's side panel has its own)."""
    return _render(
        "attitude",
        nav,
        box_id=box_id,
        editing=editing,
        people=people,
        competitors=competitors,
        values=values,
        errors=errors,
        next_path=next_path,
        dimensions=DIMENSIONS,
        implied=implied,
    )


def attitudes_list(
    nav: Nav,
    attitudes: Sequence[Mapping[str, Any]],
    competitors: Sequence[tuple[str, str]],
    next_path: str,
    *,
    edit_back: bool = False,
) -> str:
    """A person's attitude readings, each with its edit link and remove button (with its
    version) for a key that writes; ``edit_back``: the edit page returns to ``next_path``."""
    return _render(
        "attitudes",
        nav,
        edit_back=edit_back,
        attitudes=attitudes,
        names=dict(competitors),
        dimensions=DIMENSIONS,
        next_path=next_path,
    )


def map_attitudes(
    nav: Nav,
    person: tuple[str, str],
    readings: Sequence[Mapping[str, Any]],
    competitors: Sequence[tuple[str, str]],
) -> str:
    """The map's side panel for ``person`` (id, name): their readings with the card's edit
    and remove controls, and the form recording a new one (if the key writes); every post
    returns to the map focused on them."""
    back = nav.href("map", focus=person[0])
    listed = attitudes_list(nav, readings, competitors, back, edit_back=True)
    record = ""
    if nav.can_write:
        values = {"person_id": person[0]}
        record = attitude_form(
            nav, [person], competitors, values, {}, back, box_id="side-attitude-form"
        )
    return _render(
        "map_attitudes",
        nav,
        person_id=person[0],
        readings=Markup(listed),  # rendered from forms/attitudes.html
        record=Markup(record),  # rendered from forms/attitude.html
    )


def map_editing(
    nav: Nav,
    people: Sequence[tuple[str, str]],
    ties: Sequence[Mapping[str, Any]],
    competitors: Sequence[tuple[str, str]],
) -> str:
    """What the map shows under it: the tie picker and the attitude form (if the key
    writes), and the ties with their remove buttons."""
    here = nav.href("map")
    names = dict(people)
    ties = [{**tie, "type_label": tie_label(str(tie["type"]), nav.lang)} for tie in ties]
    forms = ""
    if nav.can_write:
        forms = tie_form(nav, people, {}, {}, here) + attitude_form(
            nav, people, competitors, {}, {}, here
        )
    return forms + ties_list(nav, ties, names, here)


def coverage_form(
    nav: Nav,
    people: Sequence[tuple[str, str]],
    staff: Sequence[tuple[str, str]],
    contacts: Sequence[Mapping[str, Any]],
    next_path: str,
    *,
    form: str = "",
    values: Values | None = None,
    errors: Errors | None = None,
) -> str:
    """Our staff's contacts with the account's people: add a staff member, add or end a
    contact (``form``: which of the forms ``values`` and ``errors`` belong to)."""
    names = dict(people) | dict(staff)
    return _render(
        "coverage",
        nav,
        people=people,
        staff=staff,
        contacts=contacts,
        names=names,
        next_path=next_path,
        form=form,
        values=values or {},
        errors=errors or {},
    )


def plan_forms(
    nav: Nav,
    people: Sequence[tuple[str, str]],
    staff: Sequence[tuple[str, str]],
    plans: Sequence[Mapping[str, Any]],
    actions: Sequence[Mapping[str, Any]],
    next_path: str,
    *,
    today: str,
    form: str = "",
    values: Values | None = None,
    errors: Errors | None = None,
    plan_for: str = "",
) -> str:
    """Set a plan (target level and date, owner, needs, pain points), add an action to a
    plan, mark an action done or dropped with its outcome; ``plan_for``: the person the
    plan form opens with (the dashboard's "plan one"), if they are one of ``people``."""
    names = dict(people)
    planned = [(p["person_id"], names.get(p["person_id"], p["person_id"])) for p in plans]
    open_actions = [
        (a["id"], f"{names.get(a['person_id'], a['person_id'])}: {a['description']}")
        for a in actions
        if a.get("status", "open") == "open"
    ]
    statuses = [(s, ft(s, nav.lang)) for s in ("done", "dropped", "open")]
    opened = {a_id for a_id, _ in open_actions}
    # Each record's version as ``version.<id>`` (the forms pick their record from a list).
    plan_versions = {p["person_id"]: p["version"] for p in plans if p.get("version")}
    # Who changed each plan and open action last, and when.
    labels = dict(open_actions)
    histories = [
        (f"{ft('plan_of', nav.lang)} {names.get(p['person_id'], p['person_id'])}", p["history"])
        for p in plans
        if p.get("history")
    ] + [(labels[a["id"]], a["history"]) for a in actions if a["id"] in labels and a.get("history")]
    action_versions = {
        a["id"]: a["version"] for a in actions if a["id"] in opened and a.get("version")
    }
    return _render(
        "plans",
        nav,
        people=people,
        staff=staff,
        planned=planned,
        open_actions=open_actions,
        statuses=statuses,
        plan_versions=plan_versions,
        histories=histories,
        action_versions=action_versions,
        next_path=next_path,
        today=today,
        plan_for=plan_for if plan_for in names else "",
        form=form,
        values=values or {},
        errors=errors or {},
    )


def roles_form(
    nav: Nav,
    people: Sequence[tuple[str, str]],
    opportunities: Sequence[tuple[str, str]],
    assignments: Sequence[Mapping[str, Any]],
    next_path: str,
    values: Values | None = None,
    errors: Errors | None = None,
) -> str:
    """Put a person in or out of an opportunity's decision chain, in a role."""
    options = _options(nav.lang)
    return _render(
        "roles",
        nav,
        people=people,
        opportunities=opportunities,
        assignments=assignments,
        names=dict(people) | dict(opportunities),
        role_names=dict(options["roles"]),
        next_path=next_path,
        values=values or {},
        errors=errors or {},
    )


def what_if_panel(
    nav: Nav, people: Sequence[tuple[str, str]], staff: Sequence[tuple[str, str]]
) -> str:
    """The map's what-if: try levels and contacts (page-edit.js asks the service), then
    save them (if the key writes)."""
    return _render("what_if", nav, people=people, staff=staff)


def what_if_refused(nav: Nav, message: str) -> str:
    """The what-if's refused save: a link back to the map and the message."""
    return render("forms/what_if_refused.html", nav=nav, message=message)


def form_page(title: str, form: str, nav: Nav, *, scripts: tuple[str, ...] = ()) -> str:
    """One form alone on a page (an edit, or a refused post shown again)."""
    body = render("forms/alone.html", title=title, form=Markup(form), nav=nav, lang=nav.lang)
    return page(title, body, nav, css=_CSS, scripts=scripts)


def words(lang: Lang) -> dict[str, str]:
    """The form words the page scripts use."""
    return {k: ft(k, lang) for k in ("implied_level", "tie_from", "tie_to")}
