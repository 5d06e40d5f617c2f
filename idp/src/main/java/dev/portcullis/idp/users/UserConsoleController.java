package dev.portcullis.idp.users;

import java.security.Principal;

import dev.portcullis.idp.admin.ConflictException;
import dev.portcullis.idp.admin.FieldErrors;
import dev.portcullis.idp.admin.InvalidInputException;
import dev.portcullis.idp.audit.AuditLog;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's users pages: search, create, disable and enable, reset a password, grant and take back the admin
 * role. A user's sessions (and "sign out everywhere") live at {@code /admin/users/{id}/sessions}.
 */
@Controller
@RequestMapping("/admin/users")
class UserConsoleController {

	static final int PAGE_SIZE = 25;

	private final UserAdmin users;

	private final AuditLog auditLog;

	UserConsoleController(UserAdmin users, AuditLog auditLog) {
		this.users = users;
		this.auditLog = auditLog;
	}

	@GetMapping
	String list(@RequestParam(name = "q", defaultValue = "") String query,
			@RequestParam(name = "page", defaultValue = "0") int page, Model model) {
		int current = Math.max(0, Math.min(page, 100_000));
		model.addAttribute("q", query);
		model.addAttribute("page", current);
		model.addAttribute("users", this.users.search(query, current * PAGE_SIZE, PAGE_SIZE));
		return "admin/users/list";
	}

	@GetMapping("/new")
	String initCreationForm(Model model) {
		return form(model, new UserForm(), new FieldErrors());
	}

	@PostMapping
	String processCreationForm(@ModelAttribute("form") UserForm form, Principal principal, Model model,
			HttpServletResponse response) {
		try {
			UserAdmin.CreatedUser created = this.users.create(form.toNewUser(), principal.getName());
			model.addAttribute("account", created.account());
			model.addAttribute("password", created.generatedPassword());
			model.addAttribute("created", true);
			return "admin/users/password";
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			form.setPassword("");
			return form(model, form, ex.errors());
		}
		catch (ConflictException ex) {
			response.setStatus(HttpServletResponse.SC_CONFLICT);
			form.setPassword("");
			return form(model, form, new FieldErrors().reject(ex.field(), ex.getMessage()));
		}
	}

	@GetMapping("/{id}")
	String show(@PathVariable String id, Model model) {
		model.addAttribute("account", this.users.get(id));
		model.addAttribute("events", this.auditLog.forTarget(id, 20));
		return "admin/users/show";
	}

	@PostMapping("/{id}/disable")
	String disable(@PathVariable String id, Principal principal, RedirectAttributes redirect) {
		this.users.setEnabled(id, false, principal.getName());
		redirect.addFlashAttribute("notice", "Disabled: signed out everywhere, and no app can refresh their tokens");
		return "redirect:/admin/users/{id}";
	}

	@PostMapping("/{id}/enable")
	String enable(@PathVariable String id, Principal principal, RedirectAttributes redirect) {
		this.users.setEnabled(id, true, principal.getName());
		redirect.addFlashAttribute("notice", "Enabled");
		return "redirect:/admin/users/{id}";
	}

	@PostMapping("/{id}/password")
	String resetPassword(@PathVariable String id, @RequestParam(name = "password", defaultValue = "") String password,
			Principal principal, Model model, HttpServletResponse response) {
		try {
			String generated = this.users.resetPassword(id, password, principal.getName());
			model.addAttribute("account", this.users.get(id));
			model.addAttribute("password", generated);
			model.addAttribute("created", false);
			return "admin/users/password";
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("account", this.users.get(id));
			model.addAttribute("events", this.auditLog.forTarget(id, 20));
			model.addAttribute("passwordError", ex.errors().asMap().get("password"));
			return "admin/users/show";
		}
	}

	@PostMapping("/{id}/grant-admin")
	String grantAdmin(@PathVariable String id, Principal principal, RedirectAttributes redirect) {
		this.users.setAdmin(id, true, principal.getName());
		redirect.addFlashAttribute("notice", "Now an admin");
		return "redirect:/admin/users/{id}";
	}

	@PostMapping("/{id}/revoke-admin")
	String revokeAdmin(@PathVariable String id, Principal principal, RedirectAttributes redirect) {
		this.users.setAdmin(id, false, principal.getName());
		redirect.addFlashAttribute("notice", "No longer an admin");
		return "redirect:/admin/users/{id}";
	}

	private static String form(Model model, UserForm form, FieldErrors errors) {
		model.addAttribute("form", form);
		model.addAttribute("errors", errors.asMap());
		return "admin/users/form";
	}

}
