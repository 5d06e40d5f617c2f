"""Server-side sessions: the browser holds only a random session id in its own cookie; what the session knows
(the person, their tokens, pending sign-ins) stays on the server.

Flask's default session is a signed cookie: readable by whoever holds it, and impossible to end from the server.
Back-channel logout must end a session from the server, so sessions live here, found by the IdP's session id
(sid) or the person (sub) when a logout token arrives.
"""

import copy
import secrets
import threading
import time

from flask.sessions import SessionInterface, SessionMixin
from werkzeug.datastructures import CallbackDict


class SessionStore:
    """In memory, one process (like the Java apps' default). Entries end after idle_seconds without a request."""

    def __init__(self, idle_seconds, clock=time.monotonic):
        self._idle = idle_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._entries = {}  # id -> (data, last used)

    def load(self, session_id):
        with self._lock:
            entry = self._entries.get(session_id)
            if entry is None:
                return None
            data, used = entry
            if self._clock() - used > self._idle:
                del self._entries[session_id]
                return None
            return copy.deepcopy(data)

    def insert(self, session_id, data):
        with self._lock:
            self._forget_idle()
            self._entries[session_id] = (copy.deepcopy(data), self._clock())

    def update(self, session_id, data):
        """Saves only a session that still exists: one ended meanwhile (back-channel logout) stays ended."""
        with self._lock:
            if session_id not in self._entries:
                return False
            self._entries[session_id] = (copy.deepcopy(data), self._clock())
            return True

    def delete(self, session_id):
        with self._lock:
            self._entries.pop(session_id, None)

    def end_where(self, matches):
        """Ends every session whose data matches; returns how many."""
        with self._lock:
            ended = [sid for sid, (data, _) in self._entries.items() if matches(data)]
            for session_id in ended:
                del self._entries[session_id]
            return len(ended)

    def _forget_idle(self):
        now = self._clock()
        self._entries = {sid: entry for sid, entry in self._entries.items() if now - entry[1] <= self._idle}


class ServerSideSession(CallbackDict, SessionMixin):
    def __init__(self, initial=None, session_id=None):
        def on_update(session):
            session.modified = True

        super().__init__(initial, on_update)
        self.session_id = session_id
        self.modified = False
        self.renew = False

    @property
    def new(self):
        return self.session_id is None

    def renew_id(self):
        """A new id at sign-in, so an id planted in the browser before (session fixation) never becomes signed in."""
        self.renew = True
        self.modified = True


class ServerSideSessionInterface(SessionInterface):
    def __init__(self, store, cookie_name, secure):
        self.store = store
        self.cookie_name = cookie_name
        self.secure = secure

    def open_session(self, app, request):
        session_id = request.cookies.get(self.cookie_name)
        data = self.store.load(session_id) if session_id else None
        if data is None:
            return ServerSideSession()
        return ServerSideSession(data, session_id)

    def save_session(self, app, session, response):
        if not session:
            if not session.new:
                self.store.delete(session.session_id)
                response.delete_cookie(self.cookie_name, path="/", secure=self.secure, httponly=True, samesite="Lax")
            return
        if session.new or session.renew:
            if not session.new:
                self.store.delete(session.session_id)
            session_id = secrets.token_urlsafe(32)
            self.store.insert(session_id, dict(session))
            # No Max-Age: a browser session cookie; the server ends the session when idle.
            response.set_cookie(self.cookie_name, session_id, path="/", secure=self.secure, httponly=True,
                                samesite="Lax")
        else:
            # Every request counts as activity (the idle timer), so save even when unchanged.
            self.store.update(session.session_id, dict(session))
