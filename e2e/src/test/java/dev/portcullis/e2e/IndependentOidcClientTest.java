package dev.portcullis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.portcullis.e2e.support.HttpUserAgent;
import dev.portcullis.e2e.support.PortcullisStack;
import dev.portcullis.e2e.support.PortcullisStackExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An OpenID Connect client library that owes nothing to Spring (Nimbus OAuth 2.0 SDK) signs in at
 * the IdP with the {@code oidc-lib} client, declared in an extra configuration file the way a user
 * would declare an app of their own.
 */
@ExtendWith(PortcullisStackExtension.class)
class IndependentOidcClientTest {

    private static final Scope SCOPES = new Scope("openid", "profile", "email");

    private static PortcullisStack stack;
    private static OIDCProviderMetadata provider;

    private final ClientID clientId = new ClientID(PortcullisStack.OIDC_LIB_CLIENT_ID);
    private final URI redirectUri = URI.create(PortcullisStack.OIDC_LIB_REDIRECT_URI);

    @BeforeAll
    static void discoverTheProvider(PortcullisStack started) throws Exception {
        stack = started;
        // resolve() also checks that the document's issuer is the one asked for, character for character.
        provider = OIDCProviderMetadata.resolve(new Issuer(stack.issuer()));
    }

    @Test
    void whenTheDiscoveryDocumentIsReadThenItNamesTheIssuerAndItsEndpoints() {
        assertThat(provider.getIssuer().getValue()).isEqualTo(stack.issuer());
        assertThat(provider.getAuthorizationEndpointURI()).hasToString(stack.idpUrl("/oauth2/authorize"));
        assertThat(provider.getTokenEndpointURI()).hasToString(stack.idpUrl("/oauth2/token"));
        assertThat(provider.getJWKSetURI()).hasToString(stack.idpUrl("/oauth2/jwks"));
        assertThat(provider.getUserInfoEndpointURI()).hasToString(stack.idpUrl("/userinfo"));
        assertThat(provider.getEndSessionEndpointURI()).hasToString(stack.idpUrl("/connect/logout"));
        assertThat(provider.getIDTokenJWSAlgs()).contains(JWSAlgorithm.RS256);
    }

    @Test
    void whenTheLibrarySignsAliceInWithCodeAndPkceThenItGetsAnIdTokenThatVerifiesAgainstTheJwks() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        Nonce nonce = new Nonce();
        URI authorize = new AuthenticationRequest.Builder(ResponseType.CODE, SCOPES, clientId, redirectUri)
                .endpointURI(provider.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();

        HttpUserAgent browser = new HttpUserAgent();
        URI callback = browser.authorize(authorize, redirectUri.toString(), "alice", "alice-password");

        AuthenticationResponse response = AuthenticationResponseParser.parse(callback);
        assertThat(response.indicatesSuccess()).as("authorization response %s; trail %s", callback, browser.trail())
                .isTrue();
        AuthenticationSuccessResponse success = response.toSuccessResponse();
        assertThat(success.getState()).as("state").isEqualTo(state);
        AuthorizationCode code = success.getAuthorizationCode();
        assertThat(code).as("code").isNotNull();

        TokenRequest tokenRequest = new TokenRequest(provider.getTokenEndpointURI(),
                new ClientSecretBasic(clientId, new Secret(stack.oidcLibClientSecret())),
                new AuthorizationCodeGrant(code, redirectUri, verifier));
        TokenResponse tokenResponse = OIDCTokenResponseParser.parse(tokenRequest.toHTTPRequest().send());
        assertThat(tokenResponse.indicatesSuccess())
                .as("token response: %s", tokenResponse.indicatesSuccess() ? "" : tokenResponse.toErrorResponse()
                        .getErrorObject().toJSONObject())
                .isTrue();
        OIDCTokenResponse tokens = (OIDCTokenResponse) tokenResponse.toSuccessResponse();

        IDTokenValidator validator = new IDTokenValidator(new Issuer(stack.issuer()), clientId, JWSAlgorithm.RS256,
                provider.getJWKSetURI().toURL());
        IDTokenClaimsSet claims = validator.validate(tokens.getOIDCTokens().getIDToken(), nonce);
        assertThat(claims.getIssuer().getValue()).isEqualTo(stack.issuer());
        assertThat(claims.getAudience()).extracting(a -> a.getValue()).contains(PortcullisStack.OIDC_LIB_CLIENT_ID);
        assertThat(claims.getNonce()).isEqualTo(nonce);
        assertThat(tokens.getOIDCTokens().getIDToken().getHeader().toJSONObject()).as("ID token header")
                .containsKey("kid");

        BearerAccessToken accessToken = tokens.getOIDCTokens().getBearerAccessToken();
        UserInfoResponse userInfoResponse = UserInfoResponse.parse(
                new UserInfoRequest(provider.getUserInfoEndpointURI(), accessToken).toHTTPRequest().send());
        assertThat(userInfoResponse.indicatesSuccess()).as("userinfo answer").isTrue();
        UserInfo alice = userInfoResponse.toSuccessResponse().getUserInfo();
        assertThat(alice.getSubject()).isEqualTo(claims.getSubject());
        assertThat(alice.getName()).isEqualTo("Alice Liddell");
        assertThat(alice.getEmailAddress()).isEqualTo("alice@example.com");
    }

    @Test
    void whenTheLibraryAsksForACodeWithoutPkceThenTheIdpRefusesIt() throws Exception {
        State state = new State();
        URI authorize = new AuthenticationRequest.Builder(ResponseType.CODE, SCOPES, clientId, redirectUri)
                .endpointURI(provider.getAuthorizationEndpointURI())
                .state(state)
                .nonce(new Nonce())
                .build()
                .toURI();

        HttpUserAgent browser = new HttpUserAgent();
        URI callback = browser.authorize(authorize, redirectUri.toString(), "alice", "alice-password");

        AuthenticationResponse response = AuthenticationResponseParser.parse(callback);
        assertThat(response.indicatesSuccess()).as("authorization response without PKCE: %s", callback).isFalse();
        AuthenticationErrorResponse error = response.toErrorResponse();
        assertThat(error.getErrorObject().getCode()).isEqualTo("invalid_request");
        assertThat(error.getState()).as("state echoed with the error").isEqualTo(state);
    }
}
