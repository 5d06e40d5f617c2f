package dev.portcullis.idp.mfa;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A code typed at the second sign-in step, for the person the first step signed in: an authenticator app's code or
 * a recovery code. Unauthenticated; {@link SecondFactorAuthenticationProvider} checks it.
 */
final class SecondFactorCode extends AbstractAuthenticationToken {

	private final Object principal;

	private final String accountId;

	private final String code;

	SecondFactorCode(Object principal, String accountId, String code) {
		super(List.of());
		this.principal = principal;
		this.accountId = accountId;
		this.code = (code != null) ? code : "";
		setAuthenticated(false);
	}

	String accountId() {
		return this.accountId;
	}

	String code() {
		return this.code;
	}

	@Override
	public Object getCredentials() {
		return this.code;
	}

	@Override
	public Object getPrincipal() {
		return this.principal;
	}

	@Override
	public String getName() {
		return this.accountId;
	}

}
