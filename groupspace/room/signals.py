"""Close sockets the moment their access ends, whichever path ended it (action, admin, shell).

A signal rather than a call in each action because the admin and the shell change
memberships too, and a socket left open after removal would be a privacy leak.
"""

from allauth.mfa.models import Authenticator
from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from groupspace.accounts.models import User
from groupspace.accounts.second_factor import second_factor_missing
from groupspace.groups.models import IOPGroup, Membership

from . import events
from .consumer import (
    CLOSE_NO_ACCESS,
    CLOSE_NOT_LOGGED_IN,
    CLOSE_RECONNECT,
    CLOSE_SECOND_FACTOR_MISSING,
)


@receiver(post_save, sender=Membership)
def close_sockets_of_changed_membership(sender, instance: Membership, **kwargs):
    if instance.state != Membership.State.ACTIVE:
        events.to_person(instance.group_id, instance.user_id, events.close_event(CLOSE_NO_ACCESS))
    elif getattr(instance, "loaded_role", instance.role) != instance.role:
        # A socket's audience follows its role: a former therapist must not keep receiving what
        # only therapists see. The client reconnects and joins as what it is now.
        events.to_person(instance.group_id, instance.user_id, events.close_event(CLOSE_RECONNECT))


@receiver(post_delete, sender=Membership)
def close_sockets_of_deleted_membership(sender, instance: Membership, **kwargs):
    events.to_person(instance.group_id, instance.user_id, events.close_event(CLOSE_NO_ACCESS))


@receiver(post_save, sender=IOPGroup)
def close_sockets_of_archived_group(sender, instance: IOPGroup, **kwargs):
    if instance.is_archived:
        events.to_room_same(instance.pk, events.close_event(CLOSE_NO_ACCESS))


@receiver(post_save, sender=User)
def close_sockets_of_deactivated_user(sender, instance: User, **kwargs):
    if not instance.is_active:
        for group_id in Membership.objects.filter(user=instance).values_list("group_id", flat=True):
            events.to_person(group_id, instance.pk, events.close_event(CLOSE_NO_ACCESS))


@receiver(post_delete, sender=Authenticator)
def close_sockets_of_care_team_without_second_factor(sender, instance: Authenticator, **kwargs):
    """A therapist or staff member who removes their last authenticator keeps no socket."""
    user = instance.user
    if second_factor_missing(user):
        for group_id in Membership.objects.filter(user=user).values_list("group_id", flat=True):
            events.to_person(group_id, user.pk, events.close_event(CLOSE_SECOND_FACTOR_MISSING))


@receiver(user_logged_out)
def close_sockets_of_ended_session(sender, request, user, **kwargs):
    """A logout (a password change logs out too) closes that login's sockets with 4401."""
    session_key = getattr(getattr(request, "session", None), "session_key", None)
    if session_key:
        events.send_on_commit(
            events.session_group(session_key), events.close_event(CLOSE_NOT_LOGGED_IN)
        )
