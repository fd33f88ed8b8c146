"""Failed logins: stop a password guesser without letting a stranger lock anyone out.

allauth counts failed logins per client address and per a key. The key here is the pair
(address, account), so five wrong passwords for an account lock that account out from that
address only: its owner, elsewhere, still logs in. Each address is also limited across all
accounts (`ACCOUNT_RATE_LIMITS` in settings). There is no lock per account alone, since a
stranger who knows an email address could renew it forever; instead the owner is told by
email when their account sees many failures in an hour, once a day at most.
"""

from django.core.cache import cache

from .models import User

NOTICE_AFTER_FAILURES = 20
FAILURE_WINDOW_SECONDS = 3600
NOTICE_AT_MOST_EVERY_SECONDS = 24 * 3600


def attempts_key(client_ip: str, login: str) -> str:
    return f"{client_ip}|{login.strip().lower()}"


def record_failure(adapter, request, login: str) -> None:
    """Count a failed login for `login`'s account; at the threshold, tell its owner."""
    user = User.objects.filter(email__iexact=login.strip(), is_active=True).first()
    if user is None:
        return
    key = f"login-failures:{user.pk}"
    cache.add(key, 0, FAILURE_WINDOW_SECONDS)
    failures = cache.incr(key)
    if failures < NOTICE_AFTER_FAILURES:
        return
    if cache.add(f"login-failures-noticed:{user.pk}", 1, NOTICE_AT_MOST_EVERY_SECONDS):
        adapter.send_mail(
            "account/email/failed_logins", user.email, {"user": user, "failures": failures}
        )
