package dev.portcullis.idp.users;

/** The console's "Create a user" form, as the browser posts it. */
public class UserForm {

	private String username = "";

	private String email = "";

	private String displayName = "";

	private String password = "";

	private boolean admin;

	NewUser toNewUser() {
		return new NewUser(this.username, this.email, this.displayName, this.password, this.admin);
	}

	public String getUsername() {
		return this.username;
	}

	public void setUsername(String username) {
		this.username = username;
	}

	public String getEmail() {
		return this.email;
	}

	public void setEmail(String email) {
		this.email = email;
	}

	public String getDisplayName() {
		return this.displayName;
	}

	public void setDisplayName(String displayName) {
		this.displayName = displayName;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public boolean isAdmin() {
		return this.admin;
	}

	public void setAdmin(boolean admin) {
		this.admin = admin;
	}

}
