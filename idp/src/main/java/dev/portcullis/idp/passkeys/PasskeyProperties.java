package dev.portcullis.idp.passkeys;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Passkeys (WebAuthn). Both settings default to what the issuer says, which is right whenever people reach the IdP
 * at the issuer's address.
 *
 * @param rpId the relying party id: a host name (never an IP address; browsers refuse those), the issuer's host or
 * a registrable parent of it. A passkey is bound to it: changing it makes every registered passkey unusable
 * @param rpName the name browsers show when a person creates a passkey
 * @param allowedOrigins the origins a passkey ceremony may come from ({@code scheme://host[:port]}); an assertion
 * made on any other page is refused
 */
@ConfigurationProperties("portcullis.passkeys")
public record PasskeyProperties(String rpId, String rpName, List<String> allowedOrigins) {

}
