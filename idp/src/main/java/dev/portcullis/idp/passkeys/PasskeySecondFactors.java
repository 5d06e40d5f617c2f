package dev.portcullis.idp.passkeys;

import java.util.List;

import dev.portcullis.idp.mfa.SecondFactor;
import dev.portcullis.idp.mfa.SecondFactorSource;

import org.springframework.stereotype.Component;

/**
 * Passkeys as second factors (see {@link SecondFactorSource}): the one list of a person's factors (account page,
 * admin console, admin API), the policy's "has a second factor?", and removal (one, or all for a lost phone, audited
 * by {@code SecondFactors}) include them. Passkeys have no list or removal path of their own.
 */
@Component
class PasskeySecondFactors implements SecondFactorSource {

	private final Passkeys passkeys;

	PasskeySecondFactors(Passkeys passkeys) {
		this.passkeys = passkeys;
	}

	@Override
	public SecondFactor.Kind kind() {
		return SecondFactor.Kind.PASSKEY;
	}

	@Override
	public List<SecondFactor> factorsOf(String accountId) {
		return this.passkeys.listFor(accountId)
			.stream()
			.map(Passkey::asSecondFactor)
			.toList();
	}

	@Override
	public boolean hasAny(String accountId) {
		return this.passkeys.hasPasskey(accountId);
	}

	@Override
	public boolean remove(String accountId, String factorId) {
		return this.passkeys.delete(accountId, factorId) != null;
	}

	@Override
	public int removeAll(String accountId) {
		int removed = 0;
		for (Passkey passkey : this.passkeys.listFor(accountId)) {
			removed += (this.passkeys.delete(accountId, passkey.id()) != null) ? 1 : 0;
		}
		return removed;
	}

}
