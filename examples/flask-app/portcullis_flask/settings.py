"""The app's settings, read once from environment variables (twelve-factor style, like the Java apps)."""

import os
from dataclasses import dataclass
from urllib.parse import urlsplit


class SettingsError(ValueError):
    """A setting is missing or unusable: the app refuses to start and says which one."""


@dataclass(frozen=True)
class Settings:
    issuer: str
    client_id: str
    client_secret: str
    base_url: str
    host: str
    port: int
    portal_api_url: str
    session_cookie: str
    scopes: str = "openid profile email portal.api"
    # An app session ends after this long without a request (the IdP's back-channel logout ends it sooner).
    session_idle_seconds: int = 8 * 3600

    @property
    def redirect_uri(self):
        return self.base_url + "/callback"

    @property
    def post_logout_redirect_uri(self):
        return self.base_url + "/welcome"

    @property
    def secure_cookies(self):
        return self.base_url.startswith("https://")

    @classmethod
    def from_environment(cls, env=None):
        env = os.environ if env is None else env
        port = _port(env.get("PORT", "8084"))
        secret = env.get("FLASK_CLIENT_SECRET", "")
        if not secret:
            # Like the Java apps outside the demo profile: no built-in secret, so none can leak from the source.
            raise SettingsError("FLASK_CLIENT_SECRET is not set: the client secret the IdP issued for this app "
                                "(run.sh passes the demo one, flask-demo-secret)")
        settings = cls(
            issuer=env.get("PORTCULLIS_ISSUER", "http://localhost:9000"),
            client_id=env.get("FLASK_CLIENT_ID", "flask"),
            client_secret=secret,
            base_url=env.get("FLASK_BASE_URL", "http://localhost:%d" % port).rstrip("/"),
            host=env.get("FLASK_HOST", "127.0.0.1"),
            port=port,
            portal_api_url=env.get("PORTCULLIS_PORTAL_API_URL", "http://localhost:8081/api/me"),
            session_cookie=env.get("FLASK_SESSION_COOKIE", "FLASK_SESSION"),
        )
        for name, url in (("PORTCULLIS_ISSUER", settings.issuer), ("FLASK_BASE_URL", settings.base_url),
                          ("PORTCULLIS_PORTAL_API_URL", settings.portal_api_url)):
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise SettingsError("%s must be an http(s) URL, not %r" % (name, url))
        return settings


def _port(value):
    try:
        port = int(value)
    except ValueError:
        raise SettingsError("PORT must be a number, not %r" % value) from None
    if not 0 < port < 65536:
        raise SettingsError("PORT must be between 1 and 65535, not %d" % port)
    return port
