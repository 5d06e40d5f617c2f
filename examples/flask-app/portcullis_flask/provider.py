"""The identity provider as this app sees it: its discovery document and signing keys, read when first needed
(so the app starts whether or not the IdP is up), and its token endpoint.

HTTP goes through the standard library (urllib): python3-authlib's Flask client needs python3-requests, and this
example depends on nothing but Debian's python3-flask and python3-authlib.
"""

import base64
import json
import logging
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from authlib.jose import JsonWebKey

log = logging.getLogger(__name__)

# Answers larger than this are not what an IdP sends: refuse rather than read them into memory.
_MAX_ANSWER = 1024 * 1024
# A kid we do not know makes us fetch the keys again (the IdP rotated), but not more often than this, so a stream of
# forged tokens cannot turn this app into a JWKS-fetching loop against the IdP.
_KEY_REFRESH_INTERVAL = 30


class IdpUnavailable(Exception):
    """The IdP could not be reached or gave an answer that is not its own: try again later (503)."""


class Unreachable(Exception):
    """No HTTP answer at all: refused, timed out, not HTTP."""


class TokenError(Exception):
    """The token endpoint refused a request (an OAuth error code, RFC 6749 section 5.2)."""

    def __init__(self, error, status):
        super().__init__("token endpoint answered %s (%s)" % (status, error))
        self.error = error


class UnknownSigningKey(ValueError):
    """A token names a key the IdP does not publish."""


class Provider:
    def __init__(self, issuer, timeout=5, clock=time.monotonic):
        self.issuer = issuer
        self._timeout = timeout
        self._clock = clock
        self._metadata_lock = threading.Lock()
        self._keys_lock = threading.Lock()
        self._metadata = None
        self._keys = None
        self._keys_fetched_at = None

    def metadata(self):
        """OpenID Connect Discovery 1.0: fetched on first use and kept; a failure is not kept, the next use retries."""
        with self._metadata_lock:
            if self._metadata is None:
                document = self._get_json(self.issuer + "/.well-known/openid-configuration")
                # Section 4.3: the issuer in the document must be exactly the one we were configured with.
                if document.get("issuer") != self.issuer:
                    raise IdpUnavailable("discovery names issuer %r, expected %r" % (document.get("issuer"), self.issuer))
                self._metadata = document
            return self._metadata

    def endpoint(self, name):
        value = self.metadata().get(name)
        if not isinstance(value, str) or not value:
            raise IdpUnavailable("discovery has no " + name)
        return value

    def signing_key(self, header, payload=None):
        """The key that signed a token, by its kid: an authlib key loader (called with the JOSE header)."""
        kid = header.get("kid")
        keys = self._key_set(refresh=False)
        key = _find(keys, kid)
        if key is None:
            keys = self._key_set(refresh=True)
            key = _find(keys, kid)
        if key is None:
            raise UnknownSigningKey("no published signing key has kid %r" % kid)
        return key

    def _key_set(self, refresh):
        jwks_uri = self.endpoint("jwks_uri")
        with self._keys_lock:
            now = self._clock()
            stale = refresh and (self._keys_fetched_at is None or now - self._keys_fetched_at >= _KEY_REFRESH_INTERVAL)
            if self._keys is None or stale:
                try:
                    self._keys = JsonWebKey.import_key_set(self._get_json(jwks_uri))
                except (ValueError, KeyError, TypeError) as e:
                    raise IdpUnavailable("the JWKS at %s is not a key set (%s)" % (jwks_uri, e)) from None
                self._keys_fetched_at = now
            return self._keys

    def token_request(self, form, client_id, client_secret):
        """POST to the token endpoint with client_secret_basic (RFC 6749 section 2.3.1: both parts form-encoded)."""
        credentials = "%s:%s" % (urllib.parse.quote(client_id, safe=""), urllib.parse.quote(client_secret, safe=""))
        request = urllib.request.Request(
            self.endpoint("token_endpoint"),
            data=urllib.parse.urlencode(form).encode("ascii"),
            headers={"Authorization": "Basic " + base64.b64encode(credentials.encode("utf-8")).decode("ascii"),
                     "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
            method="POST")
        status, body = self._send(request)
        answer = _json_object(body)
        if status != 200:
            error = answer.get("error") if isinstance(answer, dict) else None
            if status >= 500 or not error:
                raise IdpUnavailable("token endpoint answered HTTP %d" % status)
            raise TokenError(error, status)
        if answer is None:
            raise IdpUnavailable("token endpoint answered something that is not JSON")
        return answer

    def _get_json(self, url):
        status, body = self._send(urllib.request.Request(url, headers={"Accept": "application/json"}))
        answer = _json_object(body)
        if status != 200 or answer is None:
            raise IdpUnavailable("GET %s answered HTTP %d%s" % (url, status, "" if answer is not None else ", not JSON"))
        return answer

    def _send(self, request):
        try:
            return send(request, self._timeout)
        except Unreachable as e:
            raise IdpUnavailable(str(e)) from None


def send(request, timeout):
    """One HTTP exchange: (status, body). An error status is an answer, not an exception; no answer is Unreachable."""
    try:
        with _NO_REDIRECTS.open(request, timeout=timeout) as response:
            return response.status, response.read(_MAX_ANSWER + 1)[:_MAX_ANSWER]
    except urllib.error.HTTPError as e:
        body = e.read(_MAX_ANSWER) if e.fp is not None else b""
        e.close()
        return e.code, body
    except (urllib.error.URLError, OSError, ValueError) as e:
        raise Unreachable("%s %s: %s" % (request.get_method(), request.full_url, getattr(e, "reason", e))) from None


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    # Token and key answers come from the configured URL, never from wherever a redirect points.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_NO_REDIRECTS = urllib.request.build_opener(_RefuseRedirects())


def _json_object(body):
    try:
        value = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def _find(key_set, kid):
    if kid is None:
        # No kid: acceptable only when there is no choice to make.
        return key_set.keys[0] if len(key_set.keys) == 1 else None
    for key in key_set.keys:
        if key.kid == kid:
            return key
    return None
