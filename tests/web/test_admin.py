"""The administrator's pages: audit log (filter, CSV), clients' data (export, erase), backups; admins only."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from coachlens.store.backup import read_backup, restore_database
from coachlens.store.db import make_engine, session_factory, unit_of_work
from coachlens.store.tables import AuditEvent, Client
from tests.databases import make_test_cipher
from tests.web.conftest import EMAILS, PASSWORD, WebPractice, csrf_of, form_token

ADMIN_PAGES = ("/admin", "/admin/audit", "/admin/audit.csv", "/admin/clients", "/admin/backups")


def _log_in(client: TestClient, role: str) -> str:
    token = form_token(client.get("/login").text)
    response = client.post(
        "/login",
        data={"email": EMAILS[role], "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303
    return csrf_of(client)


def _client_id(url: str, name: str) -> int:
    engine = make_engine(url, cipher=make_test_cipher())
    with unit_of_work(session_factory(engine)) as s:
        found = s.scalars(select(Client.id).where(Client.name == name)).first()
    engine.dispose()
    assert found is not None
    return found


@pytest.mark.parametrize("role", ["coach", "client", "sponsor", "supervisor"])
def test_only_admins_reach_the_admin_pages_and_actions(
    web_practice: WebPractice, app_for: Callable[[WebPractice], FastAPI], role: str
) -> None:
    client = TestClient(app_for(web_practice))
    token = _log_in(client, role)
    mark = _client_id(web_practice.url, "Mark Ellison")
    for path in ADMIN_PAGES:
        response = client.get(path)
        assert response.status_code == 403, (role, path)
        assert "Mark Ellison" not in response.text
    for path, data in (
        ("/admin/backups", {}),
        (f"/admin/clients/{mark}/export", {}),
        (f"/admin/clients/{mark}/erase", {"confirm": "Mark Ellison"}),
    ):
        response = client.post(path, data={"csrf_token": token, **data})
        assert response.status_code == 403, (role, path)
        assert "Mark Ellison" not in response.text
    assert _client_id(web_practice.url, "Mark Ellison") == mark  # nothing was erased


def test_admin_reads_filters_and_exports_the_audit_log(
    web_practice: WebPractice, app_for: Callable[[WebPractice], FastAPI]
) -> None:
    admin = TestClient(app_for(web_practice))
    _log_in(admin, "admin")
    page = admin.get("/admin/audit")
    assert page.status_code == 200
    assert "<td>grant_consent</td>" in page.text  # the fixture's consents were recorded
    assert "<td>login</td>" in page.text
    only_users = admin.get("/admin/audit", params={"entity": "user"})
    assert "<td>grant_consent</td>" not in only_users.text
    assert "<td>user " in only_users.text
    me = admin.get("/api/v1/session").json()["user"]["id"]
    mine = admin.get("/admin/audit", params={"actor_id": me})
    assert "<td>login</td>" in mine.text
    assert "<td>grant_consent</td>" not in mine.text  # the fixture's, by no account
    exported = admin.get("/admin/audit.csv", params={"entity": "engagement"})
    assert exported.headers["content-type"].startswith("text/csv")
    assert "attachment" in exported.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert rows
    assert {r["entity"] for r in rows} == {"engagement"}
    assert "grant_consent" in {r["action"] for r in rows}
    assert [int(r["id"]) for r in rows] == sorted(int(r["id"]) for r in rows)
    engine = make_engine(web_practice.url, cipher=make_test_cipher())
    with unit_of_work(session_factory(engine)) as s:
        reads = [(e.action, e.entity) for e in s.scalars(select(AuditEvent)) if e.entity == "audit_log"]
    engine.dispose()
    assert ("export", "audit_log") in reads
    assert reads.count(("read", "audit_log")) >= 3


def test_admin_exports_and_erases_a_client_with_confirmation(
    web_practice: WebPractice, app_for: Callable[[WebPractice], FastAPI]
) -> None:
    admin = TestClient(app_for(web_practice))
    _log_in(admin, "admin")
    page = admin.get("/admin/clients")
    assert "Mark Ellison" in page.text
    assert "Retention" in page.text
    token = form_token(page.text)
    mark = _client_id(web_practice.url, "Mark Ellison")
    exported = admin.post(f"/admin/clients/{mark}/export", data={"csrf_token": token})
    assert exported.status_code == 200
    assert exported.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(exported.content)) as archive:
        record = json.loads(archive.read("client.json"))
    assert record["client"]["name"] == "Mark Ellison"
    refused = admin.post(f"/admin/clients/{mark}/erase", data={"csrf_token": token, "confirm": "Mark"})
    assert refused.status_code == 422
    assert "Mark Ellison" in admin.get("/admin/clients").text
    erased = admin.post(
        f"/admin/clients/{mark}/erase",
        data={"csrf_token": token, "confirm": "  mark   ellison "},
        follow_redirects=False,
    )
    assert erased.status_code == 303
    after = admin.get(erased.headers["location"])
    assert "Mark Ellison" not in after.text
    assert "was erased" in after.text
    engine = make_engine(web_practice.url, cipher=make_test_cipher())
    with unit_of_work(session_factory(engine)) as s:
        events = list(s.scalars(select(AuditEvent).where(AuditEvent.action == "erase_client")))
    engine.dispose()
    assert len(events) == 1
    assert "Mark" not in json.dumps(events[0].detail)


def test_admin_downloads_a_backup_that_restores(
    web_practice: WebPractice, app_for: Callable[[WebPractice], FastAPI], tmp_path: Path
) -> None:
    admin = TestClient(app_for(web_practice))
    token = _log_in(admin, "admin")
    page = admin.get("/admin/backups")
    assert "Download a backup" in page.text
    assert "No retention period is set" in page.text
    response = admin.post("/admin/backups", data={"csrf_token": token})
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    assert response.headers["x-content-type-options"] == "nosniff"
    backup = tmp_path / "download.json"
    backup.write_bytes(response.content)
    assert json.loads(response.content)["format"] == "coachlens-backup"
    held = read_backup(backup)
    assert held.rows["engagements"] == 2
    restored = restore_database(backup, f"sqlite:///{tmp_path / 'restored.db'}")
    assert restored.rows == held.rows
    assert "Mark Ellison" not in response.text or held.rows["clients"] == 2  # names are in clear, by design
