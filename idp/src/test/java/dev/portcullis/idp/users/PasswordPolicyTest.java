package dev.portcullis.idp.users;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The password rule itself: length, then how guessable (the paths that use it are tested over HTTP). */
class PasswordPolicyTest {

	private final PasswordPolicy policy = new PasswordPolicy();

	@Test
	void whenAPasswordIsShortCommonRepeatedOrThePersonsOwnNameThenItIsRefusedSayingWhy() {
		assertThat(this.policy.problemWith("Xq7!vR2#pL")).isEqualTo("Use at least 12 characters.");
		assertThat(this.policy.problemWith("x".repeat(201))).isEqualTo("Use at most 200 characters.");
		assertThat(this.policy.problemWith("password1234")).contains("This is a very common password.");
		assertThat(this.policy.problemWith("abcabcabcabcabc")).startsWith("This password is too easy to guess.");
		// strong for a stranger, weak for whoever knows the person's name
		assertThat(this.policy.problemWith("Quillon Vantrex 1")).isNull();
		assertThat(this.policy.problemWith("Quillon Vantrex 1", "qv", "Quillon Vantrex", "qv@example.com"))
			.startsWith("This password is too easy to guess.");
		assertThat(this.policy.problemWith("portcullis-2024")).startsWith("This password is too easy to guess.");
	}

	@Test
	void whenAPasswordIsLongAndUncommonThenItIsAcceptedWithoutCompositionRules() {
		assertThat(this.policy.problemWith("correct horse battery staple")).isNull();
		assertThat(this.policy.problemWith("violet crayon river")).isNull(); // no digit, capital or symbol needed
		// the estimate reads the first 64 characters: 200 of them cost no more than 64
		assertThat(this.policy.problemWith("violet crayon river ".repeat(10))).isNull();
	}

}
