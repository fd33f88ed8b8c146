"""Taking attendance: the group's therapists only, once a session has started; every change is
audited; what is attended feeds the milestones."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from groupspace.audit.log import log_action
from groupspace.groups.models import Membership

from .models import Attendance, Session


def require_group_therapist(user, group) -> Membership:
    membership = Membership.objects.filter(
        group=group,
        user=user,
        role=Membership.Role.THERAPIST,
        state=Membership.State.ACTIVE,
        user__is_active=True,
    ).first()
    if membership is None:
        raise PermissionDenied("Only the group's therapists take attendance.")
    return membership


def roster(session: Session) -> list[Membership]:
    """Who attendance is taken for: the group's active participants, and anyone already
    recorded for this session (someone who left since keeps their record)."""
    recorded = session.attendance.values_list("user_id", flat=True)
    return list(
        Membership.objects.select_related("user")
        .filter(group_id=session.group_id, role=Membership.Role.PARTICIPANT)
        .filter(Q(state=Membership.State.ACTIVE, user__is_active=True) | Q(user_id__in=recorded))
        .order_by("user__display_name", "user_id")
    )


def current_statuses(session: Session) -> dict[int, str]:
    return dict(session.attendance.values_list("user_id", "status"))


def record_attendance(actor, session: Session, statuses: dict[int, str]) -> int:
    """Record `statuses` (user id -> status) for the session. Returns how many changed.

    Refuses a session that has not started or was cancelled, a person not on the roster and
    an unknown status, before changing anything.
    """
    require_group_therapist(actor, session.group)
    if session.is_cancelled:
        raise ValidationError(
            gettext("This session was cancelled: there is no attendance to take.")
        )
    if session.starts_at > timezone.now():
        raise ValidationError(gettext("Attendance opens when the session starts."))
    allowed = {m.user_id: m.user for m in roster(session)}
    valid_statuses = set(Attendance.Status.values)
    for user_id, status in statuses.items():
        if user_id not in allowed:
            raise ValidationError(
                gettext("Someone on this list is not a participant of the group.")
            )
        if status not in valid_statuses:
            raise ValidationError(
                gettext("Unknown attendance status %(status)s.") % {"status": repr(status[:20])}
            )
    changed_people = []
    with transaction.atomic():
        before = {
            a.user_id: a
            for a in Attendance.objects.select_for_update().filter(
                session=session, user_id__in=statuses
            )
        }
        for user_id, status in statuses.items():
            record = before.get(user_id)
            if record is not None and record.status == status:
                continue
            previous = record.status if record is not None else None
            record = record or Attendance(session=session, user_id=user_id)
            record.status = status
            record.recorded_by = actor
            record.save()
            log_action(
                actor,
                "attendance.change" if previous else "attendance.record",
                group=session.group,
                subject_user=allowed[user_id],
                session=session.pk,
                status=status,
                previous=previous,
            )
            changed_people.append(allowed[user_id])
        transaction.on_commit(lambda: _evaluate_milestones(changed_people))
    return len(changed_people)


def _evaluate_milestones(people) -> None:
    # Sessions attended is a milestone kind; the milestones app counts present records.
    from checkins.milestones.evaluate import evaluate_for

    for person in people:
        evaluate_for(person)


def attendance_of(user):
    """A person's own record, newest first."""
    return (
        Attendance.objects.filter(user=user)
        .select_related("session", "session__group")
        .order_by("-session__starts_at")
    )
