package dev.portcullis.idp.clients;

import java.time.Instant;

/**
 * An initial access token as the console lists it: never the token itself, which exists only in the answer that
 * issued it (the database keeps its SHA-256).
 */
public record InitialAccessToken(String id, String description, String createdBy, Instant createdAt,
		Instant expiresAt, Instant usedAt, String usedByClientId, Instant revokedAt, String revokedBy) {

	public enum Status {

		ACTIVE, USED, EXPIRED, REVOKED

	}

	public Status status(Instant now) {
		if (this.revokedAt != null) {
			return Status.REVOKED;
		}
		if (this.usedAt != null) {
			return Status.USED;
		}
		return this.expiresAt.isAfter(now) ? Status.ACTIVE : Status.EXPIRED;
	}

	public boolean isActive() {
		return status(Instant.now()) == Status.ACTIVE;
	}

}
