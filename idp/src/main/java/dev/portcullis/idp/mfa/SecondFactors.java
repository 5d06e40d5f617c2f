package dev.portcullis.idp.mfa;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.portcullis.idp.audit.AuditLog;

import org.springframework.stereotype.Service;

/**
 * A person's second factors, whatever their kind: what the account page and the admin console list, what the
 * policy asks ("has a second factor?"), and the one place factors are removed and that removal is audited
 * ({@code mfa.removed}). Kinds plug in as {@link SecondFactorSource} beans.
 */
@Service
public class SecondFactors {

	private final List<SecondFactorSource> sources;

	private final RecoveryCodes recoveryCodes;

	private final AuditLog auditLog;

	SecondFactors(List<SecondFactorSource> sources, RecoveryCodes recoveryCodes, AuditLog auditLog) {
		this.sources = List.copyOf(sources);
		this.recoveryCodes = recoveryCodes;
		this.auditLog = auditLog;
	}

	/** Every factor of the person, oldest first. */
	public List<SecondFactor> of(String accountId) {
		List<SecondFactor> factors = new ArrayList<>();
		for (SecondFactorSource source : this.sources) {
			factors.addAll(source.factorsOf(accountId));
		}
		factors.sort(Comparator.comparing(SecondFactor::createdAt));
		return factors;
	}

	public boolean hasAny(String accountId) {
		return this.sources.stream().anyMatch((source) -> source.hasAny(accountId));
	}

	public Optional<SecondFactor> find(String accountId, String factorId) {
		return of(accountId).stream().filter((factor) -> factor.id().equals(factorId)).findFirst();
	}

	/** Removes one factor of the person; {@code actor} is who did it (the person, or an admin). */
	public boolean remove(String accountId, String factorId, String actor) {
		Optional<SecondFactor> factor = find(accountId, factorId);
		if (factor.isEmpty()) {
			return false;
		}
		for (SecondFactorSource source : this.sources) {
			if (source.kind() == factor.get().kind() && source.remove(accountId, factorId)) {
				this.auditLog.success(actor, "mfa.removed", accountId, factor.get().auditDetails());
				return true;
			}
		}
		return false;
	}

	/** Removes every factor and the recovery codes (a lost phone); how many factors there were. */
	public int removeAll(String accountId, String actor) {
		int removed = 0;
		for (SecondFactorSource source : this.sources) {
			removed += source.removeAll(accountId);
		}
		int codes = this.recoveryCodes.removeAll(accountId);
		this.auditLog.success(actor, "mfa.removed", accountId,
				"all second factors (" + removed + ") and recovery codes (" + codes + " unused)");
		return removed;
	}

}
