"""Attendance verification letters: what a participant chooses to disclose about the sessions
they attended, frozen when issued, with a code staff can check."""

import datetime as dt
import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, ngettext, pgettext_lazy

from .models import Attendance, AttendanceLetter

MAX_RANGE_DAYS = 366
# A letter's language named inside a sentence ("written in Spanish", "escrita en español").
LANGUAGE_NAMES = {
    "en": pgettext_lazy("in a sentence", "English"),
    "es": pgettext_lazy("in a sentence", "Spanish"),
}
# No 0/O or 1/I/L: a code is read aloud or typed from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def language_name(code: str) -> str:
    return str(LANGUAGE_NAMES.get(code, code))


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_code(text: str) -> str:
    """Accept the code as typed: any case, spaces or dashes anywhere."""
    raw = "".join(ch for ch in text.upper() if ch.isalnum())
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}" if len(raw) == 12 else raw


def check_range(date_from: dt.date, date_to: dt.date, today: dt.date) -> None:
    if date_from > date_to:
        raise ValidationError(gettext("The start date must be on or before the end date."))
    if date_to > today:
        raise ValidationError(gettext("A letter can only cover days that have passed."))
    if (date_to - date_from).days >= MAX_RANGE_DAYS:
        raise ValidationError(gettext("A letter can cover at most one year."))


def attended_lines(user, date_from: dt.date, date_to: dt.date) -> list[dict]:
    """The sessions attended (present or late) whose local date is in the range, in order.
    Each date is the one on the group's own calendar, where the session happened. Group names
    are left out: they can say what the person is treated for. Labels are in the active
    language (the letter's)."""
    records = (
        Attendance.objects.filter(user=user, present=True)
        .select_related("session", "session__group")
        .filter(
            session__starts_at__gte=_start_of(date_from) - dt.timedelta(days=1),
            session__starts_at__lt=_start_of(date_to) + dt.timedelta(days=2),
        )
        .order_by("session__starts_at")
    )
    lines = []
    for record in records:
        session = record.session
        zone = zoneinfo.ZoneInfo(session.group.time_zone)
        starts = timezone.localtime(session.starts_at, zone)
        ends = timezone.localtime(session.ends_at, zone)
        if not date_from <= starts.date() <= date_to:
            continue
        lines.append(
            {
                "date": starts.date().isoformat(),
                "date_label": formats.date_format(starts, gettext("l, F j, Y")),
                "time_label": _time_range(starts, ends),
                "hours": round(session.duration_minutes / 60, 2),
                "late": record.status == Attendance.Status.LATE,
            }
        )
    return lines


def _time_range(starts: dt.datetime, ends: dt.datetime) -> str:
    clock = gettext("g:i A")
    return (
        f"{formats.time_format(starts, clock)}–{formats.time_format(ends, clock)} {starts.tzname()}"
    )


def hours_label(hours: float) -> str:
    """ "5.5" or "5,5" by the active language; whole hours without decimals."""
    return f"{hours:g}".replace(".", formats.get_format("DECIMAL_SEPARATOR"))


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC)


def issue_letter(
    user, date_from: dt.date, date_to: dt.date, include_program: bool, language: str = ""
) -> AttendanceLetter:
    """Issue a letter in `language` (the active one by default: the person's, making it). It
    stays in that language whoever reads it later: it is the letter as handed over."""
    today = timezone.localdate(timezone=zoneinfo.ZoneInfo(user.time_zone))
    check_range(date_from, date_to, today)
    if not user.verified_name:
        # The letter speaks for the clinic: no name the clinic has not confirmed.
        raise ValidationError(
            gettext(
                "Your clinic has not confirmed the name for your letters yet. Ask your "
                "therapist to confirm it, then make your letter."
            )
        )
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        lines = attended_lines(user, date_from, date_to)
    content = {
        "language": language,
        "name": user.verified_name,
        "name_confirmed_on": timezone.localdate(user.verified_name_at).isoformat(),
        "issued_on": today.isoformat(),
        "program": settings.CLINIC_NAME if include_program else None,
        "lines": lines,
        "sessions": len(lines),
        "total_hours": round(sum(line["hours"] for line in lines), 2),
    }
    for _ in range(5):  # a clash among 31^12 codes is astronomically rare; retry anyway
        try:
            with transaction.atomic():
                return AttendanceLetter.objects.create(
                    code=new_code(),
                    user=user,
                    date_from=date_from,
                    date_to=date_to,
                    include_program=include_program,
                    content=content,
                )
        except IntegrityError:
            continue
    raise RuntimeError("could not find a free letter code")


