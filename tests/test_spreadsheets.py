"""groupspace/spreadsheets.py, the one CSV writer: every row's columns, UTF-8 with a byte-order
mark, and nothing a spreadsheet would run as a formula."""

import csv
import io

import pytest

from groupspace.spreadsheets import csv_text


def parse(text: str) -> list[dict]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_rows_of_different_shapes_get_every_column_in_first_seen_order():
    text = csv_text([{"a": 1, "b": 2}, {"c": 3}, {"b": 4, "a": 5}])
    assert text.splitlines()[0] == "\ufeffa,b,c"
    assert parse(text) == [
        {"a": "1", "b": "2", "c": ""},
        {"a": "", "b": "", "c": "3"},
        {"a": "5", "b": "4", "c": ""},
    ]


@pytest.mark.parametrize(
    "typed",
    ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"],
)
def test_a_cell_a_spreadsheet_would_run_is_written_as_text(typed):
    assert parse(csv_text([{"note": typed}])) == [{"note": "'" + typed}]


def test_ordinary_text_numbers_and_spanish_stay_as_they_are():
    rows = [{"note": "Me siento mejor, ¡gracias!", "mood": -1, "n": 3, "x": "a=b"}]
    assert parse(csv_text(rows)) == [
        {"note": "Me siento mejor, ¡gracias!", "mood": "-1", "n": "3", "x": "a=b"}
    ]
    assert csv_text(rows).encode("utf-8").startswith(b"\xef\xbb\xbf")


def test_no_rows_is_an_empty_file_with_its_mark():
    assert csv_text([]) == "\ufeff"
