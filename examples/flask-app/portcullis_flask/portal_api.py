"""Calls the portal's API with the signed-in person's access token, renewing it with the refresh token when it has
expired (refresh tokens rotate: the new one replaces the old)."""

import json
import logging
import time
import urllib.request
from dataclasses import dataclass

from flask import session

from . import portcullis
from .id_token import verify_id_token
from .jwt_checks import InvalidToken
from .provider import TokenError, Unreachable, send
from .tokens import tokens_of

log = logging.getLogger(__name__)

# Renew a little before the access token expires, so it does not expire on its way to the portal.
_EARLY_SECONDS = 30


class SignInAgain(Exception):
    """The grant is gone (revoked, expired, the person disabled): only a new sign-in helps."""


@dataclass(frozen=True)
class PortalAnswer:
    ok: bool
    message: str
    details: dict


def ask_portal():
    p = portcullis()
    request = urllib.request.Request(p.settings.portal_api_url, headers={
        "Authorization": "Bearer " + fresh_access_token(), "Accept": "application/json"})
    try:
        status, body = send(request, timeout=5)
    except Unreachable as e:
        log.warning("The portal's API did not answer: %s", e)
        return PortalAnswer(False, "The portal's API could not be reached.", {})
    if status != 200:
        return PortalAnswer(False, "The portal's API answered HTTP %d." % status, {})
    try:
        me = json.loads(body.decode("utf-8"))
        username = me["username"]
    except (ValueError, KeyError, TypeError):
        return PortalAnswer(False, "The portal's API answered something unexpected.", {})
    return PortalAnswer(True, "The portal's API says you are %s." % username, me)


def fresh_access_token():
    tokens = session["tokens"]
    if tokens["expires_at"] - _EARLY_SECONDS > time.time():
        return tokens["access_token"]
    if not tokens.get("refresh_token"):
        raise SignInAgain()
    p = portcullis()
    try:
        answer = p.provider.token_request({"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
                                          p.settings.client_id, p.settings.client_secret)
        if answer.get("id_token"):
            # The IdP replaces the grant's ID token on refresh; the new one is the hint sign-out must send.
            claims = verify_id_token(answer["id_token"], p.provider, p.settings.client_id, nonce=None)
            if claims["sub"] != session["user"]["sub"]:
                raise InvalidToken("refreshed ID token names another subject")
    except (TokenError, InvalidToken, KeyError) as e:
        log.info("Could not renew the access token (%s): signing in again", e)
        raise SignInAgain() from None
    session["tokens"] = tokens_of(answer, tokens)
    return session["tokens"]["access_token"]
