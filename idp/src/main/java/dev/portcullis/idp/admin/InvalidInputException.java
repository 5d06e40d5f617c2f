package dev.portcullis.idp.admin;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Input that breaks a rule: a 400 with the field errors in the API, messages next to the fields in the console. */
@ResponseStatus(HttpStatus.BAD_REQUEST)
public class InvalidInputException extends RuntimeException {

	private final transient FieldErrors errors;

	public InvalidInputException(FieldErrors errors) {
		super("Invalid input: " + String.join(", ", errors.asMap().keySet()));
		this.errors = errors;
	}

	public static InvalidInputException of(String field, String message) {
		return new InvalidInputException(new FieldErrors().reject(field, message));
	}

	public FieldErrors errors() {
		return this.errors;
	}

}
