package dev.portcullis.idp.pages;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The language of the IdP's pages: the first of the app's {@code ui_locales} (OpenID Connect Core 1.0, section
 * 3.1.2.1) we have messages for, on the request itself or on the authorization request that sent the person to the
 * sign-in page; else the browser's {@code Accept-Language}; else English.
 */
final class UiLocales implements LocaleResolver {

	static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.KOREAN);

	/** Where Spring Security keeps the request that was interrupted by the sign-in page. */
	private static final String SAVED_REQUEST = "SPRING_SECURITY_SAVED_REQUEST";

	private final AcceptHeaderLocaleResolver browser = new AcceptHeaderLocaleResolver();

	UiLocales() {
		this.browser.setSupportedLocales(SUPPORTED);
		this.browser.setDefaultLocale(Locale.ENGLISH);
	}

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		Locale asked = firstSupported(request.getParameter("ui_locales"));
		if (asked == null) {
			HttpSession session = request.getSession(false);
			String[] values = (session != null && session.getAttribute(SAVED_REQUEST) instanceof SavedRequest saved)
					? saved.getParameterValues("ui_locales") : null;
			if (values != null && values.length == 1) {
				asked = firstSupported(values[0]);
			}
		}
		return (asked != null) ? asked : this.browser.resolveLocale(request);
	}

	private static Locale firstSupported(String uiLocales) {
		if (uiLocales == null || uiLocales.length() > 200) {
			return null;
		}
		for (String tag : uiLocales.trim().split("\\s+")) {
			String language = Locale.forLanguageTag(tag).getLanguage();
			for (Locale supported : SUPPORTED) {
				if (supported.getLanguage().equals(language)) {
					return supported;
				}
			}
		}
		return null;
	}

	@Override
	public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
		throw new UnsupportedOperationException("The language follows ui_locales and the browser");
	}

}
