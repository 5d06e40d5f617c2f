#!/usr/bin/python3
"""Starts the Flask app (see README.md): /usr/bin/python3 app.py, configured by environment variables."""

import logging
import signal
import sys

from werkzeug.serving import WSGIRequestHandler, make_server

from portcullis_flask import create_app
from portcullis_flask.settings import Settings, SettingsError


class PathOnlyRequestLog(WSGIRequestHandler):
    """Logs each request without its query string: the callback's carries an authorization code, the sign-out's an
    ID token, and neither belongs in a log."""

    def log_request(self, code="-", size="-"):
        self.log("info", '"%s %s" %s', self.command, self.path.split("?", 1)[0], code)


def main():
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        settings = Settings.from_environment()
    except SettingsError as e:
        print("flask-app: %s" % e, file=sys.stderr)
        return 2
    app = create_app(settings)
    # Werkzeug's threaded server is enough for an example; see README.md for running behind a WSGI server.
    server = make_server(settings.host, settings.port, app, threaded=True, request_handler=PathOnlyRequestLog)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    logging.getLogger("flask-app").info("Flask app on %s (listening on %s:%d), issuer %s, client %s",
                                        settings.base_url, settings.host, server.port, settings.issuer,
                                        settings.client_id)
    try:
        server.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
