package dev.portcullis.portal.signin;

/**
 * The IdP's discovery document could not be read (IdP down, unreachable, or answering with a
 * different issuer), so no sign-in can start. Nothing is cached: the next attempt asks again.
 */
class IdpUnavailableException extends RuntimeException {

	IdpUnavailableException(String issuer, Throwable cause) {
		super("Cannot read the discovery document of the identity provider " + issuer + ": " + cause.getMessage(),
				cause);
	}

}
