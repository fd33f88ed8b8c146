"""Security headers on every page: CSP without inline code, no framing, no sniffing."""

import pytest


@pytest.mark.parametrize(
    ("persona", "url"),
    [
        (None, "/accounts/login/"),
        ("alice", "/"),
        ("alice", "/groups/evening/"),
        ("alice", "/profile/"),
        ("dana", "/groups/evening/moderation/"),
        ("sam", "/groups/"),
    ],
)
def test_security_headers(client, client_for, request, persona, url, evening):
    http = client_for(request.getfixturevalue(persona)) if persona else client
    response = http.get(url)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
