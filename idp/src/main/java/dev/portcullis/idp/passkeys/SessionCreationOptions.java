package dev.portcullis.idp.passkeys;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;

/**
 * Keeps the options of a passkey registration in progress (its challenge above all) in the session until the
 * browser answers. Spring's own repository puts {@link PublicKeyCredentialCreationOptions} in the session as is,
 * but that class is not {@link Serializable}, and our sessions are in the database (Spring Session JDBC), which
 * serializes every attribute: here the parts registration checks are kept in a serializable record instead.
 * Spring's registration filter removes them once loaded: a challenge answers one registration only.
 */
class SessionCreationOptions implements PublicKeyCredentialCreationOptionsRepository {

	static final String ATTRIBUTE = SessionCreationOptions.class.getName();

	private static final List<PublicKeyCredentialParameters> KNOWN_ALGORITHMS = List.of(
			PublicKeyCredentialParameters.EdDSA, PublicKeyCredentialParameters.ES256,
			PublicKeyCredentialParameters.ES384, PublicKeyCredentialParameters.ES512,
			PublicKeyCredentialParameters.RS256, PublicKeyCredentialParameters.RS384,
			PublicKeyCredentialParameters.RS512);

	@Override
	public void save(HttpServletRequest request, HttpServletResponse response, PublicKeyCredentialCreationOptions options) {
		if (options == null) {
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.removeAttribute(ATTRIBUTE);
			}
			return;
		}
		request.getSession().setAttribute(ATTRIBUTE, Stored.of(options));
	}

	@Override
	public PublicKeyCredentialCreationOptions load(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return (session != null && session.getAttribute(ATTRIBUTE) instanceof Stored stored) ? stored.options() : null;
	}

	/** What registration needs of the options: relying party, user handle, challenge, algorithms, requirements. */
	record Stored(String rpId, String rpName, byte[] userId, String userName, String userDisplayName, byte[] challenge,
			long[] algorithms, long timeoutMillis, String userVerification, String residentKey) implements Serializable {

		@Serial
		private static final long serialVersionUID = 1L;

		static Stored of(PublicKeyCredentialCreationOptions options) {
			AuthenticatorSelectionCriteria selection = options.getAuthenticatorSelection();
			return new Stored(options.getRp().getId(), options.getRp().getName(), options.getUser().getId().getBytes(),
					options.getUser().getName(), options.getUser().getDisplayName(), options.getChallenge().getBytes(),
					options.getPubKeyCredParams().stream().mapToLong((p) -> p.getAlg().getValue()).toArray(),
					(options.getTimeout() != null) ? options.getTimeout().toMillis() : 0,
					(selection.getUserVerification() != null) ? selection.getUserVerification().getValue() : null,
					(selection.getResidentKey() != null) ? selection.getResidentKey().getValue() : null);
		}

		PublicKeyCredentialCreationOptions options() {
			return PublicKeyCredentialCreationOptions.builder()
				.rp(PublicKeyCredentialRpEntity.builder().id(this.rpId).name(this.rpName).build())
				.user(ImmutablePublicKeyCredentialUserEntity.builder()
					.id(new Bytes(this.userId))
					.name(this.userName)
					.displayName(this.userDisplayName)
					.build())
				.challenge(new Bytes(this.challenge))
				.pubKeyCredParams(KNOWN_ALGORITHMS.stream()
					.filter((p) -> Arrays.stream(this.algorithms).anyMatch((alg) -> alg == p.getAlg().getValue()))
					.toList())
				.timeout(Duration.ofMillis(this.timeoutMillis))
				.authenticatorSelection(AuthenticatorSelectionCriteria.builder()
					.userVerification(userVerification(this.userVerification))
					.residentKey((this.residentKey != null) ? ResidentKeyRequirement.valueOf(this.residentKey) : null)
					.build())
				.build();
		}

		private static UserVerificationRequirement userVerification(String value) {
			return List.of(UserVerificationRequirement.REQUIRED, UserVerificationRequirement.PREFERRED,
					UserVerificationRequirement.DISCOURAGED)
				.stream()
				.filter((requirement) -> requirement.getValue().equals(value))
				.findFirst()
				.orElse(UserVerificationRequirement.REQUIRED);
		}

	}

}
