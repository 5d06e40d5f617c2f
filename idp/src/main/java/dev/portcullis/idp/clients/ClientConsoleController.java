package dev.portcullis.idp.clients;

import java.security.Principal;
import java.util.Set;
import java.util.stream.Collectors;

import dev.portcullis.idp.admin.ConflictException;
import dev.portcullis.idp.admin.FieldErrors;
import dev.portcullis.idp.admin.InvalidInputException;
import dev.portcullis.idp.audit.AuditLog;

import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerProperties;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's apps pages: list, register (client id and secret shown once, with a ready-to-paste Spring Boot
 * snippet), edit, rotate the secret, disable and enable, delete. Access is the admin role only
 * ({@code security.DefaultSecurityConfig}); every form carries its CSRF token.
 */
@Controller
@RequestMapping("/admin/clients")
class ClientConsoleController {

	private final ClientAdmin clients;

	private final AuditLog auditLog;

	private final String issuer;

	private final Set<String> declaredClientIds;

	ClientConsoleController(ClientAdmin clients, AuditLog auditLog, AuthorizationServerSettings settings,
			OAuth2AuthorizationServerProperties properties) {
		this.clients = clients;
		this.auditLog = auditLog;
		this.issuer = settings.getIssuer();
		this.declaredClientIds = properties.getClient()
			.entrySet()
			.stream()
			.map((entry) -> StringUtils.hasText(entry.getValue().getRegistration().getClientId())
					? entry.getValue().getRegistration().getClientId() : entry.getKey())
			.collect(Collectors.toUnmodifiableSet());
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("clients", this.clients.list());
		return "admin/clients/list";
	}

	@GetMapping("/new")
	String initCreationForm(Model model) {
		return form(model, new ClientForm(), new FieldErrors(), false);
	}

	@PostMapping
	String processCreationForm(@ModelAttribute("form") ClientForm form, Principal principal, Model model,
			HttpServletResponse response) {
		try {
			IssuedClient issued = this.clients.register(form.toDraft(), principal.getName());
			return issued(model, issued, true);
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return form(model, form, ex.errors(), false);
		}
		catch (ConflictException ex) {
			response.setStatus(HttpServletResponse.SC_CONFLICT);
			return form(model, form, new FieldErrors().reject(ex.field(), ex.getMessage()), false);
		}
	}

	@GetMapping("/{clientId}")
	String show(@PathVariable String clientId, Model model) {
		ClientView client = this.clients.get(clientId);
		model.addAttribute("client", client);
		model.addAttribute("declared", this.declaredClientIds.contains(clientId));
		model.addAttribute("snippet", SpringBootSnippet.of(client, null, this.issuer));
		model.addAttribute("events", this.auditLog.forTarget(clientId, 20));
		return "admin/clients/show";
	}

	@GetMapping("/{clientId}/edit")
	String initUpdateForm(@PathVariable String clientId, Model model) {
		return form(model, ClientForm.of(this.clients.get(clientId)), new FieldErrors(), true);
	}

	@PostMapping("/{clientId}")
	String processUpdateForm(@PathVariable String clientId, @ModelAttribute("form") ClientForm form,
			Principal principal, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		ClientView existing = this.clients.get(clientId);
		try {
			this.clients.update(clientId, form.toDraft(), principal.getName());
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			form.setClientId(clientId);
			form.setType(existing.type().name().toLowerCase(java.util.Locale.ROOT));
			return form(model, form, ex.errors(), true);
		}
		redirect.addFlashAttribute("notice", "Saved");
		return "redirect:/admin/clients/{clientId}";
	}

	@PostMapping("/{clientId}/secret")
	String rotateSecret(@PathVariable String clientId, Principal principal, Model model) {
		return issued(model, this.clients.rotateSecret(clientId, principal.getName()), false);
	}

	@PostMapping("/{clientId}/disable")
	String disable(@PathVariable String clientId, Principal principal, RedirectAttributes redirect) {
		this.clients.setEnabled(clientId, false, principal.getName());
		redirect.addFlashAttribute("notice", "Disabled: the app can no longer sign anyone in or get tokens");
		return "redirect:/admin/clients/{clientId}";
	}

	@PostMapping("/{clientId}/enable")
	String enable(@PathVariable String clientId, Principal principal, RedirectAttributes redirect) {
		this.clients.setEnabled(clientId, true, principal.getName());
		redirect.addFlashAttribute("notice", "Enabled");
		return "redirect:/admin/clients/{clientId}";
	}

	@GetMapping("/{clientId}/delete")
	String confirmDelete(@PathVariable String clientId, Model model) {
		model.addAttribute("client", this.clients.get(clientId));
		return "admin/clients/delete";
	}

	@PostMapping("/{clientId}/delete")
	String delete(@PathVariable String clientId, Principal principal, RedirectAttributes redirect) {
		this.clients.delete(clientId, principal.getName());
		redirect.addFlashAttribute("notice", "Deleted '" + clientId + "' and revoked every grant it had");
		return "redirect:/admin/clients";
	}

	private String form(Model model, ClientForm form, FieldErrors errors, boolean editing) {
		model.addAttribute("form", form);
		model.addAttribute("errors", errors.asMap());
		model.addAttribute("editing", editing);
		return "admin/clients/form";
	}

	private String issued(Model model, IssuedClient issued, boolean registered) {
		model.addAttribute("client", issued.client());
		model.addAttribute("secret", issued.secret());
		model.addAttribute("registered", registered);
		model.addAttribute("snippet", SpringBootSnippet.of(issued.client(), issued.secret(), this.issuer));
		return "admin/clients/issued";
	}

}
