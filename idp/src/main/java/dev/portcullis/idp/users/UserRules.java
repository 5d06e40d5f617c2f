package dev.portcullis.idp.users;

import java.util.regex.Pattern;

import dev.portcullis.idp.admin.FieldErrors;

/**
 * What an account needs: a username of letters, digits and {@code . _ @ -} (at most 100, case-insensitive), a name
 * and an optional email address. Uniqueness of username and email needs the database and is checked by
 * {@link UserAdmin}; a chosen password must pass {@link PasswordPolicy}, like every other.
 */
final class UserRules {

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]*");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

	private UserRules() {
	}

	static FieldErrors check(NewUser user) {
		FieldErrors errors = new FieldErrors();
		if (user.username() == null || user.username().isEmpty()) {
			errors.reject("username", "Choose a username");
		}
		else if (user.username().length() > UserAccountRepository.MAX_USERNAME_LENGTH) {
			errors.reject("username", "Must be at most " + UserAccountRepository.MAX_USERNAME_LENGTH + " characters");
		}
		else if (!USERNAME.matcher(user.username()).matches()) {
			errors.reject("username", "Use letters, digits, dots, dashes, underscores or @, starting with a letter "
					+ "or digit");
		}
		if (user.displayName() == null || user.displayName().isEmpty()) {
			errors.reject("displayName", "Give the person's name");
		}
		else if (user.displayName().length() > 200) {
			errors.reject("displayName", "Must be at most 200 characters");
		}
		else if (CONTROL.matcher(user.displayName()).find()) {
			errors.reject("displayName", "Must not contain control characters");
		}
		if (user.email() != null && (user.email().length() > 320 || !EMAIL.matcher(user.email()).matches())) {
			errors.reject("email", "Not an email address");
		}
		return errors;
	}

}
