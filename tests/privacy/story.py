"""A person with every kind of record about them, and history, in team A's account.

``PID`` is a new person of ``acme`` (tests.api.conftest's team A): versions on three
dates, ties at both ends, a contact that ends, two attitudes with assessments, a
decision role, a plan and two actions (one changed), an email in their notes and as
their address, and two interactions (one with them alone, one with the CEO too).
The app also serves team B's ``globex``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from api import create_app
from graphcrm.model import (
    Action,
    Attitude,
    Contact,
    Dataset,
    DecisionRoleAssignment,
    Interaction,
    Person,
    Plan,
    RoleSlot,
    Tie,
)
from graphcrm.stores import GraphStore
from tests.api.conftest import (
    ApiEnv,
    TestClient,
    make_keys,
    make_settings,
    team_a_data,
    team_b_data,
)

PID = "p-chenzhiyuan"
NAME = "Chen Zhiyuan 陈志远"
EMAIL = "chen.zhiyuan@jiangnan-mobile.example"
# Everything that identifies the person: none of it may be left after the erasure.
TRACES = ("Chen Zhiyuan", "陈志远", EMAIL, "chenzhiyuan")
JAN, FEB, MAR = date(2026, 1, 10), date(2026, 2, 10), date(2026, 3, 10)
DATES = (JAN, FEB, MAR)


def _person(**change: Any) -> Person:
    fields = {
        "id": PID,
        "account_id": "acme",
        "name": NAME,
        "title": "CIO",
        "department": "IT",
        "layer": "decision",
        "roles": "evaluator",
        "notes": f"email {EMAIL}; plays go on Sundays",
        "email": EMAIL,
    }
    return Person(**{**fields, **change})


def _dims(level: int) -> dict[str, int]:
    return dict.fromkeys(Attitude.dimension_fields, level)


def write_story(env: ApiEnv) -> None:
    """Team A's account and the person's three dated writes; team B's account."""
    team = env.team("a")
    team.write(team_a_data(), on=JAN)
    team.write(
        Dataset(
            people=[_person()],
            ties=[
                Tie(type="reports_to", source_id=PID, target_id="ceo"),
                Tie(type="knows", source_id="cfo", target_id=PID, strength=0.5),
                Tie(type="influences", source_id=PID, target_id="eng1", strength=0.7),
            ],
            contacts=[Contact(staff_id="s-ar", person_id=PID, strength=0.6)],
            attitudes=[Attitude(person_id=PID, level=1, as_of=JAN, **_dims(1))],
            decision_roles=[
                DecisionRoleAssignment(opportunity_id="acme-cloud", person_id=PID, role="evaluator")
            ],
            # A role slot they fill (issue 15): it names them, so it goes with them too.
            role_slots=[
                RoleSlot(
                    id="slot-czy",
                    opportunity_id="acme-cloud",
                    role="influencer",
                    department="IT",
                    person_id=PID,
                )
            ],
            plans=[
                Plan(
                    person_id=PID,
                    target_level=3,
                    owner_staff_id="s-ar",
                    needs="a quiet rollout",
                    pain_points="Chen Zhiyuan's budget freeze",
                )
            ],
            actions=[
                Action(id="a-czy-1", person_id=PID, description="Lunch with Chen Zhiyuan"),
                Action(id="a-czy-2", person_id=PID, description="Send 陈志远 the case study"),
            ],
            # One interaction with the person alone (it goes with them), one with the CEO
            # too (it stays, without them).
            interactions=[
                Interaction(
                    id="i-czy-alone",
                    date=JAN,
                    type="dinner",
                    staff_ids="s-ar",
                    person_ids=PID,
                    note="Dinner with 陈志远",
                ),
                Interaction(
                    id="i-czy-group",
                    date=JAN,
                    type="meeting",
                    staff_ids="s-ar",
                    person_ids=f"{PID};ceo",
                    note="Steering meeting",
                ),
            ],
        ),
        on=JAN,
    )
    team.write(
        Dataset(
            people=[_person(title="CIO and CDO")],
            attitudes=[
                Attitude(
                    person_id=PID, level=2, as_of=FEB, note="warmer after the visit", **_dims(2)
                )
            ],
            actions=[
                Action(
                    id="a-czy-1",
                    person_id=PID,
                    description="Lunch with Chen Zhiyuan",
                    status="done",
                    outcome="陈志远 agreed to a pilot",
                )
            ],
        ),
        on=FEB,
    )
    env.services.store.delete("contacts", ("s-ar", PID), on=MAR)
    env.team("b").write(team_b_data())


def story_env(store: GraphStore, tmp_path: Path) -> Iterator[ApiEnv]:
    """The app on ``store`` (its access database beside the SQLite file), with the story."""
    settings = make_settings(tmp_path)
    keys = make_keys(settings.access_db)
    with TestClient(create_app(settings, store=store)) as client:
        env = ApiEnv(client, client.app, settings, keys)  # type: ignore[arg-type]
        keys["b_admin"] = env.services.access.create_key("team-b", "boss", admin=True).key
        write_story(env)
        yield env


def names_person(value: Any) -> bool:
    """Whether a decoded JSON value holds anything of the person, at any depth."""
    if isinstance(value, dict):
        return any(names_person(v) for v in value.values())
    if isinstance(value, list):
        return any(names_person(v) for v in value)
    return isinstance(value, str) and (value == PID or any(t in value for t in TRACES))
