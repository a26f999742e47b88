"""docs/security.md and the README document every security setting and command; SECURITY.md exists."""

from __future__ import annotations

from coachlens.cli.audit import audit_app
from coachlens.cli.client import client_app
from coachlens.cli.keys import keys_app
from coachlens.cli.retention import retention_app
from coachlens.store.encrypted import encrypted_columns
from coachlens.store.tables import Base
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
SECURITY = (ROOT / "SECURITY.md").read_text(encoding="utf-8")


def test_security_settings_are_documented_in_the_docs_and_the_readme() -> None:
    for setting in ("COACHLENS_KEY", "COACHLENS_KEY_FILE", "COACHLENS_RETENTION_MONTHS"):
        assert f"`{setting}`" in DOC, setting
        assert f"`{setting}`" in README, setting


def test_every_security_command_is_documented() -> None:
    groups = {"keys": keys_app, "client": client_app, "retention": retention_app, "audit": audit_app}
    commands = [f"coachlens {g} {c.name}" for g, app in groups.items() for c in app.registered_commands]
    commands += ["coachlens backup", "coachlens restore"]
    assert len(commands) == 8
    assert [c for c in commands if c not in DOC] == []
    assert [c for c in commands if c not in README] == []


def test_every_encrypted_column_is_listed() -> None:
    for table, columns in encrypted_columns(Base.metadata):
        row = next(line for line in DOC.splitlines() if f"`{table.name}`" in line and line.startswith("|"))
        assert all(f"`{c.name}`" in row for c in columns), table.name


def test_security_md_names_each_threat_and_what_is_pending() -> None:
    for threat in ("curious sponsor", "colleague on the same machine", "stolen laptop", "malicious upload"):
        assert threat in SECURITY.lower()
    assert "not protected yet" in SECURITY
    assert "TOTP" in SECURITY
