"""The suite's own guards: a test that leaves a task running on its event loop fails, naming
the test and the task, and a test that hangs fails at the time limit with every thread's
stack, instead of stopping the run (tests/cleanup.py, pyproject's pytest-timeout setting)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBES = "tests/probes/misbehaving.py"


def run_probe(test_name: str, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            *options,
            f"{PROBES}::{test_name}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_task_left_running_fails_the_test_that_left_it_and_names_the_task():
    result = run_probe("test_leaves_a_task_running")
    assert result.returncode == 1, result.stdout
    assert "ERROR at teardown of test_leaves_a_task_running" in result.stdout
    assert "test_leaves_a_task_running left tasks running" in result.stdout
    assert "forgotten_forever" in result.stdout  # the task, by its coroutine


def test_a_hang_fails_at_the_time_limit_with_every_threads_stack():
    result = run_probe("test_hangs", "-o", "timeout=2")
    assert result.returncode == 1, result.stdout
    assert "Failed: Timeout (>2.0s) from pytest-timeout" in result.stdout
    assert ">       time.sleep(60)" in result.stdout  # the main thread, where it hung
    assert "Stack of probe-worker" in result.stdout  # and every other thread's stack
