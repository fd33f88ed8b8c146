"""Sessions attended, from the sessions app's attendance when it keeps one.

The sessions app (`sessions_app`) has no attendance model yet. Until it does, this answers
None and the evaluation skips the "sessions attended" kind. The contract for that app: a model
`sessions_app.Attendance` with a `user` foreign key and a boolean `present`; after it records
attendance it calls `checkins.milestones.evaluate.evaluate_for(user)`.
"""

from django.apps import apps


def attendance_model():
    try:
        return apps.get_model("sessions_app", "Attendance")
    except LookupError:
        return None


def attended_sessions(user) -> int | None:
    """How many sessions `user` attended, or None while attendance is not kept."""
    model = attendance_model()
    if model is None:
        return None
    return model.objects.filter(user=user, present=True).count()
