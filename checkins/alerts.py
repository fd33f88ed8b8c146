"""The rules that put a check-in in front of the group's therapists.

Support alerts (kind `support`), one per rule that a check-in meets, each raised at most once
per check-in however often it is edited:
- `asked_for_support`: "I could use support today" is ticked;
- `mood_low`: mood is 1 (the lowest);
- `craving_high`: craving is 8 or more;
- `mood_drop`: mood is 2 or more below the highest mood of the same participant's earlier
  check-ins in this group within three days (their own calendar days: the check-in's day and
  the two before it).
Crisis language in the note raises a `crisis` alert, shared or private (see `check_note`).
Every alert goes through `raise_alert`, which stores it and sends the live `alert` frame to the
group's therapists after commit.
"""

from datetime import timedelta

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from groupspace.moderation.crisis import detect_crisis
from groupspace.moderation.models import Alert
from groupspace.moderation.safety import raise_alert
from groupspace.room.models import Message

from .models import MOOD_MIN, CheckIn

CRAVING_ALERT_AT = 8
MOOD_DROP_POINTS = 2
MOOD_DROP_DAYS = 3

ASKED_FOR_SUPPORT = "asked_for_support"
MOOD_LOW = "mood_low"
CRAVING_HIGH = "craving_high"
MOOD_DROP = "mood_drop"
CRISIS_LANGUAGE = "crisis_language"

REASON_TEXT = {
    ASKED_FOR_SUPPORT: _("Could use support"),
    MOOD_LOW: _("Mood at its lowest"),
    CRAVING_HIGH: _("Strong craving"),
    MOOD_DROP: _("Mood dropped"),
    CRISIS_LANGUAGE: _("Crisis language"),
    "reported": _("Reported a message"),
}


def support_reasons(checkin: CheckIn) -> list[str]:
    """The support rules `checkin` meets, in a fixed order."""
    reasons = []
    if checkin.wants_support:
        reasons.append(ASKED_FOR_SUPPORT)
    if checkin.mood == MOOD_MIN:
        reasons.append(MOOD_LOW)
    if checkin.craving is not None and checkin.craving >= CRAVING_ALERT_AT:
        reasons.append(CRAVING_HIGH)
    if _mood_dropped(checkin):
        reasons.append(MOOD_DROP)
    return reasons


def raise_support_alerts(checkin: CheckIn) -> list[str]:
    """Raise an alert for each rule met and not yet raised for this check-in; the new reasons.

    Call inside the check-in's transaction (the alerts and their frames follow its commit).
    """
    new = [r for r in support_reasons(checkin) if r not in checkin.alert_reasons]
    for reason in new:
        raise_alert(checkin.group, Alert.Kind.SUPPORT, checkin.user, reason=reason)
    if new:
        checkin.alert_reasons = [*checkin.alert_reasons, *new]
        CheckIn.objects.filter(pk=checkin.pk).update(alert_reasons=checkin.alert_reasons)
    return new


def check_note(checkin: CheckIn, posted: Message | None) -> bool:
    """Crisis language in the note: True if there is, once a crisis alert exists for it.

    A note posted with a shared check-in was already checked by the room's posting service
    (`posted`): no second alert. Any other note, private or edited, is checked here.
    """
    if not checkin.note or detect_crisis(checkin.note) is None:
        return False
    if posted is not None and Alert.objects.filter(message=posted, kind=Alert.Kind.CRISIS).exists():
        return True
    in_room = checkin.message if checkin.note_shared else None
    raise_alert(
        checkin.group, Alert.Kind.CRISIS, checkin.user, message=in_room, reason=CRISIS_LANGUAGE
    )
    return True


def _mood_dropped(checkin: CheckIn) -> bool:
    earlier = (
        CheckIn.objects.filter(
            group_id=checkin.group_id,
            user_id=checkin.user_id,
            local_date__gte=checkin.local_date - timedelta(days=MOOD_DROP_DAYS - 1),
            local_date__lte=checkin.local_date,
            created_at__lt=checkin.created_at,
        )
        .exclude(pk=checkin.pk)
        .aggregate(highest=Max("mood"))["highest"]
    )
    return earlier is not None and earlier - checkin.mood >= MOOD_DROP_POINTS
