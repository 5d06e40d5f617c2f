package dev.portcullis.idp.clients;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The redirect URI rule, one case a line. */
class RedirectUriPolicyTest {

	@ParameterizedTest
	@ValueSource(strings = { "https://app.example.com/callback", "https://app.example.com:8443/cb?tenant=a",
			"HTTPS://APP.EXAMPLE.COM/cb", "http://localhost:8083/login/oauth2/code/portcullis",
			"http://127.0.0.1:9999/callback", "http://[::1]:8080/cb", "http://LOCALHOST/cb" })
	void whenTheUriFollowsTheRuleThenItIsAccepted(String uri) {
		assertThat(RedirectUriPolicy.check(uri)).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "https://app.example.com/cb#section | fragment",
			"https://app.example.com/cb# | fragment", "https://*.example.com/cb | wildcard",
			"https://app.example.com/* | wildcard", "http://app.example.com/cb | must use https",
			"http://127.0.0.2/cb | must use https", "http://localhost.attacker.example/cb | must use https",
			"/callback | absolute", "app.example.com/callback | absolute", "javascript:alert(1) | absolute",
			"data:text/html;base64,PHNjcmlwdD4= | absolute", "vbscript:msgbox | absolute",
			"ftp://app.example.com/cb | must use https", "com.example.app:/callback | absolute",
			"https://user:pass@app.example.com/cb | user name", "https://app.example.com/a b | not a valid URI",
			"https://app.example.com/cb?x=,javascript:alert(1) | comma", "https://app.example.com/a,b | comma",
			"'' | must not be empty" })
	void whenTheUriBreaksTheRuleThenTheReasonSaysWhich(String uri, String reason) {
		assertThat(RedirectUriPolicy.check(uri)).hasValueSatisfying((problem) -> assertThat(problem).contains(reason));
	}

	@ParameterizedTest
	@ValueSource(ints = { 2001, 10_000 })
	void whenTheUriIsHugeThenItIsRefusedWithoutParsing(int length) {
		String uri = "https://app.example.com/" + "a".repeat(length);
		assertThat(RedirectUriPolicy.check(uri)).hasValueSatisfying((p) -> assertThat(p).contains("at most"));
	}

}
