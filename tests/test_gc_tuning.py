"""The server's entry point tunes the garbage collector (groupspace/gc_tuning.py says why)."""

import gc
import threading
import time

from groupspace.gc_tuning import YOUNG_THRESHOLD


def test_the_asgi_application_runs_with_rarer_collections_and_start_up_frozen():
    import groupspace.asgi  # noqa: F401 (what Daphne imports)

    assert gc.get_threshold()[0] == YOUNG_THRESHOLD
    assert gc.get_freeze_count() > 10_000  # modules, settings and URL patterns
    assert any(thread.name == "full-gc" for thread in threading.enumerate())


def test_a_full_collection_runs_periodically_in_its_own_thread(monkeypatch):
    import groupspace.gc_tuning as tuning

    full_collections = []

    def watch(phase, info):
        if phase == "stop" and info["generation"] == 2:
            full_collections.append(threading.current_thread().name)

    monkeypatch.setattr(tuning, "_collector", None)  # not the one asgi.py started
    gc.callbacks.append(watch)
    try:
        collector = tuning.start_full_collections(0.05)
        assert tuning.start_full_collections(0.05) is collector  # one per process
        deadline = time.monotonic() + 5
        while full_collections.count("full-gc") < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        gc.callbacks.remove(watch)
        collector.stop()
    assert collector.daemon and full_collections.count("full-gc") >= 2
