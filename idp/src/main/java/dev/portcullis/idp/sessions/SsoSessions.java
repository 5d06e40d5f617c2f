package dev.portcullis.idp.sessions;

import java.time.Instant;
import java.util.List;

import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.authserver.HashedTokenAuthorizationService;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;

/**
 * The life of SSO sessions. A session is recorded when a person signs in; whenever it ends (sign-out at the IdP
 * or from an app, "sign out everywhere", an admin's force sign-out, a disabled account, expiry, maximum lifetime)
 * the grants made under it are revoked and every app that received tokens under it is told through back-channel
 * logout. Ending is claimed by deleting the session's row, so it happens once even when several nodes notice.
 */
@Service
public class SsoSessions {

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	private final SsoSessionRepository repository;

	private final HashedTokenAuthorizationService grants;

	private final BackChannelLogout backChannelLogout;

	private final AuditLog auditLog;

	SsoSessions(FindByIndexNameSessionRepository<? extends Session> sessions, SsoSessionRepository repository,
			HashedTokenAuthorizationService grants, BackChannelLogout backChannelLogout, AuditLog auditLog) {
		this.sessions = sessions;
		this.repository = repository;
		this.grants = grants;
		this.backChannelLogout = backChannelLogout;
		this.auditLog = auditLog;
	}

	/**
	 * Records the session of a sign-in that just succeeded (the session id has already been changed). A person
	 * signing in again within their session (asked to by {@code prompt=login} or {@code max_age}) keeps it: same
	 * sid, same apps, same maximum lifetime.
	 */
	public void started(HttpServletRequest request, String principalName) {
		this.repository.insertIfAbsent(request.getSession().getId(), principalName, request.getHeader("User-Agent"),
				request.getRemoteAddr());
	}

	/** How many SSO sessions are alive now, everyone's (the admin home page, the live-sessions gauge). */
	public long countLive() {
		return this.repository.count();
	}

	/** The live sessions of a person, most recently active first. */
	public List<SsoSession> listFor(String principalName) {
		return this.repository.findByPrincipal(principalName);
	}

	/**
	 * The session {@code sessionId} is being ended by the current request itself (its HTTP session will be
	 * invalidated by Spring Security's logout): revoke and notify.
	 */
	public void ending(String sessionId, String actor, String reason) {
		this.repository.find(sessionId).ifPresent((session) -> finish(session, actor, reason));
	}

	/**
	 * Ends the session {@code sid} of {@code principalName}; false if it is not theirs or already over. Pages name
	 * sessions by sid, never by session id, which is a credential.
	 */
	public boolean end(String principalName, String sid, String actor, String reason) {
		var session = this.repository.findBySid(sid);
		if (session.isEmpty() || !session.get().principalName().equals(principalName)) {
			return false;
		}
		this.sessions.deleteById(session.get().sessionId());
		return finish(session.get(), actor, reason);
	}

	/**
	 * Ends every SSO session of the account {@code userId} (after it was disabled, on "sign out everywhere", or
	 * by an admin); returns how many ended.
	 */
	public int endAllFor(String userId, String actor) {
		return endSessionsOf(userId, null, actor, "signed out everywhere");
	}

	/** Ends every session of {@code userId} but {@code keepSessionId} (after a password change); returns how many. */
	public int endOthers(String userId, String keepSessionId, String actor) {
		return endSessionsOf(userId, keepSessionId, actor, "password changed");
	}

	private int endSessionsOf(String userId, String keepSessionId, String actor, String reason) {
		int ended = 0;
		for (String id : this.sessions.findByPrincipalName(userId).keySet()) {
			if (!id.equals(keepSessionId)) {
				this.sessions.deleteById(id);
				this.repository.find(id).ifPresent((session) -> finish(session, actor, reason));
				ended++;
			}
		}
		return ended;
	}

	/**
	 * Ends sessions that expired (their Spring Session is gone; only those recorded before {@code orphanedBefore},
	 * because at sign-in the row is written before Spring Session stores the new session id) and sessions started
	 * before {@code startedBefore} (maximum lifetime); returns how many.
	 */
	public int sweep(Instant orphanedBefore, Instant startedBefore) {
		int ended = 0;
		for (SsoSessionRepository.Record orphan : this.repository.findOrphans(orphanedBefore)) {
			if (finish(orphan, "system", "expired")) {
				ended++;
			}
		}
		for (SsoSessionRepository.Record old : this.repository.findStartedBefore(startedBefore)) {
			this.sessions.deleteById(old.sessionId());
			if (finish(old, "system", "maximum lifetime reached")) {
				ended++;
			}
		}
		return ended;
	}

	private boolean finish(SsoSessionRepository.Record session, String actor, String reason) {
		if (!this.repository.delete(session.sessionId())) {
			return false; // another request or node got there first
		}
		List<String> clientIds = this.grants.registeredClientIdsForSession(session.sid());
		this.grants.deleteForSession(session.sid());
		this.backChannelLogout.notifyClients(session.sid(), session.principalName(), clientIds);
		this.auditLog.success(actor, "session.ended", session.principalName(),
				reason + "; " + clientIds.size() + " app(s) signed in under it");
		return true;
	}

}
