package dev.portcullis.idp.clients;

/**
 * RFC 6749 section 2.1: a confidential app (a server) keeps a secret and authenticates with it at the token
 * endpoint; a public app (a single-page or native app) cannot keep one and relies on PKCE alone.
 */
public enum ClientType {

	CONFIDENTIAL, PUBLIC

}
