package dev.portcullis.idp.mfa;

import java.util.ArrayList;
import java.util.List;

import dev.portcullis.idp.keys.KeyEncryption;
import dev.portcullis.idp.security.LoginThrottle;
import dev.portcullis.idp.security.LoginThrottle.Kind;
import dev.portcullis.idp.users.UserAccount;
import dev.portcullis.idp.users.UserAccountRepository;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A person manages their own second factors from the account page: adds an authenticator app (QR code and secret,
 * confirmed by one code), removes a factor, gets a new set of recovery codes. Every page here needs a recent
 * password ({@link SecondFactorPolicy#recentSignIn}). The first factor a person adds comes with recovery codes.
 */
@Controller
class AccountSecondFactorsController {

	static final String PATH = "/account/authenticator";

	/** The secret being set up, sealed: shown until confirmed, so reloading the page does not change it. */
	private static final String PENDING_SECRET = AccountSecondFactorsController.class.getName() + ".pendingSecret";

	private static final String PENDING_PURPOSE = "authenticator-app-pending";

	private final AuthenticatorApps apps;

	private final SecondFactors factors;

	private final RecoveryCodes recoveryCodes;

	private final UserAccountRepository accounts;

	private final KeyEncryption encryption;

	private final LoginThrottle throttle;

	private final MfaProperties properties;

	private final RequestCache requestCache = new HttpSessionRequestCache();

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	AccountSecondFactorsController(AuthenticatorApps apps, SecondFactors factors, RecoveryCodes recoveryCodes,
			UserAccountRepository accounts, KeyEncryption encryption, LoginThrottle throttle,
			MfaProperties properties) {
		this.apps = apps;
		this.factors = factors;
		this.recoveryCodes = recoveryCodes;
		this.accounts = accounts;
		this.encryption = encryption;
		this.throttle = throttle;
		this.properties = properties;
	}

	@GetMapping(PATH)
	String newAuthenticatorApp(Authentication person, HttpSession session, Model model) {
		String secret = pendingSecret(session);
		if (secret == null) {
			secret = this.apps.newSecret();
			session.setAttribute(PENDING_SECRET, this.encryption.sealSecret(secret, PENDING_PURPOSE));
		}
		UserAccount account = account(person);
		String uri = AuthenticatorApps.otpauthUri(this.properties.issuer(), account.username(), secret);
		model.addAttribute("qrCode", QrCodeSvg.of(uri, "QR code to scan with your authenticator app"));
		model.addAttribute("secret", grouped(secret));
		model.addAttribute("otpauthUri", uri);
		return "account-authenticator";
	}

	@PostMapping(PATH)
	String addAuthenticatorApp(Authentication person, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
			HttpSession session, Model model, RedirectAttributes redirect) {
		String secret = pendingSecret(session);
		if (secret == null) {
			redirect.addFlashAttribute("setupError", "The setup took too long. Scan this new code, please.");
			return "redirect:" + PATH;
		}
		String accountId = person.getName();
		if (!this.throttle.reserve(Kind.SECOND_FACTOR, accountId, accountId).allowed()) {
			redirect.addFlashAttribute("setupError", "Too many wrong codes. Please wait a few minutes, then try again.");
			return "redirect:" + PATH;
		}
		SecondFactor added = this.apps.add(accountId, name, secret, AuthenticatorApps.normalized(code));
		if (added == null) {
			redirect.addFlashAttribute("setupError",
					"That code is not right. Check the app shows Portcullis and type the code it shows now.");
			redirect.addFlashAttribute("name", name);
			return "redirect:" + PATH;
		}
		this.throttle.succeeded(Kind.SECOND_FACTOR, accountId);
		session.removeAttribute(PENDING_SECRET);
		// Typing the code proved the factor: this sign-in now has it, so what sent the person here can go on.
		addFactorToSignIn(person, SignInFactors.TOTP, request, response);
		String next = continueUrl(request, response);
		if (!this.recoveryCodes.exists(accountId)) {
			model.addAttribute("codes", this.recoveryCodes.generate(accountId, accountId));
			model.addAttribute("next", next);
			model.addAttribute("added", added);
			return "account-recovery-codes";
		}
		redirect.addFlashAttribute("factorMessage", "Your authenticator app \"" + added.name() + "\" has been added.");
		return "redirect:" + next;
	}

	@GetMapping("/account/second-factors/{id}/remove")
	String confirmRemoval(Authentication person, @PathVariable String id, Model model) {
		model.addAttribute("factor", this.factors.find(person.getName(), id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
		return "account-remove-factor";
	}

	@PostMapping("/account/second-factors/{id}/remove")
	String remove(Authentication person, @PathVariable String id, RedirectAttributes redirect) {
		boolean removed = this.factors.remove(person.getName(), id, person.getName());
		redirect.addFlashAttribute("factorMessage",
				removed ? "The second factor has been removed." : "That second factor had already been removed.");
		return "redirect:/account";
	}

	@GetMapping("/account/recovery-codes")
	String recoveryCodes(Authentication person, Model model) {
		model.addAttribute("remaining", this.recoveryCodes.remaining(person.getName()));
		return "account-recovery-codes-new";
	}

	@PostMapping("/account/recovery-codes")
	String newRecoveryCodes(Authentication person, Model model) {
		model.addAttribute("codes", this.recoveryCodes.generate(person.getName(), person.getName()));
		model.addAttribute("next", "/account");
		return "account-recovery-codes";
	}

	/** Spring Security's builder of the same authentication, with one more factor (issued now). */
	private void addFactorToSignIn(Authentication person, String factor, HttpServletRequest request,
			HttpServletResponse response) {
		Authentication more = person.toBuilder()
			.authorities((authorities) -> authorities.add(FactorGrantedAuthority.fromAuthority(factor)))
			.build();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(more);
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
	}

	/** Where the person was going before they were sent to add a factor (this IdP's own URL), else the account. */
	private String continueUrl(HttpServletRequest request, HttpServletResponse response) {
		SavedRequest saved = this.requestCache.getRequest(request, response);
		if (saved == null) {
			return "/account";
		}
		this.requestCache.removeRequest(request, response);
		return saved.getRedirectUrl();
	}

	private String pendingSecret(HttpSession session) {
		return (session.getAttribute(PENDING_SECRET) instanceof String sealed)
				? this.encryption.openSecret(sealed, PENDING_PURPOSE) : null;
	}

	private UserAccount account(Authentication person) {
		return this.accounts.findById(person.getName())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	/** "ABCD EFGH ..." for reading and typing. */
	private static String grouped(String secret) {
		List<String> groups = new ArrayList<>();
		for (int i = 0; i < secret.length(); i += 4) {
			groups.add(secret.substring(i, Math.min(secret.length(), i + 4)));
		}
		return String.join(" ", groups);
	}

}
