"""OpenID Connect Back-Channel Logout 1.0, the receiving side: the rules a logout token must pass (section 2.6)
before any session ends, and the memory of tokens already used.

A logout token is accepted only when it is a JWS signed by a key the IdP publishes (ALGORITHMS), and
  - iss is the issuer, aud contains our client id,
  - iat is present (and not in the future) and exp is present and not past (a token without exp is refused:
    it would be valid for ever, and a jti could never be forgotten),
  - it names sub or sid (or both),
  - events holds the member http://schemas.openid.net/event/backchannel-logout, a JSON object,
  - it has no nonce (which would make it an ID token),
  - its jti has not been seen before: each jti is remembered until the token's exp, so a replay is refused.
"""

import threading
import time
from dataclasses import dataclass

from authlib.jose.errors import JoseError

from .jwt_checks import LEEWAY_SECONDS, InvalidToken, decode

BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout"


@dataclass(frozen=True)
class LogoutRequest:
    """Whose sessions to end: the IdP session sid when named, else every session of sub."""
    sub: str = None
    sid: str = None


class SeenTokenIds:
    """Remembers the jti of each accepted logout token until it expires (then the token is refused by its exp anyway).

    In memory: one process. Several instances of an app would share it (a database table with a unique key).
    """

    def __init__(self, clock=time.time):
        self._clock = clock
        self._lock = threading.Lock()
        self._until = {}

    def first_use(self, jti, exp):
        """True the first time a jti is presented, False on every later presentation while it could still be valid."""
        with self._lock:
            now = self._clock()
            self._until = {seen: until for seen, until in self._until.items() if until >= now}
            if jti in self._until:
                return False
            self._until[jti] = exp + LEEWAY_SECONDS
            return True


class LogoutTokenVerifier:
    def __init__(self, provider, client_id, seen=None, clock=time.time):
        self._provider = provider
        self._client_id = client_id
        self._seen = seen if seen is not None else SeenTokenIds(clock)
        self._clock = clock

    def verify(self, token):
        """The sessions to end, or InvalidToken naming the first rule the token broke."""
        claims = decode(token, self._provider.signing_key,
                        claims_options={"iss": {"essential": True, "value": self._provider.issuer},
                                        "aud": {"essential": True, "value": self._client_id},
                                        "iat": {"essential": True}, "exp": {"essential": True},
                                        "jti": {"essential": True}})
        now = int(self._clock())
        try:
            claims.validate(now=now, leeway=LEEWAY_SECONDS)
        except JoseError as e:
            raise InvalidToken("claim: %s" % (e.description or e.error)) from None
        if claims["iat"] > now + LEEWAY_SECONDS:
            raise InvalidToken("claim: iat is in the future")
        sub, sid = claims.get("sub"), claims.get("sid")
        if not _text(sub) and not _text(sid):
            raise InvalidToken("claim: neither sub nor sid")
        if (sub is not None and not _text(sub)) or (sid is not None and not _text(sid)):
            raise InvalidToken("claim: sub and sid must be strings")
        events = claims.get("events")
        if not isinstance(events, dict) or not isinstance(events.get(BACKCHANNEL_LOGOUT_EVENT), dict):
            raise InvalidToken("claim: events has no back-channel logout event")
        if "nonce" in claims:
            raise InvalidToken("claim: nonce present (an ID token is not a logout token)")
        if not _text(claims["jti"]):
            raise InvalidToken("claim: jti must be a string")
        # Last, so that only a token that passed every other rule takes up memory.
        if not self._seen.first_use(claims["jti"], claims["exp"]):
            raise InvalidToken("replayed: this jti was already used")
        return LogoutRequest(sub=sub, sid=sid)


def _text(value):
    return isinstance(value, str) and value != ""
