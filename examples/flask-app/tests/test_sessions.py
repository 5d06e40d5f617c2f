"""The server-side session store: what ends a session, and what must not bring one back."""

import unittest

from portcullis_flask import create_app
from portcullis_flask.sessions import SessionStore
from portcullis_flask.settings import Settings


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


class SessionStoreTest(unittest.TestCase):

    def setUp(self):
        self.clock = FakeClock()
        self.store = SessionStore(idle_seconds=8 * 3600, anonymous_idle_seconds=600, clock=self.clock)

    def test_when_a_sign_in_is_left_unfinished_then_its_session_ends_after_ten_minutes(self):
        self.store.insert("visitor", {"pending_sign_ins": {"s": {}}})
        self.store.insert("alice", {"user": {"sub": "alice-id"}})

        self.clock.now += 601

        self.assertIsNone(self.store.load("visitor"))
        self.assertIsNotNone(self.store.load("alice"))

    def test_when_a_signed_in_session_is_idle_for_eight_hours_then_it_ends(self):
        self.store.insert("alice", {"user": {"sub": "alice-id"}})

        self.clock.now += 8 * 3600 + 1

        self.assertIsNone(self.store.load("alice"))

    def test_when_many_sign_ins_are_started_and_left_then_they_are_swept_away(self):
        for n in range(1000):
            self.store.insert("visitor-%d" % n, {"pending_sign_ins": {"s": {}}})
        self.store.insert("alice", {"user": {"sub": "alice-id"}})

        self.clock.now += 601
        self.store.insert("late-visitor", {"pending_sign_ins": {"s": {}}})

        self.assertEqual(2, len(self.store))

    def test_when_a_request_finishes_after_its_session_was_ended_then_the_session_stays_ended(self):
        self.store.insert("alice", {"user": {"sub": "alice-id", "sid": "sid-1"}})
        in_flight = self.store.load("alice")

        self.store.end_where(lambda data: data["user"]["sid"] == "sid-1")  # back-channel logout meanwhile
        saved = self.store.update("alice", in_flight)

        self.assertFalse(saved)
        self.assertIsNone(self.store.load("alice"))


class CallbackWithoutSessionTest(unittest.TestCase):

    def test_when_a_stranger_calls_back_with_a_made_up_state_then_no_session_is_kept(self):
        settings = Settings(issuer="http://127.0.0.1:1", client_id="flask", client_secret="test-secret",
                            base_url="http://localhost:8084", host="127.0.0.1", port=8084,
                            portal_api_url="http://localhost:8081/api/me", session_cookie="FLASK_SESSION")
        app = create_app(settings)

        answer = app.test_client().get("/callback?code=c&state=made-up")

        self.assertEqual(400, answer.status_code)
        self.assertNotIn("Set-Cookie", answer.headers)
        self.assertEqual(0, len(app.extensions["portcullis"].sessions))


if __name__ == "__main__":
    unittest.main()
