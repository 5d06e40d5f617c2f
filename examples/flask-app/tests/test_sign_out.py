"""Signing out at the Flask app: a GET only asks, the POST needs this session's CSRF token, and then the app's session
ends before the browser is sent to the IdP's end-session endpoint (RP-initiated logout)."""

import re
import unittest
from urllib.parse import parse_qs, urlsplit

from portcullis_flask import create_app
from portcullis_flask.settings import Settings
from tests.fake_idp import CLIENT_ID, FakeIdp


class SignOutTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.idp = FakeIdp()

    @classmethod
    def tearDownClass(cls):
        cls.idp.close()

    def setUp(self):
        settings = Settings(issuer=self.idp.issuer, client_id=CLIENT_ID, client_secret="test-secret",
                            base_url="http://localhost:8084", host="127.0.0.1", port=8084,
                            portal_api_url="http://localhost:8081/api/me", session_cookie="FLASK_SESSION")
        self.app = create_app(settings)
        self.store = self.app.extensions["portcullis"].sessions
        self.client = self.app.test_client()
        self.store.insert("alice-session", {"user": {"sub": "alice-id", "sid": "sid-1", "name": "Alice"},
                                            "tokens": {"id_token": "the-id-token", "access_token": "a",
                                                       "expires_at": 0}})
        self.client.set_cookie("localhost", "FLASK_SESSION", "alice-session")

    def csrf_token_of_the_page(self):
        page = self.client.get("/logout")
        self.assertEqual(200, page.status_code)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True)).group(1)

    def test_when_alice_opens_logout_then_she_is_asked_and_still_signed_in(self):
        page = self.client.get("/logout")

        self.assertIn("Sign out of Flask app?", page.get_data(as_text=True))
        self.assertIsNotNone(self.store.load("alice-session"))

    def test_when_the_form_has_no_csrf_token_then_the_answer_is_403_and_alice_stays_signed_in(self):
        self.csrf_token_of_the_page()

        without = self.client.post("/logout")
        wrong = self.client.post("/logout", data={"csrf_token": "guessed"})

        self.assertEqual(403, without.status_code)
        self.assertEqual(403, wrong.status_code)
        self.assertNotIn("Traceback", wrong.get_data(as_text=True))
        self.assertIsNotNone(self.store.load("alice-session"))

    def test_when_alice_confirms_then_her_session_ends_and_the_idp_is_asked_to_end_its_own(self):
        token = self.csrf_token_of_the_page()

        answer = self.client.post("/logout", data={"csrf_token": token})

        self.assertEqual(302, answer.status_code)
        location = urlsplit(answer.headers["Location"])
        self.assertEqual(self.idp.issuer + "/connect/logout", "%s://%s%s" % (location.scheme, location.netloc,
                                                                             location.path))
        self.assertEqual({"id_token_hint": ["the-id-token"], "client_id": [CLIENT_ID],
                          "post_logout_redirect_uri": ["http://localhost:8084/welcome"]}, parse_qs(location.query))
        self.assertIsNone(self.store.load("alice-session"))
        self.assertIn("FLASK_SESSION=;", answer.headers["Set-Cookie"])

    def test_when_nobody_is_signed_in_then_logout_leads_to_the_welcome_page(self):
        self.client.delete_cookie("localhost", "FLASK_SESSION")

        answer = self.client.get("/logout")

        self.assertEqual(302, answer.status_code)
        self.assertEqual("/welcome", answer.headers["Location"])


class SignInTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.idp = FakeIdp()

    @classmethod
    def tearDownClass(cls):
        cls.idp.close()

    def setUp(self):
        settings = Settings(issuer=self.idp.issuer, client_id=CLIENT_ID, client_secret="test-secret",
                            base_url="http://localhost:8084", host="127.0.0.1", port=8084,
                            portal_api_url="http://localhost:8081/api/me", session_cookie="FLASK_SESSION")
        self.client = create_app(settings).test_client()

    def test_when_a_visitor_opens_home_then_they_are_sent_to_the_idp_with_pkce_state_and_nonce(self):
        answer = self.client.get("/")

        self.assertEqual(302, answer.status_code)
        location = urlsplit(answer.headers["Location"])
        query = parse_qs(location.query)
        self.assertTrue(answer.headers["Location"].startswith(self.idp.issuer + "/oauth2/authorize?"))
        self.assertEqual(["code"], query["response_type"])
        self.assertEqual(["http://localhost:8084/callback"], query["redirect_uri"])
        self.assertEqual(["S256"], query["code_challenge_method"])
        for name in ("state", "nonce", "code_challenge"):
            self.assertGreaterEqual(len(query[name][0]), 43, name)
        cookie = answer.headers["Set-Cookie"]
        self.assertTrue(cookie.startswith("FLASK_SESSION="))
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Lax", cookie)

    def test_when_a_callback_brings_a_state_this_browser_never_sent_then_it_is_refused(self):
        self.client.get("/")

        answer = self.client.get("/callback?code=stolen-code&state=made-up")

        self.assertEqual(400, answer.status_code)
        self.assertIn("Signing in did not complete", answer.get_data(as_text=True))

    def test_when_the_callback_names_another_issuer_then_it_is_refused(self):
        state = parse_qs(urlsplit(self.client.get("/").headers["Location"]).query)["state"][0]

        answer = self.client.get("/callback?code=c&state=%s&iss=http://evil.example" % state)

        self.assertEqual(400, answer.status_code)


if __name__ == "__main__":
    unittest.main()
