"""Database fixtures: every data-layer test runs on a fresh SQLite file and on a real PostgreSQL.

PostgreSQL is a throwaway cluster the test session starts (initdb + pg_ctl in a temporary folder,
a Unix socket only, no TCP) and removes afterwards. On SQLite each test gets a copy of a migrated
file; on PostgreSQL each test uses the migrated database, which is emptied after it. Either way the
schema is the one the migrations build. Without PostgreSQL's binaries the PostgreSQL tests fail
with a message saying what to install; they never skip.
"""

from __future__ import annotations

import base64
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from coachlens.security.crypto import FieldCipher
from coachlens.store.db import make_engine, session_factory, upgrade_database
from coachlens.store.tables import Base

BACKENDS = ("sqlite", "postgresql")
# The key the data-layer tests encrypt confidential text with (written for the tests, never used elsewhere).
TEST_KEY = bytes(range(32))
# The same key as COACHLENS_KEY spells it, for apps and servers the tests start.
TEST_KEY_B64 = base64.b64encode(TEST_KEY).decode("ascii")


def make_test_cipher() -> FieldCipher:
    """Return the cipher over `TEST_KEY` the test engines are opened with."""
    return FieldCipher([TEST_KEY], source="the test key")


@dataclass(frozen=True, slots=True)
class PgCluster:
    """A running throwaway PostgreSQL cluster reached through its socket folder and port."""

    socket_dir: Path
    port: int
    major: int

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.socket_dir}&port={self.port}"


def find_pg_bin() -> Path:
    """Return the folder holding initdb and pg_ctl: PATH first, then Debian's /usr/lib/postgresql."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if debian:
        return Path(debian[-1]).parent
    raise RuntimeError(
        "PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql/*/bin); "
        "install Debian's postgresql package (.ci/run does) to run the PostgreSQL tests"
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_cluster_owner(argv: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root: run them as the postgres account Debian creates.
    if os.geteuid() != 0:
        return argv
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        raise RuntimeError("running as root needs a 'postgres' account to own the test cluster") from None
    return ["runuser", "-u", "postgres", "--", *argv]


@contextmanager
def throwaway_cluster() -> Iterator[PgCluster]:
    """Start a PostgreSQL cluster in a temporary folder (socket only, no fsync); remove it after.

    Raises RuntimeError when PostgreSQL is missing or does not start; `bench/bench_load.py` uses it too.
    """
    bin_dir = find_pg_bin()
    root = Path(tempfile.mkdtemp(prefix="coachlens-pg-"))
    if os.geteuid() == 0:
        entry = pwd.getpwnam("postgres")
        os.chown(root, entry.pw_uid, entry.pw_gid)
    data, port = root / "data", _free_port()
    initdb = [str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust"]
    initdb += ["--encoding=UTF8", "--locale=C", "--no-sync"]
    options = f"-p {port} -k {root} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
    start = [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-o", options, "start"]
    try:
        for argv in (initdb, start):
            subprocess.run(_as_cluster_owner(argv), check=True, capture_output=True, text=True, timeout=120)
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"could not start a throwaway PostgreSQL cluster: {exc.stderr.strip()}") from None
    major = int((data / "PG_VERSION").read_text().strip())
    try:
        yield PgCluster(socket_dir=root, port=port, major=major)
    finally:
        subprocess.run(
            _as_cluster_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """Start a PostgreSQL cluster in a temporary folder for the test session; remove it after."""
    with ExitStack() as stack:
        try:
            cluster = stack.enter_context(throwaway_cluster())
        except RuntimeError as exc:
            pytest.fail(str(exc), pytrace=False)  # in CI a missing PostgreSQL fails, never skips
        yield cluster


def create_database(cluster: PgCluster, name: str) -> str:
    """Create database ``name`` in the cluster and return its URL."""
    _admin(cluster, f"CREATE DATABASE {name}")
    return cluster.url(name)


def _admin(cluster: PgCluster, statement: str) -> None:
    engine = create_engine(cluster.url("postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def pg_database(pg_cluster: PgCluster) -> str:
    """Return the URL of the session's PostgreSQL database, migrated to head."""
    url = create_database(pg_cluster, "coachlens_test")
    upgrade_database(url)
    return url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a SQLite file migrated to head that each test's database is copied from."""
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    upgrade_database(str(path))
    engine = make_engine(str(path))
    with engine.connect() as connection:  # fold the WAL back into the file before copying it
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    """Return the URL of a fresh, migrated SQLite file for one test."""
    path = tmp_path / "coachlens.db"
    shutil.copyfile(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def pg_url(pg_database: str) -> Iterator[str]:
    """Return the URL of the migrated PostgreSQL database, emptied again after the test."""
    yield pg_database
    # Emptying every table is ten times quicker than a database per test (CREATE DATABASE checkpoints).
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    engine = create_engine(pg_database)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest) -> str:
    """Return a fresh migrated database's URL, once for SQLite and once for PostgreSQL."""
    return str(request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url"))


@pytest.fixture
def db(database_url: str) -> Iterator[sessionmaker[Session]]:
    """Return the session factory of a fresh database on each backend."""
    engine = make_engine(database_url, cipher=make_test_cipher())
    yield session_factory(engine)
    engine.dispose()
