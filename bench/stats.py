"""Small numeric helpers shared by the clients and the report."""

import math


def percentile(ordered: list[float], fraction: float) -> float:
    """The value below which `fraction` of the sorted sample lies (nearest rank)."""
    if not ordered:
        return 0.0
    rank = max(0, min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1))
    return ordered[rank]


def latency_summary(seconds: list[float], prefix: str = "") -> dict[str, float]:
    """p50/p95/p99/max in milliseconds."""
    ordered = sorted(seconds)
    return {
        f"{prefix}p50_ms": round(percentile(ordered, 0.50) * 1000, 1),
        f"{prefix}p95_ms": round(percentile(ordered, 0.95) * 1000, 1),
        f"{prefix}p99_ms": round(percentile(ordered, 0.99) * 1000, 1),
        f"{prefix}max_ms": round((ordered[-1] if ordered else 0.0) * 1000, 1),
    }


def slope_per_minute(samples: list[tuple[float, float]]) -> float:
    """Least-squares slope of (seconds, value) samples, per minute (0 with fewer than 2)."""
    if len(samples) < 2:
        return 0.0
    n = len(samples)
    mean_t = sum(t for t, _ in samples) / n
    mean_v = sum(v for _, v in samples) / n
    spread = sum((t - mean_t) ** 2 for t, _ in samples)
    if spread == 0:
        return 0.0
    return 60 * sum((t - mean_t) * (v - mean_v) for t, v in samples) / spread
