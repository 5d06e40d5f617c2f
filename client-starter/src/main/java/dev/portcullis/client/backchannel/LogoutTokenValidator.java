package dev.portcullis.client.backchannel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The claims of a logout token (OpenID Connect Back-Channel Logout 1.0, 2.4 and 2.6): {@code iss} is the IdP,
 * {@code aud} names this app, {@code iat}, {@code exp} and {@code jti} are present, {@code events} is an object
 * holding the back-channel logout event as an object, {@code sid} or {@code sub} is present, and there is no
 * {@code nonce}. Spring's own validator checks {@code exp} only when it is there; here a token without it is refused,
 * so that no captured token stays usable for ever. Claims of the wrong type are refused, never an exception.
 * Signature, {@code typ} and the time window are checked by the decoder ({@link LogoutTokenDecoders}).
 */
final class LogoutTokenValidator implements OAuth2TokenValidator<Jwt> {

	static final String BACK_CHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

	private static final String SPEC = "https://openid.net/specs/openid-connect-backchannel-1_0.html#Validation";

	/** The IdP's ids are short; a longer one is not a token of ours, and would not fit the JDBC registry. */
	private static final int MAX_ID_LENGTH = 255;

	private final String issuer;

	private final String clientId;

	LogoutTokenValidator(String issuer, String clientId) {
		this.issuer = issuer;
		this.clientId = clientId;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		Map<String, Object> claims = jwt.getClaims();
		List<OAuth2Error> errors = new ArrayList<>();
		if (!this.issuer.equals(claims.get("iss"))) {
			errors.add(invalid("iss must be the IdP's issuer"));
		}
		if (!(claims.get("aud") instanceof List<?> audience && audience.contains(this.clientId))) {
			errors.add(invalid("aud must name this app"));
		}
		if (!(claims.get("iat") instanceof Instant)) {
			errors.add(invalid("iat is required"));
		}
		if (!(claims.get("exp") instanceof Instant)) {
			errors.add(invalid("exp is required"));
		}
		if (!isId(claims.get("jti"))) {
			errors.add(invalid("jti is required"));
		}
		if (!(claims.get("events") instanceof Map<?, ?> events && events.get(BACK_CHANNEL_LOGOUT_EVENT) instanceof Map)) {
			errors.add(invalid("events must hold the back-channel logout event as an object"));
		}
		Object sid = claims.get("sid");
		Object sub = claims.get("sub");
		if ((sid == null && sub == null) || (sid != null && !isId(sid)) || (sub != null && !isId(sub))) {
			errors.add(invalid("sid or sub is required"));
		}
		if (claims.containsKey("nonce")) {
			errors.add(invalid("nonce is not allowed"));
		}
		return OAuth2TokenValidatorResult.failure(errors);
	}

	private static boolean isId(Object value) {
		return value instanceof String id && !id.isEmpty() && id.length() <= MAX_ID_LENGTH;
	}

	private static OAuth2Error invalid(String description) {
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, SPEC);
	}

}
