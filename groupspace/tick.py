"""The periodic tick: all timed work, run once per call, safe to run again or concurrently.

Apps register their jobs in `AppConfig.ready()` with `register_tick_job`, so the core never
imports the apps built on it. Every job must be idempotent: running the tick twice, or in two
processes at once, has the effect of running it once.
"""

import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

TickJob = Callable[[], int]  # returns how many things it did, for the log
_jobs: dict[str, TickJob] = {}


def register_tick_job(name: str, job: TickJob) -> None:
    _jobs[name] = job


def run_tick() -> dict[str, int]:
    """Run every job once. One failing job is logged and does not stop the others."""
    done = {}
    for name, job in _jobs.items():
        try:
            done[name] = job()
        except Exception:  # noqa: BLE001 (the next tick tries again)
            log.exception("tick job %s failed", name)
            done[name] = -1
    return done
