package dev.portcullis.idp.admin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What is wrong with a form or request, by field name ({@code name}, {@code redirectUris}, ...), in the order the
 * fields were checked. The console shows each message next to its field; the admin API returns them as the
 * {@code errors} member of a 400 problem.
 */
public final class FieldErrors {

	private final Map<String, String> errors = new LinkedHashMap<>();

	/** Records the first problem of {@code field}; later ones for the same field are dropped. */
	public FieldErrors reject(String field, String message) {
		this.errors.putIfAbsent(field, message);
		return this;
	}

	public boolean isEmpty() {
		return this.errors.isEmpty();
	}

	public boolean has(String field) {
		return this.errors.containsKey(field);
	}

	public Map<String, String> asMap() {
		return Collections.unmodifiableMap(this.errors);
	}

	/** Throws {@link InvalidInputException} when any field was rejected. */
	public void throwIfAny() {
		if (!isEmpty()) {
			throw new InvalidInputException(this);
		}
	}

	@Override
	public String toString() {
		return this.errors.toString();
	}

}
