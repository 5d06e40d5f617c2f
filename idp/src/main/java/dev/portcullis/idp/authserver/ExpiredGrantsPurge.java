package dev.portcullis.idp.authserver;

import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes grants whose every token has expired, so the grant table holds only what can still be used. */
@Component
class ExpiredGrantsPurge {

	private static final Log logger = LogFactory.getLog(ExpiredGrantsPurge.class);

	private final HashedTokenAuthorizationService authorizations;

	ExpiredGrantsPurge(HashedTokenAuthorizationService authorizations) {
		this.authorizations = authorizations;
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "${portcullis.authorizations.purge-interval}")
	void purge() {
		int deleted = this.authorizations.deleteExpired(Instant.now());
		if (deleted > 0) {
			logger.info("Purged " + deleted + " expired grants");
		}
	}

}
