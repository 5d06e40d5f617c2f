"""Signing out: here (RP-initiated logout, OpenID Connect RP-Initiated Logout 1.0) and from the IdP (OpenID Connect
Back-Channel Logout 1.0: the IdP POSTs a logout token, logout_token.py says which are accepted)."""

import logging
from urllib.parse import urlencode

from flask import Blueprint, jsonify, make_response, redirect, render_template, request, session

from . import portcullis
from .csrf import csrf_token, require_csrf_token
from .jwt_checks import InvalidToken
from .provider import IdpUnavailable

log = logging.getLogger(__name__)
blueprint = Blueprint("signout", __name__)


@blueprint.get("/logout")
def confirm_sign_out():
    """A GET never signs out (a link or an image on another site could send it): it asks, and the button POSTs."""
    if "user" not in session:
        return redirect("/welcome")
    return render_template("logout.html", csrf_token=csrf_token())


@blueprint.post("/logout")
def sign_out():
    require_csrf_token()
    id_token = session.get("tokens", {}).get("id_token")
    session.clear()  # this app's session ends now, whatever the IdP says
    if not id_token:
        return redirect("/welcome")
    p = portcullis()
    try:
        end_session_endpoint = p.provider.endpoint("end_session_endpoint")
    except IdpUnavailable as e:
        log.warning("Signed out here only, the IdP is unavailable: %s", e)
        return redirect("/welcome?idp-unavailable")
    # The IdP ends its session (and tells the other apps), then sends the browser to our public page: only
    # because that address is registered for this app, character for character.
    query = urlencode({"id_token_hint": id_token, "post_logout_redirect_uri": p.settings.post_logout_redirect_uri,
                       "client_id": p.settings.client_id})
    return redirect(end_session_endpoint + ("&" if "?" in end_session_endpoint else "?") + query)


@blueprint.post("/backchannel-logout")
def back_channel_logout():
    """Section 2.5 and 2.8: a form POST with logout_token; 200 when the sessions ended, 400 for a token we refuse."""
    tokens = request.form.getlist("logout_token") if request.mimetype == "application/x-www-form-urlencoded" else []
    if len(tokens) != 1:
        return refused("expected one logout_token in a form-encoded body")
    p = portcullis()
    try:
        logout = p.logout_tokens.verify(tokens[0])
    except InvalidToken as e:
        return refused(str(e))
    except IdpUnavailable as e:
        # Its keys could not be read: not the token's fault; the IdP tries again.
        log.warning("Back-channel logout postponed, the IdP's keys are unavailable: %s", e)
        return no_store(jsonify(error="temporarily_unavailable")), 503

    def of_this_logout(data):
        user = data.get("user")
        if not user:
            return False
        if logout.sid is not None:
            return user.get("sid") == logout.sid and (logout.sub is None or user.get("sub") == logout.sub)
        return user.get("sub") == logout.sub

    ended = p.sessions.end_where(of_this_logout)
    log.info("Back-channel logout: ended %d session(s) of subject %s", ended, logout.sub)
    return no_store(make_response("")), 200


def refused(reason):
    log.warning("Refused a back-channel logout request: %s", reason)
    return no_store(jsonify(error="invalid_request", error_description=reason)), 400


def no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response
