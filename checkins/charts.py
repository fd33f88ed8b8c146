"""Numbers for the server-rendered SVG charts: history charts and dashboard sparklines.

Each measure gets its own small chart with its own title and axis labels, so nothing depends on
telling colours apart; every chart also has a text summary for its accessible name, and the
pages offer the same numbers as a table.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format, get_format
from django.utils.translation import gettext, ngettext

from .models import CheckIn

# Chart geometry, in SVG user units (the SVG scales to its box).
WIDTH, HEIGHT = 320, 120
LEFT, RIGHT, TOP, BOTTOM = 30, 8, 8, 22
SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 160, 40, 4


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    day: date
    value: float


@dataclass(frozen=True)
class Chart:
    title: str
    points: list[Point]
    line: str  # the polyline's "x,y x,y ..."
    gridlines: list[tuple[float, str]]  # (y, label)
    start: date
    end: date
    summary: str
    width: int
    height: int


def daily_means(checkins: Iterable[CheckIn], measure: str) -> dict[date, float]:
    """The mean of `measure` per calendar day, skipping check-ins without it (craving)."""
    per_day: dict[date, list[int]] = defaultdict(list)
    for checkin in checkins:
        value = getattr(checkin, measure)
        if value is not None:
            per_day[checkin.local_date].append(value)
    return {day: round(sum(v) / len(v), 1) for day, v in sorted(per_day.items())}


def line_chart(
    title: str, values: dict[date, float], start: date, end: date, low: int, high: int
) -> Chart:
    """A history chart of one measure from `start` to `end` (inclusive) on a `low`..`high` scale."""
    box = (LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM)
    points = _place(values, start, end, low, high, box)
    gridlines = [(_y(v, low, high, box), str(v)) for v in (high, (low + high) // 2, low)]
    return Chart(
        title=title,
        points=points,
        line=_line(points),
        gridlines=gridlines,
        start=start,
        end=end,
        summary=summarise(title, values, start, end, high),
        width=WIDTH,
        height=HEIGHT,
    )


def sparkline(
    title: str, values: dict[date, float], start: date, end: date, low: int, high: int
) -> Chart:
    """A tiny trend line without axes, for the dashboard; its summary says what it shows."""
    box = (SPARK_PAD, SPARK_PAD, SPARK_WIDTH - SPARK_PAD, SPARK_HEIGHT - SPARK_PAD)
    points = _place(values, start, end, low, high, box)
    return Chart(
        title=title,
        points=points,
        line=_line(points),
        gridlines=[],
        start=start,
        end=end,
        summary=summarise(title, values, start, end, high),
        width=SPARK_WIDTH,
        height=SPARK_HEIGHT,
    )


def summarise(title: str, values: dict[date, float], start: date, end: date, high: int) -> str:
    """One sentence with what the chart shows, for screen readers and tooltips."""
    span = (end - start).days + 1
    if not values:
        return gettext("%(title)s, last %(span)d days: no check-ins.") % {
            "title": title,
            "span": span,
        }
    numbers = list(values.values())
    latest_day = max(values)
    average = sum(numbers) / len(numbers)
    return ngettext(
        "%(title)s, last %(span)d days: %(days)d day with a check-in, lowest %(lowest)s, "
        "highest %(highest)s, average %(average)s out of %(high)d; latest %(latest)s on "
        "%(latest_day)s.",
        "%(title)s, last %(span)d days: %(days)d days with a check-in, lowest %(lowest)s, "
        "highest %(highest)s, average %(average)s out of %(high)d; latest %(latest)s on "
        "%(latest_day)s.",
        len(numbers),
    ) % {
        "title": title,
        "span": span,
        "days": len(numbers),
        "lowest": _decimal(f"{min(numbers):g}"),
        "highest": _decimal(f"{max(numbers):g}"),
        "average": _decimal(f"{average:.1f}"),
        "high": high,
        "latest": _decimal(f"{values[latest_day]:g}"),
        "latest_day": date_format(latest_day, gettext("M j")),
    }


def _decimal(number: str) -> str:
    """A formatted number with the language's decimal separator ("3,5" in Spanish)."""
    return number.replace(".", get_format("DECIMAL_SEPARATOR"))


def _place(values, start, end, low, high, box) -> list[Point]:
    left, _, right, _ = box
    days = max((end - start).days, 1)
    return [
        Point(
            x=round(left + (day - start).days / days * (right - left), 1),
            y=_y(value, low, high, box),
            day=day,
            value=value,
        )
        for day, value in sorted(values.items())
        if start <= day <= end
    ]


def _y(value: float, low: int, high: int, box) -> float:
    _, top, _, bottom = box
    return round(bottom - (value - low) / (high - low) * (bottom - top), 1)


def _line(points: list[Point]) -> str:
    return " ".join(f"{p.x},{p.y}" for p in points)
