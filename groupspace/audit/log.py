from groupspace.audit.models import AuditEntry


def log_action(actor, action: str, *, group=None, subject_user=None, **details) -> AuditEntry:
    """Write one audit entry. Call inside the transaction of the act it records."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        group=group,
        subject_user=subject_user,
        details=details,
    )
