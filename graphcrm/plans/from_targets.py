"""Plans made from the next-targets analysis in one step ("plan these three").

Steps 3 and 4 of managing key relationships (选目标与负责人, 制定行动计划): take
the top ``count`` of :func:`graphcrm.analysis.targets.next_targets` among the
key people who have no plan yet (a person already planned is being worked on;
their plan is changed by hand, not replaced), and write for each:

- a plan: the target's target level, starting ``start``, due ``target_date``
  (default ``start`` + ``horizon_days``, the plan horizon: one quarter), owned by ``owner``
  when given, else by the analysis's suggested owner (the staff member who
  holds the best warm path);
- a first action, due ``first_action_days`` after the start (14; never after
  the target date), owned by the plan's owner: over the best warm path, ask
  the first relay to introduce us (or, with a direct contact, meet the
  person); with no warm path, make a first contact. The action's text is in the
  account's language (:mod:`graphcrm.plans.language`: recorded, else from its data).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import networkx as nx

from graphcrm.analysis.targets import NextTarget
from graphcrm.model import Action, Language, Plan
from graphcrm.plans.language import account_language
from graphcrm.plans.period import PLAN_HORIZON_DAYS

__all__ = ["PlanDraft", "plans_from_targets"]


@dataclass(frozen=True)
class PlanDraft:
    """The plans and first actions to write, the targets passed over (already planned), and
    the names of the people and owners planned (by id, to show them)."""

    plans: list[Plan] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    already_planned: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)


def plans_from_targets(
    graph: nx.MultiDiGraph,
    targets: Sequence[NextTarget],
    *,
    count: int,
    start: date,
    owner: str | None = None,
    target_date: date | None = None,
    horizon_days: int = PLAN_HORIZON_DAYS,
    first_action_days: int = 14,
) -> PlanDraft:
    """Draft plans for the ``count`` best targets without a plan (see the module docstring).

    Raises ValueError if ``count`` is below 1 or ``target_date`` is before
    ``start``. Whether ``owner`` exists is checked when the draft is written
    (the store refuses an unknown staff member).

    Examples
    --------
    >>> import networkx as nx
    >>> from graphcrm.analysis.targets import next_targets
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("s", kind="staff", name="Sam")
    >>> g.add_node("a", kind="person", name="Ann", level=3)
    >>> g.add_node("t", kind="person", name="Tom", level=0)
    >>> _ = g.add_edge("s", "a", key="contact", type="contact", strength=0.8)
    >>> _ = g.add_edge("a", "t", key="knows", type="knows", strength=0.5, directed=False)
    >>> draft = plans_from_targets(g, next_targets(g, key=["a", "t"]), count=1,
    ...                            start=date(2026, 1, 5))
    >>> p, a = draft.plans[0], draft.actions[0]
    >>> p.person_id, p.target_level, str(p.target_date), p.owner_staff_id
    ('t', 2, '2026-04-06', 's')
    >>> a.description, str(a.due)
    ('Ask Ann to introduce Sam to Tom', '2026-01-19')
    """
    if count < 1:
        raise ValueError(f"count must be at least 1, got {count}")
    goal_date = target_date or start + timedelta(days=horizon_days)
    if goal_date < start:
        raise ValueError(f"target_date {goal_date} is before the start {start}")
    due = min(start + timedelta(days=first_action_days), goal_date)
    draft = PlanDraft()
    for target in targets:
        if len(draft.plans) == count:
            break
        if graph.nodes[target.person_id].get("plan"):
            draft.already_planned.append(target.person_id)
            continue
        who = owner or target.owner_staff_id
        draft.names[target.person_id] = target.name
        if who is not None and who in graph:
            draft.names[who] = _name(graph, who, Language.EN)
        draft.plans.append(
            Plan(
                person_id=target.person_id,
                target_level=target.target_level,
                start_date=start,
                target_date=goal_date,
                owner_staff_id=who,
            )
        )
        draft.actions.append(
            # model_validate: the id is derived (from person and text) by Action's validator.
            Action.model_validate(
                {
                    "person_id": target.person_id,
                    "description": _first_step(graph, target, who),
                    "due": due,
                    "owner_staff_id": who,
                }
            )
        )
    return draft


def _name(graph: nx.MultiDiGraph, node: str | None, lang: Language) -> str:
    if node is None:
        return "我方" if lang == Language.ZH else "us"
    return str(graph.nodes[node].get("name") or node) if node in graph else node


#: The first action's text per case, in the account's language (graphcrm.plans.language).
_FIRST_STEP: dict[str, dict[Language, str]] = {
    "first_contact": {
        Language.EN: "Make a first contact with {name}",
        Language.ZH: "与{name}建立首次接触",
    },
    "introduce": {
        Language.EN: "Ask {relay} to introduce {owner} to {name}",
        Language.ZH: "请{relay}引荐{owner}与{name}会面",
    },
    "meet": {
        Language.EN: "Meet {name} ({staff} is already in contact)",
        Language.ZH: "拜访{name}（{staff}已与其建立联系）",
    },
}


def _first_step(graph: nx.MultiDiGraph, target: NextTarget, owner: str | None) -> str:
    """The first action over the best warm path, in the account's language."""
    lang = account_language(graph)
    path = target.best_path
    name = target.name
    if path is None:
        return _FIRST_STEP["first_contact"][lang].format(name=name)
    if path.relays:
        return _FIRST_STEP["introduce"][lang].format(
            relay=_name(graph, path.relays[0], lang), owner=_name(graph, owner, lang), name=name
        )
    return _FIRST_STEP["meet"][lang].format(name=name, staff=_name(graph, path.staff_id, lang))
