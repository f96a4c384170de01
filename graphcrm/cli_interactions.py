"""``graphcrm log``: log one interaction (互动记录) with an account's people, and
``graphcrm import-calendar`` / ``import-mail``: an .ics file's events, or a mail-metadata
CSV's messages, as interactions (DESIGN.md "Interactions"). Register them with
``app.command("log")(log_command)``, ``app.command("import-calendar")(...)`` and
``app.command("import-mail")(import_mail_command)``.

Bad input (a type not in the list, a date in the future or not a date, unknown staff
or people, a person of another account) exits 2 naming the field; nothing is written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from graphcrm.cli_support import open_cli_store, user_errors
from graphcrm.interactions.log import build_interaction, log_interaction
from graphcrm.model import InteractionSource

__all__ = ["import_calendar_command", "import_mail_command", "log_command"]

out = Console(highlight=False)


def log_command(
    account: Annotated[str, typer.Argument(help="The account the interaction is with.")],
    type_: Annotated[
        str,
        typer.Option(
            "--type",
            help="site_visit, dinner, meeting, visit, event, call, email or message "
            "(or 参观考察, 宴请, 会谈, 拜访, 交流活动, 电话, 邮件, 消息).",
        ),
    ],
    staff: Annotated[str, typer.Option("--staff", help="Our staff, ids separated by ';'.")],
    people: Annotated[
        str, typer.Option("--people", help="The customer's people, ids separated by ';'.")
    ],
    day: Annotated[
        str | None, typer.Option("--date", help="YYYY-MM-DD, not in the future (default today).")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="What was discussed.")] = None,
    opportunity: Annotated[
        str | None, typer.Option("--opportunity", help="The opportunity it served.")
    ] = None,
    duration: Annotated[
        int | None, typer.Option("--duration", help="Minutes it lasted.", min=0)
    ] = None,
    direction: Annotated[
        str | None,
        typer.Option("--direction", help="For email or message: outbound, inbound or both."),
    ] = None,
    ident: Annotated[
        str | None, typer.Option("--id", help="Its id (default: derived from its fields).")
    ] = None,
) -> None:
    """Log one interaction of our staff with an account's people; it counts toward the
    strength of every (staff, person) pair it names, from its date."""
    from datetime import date

    fields = {
        "id": ident,
        "date": day or date.today().isoformat(),
        "type": type_,
        "staff_ids": staff,
        "person_ids": people,
        "opportunity_id": opportunity,
        "duration_min": duration,
        "direction": direction,
        "note": note,
        "source": InteractionSource.MANUAL,
    }
    with user_errors():
        record = build_interaction({k: v for k, v in fields.items() if v is not None})
    with open_cli_store() as store:
        log_interaction(store, account, record)
    out.print(
        f"logged {record.type.value} {record.id} on {record.date} in {account}: "
        f"{';'.join(record.staff_ids)} with {';'.join(record.person_ids)}"
    )


def import_calendar_command(
    account: Annotated[str, typer.Argument(help="The account the events are with.")],
    path: Annotated[Path, typer.Argument(help="An RFC 5545 calendar file (.ics).")],
) -> None:
    """Import a calendar's events as interactions: addresses matched to the email of our
    staff and of the account's people; cancelled, recurring (excluded, not expanded) and
    future events skipped; importing the same file again changes nothing. Prints the
    summary as JSON."""
    from graphcrm.interactions.calendar import import_calendar

    try:
        data = path.read_bytes()
    except OSError as exc:
        from graphcrm.cli_support import fail

        fail(f"cannot read {path}: {exc.strerror or exc}")
    with open_cli_store() as store:
        summary = import_calendar(store, account, data)
    out.print(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2), markup=False)


def import_mail_command(
    account: Annotated[str, typer.Argument(help="The account the messages are with.")],
    path: Annotated[Path, typer.Argument(help="A CSV of date, from, to, cc (日期, 发件人, ...).")],
) -> None:
    """Import mail metadata as email interactions: addresses matched to the email of our
    staff and the account's people, from our staff outbound, else inbound; importing the
    same file again changes nothing. Prints the summary as JSON."""
    from graphcrm.interactions.mail import import_mail

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        from graphcrm.cli_support import fail

        fail(f"cannot read {path} as UTF-8 text: {exc}")
    with open_cli_store() as store:
        summary = import_mail(store, account, text)
    out.print(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2), markup=False)
