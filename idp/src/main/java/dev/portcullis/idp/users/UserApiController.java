package dev.portcullis.idp.users;

import java.net.URI;
import java.security.Principal;
import java.util.Map;

import dev.portcullis.idp.admin.AdminApi;
import dev.portcullis.idp.admin.InvalidInputException;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Users in the admin REST API: the console's operations and rules, JSON in and out. */
@RestController
@AdminApi
@RequestMapping(AdminApi.BASE + "/users")
class UserApiController {

	private final UserAdmin users;

	UserApiController(UserAdmin users) {
		this.users = users;
	}

	/** Accounts whose username, email or name contains {@code q}, by username; {@code limit} at most 100. */
	@GetMapping
	UserResource.Page search(@RequestParam(name = "q", defaultValue = "") String query,
			@RequestParam(name = "offset", defaultValue = "0") int offset,
			@RequestParam(name = "limit", defaultValue = "25") int limit) {
		if (offset < 0) {
			throw InvalidInputException.of("offset", "Must be 0 or more");
		}
		if (limit < 1 || limit > 100) {
			throw InvalidInputException.of("limit", "Must be between 1 and 100");
		}
		UserAdmin.UserPage page = this.users.search(query, offset, limit);
		return new UserResource.Page(page.users().stream().map(UserResource::of).toList(), page.total(), offset,
				limit);
	}

	/** 201 with the account, and its password when it was generated (shown this once). */
	@PostMapping
	ResponseEntity<UserResource> create(@RequestBody UserResource.Creation user, Principal principal) {
		UserAdmin.CreatedUser created = this.users.create(user.toNewUser(), principal.getName());
		return ResponseEntity.created(URI.create(AdminApi.BASE + "/users/" + created.account().id()))
			.body(UserResource.of(created.account(), created.generatedPassword()));
	}

	@GetMapping("/{id}")
	UserResource get(@PathVariable String id) {
		return UserResource.of(this.users.get(id));
	}

	/** Disables the account, ends its sessions and revokes its grants. */
	@PostMapping("/{id}/disable")
	UserResource disable(@PathVariable String id, Principal principal) {
		return UserResource.of(this.users.setEnabled(id, false, principal.getName()));
	}

	@PostMapping("/{id}/enable")
	UserResource enable(@PathVariable String id, Principal principal) {
		return UserResource.of(this.users.setEnabled(id, true, principal.getName()));
	}

	/** Sets the given password, or generates one and returns it (shown this once). */
	@PostMapping("/{id}/password")
	ResponseEntity<Map<String, String>> resetPassword(@PathVariable String id,
			@RequestBody(required = false) UserResource.PasswordReset body, Principal principal) {
		String generated = this.users.resetPassword(id, (body != null) ? body.password() : null, principal.getName());
		return (generated != null) ? ResponseEntity.ok(Map.of("password", generated))
				: ResponseEntity.noContent().build();
	}

	@PutMapping("/{id}/roles/admin")
	UserResource grantAdmin(@PathVariable String id, Principal principal) {
		return UserResource.of(this.users.setAdmin(id, true, principal.getName()));
	}

	@DeleteMapping("/{id}/roles/admin")
	UserResource revokeAdmin(@PathVariable String id, Principal principal) {
		return UserResource.of(this.users.setAdmin(id, false, principal.getName()));
	}

}
