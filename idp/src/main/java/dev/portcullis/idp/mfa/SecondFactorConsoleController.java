package dev.portcullis.idp.mfa;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The console's page of a person's second factors: {@code /admin/users/{id}/second-factors}. */
@Controller
@RequestMapping("/admin/users/{id}/second-factors")
class SecondFactorConsoleController {

	private final AdminSecondFactors factors;

	SecondFactorConsoleController(AdminSecondFactors factors) {
		this.factors = factors;
	}

	@GetMapping
	String list(@PathVariable String id, Model model) {
		model.addAttribute("account", this.factors.account(id));
		model.addAttribute("factors", this.factors.of(id));
		model.addAttribute("recoveryCodesLeft", this.factors.recoveryCodesLeft(id));
		return "admin/user-second-factors";
	}

	@PostMapping("/{factorId}/remove")
	String remove(@PathVariable String id, @PathVariable String factorId, Principal admin,
			RedirectAttributes redirect) {
		this.factors.remove(id, factorId, admin.getName());
		redirect.addFlashAttribute("message", "The second factor has been removed.");
		return "redirect:/admin/users/{id}/second-factors";
	}

	@PostMapping("/remove-all")
	String removeAll(@PathVariable String id, Principal admin, RedirectAttributes redirect) {
		int removed = this.factors.removeAll(id, admin.getName());
		redirect.addFlashAttribute("message", removed + " second factor(s) and the recovery codes have been removed.");
		return "redirect:/admin/users/{id}/second-factors";
	}

}
