"""The cyclic garbage collector, tuned for a long-running server process.

A server holding thousands of sockets keeps hundreds of thousands of live objects, and a full
collection walks them all: under `make bench`, these pauses were the slowest deliveries (117
to 160 ms at 50 messages/s). So what was loaded at start-up (modules, settings, URL patterns)
is frozen out of every collection, and the youngest generation is collected after 5,000
allocations instead of 700, which makes the walks of the older generations rarer too: the
slowest delivery fell to 28 to 36 ms, the p99 unchanged. Not higher: at 50,000, cyclic garbage
lived long enough to be promoted, and memory grew by about 1 MiB a minute under `make soak`
(bench/README.md has the runs). Freezing alone did not shorten the pauses.
"""

import gc

YOUNG_THRESHOLD = 5_000


def tune_for_server() -> None:
    gc.collect()
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, older, oldest)
