"""A stand-in for the IdP's public side, served over real HTTP on loopback: discovery and a JWKS with one RSA key.
It signs whatever token a test needs, valid or deliberately wrong."""

import base64
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from authlib.jose import JsonWebKey, jwt

from portcullis_flask.logout_token import BACKCHANNEL_LOGOUT_EVENT

CLIENT_ID = "flask"


class FakeIdp:
    def __init__(self):
        self.key = JsonWebKey.generate_key("RSA", 2048, is_private=True, options={"kid": "key-1"})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = "http://127.0.0.1:%d" % self._server.server_port
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self):
        self._server.shutdown()
        self._server.server_close()

    def _handler(self):
        idp = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/.well-known/openid-configuration":
                    body = {"issuer": idp.issuer, "jwks_uri": idp.issuer + "/oauth2/jwks",
                            "authorization_endpoint": idp.issuer + "/oauth2/authorize",
                            "token_endpoint": idp.issuer + "/oauth2/token",
                            "end_session_endpoint": idp.issuer + "/connect/logout"}
                elif self.path == "/oauth2/jwks":
                    body = {"keys": [idp.key.as_dict(is_private=False)]}
                else:
                    self.send_error(404)
                    return
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        return Handler

    def logout_claims(self, **changes):
        """A valid logout token's claims (section 2.4), with changes; a change to None leaves the claim out."""
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": [CLIENT_ID], "iat": now, "exp": now + 120, "jti": str(uuid.uuid4()),
                  "sub": "alice-id", "sid": "sid-1", "events": {BACKCHANNEL_LOGOUT_EVENT: {}}}
        claims.update(changes)
        return {name: value for name, value in claims.items() if value is not None}

    def sign(self, claims, key=None, header=None):
        key = key or self.key
        return jwt.encode(dict({"alg": "RS256", "kid": key.kid, "typ": "logout+jwt"}, **(header or {})), claims,
                          key).decode("ascii")

    def logout_token(self, **changes):
        return self.sign(self.logout_claims(**changes))


def unsigned(claims, alg="none"):
    """A token with no signature at all (alg none)."""
    def part(value):
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()
    return part({"alg": alg, "kid": "key-1"}) + "." + part(claims) + "."
