package dev.portcullis.idp.users;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;

import org.springframework.stereotype.Component;

/**
 * The one rule for every password a person chooses: an admin creating an account or resetting a password, a person
 * changing their own, the first admin from {@code PORTCULLIS_ADMIN_PASSWORD}. It follows NIST SP 800-63B: at least
 * {@value #MIN_LENGTH} characters, no composition rules (they make passwords harder to remember, not to guess), and
 * refused when it is easy to guess: zxcvbn estimates the guesses an attacker needs, from the common passwords, words,
 * names, keyboard patterns, dates and repeats it ships, and from the person's own username, name and email. Under
 * 10^8 guesses (zxcvbn's score 3) is refused, and the answer says why ("This is a very common password.").
 * <p>
 * At most {@value #MAX_LENGTH} characters, so hashing stays cheap. Only the first {@value #ESTIMATED_LENGTH} are
 * estimated: zxcvbn's cost grows faster than the length (two seconds of CPU for 200 repeated characters), and a
 * password whose first 64 characters are hard to guess is hard to guess.
 * <p>
 * The demo accounts are seeded, not chosen, and do not pass through here (their passwords are published anyway).
 */
@Component
public class PasswordPolicy {

	public static final int MIN_LENGTH = 12;

	public static final int MAX_LENGTH = 200;

	static final int ESTIMATED_LENGTH = 64;

	/** zxcvbn's "safely unguessable" score: at least 10^8 guesses. */
	private static final int MIN_SCORE = 3;

	/**
	 * zxcvbn's dictionaries take about 10 MiB of the heap and 0.1 s to load; only a password being chosen needs
	 * them, which is rare (and never on the sign-in or token paths), so they load at the first one, not at start.
	 */
	private static final class Estimator {

		static final Zxcvbn INSTANCE = new Zxcvbn();

	}

	/**
	 * What is wrong with {@code password}, or null when it may be used; {@code personal} are the person's own
	 * username, name and email, which make a password easy to guess for anyone who knows them.
	 */
	public String problemWith(String password, String... personal) {
		if (password.length() < MIN_LENGTH) {
			return "Use at least " + MIN_LENGTH + " characters.";
		}
		if (password.length() > MAX_LENGTH) {
			return "Use at most " + MAX_LENGTH + " characters.";
		}
		String estimated = password.substring(0, Math.min(password.length(), ESTIMATED_LENGTH));
		Strength strength = Estimator.INSTANCE.measure(estimated, context(personal));
		if (strength.getScore() >= MIN_SCORE) {
			return null;
		}
		return "This password is too easy to guess. " + why(strength.getFeedback());
	}

	private static List<String> context(String... personal) {
		List<String> words = new ArrayList<>(List.of("portcullis"));
		for (String value : personal) {
			if (value != null && !value.isBlank()) {
				words.add(value);
				// "alice@example.com": "alice" alone too
				if (value.contains("@")) {
					words.add(value.substring(0, value.indexOf('@')));
				}
				words.addAll(List.of(value.split("\\s+")));
			}
		}
		return words;
	}

	private static String why(Feedback feedback) {
		String warning = feedback.getWarning(Locale.ENGLISH);
		List<String> suggestions = feedback.getSuggestions(Locale.ENGLISH);
		String suggestion = suggestions.isEmpty() ? "Add another word or two. Uncommon words are better."
				: String.join(" ", suggestions);
		return (warning == null || warning.isEmpty()) ? suggestion : warning + " " + suggestion;
	}

}
