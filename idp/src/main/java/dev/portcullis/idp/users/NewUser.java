package dev.portcullis.idp.users;

/**
 * An account an admin creates. {@code email} and {@code password} may be blank: without a password one is
 * generated and shown once.
 */
public record NewUser(String username, String email, String displayName, String password, boolean admin) {

	public NewUser {
		username = (username != null) ? username.trim() : null;
		email = (email != null && !email.isBlank()) ? email.trim() : null;
		displayName = (displayName != null) ? displayName.trim() : null;
		password = (password != null && !password.isEmpty()) ? password : null;
	}

	@Override
	public String toString() {
		return "NewUser[" + this.username + "]"; // never the password
	}

}
