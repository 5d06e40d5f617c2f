package dev.portcullis.idp.support;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.portcullis.idp.support.Browser.AuthorizationRequest;

/**
 * The IdP's consent page ("Allow access?") as a person uses it in a {@link Browser}: reached from an authorization
 * request, then "Allow" with some scopes ticked, or "Deny". The forms are posted as the browser posts them.
 */
public final class ConsentPage {

	private static final Pattern STATE = Pattern.compile("name=\"state\" value=\"([^\"]+)\"");

	private final Browser browser;

	private final String clientId;

	private final String html;

	private ConsentPage(Browser browser, String clientId, String html) {
		this.browser = browser;
		this.clientId = clientId;
		this.html = html;
	}

	/** Sends {@code request} from a signed-in browser, which the IdP must send to its consent page. */
	public static ConsentPage open(Browser browser, AuthorizationRequest request) {
		HttpResponse<String> toConsent = browser.authorize(request);
		if (!Browser.location(toConsent).contains("/oauth2/consent")) {
			throw new AssertionError("Expected the consent page, got " + toConsent.statusCode() + " "
					+ Browser.location(toConsent));
		}
		return new ConsentPage(browser, request.clientId(), browser.get(Browser.location(toConsent)).body());
	}

	public String html() {
		return this.html;
	}

	/**
	 * Presses "Allow" with {@code scopes} ticked (none: nothing ticked); {@code openid}, a hidden field of the form
	 * when it was asked for, goes along as in a browser.
	 */
	public HttpResponse<String> allow(String... scopes) {
		Map<String, String> form = hiddenFields();
		if (this.html.contains("name=\"scope\" value=\"openid\"")) {
			form.put("scope", "openid");
		}
		StringBuilder body = new StringBuilder(Browser.form(form));
		for (String scope : scopes) {
			body.append("&scope=").append(scope);
		}
		return this.browser.postRaw("/oauth2/authorize", body.toString());
	}

	/** Presses "Deny". */
	public HttpResponse<String> deny() {
		return this.browser.post("/oauth2/authorize", hiddenFields());
	}

	private Map<String, String> hiddenFields() {
		Matcher state = STATE.matcher(this.html);
		if (!state.find()) {
			throw new AssertionError("The consent form has no state:\n" + this.html);
		}
		Map<String, String> form = new LinkedHashMap<>();
		form.put("client_id", this.clientId);
		form.put("state", state.group(1));
		form.put("_csrf", Browser.csrfToken(this.html));
		return form;
	}

}
