package dev.portcullis.idp.passkeys;

import java.time.Instant;

/**
 * A person's passkey as pages and the admin API show it: never its key. {@code id} is the credential id
 * (base64url), which names it in URLs.
 */
public record Passkey(String id, String name, Instant createdAt, Instant lastUsedAt) {

}
