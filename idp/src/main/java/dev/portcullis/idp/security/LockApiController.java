package dev.portcullis.idp.security;

import java.security.Principal;
import java.util.List;

import dev.portcullis.idp.admin.AdminApi;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Sign-in locks in the admin REST API: list them; DELETE lifts one (audited), 404 when it is gone. */
@RestController
@AdminApi
class LockApiController {

	private final LockAdmin locks;

	LockApiController(LockAdmin locks) {
		this.locks = locks;
	}

	@GetMapping(AdminApi.BASE + "/sign-in-locks")
	List<LockAdmin.LockView> list() {
		return this.locks.list();
	}

	@DeleteMapping(AdminApi.BASE + "/sign-in-locks/{id}")
	ResponseEntity<Void> lift(@PathVariable String id, Principal principal) {
		this.locks.lift(id, principal.getName());
		return ResponseEntity.noContent().build();
	}

}
