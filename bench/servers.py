"""The processes a run starts and stops itself, by pid, on 127.0.0.1: a Redis of its own and
Daphne processes serving GroupSpace or the bare baseline."""

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from tests.ports import (  # the tests' own helpers
    free_port,
    redis_server_command,
    wait_until_listening,
)

ROOT = Path(__file__).resolve().parents[1]
LOGS = ROOT / "bench" / "logs"


def stop(process: subprocess.Popen, grace: float = 10) -> None:
    """SIGTERM, then SIGKILL after `grace` seconds: only this one process, by its pid."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _log(name: str) -> TextIO:
    LOGS.mkdir(exist_ok=True)
    return open(LOGS / f"{name}.log", "w")  # closed by Daphnes.__exit__


@contextmanager
def own_redis() -> Iterator[tuple[str, int]]:
    """A throwaway redis-server on a free port: no persistence, stopped at the end.

    Keeps the run's keys and CPU apart from the shared Redis that test suites use.
    """
    port = free_port()
    process = subprocess.Popen(
        redis_server_command(port, "--maxclients", "10000"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        if not wait_until_listening(port, 10):
            raise RuntimeError("redis-server did not start")
        yield f"redis://127.0.0.1:{port}/0", process.pid
    finally:
        stop(process)


class Daphnes:
    """N Daphne processes serving one ASGI app, each on its own port."""

    def __init__(self, count: int, app: str, env: dict[str, str], name: str):
        self.count, self.app, self.env, self.name = count, app, env, name
        self.processes: list[subprocess.Popen] = []
        self.ports: list[int] = []
        self._logs: list[TextIO] = []

    @property
    def pids(self) -> list[int]:
        return [process.pid for process in self.processes]

    def __enter__(self) -> "Daphnes":
        try:
            for number in range(self.count):
                port = free_port()
                log = _log(f"{self.name}-{number}")
                self._logs.append(log)
                process = subprocess.Popen(
                    [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), self.app],
                    cwd=ROOT,
                    # Clients send this server's own address as their Origin.
                    env={**os.environ, **self.env, "SITE_ORIGINS": f"http://127.0.0.1:{port}"},
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
                self.processes.append(process)
                if not wait_until_listening(port, 60):
                    raise RuntimeError(f"daphne for {self.name} did not start (see {log.name})")
                self.ports.append(port)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        for process in self.processes:
            stop(process)
        for log in self._logs:
            log.close()