def find_letter(code: str) -> AttendanceLetter | None:
    return AttendanceLetter.objects.select_related("user").filter(code=normalise_code(code)).first()


def letter_pdf(letter: AttendanceLetter) -> bytes:
    """The letter as a one-or-more-page PDF (fpdf2, core fonts: Latin-1 text only, which
    covers Spanish), in the letter's own language."""
    with translation.override(letter.language):
        return _letter_pdf(letter)


def _letter_pdf(letter: AttendanceLetter) -> bytes:
    from fpdf import FPDF

    content = letter.content
    title = gettext("Attendance verification")
    pdf = FPDF(format="Letter")
    pdf.set_lang(letter.language)
    pdf.set_title(_latin1(title))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, _latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    for paragraph in letter_paragraphs(letter):
        pdf.multi_cell(0, 6, _latin1(paragraph), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(70, 7, _latin1(gettext("Date")), border="B")
    pdf.cell(70, 7, _latin1(gettext("Time")), border="B")
    pdf.cell(0, 7, _latin1(gettext("Hours")), border="B", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    late = gettext("(arrived late)")
    for line in content["lines"]:
        pdf.cell(70, 7, _latin1(line["date_label"]))
        pdf.cell(70, 7, _latin1(line["time_label"] + (f" {late}" if line["late"] else "")))
        pdf.cell(0, 7, hours_label(line["hours"]), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.multi_cell(
        0,
        6,
        _latin1(
            gettext(
                "Verification code: %(code)s. Clinic staff can confirm this letter with this code."
            )
            % {"code": letter.code}
        ),
    )
    return bytes(pdf.output())


def letter_paragraphs(letter: AttendanceLetter) -> list[str]:
    """The letter's words, shared by the page and the PDF, in the letter's own language."""
    with translation.override(letter.language):
        return _paragraphs(letter)


def _paragraphs(letter: AttendanceLetter) -> list[str]:
    c = letter.content
    values = {
        "name": c["name"],
        "program": c["program"],
        "start": formats.date_format(letter.date_from, gettext("F j, Y")),
        "end": formats.date_format(letter.date_to, gettext("F j, Y")),
        "count": c["sessions"],
        # "1 hour", "1.5 hours", "3 hours": singular only for exactly one.
        "hours_in_all": ngettext(
            "%(hours)s hour in all", "%(hours)s hours in all", 1 if c["total_hours"] == 1 else 2
        )
        % {"hours": hours_label(c["total_hours"])},
    }
    if not c["lines"]:
        if c["program"]:
            text = gettext(
                "This letter confirms that %(name)s attended no recorded sessions at "
                "%(program)s from %(start)s to %(end)s."
            )
        else:
            text = gettext(
                "This letter confirms that %(name)s attended no recorded sessions from "
                "%(start)s to %(end)s."
            )
    elif c["program"]:
        text = ngettext(
            "This letter confirms that %(name)s attended %(count)s session at %(program)s from "
            "%(start)s to %(end)s, %(hours_in_all)s, on the date and time below.",
            "This letter confirms that %(name)s attended %(count)s sessions at %(program)s from "
            "%(start)s to %(end)s, %(hours_in_all)s, on the dates and times below.",
            c["sessions"],
        )
    else:
        text = ngettext(
            "This letter confirms that %(name)s attended %(count)s session from %(start)s to "
            "%(end)s, %(hours_in_all)s, on the date and time below.",
            "This letter confirms that %(name)s attended %(count)s sessions from %(start)s to "
            "%(end)s, %(hours_in_all)s, on the dates and times below.",
            c["sessions"],
        )
    return [text % values]


def _latin1(text: str) -> str:
    # fpdf2's core fonts cover Latin-1; replace the rest (an en dash, say) rather than fail.
    return text.replace("–", "-").encode("latin-1", "replace").decode("latin-1")
