package dev.portcullis.idp.mfa;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

import dev.portcullis.idp.admin.AdminApi;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A person's second factors in the admin REST API: list (no secrets), remove one, remove all. */
@RestController
@AdminApi
@RequestMapping(AdminApi.BASE + "/users/{id}/second-factors")
class SecondFactorApiController {

	private final AdminSecondFactors factors;

	SecondFactorApiController(AdminSecondFactors factors) {
		this.factors = factors;
	}

	/** A second factor as the API shows it. {@code kind}: {@code authenticator_app} or {@code passkey}. */
	record Factor(String id, String kind, String name, Instant createdAt, Instant lastUsedAt) {

		static Factor of(SecondFactor factor) {
			return new Factor(factor.id(), factor.kind().name().toLowerCase(java.util.Locale.ROOT), factor.name(),
					factor.createdAt(), factor.lastUsedAt());
		}

	}

	record Factors(List<Factor> factors, int recoveryCodesLeft) {
	}

	@GetMapping
	Factors list(@PathVariable String id) {
		return new Factors(this.factors.of(id).stream().map(Factor::of).toList(), this.factors.recoveryCodesLeft(id));
	}

	/** 204; 404 when the person or the factor does not exist. */
	@DeleteMapping("/{factorId}")
	ResponseEntity<Void> remove(@PathVariable String id, @PathVariable String factorId, Principal admin) {
		this.factors.remove(id, factorId, admin.getName());
		return ResponseEntity.noContent().build();
	}

	/** Every factor and the recovery codes (a lost phone): 204. */
	@DeleteMapping
	ResponseEntity<Void> removeAll(@PathVariable String id, Principal admin) {
		this.factors.removeAll(id, admin.getName());
		return ResponseEntity.noContent().build();
	}

}
