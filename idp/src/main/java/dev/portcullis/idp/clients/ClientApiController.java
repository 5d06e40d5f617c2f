package dev.portcullis.idp.clients;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import dev.portcullis.idp.admin.AdminApi;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Apps in the admin REST API: the console's operations and rules, JSON in and out. */
@RestController
@AdminApi
@RequestMapping(AdminApi.BASE + "/clients")
class ClientApiController {

	private final ClientAdmin clients;

	ClientApiController(ClientAdmin clients) {
		this.clients = clients;
	}

	@GetMapping
	List<ClientResource> list() {
		return this.clients.list().stream().map(ClientResource::of).toList();
	}

	/** 201 with the app and its secret (shown this once). */
	@PostMapping
	ResponseEntity<ClientResource> register(@RequestBody ClientRequest request, Principal principal) {
		IssuedClient issued = this.clients.register(request.toDraft(), principal.getName());
		return ResponseEntity.created(URI.create(AdminApi.BASE + "/clients/" + issued.client().clientId()))
			.body(ClientResource.of(issued.client(), issued.secret()));
	}

	@GetMapping("/{clientId}")
	ClientResource get(@PathVariable String clientId) {
		return ClientResource.of(this.clients.get(clientId));
	}

	@PutMapping("/{clientId}")
	ClientResource update(@PathVariable String clientId, @RequestBody ClientRequest request, Principal principal) {
		ClientDraft change = request.toChangeOf(this.clients.get(clientId));
		return ClientResource.of(this.clients.update(clientId, change, principal.getName()));
	}

	/** A new secret (shown this once); the old one stops working. */
	@PostMapping("/{clientId}/secret")
	ClientResource rotateSecret(@PathVariable String clientId, Principal principal) {
		IssuedClient issued = this.clients.rotateSecret(clientId, principal.getName());
		return ClientResource.of(issued.client(), issued.secret());
	}

	@PostMapping("/{clientId}/disable")
	ClientResource disable(@PathVariable String clientId, Principal principal) {
		return ClientResource.of(this.clients.setEnabled(clientId, false, principal.getName()));
	}

	@PostMapping("/{clientId}/enable")
	ClientResource enable(@PathVariable String clientId, Principal principal) {
		return ClientResource.of(this.clients.setEnabled(clientId, true, principal.getName()));
	}

	/** Deletes the app and revokes its grants. */
	@DeleteMapping("/{clientId}")
	ResponseEntity<Void> delete(@PathVariable String clientId, Principal principal) {
		this.clients.delete(clientId, principal.getName());
		return ResponseEntity.noContent().build();
	}

}
