"""Relationship plans and reviews: the task book, its progress, and the quarterly review.

Steps 3 to 5 of managing key relationships (选目标与负责人, 制定行动计划,
执行计划与纠偏; GLOSSARY.md). Pure functions over account graphs
(:mod:`graphcrm.graph`) and records; no I/O:

- :func:`task_book`: the task book (客户关系提升目标任务书) of one account;
- :func:`progress`, :func:`agenda`: each target against its plan and the on-track
  rule; one staff member's open actions and targets across accounts;
- :func:`review`: what changed between two dates (季度复盘);
- :func:`plans_from_targets`: plans and first actions from the next-targets analysis;
- :func:`foreign_owner_errors`: the rule against owners from another team;
- :mod:`graphcrm.plans.period`: the dates of reviews and plans, their defaults (a
  quarter, 91 days) and rules (a review's dates not in the future, no period that
  ends before it starts);
- :mod:`graphcrm.plans.trend`: the health trend's days and points;
- :mod:`graphcrm.plans.reads`: the task book, the review and a staff member's agenda
  read from a store, and :mod:`graphcrm.plans.planning`: plans from the next targets
  written to one (the one way the API, the views and the CLI read and plan).

The XLSX layout of the task book is in :mod:`graphcrm.plans.task_book_xlsx`.
"""

from graphcrm.plans.from_targets import PlanDraft, plans_from_targets
from graphcrm.plans.items import ActionItem
from graphcrm.plans.owners import foreign_owner_errors
from graphcrm.plans.progress import (
    STATUSES,
    AccountProgress,
    AgendaItem,
    Reason,
    StaffAgenda,
    TargetProgress,
    agenda,
    progress,
    target_progress,
)
from graphcrm.plans.review import (
    CoverageChange,
    GapChange,
    LevelChange,
    Review,
    TargetOutcome,
    review,
)
from graphcrm.plans.task_book import TaskBook, TaskBookEntry, task_book

__all__ = [
    "STATUSES",
    "AccountProgress",
    "ActionItem",
    "AgendaItem",
    "CoverageChange",
    "GapChange",
    "LevelChange",
    "PlanDraft",
    "Reason",
    "Review",
    "StaffAgenda",
    "TargetOutcome",
    "TargetProgress",
    "TaskBook",
    "TaskBookEntry",
    "agenda",
    "foreign_owner_errors",
    "plans_from_targets",
    "progress",
    "review",
    "target_progress",
    "task_book",
]
