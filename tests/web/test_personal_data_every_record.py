"""Download my data with every kind of record (security review finding 2): both formats work
for every persona, and the CSV files parse back to what the JSON says."""

import csv
import datetime
import io
import json
import uuid
import zipfile

import pytest
from django.utils import timezone

from checkins.actions import record_checkin
from checkins.milestones.models import Milestone, MilestonePreference, SobrietyDate
from checkins.milestones.thresholds import Kind, Unit
from groupspace.moderation.models import Report
from groupspace.room.models import Reaction
from groupspace.room.posting import post_message
from sessions_app.letters import issue_letter
from sessions_app.models import Attendance, Session
from tests.checkins.conftest import checkin_values

FORMULA = '=HYPERLINK("http://example.test","click")'


@pytest.fixture
def everything(alice, bob, dana, evening):
    """Alice with one of every kind of record, some text a spreadsheet would run."""
    mine, _ = post_message(evening, alice, body=FORMULA)
    bobs, _ = post_message(evening, bob, body="bob's words")
    Reaction.objects.create(message=bobs, user=alice, emoji="❤️")
    Report.objects.create(message=bobs, reporter=alice, reason="+1 unkind")
    record_checkin(alice, evening, checkin_values(note="-private note"), uuid.uuid4())
    record_checkin(
        alice, evening, checkin_values(note="@shared", shared=True, note_shared=True), uuid.uuid4()
    )
    SobrietyDate.objects.create(user=alice, since=datetime.date(2026, 1, 1))
    MilestonePreference.objects.create(user=alice, kind=Kind.CLEAN_TIME, choice="share")
    today = datetime.date(2026, 6, 1)
    for kind, value, unit, since in [
        (Kind.CLEAN_TIME, 30, Unit.DAYS, datetime.date(2026, 1, 1)),
        (Kind.SESSIONS, 10, Unit.SESSIONS, None),
        (Kind.STREAK, 7, Unit.DAYS, datetime.date(2026, 5, 20)),
        (Kind.PHASE, 1, Unit.NONE, None),
        (Kind.GRADUATION, 0, Unit.NONE, None),
        (Kind.CUSTOM, 0, Unit.NONE, None),
    ]:
        Milestone.objects.create(
            user=alice,
            group=evening if kind not in (Kind.CLEAN_TIME, Kind.STREAK, Kind.SESSIONS) else None,
            kind=kind,
            value=value,
            unit=unit,
            since=since,
            title="Ñúñez's day" if kind == Kind.CUSTOM else "",
            reached_on=today,
        )
    starts = timezone.now() - datetime.timedelta(days=3)
    session = Session.objects.create(
        group=evening, starts_at=starts, ends_at=starts + datetime.timedelta(hours=3)
    )
    Attendance.objects.create(session=session, user=alice, status="present", recorded_by=dana)
    issue_letter(alice, starts.date(), starts.date(), False)
    return alice


def test_every_persona_downloads_both_formats(client_for, everything, bob, dana, sam, charlie):
    for person in (everything, bob, dana, sam, charlie):
        client = client_for(person)
        assert client.get("/me/data/export.json").status_code == 200, person
        response = client.get("/me/data/export.zip")
        assert response.status_code == 200, person
        zipfile.ZipFile(io.BytesIO(response.content)).testzip()


def test_the_csv_files_hold_what_the_json_holds(client_for, everything):
    client = client_for(everything)
    data = json.loads(client.get("/me/data/export.json").content)
    archive = zipfile.ZipFile(io.BytesIO(client.get("/me/data/export.zip").content))
    for section in ("checkins", "milestones", "attendance", "attendance_letters", "reports"):
        assert data[section], f"the persona has no {section}"
    for name, rows in data.items():
        raw = archive.read(f"{name}.csv").decode("utf-8")
        assert raw.startswith("\ufeff"), name  # so Excel reads it as UTF-8
        parsed = list(csv.DictReader(io.StringIO(raw[1:])))
        assert len(parsed) == len(rows), name
        for row, back in zip(rows, parsed, strict=True):
            for key, value in row.items():
                shown = "" if value is None else str(value)
                if shown.startswith(("=", "+", "-", "@")):
                    shown = "'" + shown  # written as text, not as a formula
                if isinstance(value, str) and value[:4].isdigit() and "T" in value:
                    continue  # a datetime: JSON and CSV each write it their own way
                assert back[key] == shown, (name, key)


def test_rows_of_different_shapes_share_one_file(client_for, everything):
    archive = zipfile.ZipFile(io.BytesIO(client_for(everything).get("/me/data/export.zip").content))
    rows = list(csv.DictReader(io.StringIO(archive.read("milestones.csv").decode()[1:])))
    assert {row["what"] for row in rows} == {"sobriety_date", "milestone", "preference"}
    assert "Ñúñez's day" in {row["label"] for row in rows}
