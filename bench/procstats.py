"""Server-side figures read from /proc: resident memory and CPU time of processes by pid.

The load client and the servers share this machine, so these are read directly rather than
estimated; nothing here signals or changes a process.
"""

import os
from collections.abc import Callable
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def rss_kib(pid: int) -> int:
    """Resident memory of one process in KiB (0 if it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of one process so far (0 if it is gone)."""
    try:
        # The command name may contain spaces or parentheses: split after the last ")".
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


def total_rss_kib(pids: list[int]) -> int:
    return sum(rss_kib(pid) for pid in pids)


def total_cpu_seconds(pids: list[int]) -> float:
    return sum(cpu_seconds(pid) for pid in pids)


def postgres_backends(database: str) -> list[int]:
    """PostgreSQL backend processes serving `database` (their title names it).

    Read only, to attribute database CPU to the run; connections come and go, so callers
    re-read this at each measurement.
    """
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if title.startswith("postgres: ") and f" {database} " in title:
            pids.append(int(entry.name))
    return pids


class CpuMeter:
    """CPU seconds used by a changing set of processes between two readings.

    Per-pid readings: a process that appears in between (a new database backend) counts
    from its start; one that is gone by the end is not counted (rare: backends are kept).
    """

    def __init__(self, pids_now: Callable[[], list[int]]):
        self.pids_now = pids_now  # the pids to watch right now
        self.start = self._read()

    def _read(self) -> dict[int, float]:
        return {pid: cpu_seconds(pid) for pid in self.pids_now()}

    def seconds(self) -> float:
        end = self._read()
        return sum(max(0.0, cpu - self.start.get(pid, 0.0)) for pid, cpu in end.items())
