package dev.portcullis.idp.support;

import dev.portcullis.idp.support.Browser.AuthorizationRequest;

/**
 * An app signing people in with the authorization code flow and PKCE, as the portal does (RFC 6749 section 4.1,
 * RFC 7636): a fresh authorization request, the person's sign-in when the IdP asks for it, the code exchanged at the
 * token endpoint. For the tests that need a person's tokens on the way to what they check.
 */
public final class CodeFlow {

	private final TokenClient client;

	private final String clientId;

	private final String redirectUri;

	public CodeFlow(int port, String clientId, String secret, String redirectUri) {
		this.client = new TokenClient(port, clientId, secret);
		this.clientId = clientId;
		this.redirectUri = redirectUri;
	}

	/** {@code test-client} of {@code application-test.yml}. */
	public static CodeFlow testClient(int port) {
		return new CodeFlow(port, "test-client", "test-secret", "http://127.0.0.1:9999/callback");
	}

	/** {@code logout-client} of {@code application-test.yml}. */
	public static CodeFlow logoutClient(int port) {
		return new CodeFlow(port, "logout-client", "logout-secret", "http://127.0.0.1:9999/logout-callback");
	}

	/** The app's own token client, for what it does with the tokens afterwards (refresh, revoke...). */
	public TokenClient tokenClient() {
		return this.client;
	}

	/** A new authorization request of this app, with fresh PKCE, state and nonce. */
	public AuthorizationRequest request(String scope) {
		return AuthorizationRequest.of(this.clientId, this.redirectUri, scope);
	}

	/** The tokens {@code username} gets for {@code scope}, signing in in {@code browser} when the IdP asks. */
	public TokenClient.Response tokens(Browser browser, String scope, String username, String password) {
		return tokens(browser, request(scope), username, password);
	}

	/** The tokens for {@code request}; the exchange must succeed. */
	public TokenClient.Response tokens(Browser browser, AuthorizationRequest request, String username,
			String password) {
		String code = browser.authorizationCode(request, username, password);
		TokenClient.Response tokens = this.client.exchangeCode(request, code);
		if (tokens.status() != 200) {
			throw new AssertionError("Expected tokens for " + this.clientId + ", got " + tokens.status() + " "
					+ tokens.body());
		}
		return tokens;
	}

}
