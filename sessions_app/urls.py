"""Sessions pages (mounted at the site root by groupspace/urls.py)."""

from django.urls import path

from .views import attendance, calendar, letters, prompts, schedule

group = "groups/<slug:slug>/"
session = group + "sessions/<int:session_id>/"

urlpatterns = [
    path(group + "sessions/", schedule.group_schedule, name="group_schedule"),
    path(group + "sessions/weekly/", schedule.add_slot, name="add_slot"),
    path(group + "sessions/weekly/<int:slot_id>/end/", schedule.end_slot, name="end_slot"),
    path(group + "sessions/extra/", schedule.add_extra, name="add_extra_session"),
    path(session, schedule.session_detail, name="session_detail"),
    path(session + "move/", schedule.move_session, name="move_session"),
    path(session + "cancel/", schedule.cancel_session, name="cancel_session"),
    path(session + "edit/", schedule.edit_session, name="edit_session"),
    path(session + "attendance/", attendance.take_attendance, name="take_attendance"),
    path(group + "prompts/", prompts.prompt_library, name="prompt_library"),
    path(group + "prompts/now/", prompts.post_prompt_now, name="post_prompt_now"),
    path(group + "prompts/schedule/", prompts.schedule_prompt, name="schedule_prompt"),
    path(
        group + "prompts/scheduled/<int:scheduled_id>/cancel/",
        prompts.unschedule_prompt,
        name="unschedule_prompt",
    ),
    path("me/attendance/", attendance.my_attendance, name="my_attendance"),
    path("me/attendance/letters/", letters.new_letter, name="new_letter"),
    path("me/attendance/letters/<str:code>/", letters.letter_detail, name="letter_detail"),
    path("me/attendance/letters/<str:code>/pdf/", letters.letter_download, name="letter_pdf"),
    path("me/attendance/letters/<str:code>/delete/", letters.delete_letter, name="delete_letter"),
    path("me/calendar/", calendar.my_calendar, name="my_calendar"),
    path("me/calendar/reset/", calendar.reset_calendar, name="reset_calendar"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
    path("verify/", letters.verify_letter, name="verify_letter"),
]
