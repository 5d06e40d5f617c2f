package dev.portcullis.testsupport;

import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;

import dev.portcullis.testsupport.MalformedRequests.Endpoint;

/** The endpoints every app built on the client starter has, as templates for {@link MalformedRequests}. */
public final class StarterAppEndpoints {

	/** What an app on the starter answers to a visitor before any request of the suite. */
	public static final List<String> REPORTED_PATHS = List.of("/", "/welcome", "/logout", "/api/me");

	private StarterAppEndpoints() {
	}

	/**
	 * One near-valid template per endpoint, with the signed-in session {@code cookie} where the endpoint needs one,
	 * {@code apiToken} for the API and the app's own {@code stylesheet}. None can sign the session out: the sign-out
	 * form has no CSRF token and the logout token is signed for another app.
	 */
	public static List<Endpoint> of(FakeIdp idp, String cookie, String apiToken, String stylesheet) {
		Map<String, String> session = Map.of("Cookie", cookie);
		Map<String, String> none = Map.of();
		String foreignLogoutToken = idp.sign(new JWTClaimsSet.Builder().issuer(idp.issuer)
			.audience("someone-else")
			.subject("user-1")
			.claim("sid", idp.lastSid())
			.claim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()))
			.issueTime(new Date())
			.jwtID("jti-1")
			.build());
		return List.of(Endpoint.get("home", "/", "", session), Endpoint.get("home (visitor)", "/", "", none),
				Endpoint.get("welcome", "/welcome", "error", none),
				Endpoint.get("sign-out page", "/logout", "", session),
				Endpoint.form("sign-out (no csrf)", "POST", "/logout", "", session),
				Endpoint.get("sign-in start", "/oauth2/authorization/portcullis", "", none),
				Endpoint.get("callback", "/login/oauth2/code/portcullis", "code=no-such-code&state=no-such-state",
						session),
				Endpoint.form("logout receiver", "POST", "/logout/connect/back-channel/portcullis",
						"logout_token=" + foreignLogoutToken, none),
				Endpoint.get("api", "/api/me", "", Map.of("Authorization", "Bearer " + apiToken)),
				Endpoint.get("api metadata", "/.well-known/oauth-protected-resource", "", none),
				Endpoint.get("health", "/actuator/health", "", none), Endpoint.get("error", "/error", "", none),
				Endpoint.get("stylesheet", stylesheet, "", none));
	}

}
