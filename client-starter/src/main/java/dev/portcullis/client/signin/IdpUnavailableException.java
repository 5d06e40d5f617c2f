package dev.portcullis.client.signin;

/**
 * The IdP's discovery document could not be read (IdP down, unreachable, or answering with a different issuer), so
 * no sign-in can start and no token can be checked. Nothing is cached: the next attempt asks again.
 */
public class IdpUnavailableException extends RuntimeException {

	IdpUnavailableException(String issuer, Throwable cause) {
		super("Cannot read the discovery document of the identity provider " + issuer + ": " + cause.getMessage(),
				cause);
	}

}
