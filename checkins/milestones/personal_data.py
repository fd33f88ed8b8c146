"""The milestones part of a person's own data export, and its erasure on account closure."""

from .models import Milestone, MilestonePreference, SobrietyDate


def export_milestones(user) -> list[dict]:
    rows = [
        {"what": "sobriety_date", "since": since}
        for since in SobrietyDate.objects.filter(user=user).values_list("since", flat=True)
    ]
    for milestone in Milestone.objects.filter(user=user).select_related("group"):
        rows.append(
            {
                "what": "milestone",
                "kind": milestone.kind,
                "label": milestone.label,
                "since": milestone.since,
                "reached_on": milestone.reached_on,
                "group": milestone.group.name if milestone.group else None,
                "note": milestone.note,
                "state": milestone.state,
            }
        )
    rows += [
        {"what": "preference", "kind": kind, "choice": choice}
        for kind, choice in MilestonePreference.objects.filter(user=user).values_list(
            "kind", "choice"
        )
    ]
    return rows


def erase_milestones(user) -> int:
    erased = SobrietyDate.objects.filter(user=user).delete()[0]
    erased += MilestonePreference.objects.filter(user=user).delete()[0]
    return erased + Milestone.objects.filter(user=user).delete()[0]
