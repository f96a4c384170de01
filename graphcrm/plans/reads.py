"""Reading an account for the plans' functions: the one way the REST API, the browser views
and the CLI read the task book and the quarterly review, so all three show the same.

The functions of :mod:`graphcrm.plans` are pure; these take the reader (a
``GraphStore``, or a team's ``TeamStore`` so that another team's account reads
as missing), read the account as of the dates asked and call them.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Protocol

import networkx as nx

from graphcrm.errors import NotFoundError
from graphcrm.graph import build_account_graph
from graphcrm.model import Dataset
from graphcrm.plans.review import QUARTER_DAYS, Review, review
from graphcrm.plans.task_book import TaskBook, task_book

__all__ = [
    "AccountReader",
    "read_graph",
    "read_review",
    "read_task_book",
    "review_graphs",
    "review_period",
]


class AccountReader(Protocol):
    """Anything that reads one account's tables as of a date (a store, a team's store)."""

    def account_data(self, account_id: str, *, as_of: date | None = None) -> Dataset: ...


def read_graph(reader: AccountReader, account_id: str, as_of: date | None) -> nx.MultiDiGraph:
    """The account graph as of ``as_of`` (None: as it stands). NotFoundError if no account."""
    data = reader.account_data(account_id, as_of=as_of)
    return build_account_graph(data, account_id, as_of=as_of)


def read_task_book(reader: AccountReader, account_id: str, as_of: date | None) -> TaskBook:
    """The task book on ``as_of`` (default today), read as of that day."""
    return task_book(read_graph(reader, account_id, as_of), today=as_of or date.today())


def review_period(
    from_date: date | None, to_date: date | None, *, today: date | None = None
) -> tuple[date, date]:
    """The review's dates with their defaults: ``to`` today, ``from`` 91 days before ``to``.

    Raises ValueError if ``from_date`` is after the end.

    >>> review_period(None, date(2026, 3, 31))
    (datetime.date(2025, 12, 30), datetime.date(2026, 3, 31))
    """
    end = to_date or today or date.today()
    start = from_date or end - timedelta(days=QUARTER_DAYS)
    if start > end:
        raise ValueError(f"from {start} is after to {end}")
    return start, end


def review_graphs(
    reader: AccountReader, account_id: str, *, from_date: date, to_date: date
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
    return (
        build_account_graph(before, account_id, as_of=from_date),
        build_account_graph(after, account_id, as_of=to_date),
    )


def read_review(
    reader: AccountReader, account_id: str, *, from_date: date, to_date: date
) -> Review:
    """The quarterly review between the two dates, of the graphs of :func:`review_graphs`."""
    before, after = review_graphs(reader, account_id, from_date=from_date, to_date=to_date)
    return review(before, after, from_date=from_date, to_date=to_date)
