"""The Flask app's back-channel logout receiver, over HTTP: which logout tokens end sessions, and that every other
one gets a 400 and ends nothing (OpenID Connect Back-Channel Logout 1.0, section 2.6 and 2.8).

Run: cd examples/flask-app && /usr/bin/python3 -m unittest discover -s tests -t .
"""

import hmac
import hashlib
import base64
import json
import unittest

from authlib.jose import JsonWebKey, jwt

from portcullis_flask import create_app
from portcullis_flask.settings import Settings
from tests.fake_idp import CLIENT_ID, FakeIdp, unsigned


class BackChannelLogoutTest(unittest.TestCase):

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
        self.store.insert("alice-here", {"user": {"sub": "alice-id", "sid": "sid-1"}})
        self.store.insert("alice-elsewhere", {"user": {"sub": "alice-id", "sid": "sid-2"}})
        self.store.insert("bob", {"user": {"sub": "bob-id", "sid": "sid-3"}})

    def post(self, token):
        return self.client.post("/backchannel-logout", data={"logout_token": token})

    def remaining(self):
        return {name for name in ("alice-here", "alice-elsewhere", "bob") if self.store.load(name) is not None}

    def assertRefused(self, token, reason):
        answer = self.post(token)
        self.assertEqual(400, answer.status_code, answer.get_data(as_text=True))
        self.assertEqual("invalid_request", answer.get_json()["error"])
        self.assertIn(reason, answer.get_json()["error_description"])
        self.assertEqual({"alice-here", "alice-elsewhere", "bob"}, self.remaining(), "a refused token ended a session")

    # ---- accepted -------------------------------------------------------------------------------------------------

    def test_when_a_valid_token_names_a_sid_then_only_that_session_ends(self):
        answer = self.post(self.idp.logout_token())

        self.assertEqual(200, answer.status_code)
        self.assertEqual("no-store", answer.headers["Cache-Control"])
        self.assertEqual({"alice-elsewhere", "bob"}, self.remaining())

    def test_when_a_valid_token_names_only_sub_then_every_session_of_that_person_ends(self):
        answer = self.post(self.idp.logout_token(sid=None))

        self.assertEqual(200, answer.status_code)
        self.assertEqual({"bob"}, self.remaining())

    def test_when_the_audience_is_a_plain_string_then_it_is_accepted(self):
        self.assertEqual(200, self.post(self.idp.logout_token(aud=CLIENT_ID)).status_code)

    # ---- refused: the jti rule --------------------------------------------------------------------------------------

    def test_when_a_token_is_replayed_then_it_is_refused(self):
        token = self.idp.logout_token(sid="sid-of-nobody-here")
        self.assertEqual(200, self.post(token).status_code)

        self.assertRefused(token, "replayed")

    def test_when_another_token_carries_a_used_jti_then_it_is_refused(self):
        self.assertEqual(200, self.post(self.idp.logout_token(jti="same", sid="sid-of-nobody-here")).status_code)

        self.assertRefused(self.idp.logout_token(jti="same"), "replayed")

    def test_when_there_is_no_jti_then_it_is_refused(self):
        self.assertRefused(self.idp.logout_token(jti=None), "jti")

    # ---- refused: claims --------------------------------------------------------------------------------------------

    def test_when_there_is_no_exp_then_it_is_refused(self):
        self.assertRefused(self.idp.logout_token(exp=None), "exp")

    def test_when_it_has_expired_then_it_is_refused(self):
        claims = self.idp.logout_claims()
        self.assertRefused(self.idp.logout_token(iat=claims["iat"] - 600, exp=claims["iat"] - 300), "expired")

    def test_when_there_is_no_iat_then_it_is_refused(self):
        self.assertRefused(self.idp.logout_token(iat=None), "iat")

    def test_when_iat_is_in_the_future_then_it_is_refused(self):
        claims = self.idp.logout_claims()
        self.assertRefused(self.idp.logout_token(iat=claims["iat"] + 3600, exp=claims["iat"] + 3700), "future")

    def test_when_the_audience_is_another_app_then_it_is_refused(self):
        self.assertRefused(self.idp.logout_token(aud=["portal"]), "aud")

    def test_when_there_is_no_audience_then_it_is_refused(self):
        self.assertRefused(self.idp.logout_token(aud=None), "aud")

    def test_when_the_issuer_is_another_then_it_is_refused(self):
        self.assertRefused(self.idp.logout_token(iss="http://evil.example"), "iss")

    def test_when_it_names_neither_sub_nor_sid_then_it_is_refused(self):
        self.assertRefused(self.idp.logout_token(sub=None, sid=None), "neither sub nor sid")

    def test_when_the_event_is_missing_then_it_is_refused(self):
        self.assertRefused(self.idp.logout_token(events=None), "events")
        self.assertRefused(self.idp.logout_token(events={"http://example.com/other-event": {}}), "events")
        self.assertRefused(self.idp.logout_token(
            events={"http://schemas.openid.net/event/backchannel-logout": "yes"}), "events")

    def test_when_it_carries_a_nonce_then_it_is_refused(self):
        self.assertRefused(self.idp.logout_token(nonce="n-0S6_WzA2Mj"), "nonce")

    # ---- refused: signature and form --------------------------------------------------------------------------------

    def test_when_another_key_signed_it_under_the_published_kid_then_it_is_refused(self):
        forger = JsonWebKey.generate_key("RSA", 2048, is_private=True, options={"kid": "key-1"})
        self.assertRefused(self.idp.sign(self.idp.logout_claims(), key=forger), "signature")

    def test_when_it_names_a_key_the_idp_does_not_publish_then_it_is_refused(self):
        stranger = JsonWebKey.generate_key("RSA", 2048, is_private=True, options={"kid": "key-9"})
        self.assertRefused(self.idp.sign(self.idp.logout_claims(), key=stranger), "signature")

    def test_when_it_is_unsigned_then_it_is_refused(self):
        self.assertRefused(unsigned(self.idp.logout_claims()), "signature")

    def test_when_it_is_signed_with_the_public_key_as_an_hmac_secret_then_it_is_refused(self):
        public_pem = self.idp.key.as_pem(is_private=False)
        header = {"alg": "HS256", "kid": "key-1"}

        def part(value):
            return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()
        signing_input = part(header) + "." + part(self.idp.logout_claims())
        mac = hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest()
        token = signing_input + "." + base64.urlsafe_b64encode(mac).rstrip(b"=").decode()

        self.assertRefused(token, "signature")

    def test_when_it_is_not_a_signed_jwt_then_it_is_refused(self):
        self.assertRefused("not-a-token", "not a signed JWT")
        self.assertRefused("a.b.c.d.e", "not a signed JWT")
        self.assertRefused("a.b.c", "signature")
        self.assertRefused("", "not a signed JWT")

    def test_when_the_request_is_not_one_form_encoded_token_then_it_is_refused(self):
        token = self.idp.logout_token()
        two = self.client.post("/backchannel-logout", data={"logout_token": [token, token]})
        as_json = self.client.post("/backchannel-logout", json={"logout_token": token})
        in_query = self.client.post("/backchannel-logout?logout_token=" + token)

        for answer in (two, as_json, in_query):
            self.assertEqual(400, answer.status_code)
        self.assertEqual({"alice-here", "alice-elsewhere", "bob"}, self.remaining())

    def test_when_a_get_arrives_then_nothing_ends(self):
        answer = self.client.get("/backchannel-logout?logout_token=" + self.idp.logout_token())

        self.assertEqual(405, answer.status_code)
        self.assertEqual({"alice-here", "alice-elsewhere", "bob"}, self.remaining())


class KeysUnavailableTest(unittest.TestCase):

    def test_when_the_idps_keys_cannot_be_read_then_the_answer_is_503_so_the_idp_tries_again(self):
        idp = FakeIdp()
        token = idp.logout_token()
        issuer = idp.issuer
        idp.close()  # nothing listens there now
        settings = Settings(issuer=issuer, client_id=CLIENT_ID, client_secret="test-secret",
                            base_url="http://localhost:8084", host="127.0.0.1", port=8084,
                            portal_api_url="http://localhost:8081/api/me", session_cookie="FLASK_SESSION")
        app = create_app(settings)

        answer = app.test_client().post("/backchannel-logout", data={"logout_token": token})

        self.assertEqual(503, answer.status_code)


if __name__ == "__main__":
    unittest.main()
