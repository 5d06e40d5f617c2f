package dev.portcullis.idp.admin;

import java.util.function.Supplier;

import dev.portcullis.idp.users.UserAccount;
import dev.portcullis.idp.users.UserAccountRepository;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

/**
 * Who may use the admin console: a signed-in person whose account is, right now, enabled and an admin. The role
 * is read from the database on each request, not only from the session, so taking the role away or disabling the
 * account takes effect at the next click rather than at the next sign-in.
 */
@Component
public class AdminAccess implements AuthorizationManager<RequestAuthorizationContext> {

	private final UserAccountRepository accounts;

	AdminAccess(UserAccountRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		Authentication current = authentication.get();
		boolean granted = current != null && current.isAuthenticated()
				&& current.getAuthorities().stream().anyMatch((a) -> "ROLE_ADMIN".equals(a.getAuthority()))
				&& this.accounts.findById(current.getName())
					.map((account) -> account.enabled() && account.isAdmin())
					.orElse(false);
		return new AuthorizationDecision(granted);
	}

	/** For a bearer token acting for a person: is that person an enabled admin now? */
	public boolean isActiveAdmin(String accountId) {
		return this.accounts.findById(accountId).map((UserAccount a) -> a.enabled() && a.isAdmin()).orElse(false);
	}

}
