#!/usr/bin/env python3
"""Takes the second-factor screenshots of README.md and docs/admin.md from a real IdP in headless Chromium.

    ./mvnw -B -q -pl idp -am package -DskipTests && python3 docs/images/screenshots.py

Starts the IdP jar (demo profile, an in-memory database, a free port), drives Debian's Chromium through its
chromedriver with the W3C WebDriver protocol (what Selenium speaks; Python's standard library only, nothing is
downloaded), and writes 1000-pixel-wide PNGs next to this file:

  second-factors-account.png  the account page's "Second factors" section, with an authenticator app added
  second-factor-sign-in.png   the second step of signing in, after the password

Stops what it started. Alice's demo password is published (README), and her authenticator secret lives only in
the in-memory database, so nothing secret lands in the pictures.
"""
import base64
import glob
import hashlib
import hmac
import json
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
WIDTH = 1000


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"null")


def wait_until_up(url, what, process):
    for _ in range(240):
        if process.poll() is not None:
            sys.exit(what + " stopped early (exit " + str(process.returncode) + ")")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.5)
    sys.exit(what + " did not come up at " + url)


def totp(shown_secret, at):
    """RFC 6238 with what authenticator apps use: HMAC-SHA1, 6 digits, 30-second steps."""
    secret = shown_secret.replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)


class Chromium:
    """One headless Chromium session: a new person at a new machine."""

    def __init__(self, driver, height):
        self.driver = driver
        self.profile = tempfile.mkdtemp(prefix="portcullis-shots-")
        options = {"binary": CHROMIUM, "args": [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--no-first-run", "--hide-scrollbars", "--force-device-scale-factor=1",
            "--window-size=%d,%d" % (WIDTH, height), "--user-data-dir=" + self.profile]}
        session = http("POST", driver + "/session",
                       {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": options}}})
        self.url = driver + "/session/" + session["value"]["sessionId"]

    def go(self, url):
        http("POST", self.url + "/url", {"url": url})

    def find(self, css):
        return http("POST", self.url + "/element", {"using": "css selector", "value": css})["value"][ELEMENT]

    def wait_for(self, css):
        """Waits for an element of the page a click leads to, so the next step does not race the navigation."""
        for _ in range(60):
            try:
                return self.find(css)
            except urllib.error.HTTPError:
                time.sleep(0.5)
        sys.exit("No " + css + " at " + http("GET", self.url + "/url")["value"])

    def type(self, css, text):
        element = self.find(css)
        http("POST", self.url + "/element/" + element + "/clear", {})
        http("POST", self.url + "/element/" + element + "/value", {"text": text})

    def click(self, css):
        http("POST", self.url + "/element/" + self.find(css) + "/click", {})

    def text(self, css):
        return http("GET", self.url + "/element/" + self.find(css) + "/text")["value"]

    def script(self, source):
        return http("POST", self.url + "/execute/sync", {"script": source, "args": []})["value"]

    def screenshot(self, name):
        png = base64.b64decode(http("GET", self.url + "/screenshot")["value"])
        with open(os.path.join(HERE, name), "wb") as out:
            out.write(png)
        print("wrote docs/images/" + name)

    def close(self):
        http("DELETE", self.url)


def sign_in(browser, base):
    browser.go(base + "/login")
    browser.type("#username", "alice")
    browser.type("#password", "alice-password")
    browser.click("#sign-in")


def main():
    jars = [j for j in glob.glob(os.path.join(ROOT, "idp/target/idp-*.jar")) if not j.endswith(".original")]
    if not jars or not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
        sys.exit("Needs idp/target/idp-*.jar (./mvnw -B -q -pl idp -am package -DskipTests) and "
                 + CHROMIUM + " with " + CHROMEDRIVER)
    idp_port, driver_port = free_port(), free_port()
    base = "http://localhost:%d" % idp_port
    idp = subprocess.Popen(["java", "-jar", jars[0], "--spring.profiles.active=demo",
                            "--server.port=%d" % idp_port, "--PORTCULLIS_ISSUER=" + base,
                            "--spring.datasource.url=jdbc:h2:mem:screenshots;DB_CLOSE_DELAY=-1"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    driver = subprocess.Popen([CHROMEDRIVER, "--port=%d" % driver_port], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        wait_until_up(base + "/actuator/health", "The IdP", idp)
        wait_until_up("http://127.0.0.1:%d/status" % driver_port, "chromedriver", driver)
        chromedriver = "http://127.0.0.1:%d" % driver_port

        # Alice adds an authenticator app from the account page, with a code computed from the secret shown.
        alice = Chromium(chromedriver, 400)
        sign_in(alice, base)
        alice.wait_for("#sign-out")
        alice.go(base + "/account/authenticator")
        secret = alice.text("#secret")
        alice.type("#code", totp(secret, time.time()))
        alice.type("#name", "Phone (Aegis)")
        alice.click("#add-authenticator")
        alice.wait_for("#recovery-codes")
        alice.go(base + "/account")
        alice.script("const h = [...document.querySelectorAll('h2')].find(e => e.textContent === 'Second factors');"
                     "window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 24);")
        alice.screenshot("second-factors-account.png")
        alice.close()

        # On another machine, the password is followed by the second step.
        elsewhere = Chromium(chromedriver, 700)
        sign_in(elsewhere, base)
        elsewhere.wait_for("#second-factor-form")
        if "/login/second-factor" not in http("GET", elsewhere.url + "/url")["value"]:
            sys.exit("Expected the second step after the password")
        elsewhere.screenshot("second-factor-sign-in.png")
        elsewhere.close()
    finally:
        for process in (driver, idp):
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
