package dev.portcullis.idp.mfa;

import java.util.List;

/**
 * Where the second factors of one kind are kept: {@link AuthenticatorApps} here, passkeys in their own feature. Each
 * source is a bean; {@link SecondFactors} asks them all, so a new kind of factor is one more implementation.
 */
public interface SecondFactorSource {

	SecondFactor.Kind kind();

	/** The person's factors of this kind, oldest first. */
	List<SecondFactor> factorsOf(String accountId);

	/** Does the person have at least one? (Asked on every sign-in step: implement it as a cheap query.) */
	boolean hasAny(String accountId);

	/** Removes one of the person's factors; false when it is not theirs or already gone. No audit: the caller's. */
	boolean remove(String accountId, String factorId);

	/** Removes all the person's factors of this kind; how many there were. */
	int removeAll(String accountId);

}
