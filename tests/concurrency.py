"""Running one job in several threads at once, each with its own database connection, released
together by a barrier: how the tests prove that two ticks at once do the work once."""

import threading

from django.db import connections


def run_at_once(job, threads: int = 4) -> list:
    """`job()` in `threads` threads started together; their results. Raises the first error."""
    start = threading.Barrier(threads)
    results, errors = [], []

    def run():
        try:
            start.wait(timeout=10)
            results.append(job())
        except Exception as error:  # noqa: BLE001 (raised below, in the test's thread)
            errors.append(error)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=30)
    if errors:
        raise errors[0]
    return results
