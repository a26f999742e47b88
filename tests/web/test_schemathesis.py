"""schemathesis against the app's OpenAPI schema, in process (ASGI), logged in as a coach with data.

Every operation of ``/api/v1/openapi.json`` gets generated requests (positive data: what the
schema allows), sent with the coach's session cookie and CSRF token to a practice holding two
engagements with sessions, actions, journal entries and sponsor updates. Every response must not
be a server error and must match the schema for its status. Hypothesis runs derandomised with no
example database, so a run is the same every time; at least 1,000 requests are made in all.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.web.conftest import EMAILS, PASSWORD, csrf_of, make_app
from tests.web.test_matrix import build_matrix_practice

EXAMPLES_PER_OPERATION = 40
NEGATIVE_EXAMPLES = 15  # malformed input (wrong types, missing fields): 4xx, never 5xx
MIN_REQUESTS = 1_000
CHECKS = [not_a_server_error, response_schema_conformance]


def test_the_api_answers_generated_requests_without_server_errors_and_as_documented(
    sqlite_template: Path, tmp_path: Path
) -> None:
    path = tmp_path / "fuzz.db"
    shutil.copyfile(sqlite_template, path)
    url = f"sqlite:///{path}"
    build_matrix_practice(url)
    app = make_app(url)
    try:
        browser = TestClient(app)
        login = browser.post(
            "/api/v1/login",
            json={"email": EMAILS["coach"], "password": PASSWORD},
            headers={"X-CSRF-Token": csrf_of(browser)},
        )
        assert login.status_code == 200
        cookies = dict(browser.cookies)
        headers = {"X-CSRF-Token": login.json()["csrf_token"]}
        schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
        sent: Counter[str] = Counter()
        statuses: Counter[int] = Counter()
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 25

        for operation in operations:
            _fuzz(
                operation, GenerationMode.POSITIVE, EXAMPLES_PER_OPERATION, headers, cookies, sent, statuses
            )
            if _takes_input(operation):
                _fuzz(operation, GenerationMode.NEGATIVE, NEGATIVE_EXAMPLES, headers, cookies, sent, statuses)
        assert sum(sent.values()) >= MIN_REQUESTS, sent
        assert not [code for code in statuses if code >= 500]
        assert statuses[200] + statuses[201] > 40, statuses  # the session held: not everything was refused
    finally:
        app.state.engine.dispose()


def _fuzz(
    operation: Any,
    mode: GenerationMode,
    examples: int,
    headers: dict[str, str],
    cookies: dict[str, str],
    sent: Counter[str],
    statuses: Counter[int],
) -> None:
    """Send ``examples`` generated requests of ``operation`` and check each response."""
    checks = CHECKS if mode is GenerationMode.POSITIVE else [not_a_server_error]

    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        response = case.call(headers=headers, cookies=cookies)
        sent[f"{mode.value} {operation.label}"] += 1
        statuses[response.status_code] += 1
        case.validate_response(response, checks=checks)

    try:
        run()
    except Unsatisfiable:  # no malformed variant of this operation's input (e.g. a free string)
        assert mode is GenerationMode.NEGATIVE, operation.label


def _takes_input(operation: Any) -> bool:
    return bool(operation.body) or any(True for _ in operation.iter_parameters())


@pytest.mark.parametrize("bad", ["0", "-1", "99999999999999999999"])
def test_out_of_range_ids_are_not_found_not_server_errors(bad: str, sqlite_url: str) -> None:
    build_matrix_practice(sqlite_url)
    app = make_app(sqlite_url)
    try:
        client = TestClient(app)
        token = client.post(
            "/api/v1/login",
            json={"email": EMAILS["coach"], "password": PASSWORD},
            headers={"X-CSRF-Token": csrf_of(client)},
        ).json()["csrf_token"]
        for response in (
            client.get(f"/api/v1/engagements/{bad}"),
            client.get(f"/api/v1/engagements/1/sessions/{bad}"),
            client.post(
                f"/api/v1/actions/{bad}/reviews",
                json={"session_number": 1, "status": "done"},
                headers={"X-CSRF-Token": token},
            ),
        ):
            assert response.status_code in (404, 422), response.text
    finally:
        app.state.engine.dispose()
