"""Sign-in with Portcullis: OpenID Connect authorization code flow with PKCE (RFC 7636, S256), state and nonce;
the ID token verified against the IdP's keys (id_token.py); the tokens kept in the server-side session."""

import logging
import secrets
import time
from urllib.parse import urlencode

from authlib.oauth2.rfc7636 import create_s256_code_challenge
from flask import Blueprint, redirect, render_template, request, session

from . import portcullis
from .csrf import csrf_token
from .id_token import verify_id_token
from .jwt_checks import InvalidToken
from .portal_api import SignInAgain, ask_portal
from .provider import TokenError
from .tokens import tokens_of

log = logging.getLogger(__name__)
blueprint = Blueprint("signin", __name__)

PENDING = "pending_sign_ins"
# A sign-in started in several tabs keeps a few attempts; each is usable once, for a few minutes.
MAX_PENDING = 5
PENDING_SECONDS = 600


def signed_in():
    return "user" in session


@blueprint.get("/")
def home():
    if not signed_in():
        return start_sign_in()
    try:
        answer = ask_portal()
    except SignInAgain:
        session.clear()
        return start_sign_in()
    return render_template("home.html", user=session["user"], answer=answer, csrf_token=csrf_token())


def start_sign_in():
    p = portcullis()
    authorization_endpoint = p.provider.endpoint("authorization_endpoint")
    state, nonce, verifier = (secrets.token_urlsafe(32) for _ in range(3))
    now = time.time()
    pending = {s: a for s, a in session.get(PENDING, {}).items() if a["at"] > now - PENDING_SECONDS}
    for oldest in sorted(pending, key=lambda s: pending[s]["at"])[:max(0, len(pending) - MAX_PENDING + 1)]:
        del pending[oldest]
    pending[state] = {"nonce": nonce, "verifier": verifier, "at": now}
    session[PENDING] = pending
    query = urlencode({
        "response_type": "code",
        "client_id": p.settings.client_id,
        "redirect_uri": p.settings.redirect_uri,
        "scope": p.settings.scopes,
        "state": state,
        "nonce": nonce,
        "code_challenge": create_s256_code_challenge(verifier),
        "code_challenge_method": "S256",
    })
    return redirect(authorization_endpoint + ("&" if "?" in authorization_endpoint else "?") + query)


@blueprint.get("/callback")
def callback():
    p = portcullis()
    state = request.args.get("state", "")
    pending = session.get(PENDING, {})
    attempt = pending.pop(state, None)
    if attempt is not None:
        session[PENDING] = pending  # each state is used once, whatever happens next
    if attempt is None or attempt["at"] <= time.time() - PENDING_SECONDS:
        # Not a sign-in this browser started (or an old one): never exchange a code we did not ask for.
        return sign_in_failed("unknown or expired state")
    if "iss" in request.args and request.args["iss"] != p.settings.issuer:
        # RFC 9207: the answer names another issuer (mix-up attack).
        return sign_in_failed("authorization response from issuer %r" % request.args["iss"])
    if "error" in request.args:
        return sign_in_failed("the IdP answered error=%s" % request.args.get("error", "")[:100])
    code = request.args.get("code")
    if not code:
        return sign_in_failed("no code in the authorization response")
    try:
        tokens = p.provider.token_request({"grant_type": "authorization_code", "code": code,
                                           "redirect_uri": p.settings.redirect_uri,
                                           "code_verifier": attempt["verifier"]},
                                          p.settings.client_id, p.settings.client_secret)
    except TokenError as e:
        return sign_in_failed(str(e))
    if str(tokens.get("token_type", "")).lower() != "bearer" or not tokens.get("access_token"):
        return sign_in_failed("the token response has no bearer access token")
    try:
        claims = verify_id_token(tokens.get("id_token"), p.provider, p.settings.client_id, attempt["nonce"],
                                 tokens["access_token"])
    except InvalidToken as e:
        return sign_in_failed("ID token refused: %s" % e)

    session.clear()
    session.renew_id()
    session["user"] = {
        "sub": claims["sub"],
        "sid": claims.get("sid"),
        "name": claims.get("name") or claims.get("preferred_username") or claims["sub"],
        "username": claims.get("preferred_username"),
        "email": claims.get("email"),
    }
    session["tokens"] = tokens_of(tokens)
    log.info("Signed in: subject %s", claims["sub"])
    return redirect("/")


def sign_in_failed(reason):
    log.warning("Sign-in did not complete: %s", reason)
    return render_template("welcome.html", sign_in_error=True), 400
