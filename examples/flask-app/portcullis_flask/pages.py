"""The public pages, the health check, the error pages and the headers every answer carries."""

import logging
from urllib.parse import urlsplit

from flask import Blueprint, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from . import portcullis
from .provider import IdpUnavailable

log = logging.getLogger(__name__)
blueprint = Blueprint("pages", __name__)

_MESSAGES = {
    400: "That request was not understood.",
    403: "That request was refused: the page it came from has expired. Go back, reload and try again.",
    404: "There is no such page here.",
    405: "That page does not take this kind of request.",
    413: "That request is too large.",
    503: "Portcullis, the sign-in service, cannot be reached right now. Please try again in a moment.",
}


@blueprint.get("/welcome")
def welcome():
    return render_template("welcome.html", idp_unavailable="idp-unavailable" in request.args)


@blueprint.get("/actuator/health")
def health():
    # The path the Java apps answer on, so run.sh and the e2e tests check every app alike.
    return jsonify(status="UP")


@blueprint.app_errorhandler(HTTPException)
def http_error(error):
    return error_page(error.code or 500)


@blueprint.app_errorhandler(IdpUnavailable)
def idp_unavailable(error):
    log.warning("The IdP is unavailable: %s", error)
    return error_page(503)


@blueprint.app_errorhandler(Exception)
def unexpected(error):
    # The stack trace goes to the log, never to the page.
    log.exception("Unexpected error")
    return error_page(500)


def error_page(status):
    message = _MESSAGES.get(status, "Something went wrong on our side. Please try again.")
    return render_template("error.html", status=status, message=message), status


@blueprint.after_app_request
def security_headers(response):
    issuer = urlsplit(portcullis().settings.issuer)
    headers = response.headers
    # No script at all; forms post only here or, through the sign-out redirect, to the IdP.
    headers.setdefault("Content-Security-Policy",
                       "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
                       "frame-ancestors 'none'; form-action 'self' %s://%s" % (issuer.scheme, issuer.netloc))
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    # The callback's address holds a code and the sign-out's an ID token: never pass an address on.
    headers.setdefault("Referrer-Policy", "no-referrer")
    if request.endpoint != "static":
        # Pages show the person; a shared computer's back button must not show them after sign-out.
        headers.setdefault("Cache-Control", "no-store")
    return response
