"""SITE_ORIGINS, the exact origins of the site, from the environment (groupspace/settings.py)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION = {"DEBUG": "0", "SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "groupspace.example.org"}


def settings_of(**env) -> subprocess.CompletedProcess:
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SITE_ORIGINS, settings.CSRF_TRUSTED_ORIGINS)"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "groupspace.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_defaults_to_https_on_each_allowed_host():
    result = settings_of(**PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "['https://groupspace.example.org']",
        "['https://groupspace.example.org']",
    ]


def test_site_origins_are_taken_as_given_with_their_ports():
    result = settings_of(**PRODUCTION, SITE_ORIGINS="https://gs.example.org:8443")
    assert result.returncode == 0, result.stderr
    assert "['https://gs.example.org:8443']" in result.stdout


def test_a_site_origin_that_is_not_an_origin_stops_the_start():
    for bad in ("groupspace.example.org", "ftp://gs.example.org", "https://gs.example.org/app"):
        result = settings_of(**PRODUCTION, SITE_ORIGINS=bad)
        assert result.returncode != 0, bad
        assert "SITE_ORIGINS must be origins like" in result.stderr, bad
