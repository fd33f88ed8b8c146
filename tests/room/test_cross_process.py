"""Several processes share one Redis and one PostgreSQL: a post in one reaches the others."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.skipif(
    not settings.REDIS_URL or connection.vendor != "postgresql",
    reason="needs REDIS_URL and PostgreSQL (the services half of `make test` runs it)",
)

ROOT = Path(__file__).resolve().parents[2]


def other_process_env() -> dict[str, str]:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return {**os.environ, "DATABASE_URL": url, "REDIS_URL": settings.REDIS_URL}


async def test_a_post_from_another_process_reaches_this_process_socket(open_socket, alice, bob):
    socket = await open_socket(bob)
    announce = subprocess.run(
        [sys.executable, "manage.py", "announce", "evening", "Posted by another process."],
        cwd=ROOT,
        env=other_process_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert announce.returncode == 0, announce.stderr
    message = (await socket.receive_type("message", timeout=10))["message"]
    assert message["body"] == "Posted by another process."
    assert message["kind"] == "system"
