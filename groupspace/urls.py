from django.contrib import admin
from django.urls import include, path

from groupspace.accounts import views as account_views
from groupspace.groups import views as group_views
from groupspace.invitations import views as invitation_views

urlpatterns = [
    path("", group_views.home, name="home"),
    path("profile/", account_views.profile, name="profile"),
    path("groups/", group_views.group_list, name="group_list"),
    path("groups/<slug:slug>/", group_views.room, name="room"),
    path("groups/<slug:slug>/people/", group_views.people, name="group_people"),
    path(
        "groups/<slug:slug>/people/<int:membership_id>/remove/",
        group_views.remove_member,
        name="remove_member",
    ),
    path("groups/<slug:slug>/leave/", group_views.leave, name="leave_group"),
    path("groups/<slug:slug>/invitations/", invitation_views.create, name="create_invitation"),
    path(
        "groups/<slug:slug>/invitations/<int:invitation_id>/revoke/",
        invitation_views.revoke,
        name="revoke_invitation",
    ),
    path("invite/<str:token>/", invitation_views.open_invitation, name="invitation"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
