package dev.portcullis.idp.mfa;

import java.util.List;

import dev.portcullis.idp.admin.NotFoundException;
import dev.portcullis.idp.users.UserAccount;
import dev.portcullis.idp.users.UserAccountRepository;

import org.springframework.stereotype.Service;

/**
 * What an admin does to a person's second factors, from the console or the API alike: see them (names and dates,
 * never secrets), remove one, or remove them all with the recovery codes (a lost phone). Removal is audited by
 * {@link SecondFactors} with the admin as actor.
 */
@Service
class AdminSecondFactors {

	private final SecondFactors factors;

	private final RecoveryCodes recoveryCodes;

	private final UserAccountRepository accounts;

	AdminSecondFactors(SecondFactors factors, RecoveryCodes recoveryCodes, UserAccountRepository accounts) {
		this.factors = factors;
		this.recoveryCodes = recoveryCodes;
		this.accounts = accounts;
	}

	UserAccount account(String accountId) {
		return this.accounts.findById(accountId).orElseThrow(() -> new NotFoundException("No such user"));
	}

	List<SecondFactor> of(String accountId) {
		return this.factors.of(account(accountId).id());
	}

	int recoveryCodesLeft(String accountId) {
		return this.recoveryCodes.remaining(account(accountId).id());
	}

	void remove(String accountId, String factorId, String admin) {
		if (!this.factors.remove(account(accountId).id(), factorId, admin)) {
			throw new NotFoundException("No such second factor");
		}
	}

	int removeAll(String accountId, String admin) {
		return this.factors.removeAll(account(accountId).id(), admin);
	}

}
