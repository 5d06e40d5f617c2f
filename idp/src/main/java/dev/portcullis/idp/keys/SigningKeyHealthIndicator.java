package dev.portcullis.idp.keys;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Readiness: this node holds a key it can sign tokens with (health contributor {@code signingKey}, in the readiness
 * group). Reading it may load the keys from the database, so a node that cannot read them is not ready.
 */
@Component
class SigningKeyHealthIndicator extends AbstractHealthIndicator {

	private final SigningKeys keys;

	SigningKeyHealthIndicator(SigningKeys keys) {
		super("Signing key check failed");
		this.keys = keys;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean canSign = this.keys.signing().getKeys().stream().anyMatch((key) -> key.isPrivate());
		if (canSign) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

}
