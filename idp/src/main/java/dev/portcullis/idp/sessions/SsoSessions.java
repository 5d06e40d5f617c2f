package dev.portcullis.idp.sessions;

import java.util.Set;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;

/** Ends SSO sessions: one, or all of a person's. */
@Service
public class SsoSessions {

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	SsoSessions(FindByIndexNameSessionRepository<? extends Session> sessions) {
		this.sessions = sessions;
	}

	/**
	 * Ends every SSO session of the account {@code userId} (after it was disabled, or on "sign out everywhere");
	 * returns how many ended.
	 */
	public int endAllFor(String userId, String actor) {
		Set<String> ids = this.sessions.findByPrincipalName(userId).keySet();
		ids.forEach(this.sessions::deleteById);
		return ids.size();
	}

}
