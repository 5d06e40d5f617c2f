"""A Flask app that signs in with Portcullis: OpenID Connect authorization code with PKCE, back-channel logout,
RP-initiated logout. Built on Debian's python3-flask and python3-authlib only. See README.md."""

import logging
from dataclasses import dataclass

from flask import Flask

from .logout_token import LogoutTokenVerifier
from .provider import Provider
from .sessions import ServerSideSessionInterface, SessionStore
from .settings import Settings


@dataclass(frozen=True)
class Portcullis:
    """What the views share: set up once in create_app, found through current_app.extensions."""
    settings: Settings
    provider: Provider
    sessions: SessionStore
    logout_tokens: LogoutTokenVerifier


def create_app(settings, provider=None):
    app = Flask(__name__)
    provider = provider or Provider(settings.issuer)
    store = SessionStore(settings.session_idle_seconds)
    app.extensions["portcullis"] = Portcullis(settings, provider, store,
                                              LogoutTokenVerifier(provider, settings.client_id))
    app.session_interface = ServerSideSessionInterface(store, settings.session_cookie, settings.secure_cookies)
    # A logout token or a form is small; anything bigger is refused (413) before it is read.
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
    # Never a debugger or a stack trace in a page (Flask's default without debug, said out loud).
    app.config["PROPAGATE_EXCEPTIONS"] = False
    app.logger.setLevel(logging.INFO)

    from . import pages, signin, signout
    app.register_blueprint(signin.blueprint)
    app.register_blueprint(signout.blueprint)
    app.register_blueprint(pages.blueprint)
    return app


def portcullis():
    from flask import current_app
    return current_app.extensions["portcullis"]
