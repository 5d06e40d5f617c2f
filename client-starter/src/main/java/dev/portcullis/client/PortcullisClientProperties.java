package dev.portcullis.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything an app sets to sign in with Portcullis. Only {@code issuer}, {@code client-id}, {@code client-secret}
 * and {@code scopes} are the app's to choose (the console shows them when the app is registered); the rest has a
 * default that fits an app like the portal.
 */
@ConfigurationProperties("portcullis.client")
public class PortcullisClientProperties implements InitializingBean {

	/** The IdP's issuer, character for character as its discovery document says (127.0.0.1 is not localhost). */
	private String issuer;

	/** The client id the IdP issued when the app was registered. */
	private String clientId;

	/** The client secret the IdP showed once when the app was registered. Required unless the app is public. */
	private String clientSecret;

	/** How the app proves it is itself at the token endpoint: client_secret_basic, client_secret_post or none. */
	private String clientAuthenticationMethod = "client_secret_basic";

	/** Scopes asked for at sign-in; add another app's API scope (such as portal.api) to call that API. */
	private List<String> scopes = new ArrayList<>(List.of("openid", "profile", "email"));

	/** Id of the registration, part of the sign-in, callback and back-channel logout URLs. */
	private String registrationId = "portcullis";

	/**
	 * Where the IdP sends the browser back with the code: one of the app's registered redirect URIs, character for
	 * character. The default is Spring's callback on the address the request came in on.
	 */
	private String redirectUri = "{baseUrl}/login/oauth2/code/{registrationId}";

	/** The ID token claim that names the signed-in person. */
	private String userNameAttribute = "preferred_username";

	/** Pages anyone may open without signing in (Ant-style patterns); every other page needs a sign-in. */
	private List<String> publicPaths = new ArrayList<>(List.of("/welcome", "/css/**", "/js/**", "/images/**",
			"/favicon.ico", "/actuator/health", "/actuator/health/**"));

	/**
	 * Public page where a visitor lands when sign-in fails, when nobody is signed in at GET /logout, and after
	 * sign-out when the IdP has no session to end.
	 */
	private String landingPage = "/welcome";

	/**
	 * Where the IdP sends the browser back after sign-out. It does so only when this address is registered for
	 * the app, character for character; else it shows its own "You are signed out" page.
	 */
	private String postLogoutRedirectUri = "{baseUrl}/welcome";

	/**
	 * Name of the session cookie. Apps on one host share cookies whatever their port, so each needs its own;
	 * empty means the client id in capitals followed by _SESSION. server.servlet.session.cookie.name wins.
	 */
	private String sessionCookieName;

	private final Api api = new Api();

	private final BackChannelLogout backChannelLogout = new BackChannelLogout();

	private final TokenRelay tokenRelay = new TokenRelay();

	@Override
	public void afterPropertiesSet() {
		new RequiredSettings(this).check();
	}

	public String getIssuer() {
		return this.issuer;
	}

	public void setIssuer(String issuer) {
		this.issuer = issuer;
	}

	public String getClientId() {
		return this.clientId;
	}

	public void setClientId(String clientId) {
		this.clientId = clientId;
	}

	public String getClientSecret() {
		return this.clientSecret;
	}

	public void setClientSecret(String clientSecret) {
		this.clientSecret = clientSecret;
	}

	public String getClientAuthenticationMethod() {
		return this.clientAuthenticationMethod;
	}

	public void setClientAuthenticationMethod(String clientAuthenticationMethod) {
		this.clientAuthenticationMethod = clientAuthenticationMethod;
	}

	public List<String> getScopes() {
		return this.scopes;
	}

	public void setScopes(List<String> scopes) {
		this.scopes = scopes;
	}

	public String getRegistrationId() {
		return this.registrationId;
	}

	public void setRegistrationId(String registrationId) {
		this.registrationId = registrationId;
	}

	public String getRedirectUri() {
		return this.redirectUri;
	}

	public void setRedirectUri(String redirectUri) {
		this.redirectUri = redirectUri;
	}

	public String getUserNameAttribute() {
		return this.userNameAttribute;
	}

	public void setUserNameAttribute(String userNameAttribute) {
		this.userNameAttribute = userNameAttribute;
	}

	public List<String> getPublicPaths() {
		return this.publicPaths;
	}

	public void setPublicPaths(List<String> publicPaths) {
		this.publicPaths = publicPaths;
	}

	public String getLandingPage() {
		return this.landingPage;
	}

	public void setLandingPage(String landingPage) {
		this.landingPage = landingPage;
	}

	public String getPostLogoutRedirectUri() {
		return this.postLogoutRedirectUri;
	}

	public void setPostLogoutRedirectUri(String postLogoutRedirectUri) {
		this.postLogoutRedirectUri = postLogoutRedirectUri;
	}

	public String getSessionCookieName() {
		return this.sessionCookieName;
	}

	public void setSessionCookieName(String sessionCookieName) {
		this.sessionCookieName = sessionCookieName;
	}

	public Api getApi() {
		return this.api;
	}

	public BackChannelLogout getBackChannelLogout() {
		return this.backChannelLogout;
	}

	public TokenRelay getTokenRelay() {
		return this.tokenRelay;
	}

	/** The app's own API, called by other apps with an access token from the IdP. */
	public static class Api {

		/** Whether the API paths are a resource server (bearer tokens, no session, 401 instead of sign-in). */
		private boolean enabled = true;

		/** Paths of the API (Ant-style patterns). */
		private List<String> paths = new ArrayList<>(List.of("/api/**"));

		/** The scope a caller's token must carry; empty means the client id followed by .api (portal.api). */
		private String scope;

		/** When set, a token's aud must name one of these, else it is refused with 401. */
		private List<String> audiences = new ArrayList<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getPaths() {
			return this.paths;
		}

		public void setPaths(List<String> paths) {
			this.paths = paths;
		}

		public String getScope() {
			return this.scope;
		}

		public void setScope(String scope) {
			this.scope = scope;
		}

		public List<String> getAudiences() {
			return this.audiences;
		}

		public void setAudiences(List<String> audiences) {
			this.audiences = audiences;
		}

	}

	/** The endpoint where the IdP ends this app's sessions (OpenID Connect Back-Channel Logout 1.0). */
	public static class BackChannelLogout {

		/** Whether the app receives back-channel logout tokens. */
		private boolean enabled = true;

		/**
		 * Where ended IdP sessions and used logout token ids are kept: memory (one instance) or jdbc (instances
		 * sharing the app's DataSource).
		 */
		private Store store = Store.MEMORY;

		/**
		 * How long an ended IdP session is remembered: at least the app's session timeout, since a session not
		 * used in that time has ended by itself anyway.
		 */
		private Duration rememberFor = Duration.ofHours(24);

		/** Whether the jdbc store creates its table (CREATE TABLE IF NOT EXISTS) at start. */
		private boolean initializeSchema = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Store getStore() {
			return this.store;
		}

		public void setStore(Store store) {
			this.store = store;
		}

		public Duration getRememberFor() {
			return this.rememberFor;
		}

		public void setRememberFor(Duration rememberFor) {
			this.rememberFor = rememberFor;
		}

		public boolean isInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(boolean initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

		public enum Store {

			MEMORY, JDBC

		}

	}

	/** Calls to other apps' APIs with the signed-in person's access token (PortcullisTokenRelay). */
	public static class TokenRelay {

		/** How long to wait for another app's API to accept the connection. */
		private Duration connectTimeout = Duration.ofSeconds(2);

		/** How long to wait for another app's API to answer. */
		private Duration readTimeout = Duration.ofSeconds(5);

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

	}

}
