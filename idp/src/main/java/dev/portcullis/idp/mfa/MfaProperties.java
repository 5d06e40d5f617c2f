package dev.portcullis.idp.mfa;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Second factors ({@code portcullis.mfa.*}).
 * @param adminsRequireSecondFactor admins need a second factor for the console and the admin API (default true;
 * the demo profile turns it off so the console can be tried with the published password)
 * @param reauthenticateAfter adding or removing a factor asks for the password again when the sign-in is older
 * @param issuer the name authenticator apps show next to the username
 */
@ConfigurationProperties("portcullis.mfa")
public record MfaProperties(Boolean adminsRequireSecondFactor, Duration reauthenticateAfter, String issuer) {

	public MfaProperties {
		adminsRequireSecondFactor = (adminsRequireSecondFactor == null) || adminsRequireSecondFactor;
		reauthenticateAfter = (reauthenticateAfter != null) ? reauthenticateAfter : Duration.ofMinutes(5);
		issuer = (issuer != null && !issuer.isBlank()) ? issuer : "Portcullis";
	}

}
