"""Check-in pages (mounted at the site root by groupspace/urls.py)."""

from django.urls import path

from . import views
from .milestones import views as milestones

urlpatterns = [
    path("groups/<slug:slug>/checkin/", views.checkin, name="checkin"),
    path("groups/<slug:slug>/checkins/dashboard/", views.dashboard, name="checkin_dashboard"),
    path(
        "groups/<slug:slug>/checkins/dashboard/live/",
        views.dashboard_live,
        name="checkin_dashboard_live",
    ),
    path(
        "groups/<slug:slug>/checkins/people/<int:user_id>/",
        views.participant_history,
        name="participant_checkins",
    ),
    path(
        "groups/<slug:slug>/checkins/alerts/<int:alert_id>/acknowledge/",
        views.acknowledge_alert,
        name="checkin_acknowledge_alert",
    ),
    path(
        "groups/<slug:slug>/checkins/reminder-time/",
        views.reminder_time,
        name="checkin_reminder_time",
    ),
    path(
        "groups/<slug:slug>/milestones/people/<int:user_id>/",
        milestones.participant_progress,
        name="participant_milestones",
    ),
    path("me/milestones/", milestones.my_progress, name="my_milestones"),
    path("me/milestones/sobriety-date/", milestones.sobriety_date, name="milestone_sobriety_date"),
    path("me/milestones/decide/", milestones.decide, name="milestone_decide"),
    path("me/milestones/preferences/", milestones.preferences, name="milestone_preferences"),
    path("me/checkins/", views.my_checkins, name="my_checkins"),
    path("me/checkins/sharing/", views.sharing_default, name="checkin_sharing_default"),
    path("me/checkins/<int:checkin_id>/", views.my_checkin, name="my_checkin"),
    path("me/checkins/<int:checkin_id>/edit/", views.edit_checkin, name="edit_checkin"),
    path("me/checkins/<int:checkin_id>/delete/", views.delete_checkin, name="delete_checkin"),
]
