package dev.portcullis.idp.users;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Loads accounts for the sign-in form. The principal's name is the account id, not the username: it is the
 * {@code sub} of every token and the key of the SSO session, and it never changes or gets reused.
 * Spring's own {@link User} is returned because the authorization server stores the principal as JSON and only
 * trusts known types.
 */
@Service
class AccountUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

	private final UserAccountRepository accounts;

	AccountUserDetailsService(UserAccountRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		UserAccount account = this.accounts.findByUsername(username)
			.orElseThrow(() -> new UsernameNotFoundException("no such user"));
		return toUser(account);
	}

	/** Called by Spring Security after a successful sign-in whose stored hash is not Argon2id. */
	@Override
	public UserDetails updatePassword(UserDetails user, String newPasswordHash) {
		this.accounts.updatePasswordHash(user.getUsername(), newPasswordHash);
		return User.withUserDetails(user).password(newPasswordHash).build();
	}

	static UserDetails toUser(UserAccount account) {
		return User.withUsername(account.id())
			.password(account.passwordHash())
			.disabled(!account.enabled())
			.roles(account.roles().toArray(String[]::new))
			.build();
	}

}
