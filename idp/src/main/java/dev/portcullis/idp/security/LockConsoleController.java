package dev.portcullis.idp.security;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The console's sign-in locks page: who or what is locked until when, and a button to lift each lock. */
@Controller
class LockConsoleController {

	private final LockAdmin locks;

	LockConsoleController(LockAdmin locks) {
		this.locks = locks;
	}

	@GetMapping("/admin/locks")
	String list(Model model) {
		model.addAttribute("locks", this.locks.list());
		return "admin/locks";
	}

	@PostMapping("/admin/locks/{id}/lift")
	String lift(@PathVariable String id, Principal principal, RedirectAttributes redirect) {
		LockAdmin.LockView lifted = this.locks.lift(id, principal.getName());
		redirect.addFlashAttribute("notice", "Lock lifted: " + ((lifted.username() != null) ? lifted.username()
				: lifted.subject()) + " may sign in again");
		return "redirect:/admin/locks";
	}

}
