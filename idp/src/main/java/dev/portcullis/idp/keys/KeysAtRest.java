package dev.portcullis.idp.keys;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * At start: with an encryption key configured, seal the signing keys stored before it was; without one, say that
 * private keys are stored readable (except in the demo profile, where that is the point).
 */
@Component
class KeysAtRest implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(KeysAtRest.class);

	private final SigningKeyRepository repository;

	private final KeyEncryption encryption;

	private final Environment environment;

	KeysAtRest(SigningKeyRepository repository, KeyEncryption encryption, Environment environment) {
		this.repository = repository;
		this.encryption = encryption;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.encryption.enabled()) {
			int sealed = this.repository.sealUnsealed();
			if (sealed > 0) {
				logger.info("Encrypted " + sealed + " stored signing key(s) with PORTCULLIS_KEY_ENCRYPTION_KEY");
			}
		}
		else if (!this.environment.acceptsProfiles(Profiles.of("demo"))) {
			logger.warn("Private signing keys are stored unencrypted in the database: whoever reads it or a backup "
					+ "can sign tokens. Set PORTCULLIS_KEY_ENCRYPTION_KEY (openssl rand -base64 32) and keep it "
					+ "apart from the database backups (docs/operations.md)");
		}
	}

}
