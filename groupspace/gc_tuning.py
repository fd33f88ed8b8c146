"""The cyclic garbage collector, tuned for a long-running server process.

A server holding thousands of sockets keeps hundreds of thousands of live objects, and a full
collection walks them all: under `make bench`, these pauses were the slowest deliveries (117
to 160 ms at 50 messages/s). So what was loaded at start-up (modules, settings, URL patterns)
is frozen out of every collection, and the youngest generation is collected after 5,000
allocations instead of 700, which makes the walks of the older generations rarer too: the
slowest delivery fell to 28 to 36 ms, the p99 unchanged. Not higher: at 50,000, cyclic garbage
lived long enough to be promoted, and memory grew by about 1 MiB a minute under `make soak`
(bench/README.md has the runs). Freezing alone did not shorten the pauses.

And a full collection runs every minute: under reconnect churn each closed socket leaves
cyclic garbage that has lived long enough to reach the oldest generation, and the collector's
own rule left it there: `make soak` memory grew by 0.7 to 0.9 MiB a minute per process; with
a full collection every minute, 0.06 (bench/README.md, "What the soak found").
"""

import gc
import threading

YOUNG_THRESHOLD = 5_000
FULL_COLLECTION_EVERY_SECONDS = 60.0


def tune_for_server() -> None:
    gc.collect()
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, older, oldest)
    start_full_collections(FULL_COLLECTION_EVERY_SECONDS)


class FullCollections(threading.Thread):
    """A daemon thread that runs `gc.collect()` every `every_seconds` until `stop()`."""

    def __init__(self, every_seconds: float):
        super().__init__(name="full-gc", daemon=True)
        self.every_seconds = every_seconds
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.every_seconds):
            gc.collect()

    def stop(self) -> None:
        self.stopped.set()
        self.join()


_collector: FullCollections | None = None


def start_full_collections(every_seconds: float) -> FullCollections:
    """The process's one collector thread, started if it is not running."""
    global _collector
    if _collector is None or not _collector.is_alive():
        _collector = FullCollections(every_seconds)
        _collector.start()
    return _collector
