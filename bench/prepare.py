"""The bench database: dropped, recreated, migrated and filled with logged-in members."""

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

from .servers import ROOT


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def recreate_database(url: str) -> None:
    """Drop and create the database named in `url` (never the shared test databases)."""
    name = database_name(url)
    if "bench" not in name:
        raise SystemExit(f"refusing to drop {name!r}: the bench database's name must say bench")
    admin_url = urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def prepare(env: dict[str, str], rooms: int, members: int, therapists: int) -> dict[str, list[str]]:
    """A fresh, migrated database with `rooms` x `members`; returns {slug: [cookie, ...]}."""
    recreate_database(env["DATABASE_URL"])
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=300,
    )
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "members.json"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.setup_data",
                str(rooms),
                str(members),
                str(therapists),
                str(out),
            ],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=600,
        )
        return json.loads(out.read_text())["rooms"]


def count_rows(url: str, table: str) -> int:
    with psycopg.connect(url) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
