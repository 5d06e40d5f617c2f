package dev.portcullis.idp.clients;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The console's "Register an app" and "Edit" form, as the browser posts it: URIs one a line, scopes separated by
 * spaces or commas, grant types as checkboxes.
 */
public class ClientForm {

	private String clientId = "";

	private String name = "";

	private String type = "confidential";

	private String redirectUris = "";

	private String postLogoutRedirectUris = "";

	private String backchannelLogoutUri = "";

	private String scopes = "openid profile email";

	private boolean consentRequired;

	private boolean secondFactorRequired;

	private List<String> grantTypes = new ArrayList<>(List.of("authorization_code", "refresh_token"));

	static ClientForm of(ClientView client) {
		ClientForm form = new ClientForm();
		form.clientId = client.clientId();
		form.name = client.name();
		form.type = client.type().name().toLowerCase(Locale.ROOT);
		form.redirectUris = String.join("\n", client.redirectUris());
		form.postLogoutRedirectUris = String.join("\n", client.postLogoutRedirectUris());
		form.backchannelLogoutUri = (client.backchannelLogoutUri() != null) ? client.backchannelLogoutUri() : "";
		form.scopes = String.join(" ", client.scopes());
		form.consentRequired = client.consentRequired();
		form.secondFactorRequired = client.secondFactorRequired();
		form.grantTypes = new ArrayList<>(client.grantTypes());
		return form;
	}

	ClientDraft toDraft() {
		ClientType clientType = switch ((this.type != null) ? this.type.toLowerCase(Locale.ROOT) : "") {
			case "confidential" -> ClientType.CONFIDENTIAL;
			case "public" -> ClientType.PUBLIC;
			default -> null;
		};
		return new ClientDraft(this.clientId, this.name, clientType, lines(this.redirectUris),
				lines(this.postLogoutRedirectUris), this.backchannelLogoutUri,
				words(this.scopes), this.consentRequired,
				(this.grantTypes != null) ? new LinkedHashSet<>(this.grantTypes) : new LinkedHashSet<>(),
				this.secondFactorRequired);
	}

	private static List<String> lines(String text) {
		return (text != null) ? Arrays.asList(text.split("\\R")) : List.of();
	}

	private static List<String> words(String text) {
		return (text != null) ? Arrays.asList(text.trim().split("[\\s,]+")) : List.of();
	}

	public String getClientId() {
		return this.clientId;
	}

	public void setClientId(String clientId) {
		this.clientId = clientId;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getType() {
		return this.type;
	}

	public void setType(String type) {
		this.type = type;
	}

	public String getRedirectUris() {
		return this.redirectUris;
	}

	public void setRedirectUris(String redirectUris) {
		this.redirectUris = redirectUris;
	}

	public String getPostLogoutRedirectUris() {
		return this.postLogoutRedirectUris;
	}

	public void setPostLogoutRedirectUris(String postLogoutRedirectUris) {
		this.postLogoutRedirectUris = postLogoutRedirectUris;
	}

	public String getBackchannelLogoutUri() {
		return this.backchannelLogoutUri;
	}

	public void setBackchannelLogoutUri(String backchannelLogoutUri) {
		this.backchannelLogoutUri = backchannelLogoutUri;
	}

	public String getScopes() {
		return this.scopes;
	}

	public void setScopes(String scopes) {
		this.scopes = scopes;
	}

	public boolean isConsentRequired() {
		return this.consentRequired;
	}

	public void setConsentRequired(boolean consentRequired) {
		this.consentRequired = consentRequired;
	}

	public boolean isSecondFactorRequired() {
		return this.secondFactorRequired;
	}

	public void setSecondFactorRequired(boolean secondFactorRequired) {
		this.secondFactorRequired = secondFactorRequired;
	}

	public List<String> getGrantTypes() {
		return this.grantTypes;
	}

	public void setGrantTypes(List<String> grantTypes) {
		this.grantTypes = grantTypes;
	}

}
