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
    """In memory, one process (like the Java apps' default).

    A signed-in session ends after idle_seconds without a request. A session nobody signed in to (a sign-in under
    way) ends after anonymous_idle_seconds: anyone can make those by the thousand, so they must not pile up.
    """

    def __init__(self, idle_seconds, anonymous_idle_seconds=600, clock=time.monotonic):
        self._idle = idle_seconds
        self._anonymous_idle = anonymous_idle_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._entries = {}  # id -> (data, last used)
        self._last_sweep = clock()

    def load(self, session_id):
        with self._lock:
            entry = self._entries.get(session_id)
            if entry is None:
                return None
            if self._expired(entry, self._clock()):
                del self._entries[session_id]
                return None
            return copy.deepcopy(entry[0])

    def insert(self, session_id, data):
        with self._lock:
            self._sweep()
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

    def __len__(self):
        with self._lock:
            return len(self._entries)

    def _expired(self, entry, now):
        data, used = entry
        return now - used > (self._idle if data.get("user") else self._anonymous_idle)

    def _sweep(self):
        # At most once a minute: a sweep looks at every session.
        now = self._clock()
        if now - self._last_sweep < 60:
            return
        self._last_sweep = now
        self._entries = {sid: entry for sid, entry in self._entries.items() if not self._expired(entry, now)}


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
