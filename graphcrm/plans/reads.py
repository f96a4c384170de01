"""Reading an account for the plans' functions: the one way the REST API, the browser views
and the CLI read the task book and the quarterly review, so all three show the same.

The functions of :mod:`graphcrm.plans` are pure; these take the reader (a
``GraphStore``, or a team's ``TeamStore`` so that another team's account reads
as missing), read the account as of the dates asked and call them.

Every graph they read carries the effective contact strengths as of its own date
(DESIGN.md "Interactions": derived from the interactions in the lookback window, else
recorded), with the strength parameters of the team's settings in force on that date
when ``method`` gives them (DESIGN.md "Method settings"), else DESIGN's defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

import networkx as nx

from graphcrm.errors import NotFoundError
from graphcrm.graph import build_account_graph
from graphcrm.interactions import STRENGTH_DEFAULTS, StrengthParameters
from graphcrm.method.apply import strength_parameters
from graphcrm.method.settings import SettingsOnDay
from graphcrm.model import Account, Dataset
from graphcrm.plans.period import asked_review_period, review_period
from graphcrm.plans.progress import StaffAgenda, agenda, progress
from graphcrm.plans.review import Review, review
from graphcrm.plans.task_book import TaskBook, task_book

__all__ = [
    "AccountReader",
    "AccountReview",
    "AccountsReader",
    "read_account_review",
    "read_agenda",
    "read_graph",
    "read_review",
    "read_task_book",
    "review_graphs",
    "review_period",
    "strength_on",
]


class AccountReader(Protocol):
    """Anything that reads one account's tables as of a date (a store, a team's store)."""

    def account_data(self, account_id: str, *, as_of: date | None = None) -> Dataset: ...


class AccountsReader(AccountReader, Protocol):
    """A reader that also lists the accounts it may read (a team's store: only its own)."""

    def accounts(self, *, as_of: date | None = None) -> list[Account]: ...


def strength_on(method: SettingsOnDay | None, day: date) -> StrengthParameters:
    """Derived strength's parameters on ``day``: the team's settings then, else DESIGN's."""
    return STRENGTH_DEFAULTS if method is None else strength_parameters(method(day)[1])


def read_graph(
    reader: AccountReader,
    account_id: str,
    as_of: date | None,
    *,
    method: SettingsOnDay | None = None,
) -> nx.MultiDiGraph:
    """The account graph as of ``as_of`` (None: as it stands, strengths judged today),
    contacts at their effective strength. NotFoundError if no account."""
    data = reader.account_data(account_id, as_of=as_of)
    strength = strength_on(method, as_of or date.today())
    return build_account_graph(data, account_id, as_of=as_of, strength=strength)


def read_task_book(
    reader: AccountReader,
    account_id: str,
    as_of: date | None,
    *,
    method: SettingsOnDay | None = None,
) -> TaskBook:
    """The task book on ``as_of`` (default today), read as of that day."""
    graph = read_graph(reader, account_id, as_of, method=method)
    return task_book(graph, today=as_of or date.today())


def review_graphs(
    reader: AccountReader,
    account_id: str,
    *,
    from_date: date,
    to_date: date,
    method: SettingsOnDay | None = None,
) -> tuple[nx.MultiDiGraph, nx.MultiDiGraph]:
    """The account graph as of ``from_date`` and as of ``to_date``, as the review compares them.

    An account that did not exist yet on ``from_date`` reads as empty then
    (everything in it is new). NotFoundError if there is no account on ``to_date``.
    """
    after = reader.account_data(account_id, as_of=to_date)
    try:
        before = reader.account_data(account_id, as_of=from_date)
    except NotFoundError:  # the account did not exist yet: everything in it is new
        before = Dataset(accounts=list(after.accounts))
    first, second = strength_on(method, from_date), strength_on(method, to_date)
    return (
        build_account_graph(before, account_id, as_of=from_date, strength=first),
        build_account_graph(after, account_id, as_of=to_date, strength=second),
    )


def read_review(
    reader: AccountReader,
    account_id: str,
    *,
    from_date: date,
    to_date: date,
    method: SettingsOnDay | None = None,
) -> Review:
    """The quarterly review between the two dates, of the graphs of :func:`review_graphs`
    (each date judged with the team's settings in force on it, with ``method``)."""
    before, after = review_graphs(
        reader, account_id, from_date=from_date, to_date=to_date, method=method
    )
    return review(before, after, from_date=from_date, to_date=to_date, method=method)


@dataclass(frozen=True)
class AccountReview:
    """A review with the two graphs it compares (the views name people from them)."""

    before: nx.MultiDiGraph
    after: nx.MultiDiGraph
    review: Review

    @property
    def names(self) -> dict[str, str]:
        """Everyone's name as of the second date, by node id."""
        return {str(n): str(d["name"]) for n, d in self.after.nodes(data=True) if d.get("name")}

    @property
    def new_account(self) -> bool:
        """True if nobody of the account was known on the first date."""
        return not any(d.get("kind") == "person" for _, d in self.before.nodes(data=True))


def read_account_review(
    reader: AccountReader,
    account_id: str,
    *,
    from_date: date | None,
    to_date: date | None,
    today: date,
    method: SettingsOnDay | None = None,
) -> AccountReview:
    """The review of the period asked for (:func:`graphcrm.plans.period.asked_review_period`:
    its defaults and rules, checked before anything is read), with its graphs."""
    start, end = asked_review_period(from_date, to_date, today=today)
    before, after = review_graphs(reader, account_id, from_date=start, to_date=end, method=method)
    found = review(before, after, from_date=start, to_date=end, method=method)
    return AccountReview(before, after, found)


def read_agenda(
    reader: AccountsReader,
    staff_id: str,
    *,
    as_of: date | None,
    method: SettingsOnDay | None = None,
) -> StaffAgenda:
    """``staff_id``'s open actions and targets on ``as_of`` (default today), across every
    account the reader may read, each read as of that day."""
    day = as_of or date.today()
    books = (
        progress(read_graph(reader, account.id, as_of, method=method), today=day)
        for account in reader.accounts(as_of=as_of)
    )
    return agenda(staff_id, books, today=day)
