"""What every CLI command shares: the chosen store, dates from options, user errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn
from urllib.parse import unquote, urlsplit

import typer
from rich.console import Console

from graphcrm.errors import GraphcrmError, StoreError, ValidationFailed
from graphcrm.stores import GraphStore, open_store

if TYPE_CHECKING:
    from graphcrm.access import AccessStore

__all__ = [
    "AccessDb",
    "err_console",
    "fail",
    "open_cli_access",
    "open_cli_store",
    "parse_day",
    "set_store_url",
    "store_url",
    "user_errors",
]

err_console = Console(stderr=True, highlight=False)
_store_url: list[str | None] = [None]  # set by the global --store option

EXIT_BAD_INPUT = 2
EXIT_FAILURE = 1


def set_store_url(url: str | None) -> None:
    _store_url[0] = url


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    err_console.print(f"[red]error:[/red] {message}", soft_wrap=True)
    raise typer.Exit(code)


def parse_day(text: str | None, option: str = "--as-of") -> date | None:
    """A YYYY-MM-DD option value, or exit 2 saying what is wrong with it."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"{option} {text!r} is not a date; use YYYY-MM-DD")


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn graphcrm's errors into a message and an exit code, never a traceback.

    Bad input (invalid rows, unknown ids, conflicts, bad settings) exits 2 with
    every error listed; a store that fails exits 1.
    """
    try:
        yield
    except ValidationFailed as exc:
        err_console.print(
            f"[red]error:[/red] {len(exc.errors)} problem(s) in the input; nothing was written:"
        )
        for e in exc.errors:
            err_console.print(f"  {e}", soft_wrap=True, markup=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except StoreError as exc:
        fail(str(exc), EXIT_FAILURE)
    except GraphcrmError as exc:
        fail(str(exc), EXIT_BAD_INPUT)


@contextmanager
def open_cli_store(*, existing: bool = False) -> Iterator[GraphStore]:
    """The store named by --store (or GRAPHCRM_STORE), closed afterwards.

    ``existing`` (the commands that only read, or change records that must
    already be there): an SQLite store whose file does not exist exits 2
    saying so, instead of creating an empty store (issue 12 item 11); imports
    and the demo still create it.
    """
    if existing:
        missing = _missing_sqlite_file(store_url())
        if missing is not None:
            fail(
                f"no store at {missing} (from {store_url()!r}): nothing to read; "
                "load data with `graphcrm import PATH` or `graphcrm demo`, or check --store"
            )
    with user_errors():
        store = open_store(_store_url[0])
    try:
        with user_errors():
            yield store
    finally:
        store.close()


def store_url() -> str:
    """The store URL the command runs on: --store, else GRAPHCRM_STORE, else the default."""
    from graphcrm.settings import Settings

    return _store_url[0] or Settings().store


def _missing_sqlite_file(url: str) -> Path | None:
    """The file an ``sqlite:///`` URL names, if it does not exist; None otherwise."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "sqlite" or not parts.path or parts.path == "/":
        return None  # a server store, or a URL open_store refuses with its own message
    path = Path(unquote(parts.path[1:]))
    return None if path.exists() else path


AccessDb = Annotated[
    str | None,
    typer.Option(
        "--access-db",
        envvar="GRAPHCRM_ACCESS_DB",
        show_envvar=True,
        help="The access database (teams, key hashes, ownership, audit); default data/access.db.",
    ),
]


@contextmanager
def open_cli_access(path: str | None) -> Iterator[AccessStore]:
    """The access database at ``path`` (default: the app settings'), closed after; its
    errors end the command with exit 2 and the reason."""
    from graphcrm.access import AccessSettings, AccessStore  # here: few commands open it

    with user_errors():
        access = AccessStore(path or AccessSettings().access_db)
    try:
        with user_errors():
            yield access
    finally:
        access.close()
