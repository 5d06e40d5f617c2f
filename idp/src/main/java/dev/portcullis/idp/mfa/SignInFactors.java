package dev.portcullis.idp.mfa;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * What a sign-in proved, read from its factor authorities (Spring Security 7's {@link FactorGrantedAuthority}, one per
 * factor, merged across the steps of one person's sign-in): the one place that turns them into {@code amr} values
 * (RFC 8176), an {@code acr} and the sign-in time. Used by the ID token, the second-factor policy and
 * {@code max_age}.
 * <ul>
 * <li>{@code FACTOR_PASSWORD}: {@code pwd}</li>
 * <li>{@code FACTOR_TOTP} (an authenticator app) and {@code FACTOR_RECOVERY_CODE}: {@code otp}; a recovery code is a
 * one-time password the person was given, which is what {@code otp} says</li>
 * <li>{@code FACTOR_WEBAUTHN} (a passkey): {@code hwk}</li>
 * <li>{@code mfa} when two different methods were used, or a passkey (possession of the key plus the user
 * verification the browser asked for: two factors in one step)</li>
 * </ul>
 */
public final class SignInFactors {

	/** An authenticator app's code (ours; Spring has none for TOTP). */
	public static final String TOTP = "FACTOR_TOTP";

	/** A recovery code: stands in for the authenticator app when the phone is lost. */
	public static final String RECOVERY_CODE = "FACTOR_RECOVERY_CODE";

	public static final String PASSWORD = FactorGrantedAuthority.PASSWORD_AUTHORITY;

	public static final String WEBAUTHN = FactorGrantedAuthority.WEBAUTHN_AUTHORITY;

	/** {@code acr} of a sign-in with one factor (a password). */
	public static final String ACR_PASSWORD = "urn:portcullis:acr:pwd";

	/** {@code acr} of a sign-in with two factors, or a passkey. Sent in {@code acr_values}, it asks for one. */
	public static final String ACR_MFA = "urn:portcullis:acr:mfa";

	/** Every acr this IdP can say, weakest first ({@code acr_values_supported}). */
	public static final List<String> ACR_VALUES = List.of(ACR_PASSWORD, ACR_MFA);

	private SignInFactors() {
	}

	/** The authentication method references of this sign-in, in a fixed order ({@code pwd, otp, hwk, mfa}). */
	public static List<String> amr(Authentication signIn) {
		Set<String> factors = factors(signIn);
		List<String> methods = new ArrayList<>();
		if (factors.contains(PASSWORD)) {
			methods.add("pwd");
		}
		if (factors.contains(TOTP) || factors.contains(RECOVERY_CODE)) {
			methods.add("otp");
		}
		if (factors.contains(WEBAUTHN)) {
			methods.add("hwk");
		}
		if (methods.size() >= 2 || factors.contains(WEBAUTHN)) {
			methods.add("mfa");
		}
		return methods;
	}

	/** Did this sign-in prove two factors (see the class comment)? */
	public static boolean multiFactor(Authentication signIn) {
		return signIn != null && amr(signIn).contains("mfa");
	}

	public static String acr(Authentication signIn) {
		return multiFactor(signIn) ? ACR_MFA : ACR_PASSWORD;
	}

	/**
	 * When the person signed in: the password's time when there is one, else the earliest factor's. A second factor
	 * added later (step-up) does not move it; signing in again with the password does ({@code auth_time},
	 * {@code max_age}). {@link Instant#EPOCH} when unknown.
	 */
	public static Instant signedInAt(Authentication signIn) {
		Instant earliest = null;
		for (GrantedAuthority authority : signIn.getAuthorities()) {
			if (authority instanceof FactorGrantedAuthority factor) {
				if (PASSWORD.equals(factor.getAuthority())) {
					return factor.getIssuedAt();
				}
				if (earliest == null || factor.getIssuedAt().isBefore(earliest)) {
					earliest = factor.getIssuedAt();
				}
			}
		}
		return (earliest != null) ? earliest : Instant.EPOCH;
	}

	private static Set<String> factors(Authentication signIn) {
		Set<String> factors = new LinkedHashSet<>();
		if (signIn == null || !signIn.isAuthenticated()) {
			return factors;
		}
		for (GrantedAuthority authority : signIn.getAuthorities()) {
			if (authority instanceof FactorGrantedAuthority factor) {
				factors.add(factor.getAuthority());
			}
		}
		return factors;
	}

}
