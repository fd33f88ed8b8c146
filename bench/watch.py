"""The processes a measurement watches: the Daphne servers under test, the run's own Redis,
the database's backends and this client itself (to tell a saturated client from a slow server)."""

import os
from dataclasses import dataclass

from .procstats import CpuMeter, postgres_backends, total_rss_kib


@dataclass
class Watched:
    servers: list[int]
    redis: int | None = None
    database: str | None = None

    def server_rss_kib(self) -> int:
        return total_rss_kib(self.servers)

    def start(self) -> dict[str, CpuMeter]:
        meters = {
            "server": CpuMeter(lambda: self.servers),
            "client": CpuMeter(lambda: [os.getpid()]),
        }
        if self.redis:
            meters["redis"] = CpuMeter(lambda: [self.redis])
        if self.database:
            meters["postgres"] = CpuMeter(lambda: postgres_backends(self.database))
        return meters


def cpu_used(meters: dict[str, CpuMeter]) -> dict[str, float]:
    return {name: meter.seconds() for name, meter in meters.items()}
