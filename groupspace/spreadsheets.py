"""The project's one CSV writer: every table a person or a clinic downloads goes through it.

- The columns are every key of every row, in the order first seen, so rows of different shapes
  share one file (a missing value is an empty cell) and no export can fail on its data.
- UTF-8 with a byte-order mark, or Excel reads Spanish text as mojibake.
- A text cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a
  tab or a carriage return) is written with a leading apostrophe, so it shows as the text it
  was (OWASP, "CSV Injection").
"""

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BYTE_ORDER_MARK = "\ufeff"


def columns(rows: Iterable[dict]) -> list[str]:
    """Every key of every row, in the order first seen."""
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def as_text(value) -> object:
    """`value` as a spreadsheet will show it, never as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(rows: list[dict]) -> str:
    """`rows` as CSV text, byte-order mark first (encode it as UTF-8)."""
    out = io.StringIO()
    out.write(BYTE_ORDER_MARK)
    fields = columns(rows)
    if fields:
        writer = csv.DictWriter(out, fieldnames=fields, restval="")
        writer.writeheader()
        writer.writerows({key: as_text(value) for key, value in row.items()} for row in rows)
    return out.getvalue()
