from django.contrib import admin
from django.urls import include, path

from groupspace.accounts import views as account_views
from groupspace.groups import views as group_views
from groupspace.health import healthz
from groupspace.invitations import views as invitation_views
from groupspace.jsi18n import javascript_catalog
from groupspace.moderation import views as moderation_views
from groupspace.pwa import views as pwa_views

urlpatterns = [
    path("", group_views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("manifest.webmanifest", pwa_views.manifest, name="web_manifest"),
    path("sw.js", pwa_views.service_worker, name="service_worker"),
    path("offline/", pwa_views.offline, name="offline"),
    path("jsi18n/<str:language>/", javascript_catalog, name="javascript_catalog"),
    path("profile/", account_views.profile, name="profile"),
    path("me/data/", account_views.my_data, name="my_data"),
    path("me/data/export.json", account_views.export_data_json, name="export_data_json"),
    path("me/data/export.zip", account_views.export_data_csv, name="export_data_csv"),
    path("me/close/", account_views.close_my_account, name="close_account"),
    path("groups/", group_views.group_list, name="group_list"),
    path("groups/<slug:slug>/", group_views.room, name="room"),
    path("groups/<slug:slug>/people/", group_views.people, name="group_people"),
    path(
        "groups/<slug:slug>/people/<int:membership_id>/remove/",
        group_views.remove_member,
        name="remove_member",
    ),
    path(
        "groups/<slug:slug>/people/<int:membership_id>/letter-name/",
        group_views.letter_name,
        name="letter_name",
    ),
    path(
        "groups/<slug:slug>/people/<int:membership_id>/readd/",
        group_views.readd_member,
        name="readd_member",
    ),
    path("groups/<slug:slug>/leave/", group_views.leave, name="leave_group"),
    path("groups/<slug:slug>/agreement/", group_views.accept_agreement, name="accept_agreement"),
    path("groups/<slug:slug>/settings/", group_views.room_settings, name="room_settings"),
    path("groups/<slug:slug>/invitations/", invitation_views.create, name="create_invitation"),
    path(
        "groups/<slug:slug>/invitations/<int:invitation_id>/revoke/",
        invitation_views.revoke,
        name="revoke_invitation",
    ),
    path("groups/<slug:slug>/moderation/", moderation_views.queue, name="moderation_queue"),
    path(
        "groups/<slug:slug>/moderation/alerts/<int:alert_id>/acknowledge/",
        moderation_views.acknowledge_alert,
        name="acknowledge_alert",
    ),
    path(
        "groups/<slug:slug>/moderation/reports/<int:report_id>/dismiss/",
        moderation_views.dismiss_report,
        name="dismiss_report",
    ),
    path(
        "groups/<slug:slug>/moderation/messages/<int:message_id>/approve/",
        moderation_views.approve_message,
        name="moderation_approve",
    ),
    path(
        "groups/<slug:slug>/moderation/messages/<int:message_id>/remove/",
        moderation_views.remove_message,
        name="moderation_remove",
    ),
    path(
        "groups/<slug:slug>/moderation/members/<int:user_id>/mute/",
        moderation_views.mute_member,
        name="moderation_mute",
    ),
    path("groups/<slug:slug>/audit/", moderation_views.group_audit, name="group_audit"),
    path("audit/", moderation_views.clinic_audit, name="clinic_audit"),
    path("invite/<str:token>/", invitation_views.open_invitation, name="invitation"),
    path("", include("checkins.urls")),
    path("", include("sessions_app.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
