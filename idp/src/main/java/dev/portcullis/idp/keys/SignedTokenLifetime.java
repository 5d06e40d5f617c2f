package dev.portcullis.idp.keys;

import java.time.Duration;

/**
 * How long the longest-lived JWT a feature signs with the IdP's keys can live. A key whose successor took over stays
 * published at least this long (see {@link SigningKeys}), so every token it signed can be verified until it
 * expires. Derived from constants and configuration, never from stored data, so it is known at start.
 */
@FunctionalInterface
public interface SignedTokenLifetime {

	Duration longest();

}
