"""A per-session CSRF token for the app's own forms (sign-out): the synchronizer token pattern."""

import hmac
import secrets

from flask import abort, request, session

FIELD = "csrf_token"


def csrf_token():
    token = session.get("csrf")
    if token is None:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


def require_csrf_token():
    """403 unless the form carries this session's token: another site cannot make the browser sign out."""
    expected = session.get("csrf")
    sent = request.form.get(FIELD, "")
    if not expected or not hmac.compare_digest(expected.encode(), sent.encode()):
        abort(403)
