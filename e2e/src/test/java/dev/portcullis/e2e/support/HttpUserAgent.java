package dev.portcullis.e2e.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The user-agent half of an authorization code flow without a browser: follows redirects by hand,
 * keeps cookies, and fills in the IdP's sign-in form (CSRF included) when it is shown. Stops at the
 * client's redirect URI, where nothing listens, and hands back that address with its code and state.
 */
public final class HttpUserAgent {

    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final List<String> trail = new ArrayList<>();

    /** Every request made so far, with its answer, for assertion messages. */
    public List<String> trail() {
        return List.copyOf(trail);
    }

    /**
     * Opens {@code start} and follows redirects until one points at {@code redirectUri}; signs in with
     * the given credentials whenever the IdP shows its sign-in form (at most once).
     */
    public URI authorize(URI start, String redirectUri, String username, String password)
            throws IOException, InterruptedException {
        URI next = start;
        boolean signedIn = false;
        for (int hop = 0; hop < 15; hop++) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(next).GET());
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                URI location = location(response);
                if (location.toString().startsWith(redirectUri)) {
                    return location;
                }
                next = location;
            } else if (status == 200 && isSignInForm(response.body()) && !signedIn) {
                next = submitSignIn(response, username, password);
                signedIn = true;
                if (next.toString().startsWith(redirectUri)) {
                    return next;
                }
            } else {
                throw new AssertionError("Unexpected answer " + status + " from " + response.uri() + "; trail: " + trail
                        + "\n" + abbreviate(response.body()));
            }
        }
        throw new AssertionError("Too many redirects; trail: " + trail);
    }

    private URI submitSignIn(HttpResponse<String> page, String username, String password)
            throws IOException, InterruptedException {
        String form = signInForm(page.body());
        Matcher attributes = FORM.matcher(form);
        attributes.find();
        String action = attribute(attributes.group(1), "action");
        URI target = page.uri().resolve(action == null || action.isEmpty() ? page.uri().getPath() : unescape(action));
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(attributes.group(2));
        while (input.find()) {
            String name = attribute(input.group(), "name");
            String type = attribute(input.group(), "type");
            if (name != null && "hidden".equalsIgnoreCase(type)) {
                fields.put(name, unescape(String.valueOf(attribute(input.group(), "value"))));
            }
        }
        if (!fields.containsKey("_csrf")) {
            throw new AssertionError("The sign-in form has no _csrf field:\n" + abbreviate(form));
        }
        fields.put("username", username);
        fields.put("password", password);
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(target)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() < 300 || response.statusCode() >= 400) {
            throw new AssertionError("Signing in as " + username + " answered " + response.statusCode() + "; trail: "
                    + trail + "\n" + abbreviate(response.body()));
        }
        URI location = location(response);
        if (location.getPath() != null && location.getPath().endsWith("/login") && location.getQuery() != null
                && location.getQuery().contains("error")) {
            throw new AssertionError("The IdP refused " + username + "'s credentials; trail: " + trail);
        }
        return location;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.timeout(Duration.ofSeconds(20)).header("Accept", "text/html").build();
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        trail.add(built.method() + " " + built.uri() + " -> " + response.statusCode()
                + response.headers().firstValue("Location").map(l -> " Location: " + l).orElse(""));
        return response;
    }

    private static URI location(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("Redirect without Location from " + response.uri()));
        return response.uri().resolve(location);
    }

    private static boolean isSignInForm(String html) {
        return signInForm(html) != null;
    }

    private static String signInForm(String html) {
        Matcher form = FORM.matcher(html);
        while (form.find()) {
            String content = form.group(2);
            if (content.matches("(?is).*name\\s*=\\s*[\"']username[\"'].*")
                    && content.matches("(?is).*name\\s*=\\s*[\"']password[\"'].*")) {
                return form.group();
            }
        }
        return null;
    }

    private static String attribute(String tag, String name) {
        Matcher m = Pattern.compile("\\b" + name + "\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')", Pattern.CASE_INSENSITIVE)
                .matcher(tag);
        if (!m.find()) {
            return null;
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&#x3D;", "=").replace("&#61;", "=");
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.substring(0, Math.min(text.length(), 1500));
    }
}
