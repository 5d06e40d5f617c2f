package dev.portcullis.idp.clients;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * An app that signs people in and registers no post-logout redirect URI gets one: the origin of its first redirect
 * URI ({@code https://reports.example.com/}). Without it, the app's "Sign out" could not bring the person back, and
 * apps built from the usual examples send one. Applied when an app is registered (console, admin API, dynamic
 * registration), never when it is changed: an admin who clears the list means it. The console proposes the same
 * value as the admin types.
 */
final class PostLogoutDefault {

	private PostLogoutDefault() {
	}

	static ClientDraft applyTo(ClientDraft draft) {
		if (!draft.postLogoutRedirectUris().isEmpty() || draft.redirectUris().isEmpty()
				|| !draft.grantTypes().contains(AuthorizationGrantType.AUTHORIZATION_CODE.getValue())) {
			return draft;
		}
		return origin(draft.redirectUris().get(0))
			.map((origin) -> new ClientDraft(draft.clientId(), draft.name(), draft.type(), draft.redirectUris(),
					List.of(origin), draft.backchannelLogoutUri(), draft.scopes(), draft.consentRequired(),
					draft.grantTypes(), draft.secondFactorRequired()))
			.orElse(draft);
	}

	/** {@code scheme://host[:port]/} of an http(s) URI; nothing for anything else (the rules will judge it). */
	static Optional<String> origin(String uri) {
		try {
			URI parsed = new URI(uri);
			String scheme = parsed.getScheme();
			if (parsed.getRawAuthority() == null || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
				return Optional.empty();
			}
			return Optional.of(scheme.toLowerCase() + "://" + parsed.getRawAuthority() + "/");
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
	}

}
