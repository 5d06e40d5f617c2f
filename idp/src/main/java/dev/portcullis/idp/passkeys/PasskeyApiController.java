package dev.portcullis.idp.passkeys;

import java.security.Principal;
import java.util.List;

import dev.portcullis.idp.admin.AdminApi;
import dev.portcullis.idp.admin.NotFoundException;
import dev.portcullis.idp.users.UserAccountRepository;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A person's passkeys in the admin REST API: names and dates (never keys), and removal (audited). */
@RestController
@AdminApi
@RequestMapping(AdminApi.BASE + "/users/{userId}/passkeys")
class PasskeyApiController {

	private final Passkeys passkeys;

	private final UserAccountRepository accounts;

	PasskeyApiController(Passkeys passkeys, UserAccountRepository accounts) {
		this.passkeys = passkeys;
		this.accounts = accounts;
	}

	@GetMapping
	List<Passkey> list(@PathVariable String userId) {
		if (this.accounts.findById(userId).isEmpty()) {
			throw new NotFoundException("No user with id '" + userId + "'");
		}
		return this.passkeys.listFor(userId);
	}

	@DeleteMapping("/{passkeyId}")
	ResponseEntity<Void> remove(@PathVariable String userId, @PathVariable String passkeyId, Principal admin) {
		if (!this.passkeys.remove(userId, passkeyId, admin.getName())) {
			throw new NotFoundException("No passkey '" + passkeyId + "' for user '" + userId + "'");
		}
		return ResponseEntity.noContent().build();
	}

}
