package dev.portcullis.idp.mfa;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The second sign-in step's page: a code from an authenticator app or a recovery code (the passkey button belongs
 * here too). Someone who must use a second factor and has none is sent to add one first; someone who already used
 * one goes on. {@link SecondFactorSignInFilter} takes the form.
 */
@Controller
class SecondFactorPageController {

	private final SecondFactors factors;

	private final RequestCache requestCache = new HttpSessionRequestCache();

	SecondFactorPageController(SecondFactors factors) {
		this.factors = factors;
	}

	@GetMapping(SecondFactorSignInFilter.PATH)
	String secondFactor(Authentication person, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		if (SignInFactors.multiFactor(person)) {
			SavedRequest saved = this.requestCache.getRequest(request, response);
			return "redirect:" + ((saved != null) ? saved.getRedirectUrl() : "/account");
		}
		List<SecondFactor> mine = this.factors.of(person.getName());
		if (mine.isEmpty()) {
			return "redirect:" + AccountSecondFactorsController.PATH + "?required";
		}
		model.addAttribute("kinds", mine.stream().map(SecondFactor::kind).distinct().toList());
		return "second-factor";
	}

}
