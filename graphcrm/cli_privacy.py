"""The personal-data commands: ``graphcrm erase`` and ``graphcrm export-person``.

Register them on the main app with ``app.command()(erase)`` and
``app.command("export-person")(export_person_command)``. They work on the store
chosen by the global ``--store`` option and the access database (``--access-db``),
as the store's operator: the erasure is audited without a principal.

Erasing needs the person's id twice (``--confirm``); anything else exits 2 and
erases nothing, as does an unknown person or one not in ``--account``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from graphcrm.access import AccessSettings, AccessStore
from graphcrm.cli_support import fail, open_cli_store, user_errors
from graphcrm.privacy import AuditRequest, erase_person, export_person

__all__ = ["erase", "export_person_command"]

out = Console(highlight=False)

Account = Annotated[str, typer.Option("--account", help="The account the person is in.")]
AccessDb = Annotated[
    str | None,
    typer.Option(
        "--access-db",
        envvar="GRAPHCRM_ACCESS_DB",
        show_envvar=True,
        help="The access database (its audit log); default data/access.db.",
    ),
]


def _open_access(path: str | None) -> AccessStore:
    with user_errors():
        return AccessStore(path or AccessSettings().access_db)


def erase(
    person_id: Annotated[str, typer.Argument(help="The person to erase.")],
    account: Account,
    confirm: Annotated[str, typer.Option("--confirm", help="The person's id again, to confirm.")],
    access_db: AccessDb = None,
) -> None:
    """Erase a person for good (PIPL art. 47, GDPR art. 17): every version of them and of
    everything naming them, from the store and its files; their audit entries keep the
    event with an opaque token in place of their id."""
    if confirm != person_id:
        fail(f"--confirm must repeat the person's id {person_id!r}; nothing was erased")
    access = _open_access(access_db)
    try:
        with open_cli_store() as store, user_errors():
            erasure = erase_person(
                store,
                access,
                account,
                person_id,
                confirm=confirm,
                by=None,
                request=AuditRequest("CLI", "graphcrm erase", f"cli/erase/{account}/{person_id}"),
            )
    finally:
        access.close()
    removed = ", ".join(f"{table} {n}" for table, n in erasure.removed.items() if n)
    out.print(f"erased {person_id} from {account}: versions removed: {removed}")
    out.print(f"audit entries made anonymous: {erasure.audit_entries}")


def export_person_command(
    person_id: Annotated[str, typer.Argument(help="The person to export.")],
    account: Account,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write the JSON here (default: standard output).")
    ] = None,
    access_db: AccessDb = None,
) -> None:
    """Export everything stored about a person (PIPL art. 45, GDPR art. 15) as JSON:
    every version of every record about them, and the audit of who read or changed it."""
    access = _open_access(access_db)
    try:
        with open_cli_store() as store, user_errors():
            document = export_person(store, access, account, person_id)
    finally:
        access.close()
    text = json.dumps(document, ensure_ascii=False, indent=2)
    if out_file is None:
        print(text)
        return
    try:
        out_file.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {out_file}: {exc.strerror}")
    out.print(f"wrote {out_file}")
