package dev.portcullis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.portcullis.e2e.support.PortcullisStack;
import dev.portcullis.e2e.support.PortcullisStackExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The apps' {@code /api/me}, called by a program rather than a browser, without a valid token. */
@ExtendWith(PortcullisStackExtension.class)
class ResourceApiTest {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private static PortcullisStack stack;

    @BeforeAll
    static void startTheStack(PortcullisStack started) {
        stack = started;
    }

    @Test
    void whenThePortalApiIsCalledWithAGarbageBearerTokenThenItAnswers401WithABearerChallenge() throws Exception {
        HttpResponse<String> response = getApiMe(stack.portalUrl("/api/me"), "Bearer this-is-not-a-token");

        assertUnauthorizedWithChallenge(response);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).containsIgnoringCase("invalid_token");
    }

    @Test
    void whenThePortalApiIsCalledWithoutATokenThenItAnswers401RatherThanASignInRedirect() throws Exception {
        assertUnauthorizedWithChallenge(getApiMe(stack.portalUrl("/api/me"), null));
    }

    @Test
    void whenTheDashboardApiIsCalledWithAGarbageBearerTokenThenItAnswers401WithABearerChallenge() throws Exception {
        assertUnauthorizedWithChallenge(getApiMe(stack.dashboardUrl("/api/me"), "Bearer eyJhbGciOiJub25lIn0.e30."));
    }

    private static HttpResponse<String> getApiMe(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertUnauthorizedWithChallenge(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("status of %s, body: %s", response.uri(), response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).as("WWW-Authenticate of %s", response.uri())
                .hasValueSatisfying(challenge -> assertThat(challenge).startsWithIgnoringCase("Bearer"));
        assertThat(response.body()).as("no stack trace in the answer").doesNotContain("at org.springframework", "Exception:");
    }
}
