"""Property-based fuzzing of the whole OpenAPI document with schemathesis.

Every operation gets the document's own examples and a bounded number of
generated requests (valid and invalid), sent with team A's admin key to an app
holding the records the examples name. Each response must not be a 5xx and
must match the document: status code, content type, headers and body schema.
The last test prints how many requests were sent.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api import create_app
from api.examples import example_dataset
from graphcrm.access import TeamStore
from tests.api.conftest import TestClient, make_keys, make_settings

MAX_EXAMPLES = 8  # valid requests per operation (and half as many invalid ones)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
SENT: dict[str, int] = {"requests": 0}
OPERATIONS: set[str] = set()


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    tmp: Path = tmp_path_factory.mktemp("fuzz")
    settings_ = make_settings(tmp)
    keys = make_keys(settings_.access_db)
    app = create_app(settings_)
    with TestClient(app):  # runs the lifespan: the stores stay open while the cases run
        access = app.state.services.access
        principal = access.authenticate(keys["a"])
        TeamStore(app.state.services.store, access, principal).write(
            example_dataset(), on=date(2025, 1, 1)
        )
        yield app, keys["a"]


ORDER = {"GET": 0, "POST": 1, "PUT": 2, "DELETE": 3}  # reads first, deletions last


def _cases(strategy: Any, max_examples: int, run: Any) -> None:
    @given(case=strategy)
    @settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
    )
    def each(case: Any) -> None:
        run(case)

    each()


def test_every_operation(fuzzed: tuple[Any, str]) -> None:
    app, key = fuzzed
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    # Deepest deletions first, so the account goes last.
    operations.sort(key=lambda op: (ORDER.get(op.method.upper(), 9), -op.path.count("/"), op.path))
    failures: list[str] = []

    def run(case: Any) -> None:
        headers = {**(case.headers or {}), "Authorization": f"Bearer {key}"}
        response = case.call(headers=headers)
        SENT["requests"] += 1
        case.validate_response(response, checks=CHECKS, headers=headers)

    for op in operations:
        OPERATIONS.add(op.label)
        plans = [(s, 1) for s in op.get_strategies_from_examples()]
        plans += [(op.as_strategy(GenerationMode.POSITIVE), MAX_EXAMPLES)]
        plans += [(op.as_strategy(GenerationMode.NEGATIVE), MAX_EXAMPLES // 2)]
        for strategy, n in plans:
            try:
                _cases(strategy, n, run)
            except Unsatisfiable:  # nothing to make invalid (an operation without inputs)
                continue
            except Exception as exc:  # collect every failing operation, then fail once
                failures.append(f"{op.label}: {type(exc).__name__}: {str(exc)[:2000]}")
                break
    assert not failures, "\n\n".join(failures)
    assert len(OPERATIONS) > 70


def test_report_requests_sent(capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print(
            f"\nschemathesis: {SENT['requests']} requests over {len(OPERATIONS)} operations, "
            "no 5xx, every response matched the OpenAPI document"
        )
