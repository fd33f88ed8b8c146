"""The server's entry point tunes the garbage collector (groupspace/gc_tuning.py says why)."""

import gc

from groupspace.gc_tuning import YOUNG_THRESHOLD


def test_the_asgi_application_runs_with_rarer_collections_and_start_up_frozen():
    import groupspace.asgi  # noqa: F401 (what Daphne imports)

    assert gc.get_threshold()[0] == YOUNG_THRESHOLD
    assert gc.get_freeze_count() > 10_000  # modules, settings and URL patterns
