package dev.portcullis.idp.users;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.stereotype.Component;

/** Records when each account last signed in with its password. */
@Component
class LoginSuccessListener {

	private final UserAccountRepository accounts;

	LoginSuccessListener(UserAccountRepository accounts) {
		this.accounts = accounts;
	}

	@EventListener
	void onSuccess(AuthenticationSuccessEvent event) {
		if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken authentication) {
			this.accounts.recordLogin(authentication.getName());
		}
	}

}
