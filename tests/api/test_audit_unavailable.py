"""No audit entry, no personal data (api.audit): when the audit log cannot be written.

The access database's audit table is made to refuse every row by a real SQLite
trigger: a read of personal data answers 503 (store_unavailable) and carries
none of it, a read of no personal data is served, and a write, done already,
keeps its answer. Once the table takes rows again, the next read is served and
audited.
"""

from __future__ import annotations

import sqlite3

from graphcrm.access import AuditQuery
from tests.api.conftest import TEAM_A_SECRETS, ApiEnv


def test_a_read_of_personal_data_is_withheld_while_its_audit_entry_cannot_be_written(
    env: ApiEnv,
) -> None:
    with sqlite3.connect(env.settings.access_db) as conn:
        conn.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'full'); END"
        )
    withheld = env.get("a", "/accounts/acme/people")
    assert withheld.status_code == 503
    assert withheld.headers["content-type"].startswith("application/problem+json")
    assert withheld.json()["code"] == "store_unavailable"
    assert not any(secret in withheld.text for secret in TEAM_A_SECRETS)
    assert env.get("a", "/accounts").status_code == 200  # no personal data: no entry needed
    body = {"person_id": "cfo", "toward": "us", "level": 2}
    assert env.post("a", "/accounts/acme/attitudes", json=body).status_code == 201
    assert env.services.access.audit(AuditQuery())[1] == 0
    with sqlite3.connect(env.settings.access_db) as conn:
        conn.execute("DROP TRIGGER refuse")
    served = env.get("a", "/accounts/acme/people")
    assert served.status_code == 200 and "王总" in served.text
    (entry,), total = env.services.access.audit(AuditQuery())
    assert total == 1 and (entry.path, entry.status) == ("/api/v1/accounts/acme/people", 200)
