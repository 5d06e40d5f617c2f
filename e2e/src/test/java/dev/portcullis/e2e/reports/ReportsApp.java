package dev.portcullis.e2e.reports;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * A minimal app a team would write: the client starter on the classpath, one page, and nothing about the IdP but
 * the application.yml the console showed. Sign-in, sign-out and back-channel logout all come from the starter.
 */
@SpringBootApplication
public class ReportsApp {

    @RestController
    static class Home {

        @GetMapping(path = "/", produces = "text/html")
        String home(@AuthenticationPrincipal OidcUser user, HttpServletRequest request) {
            CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            return """
                    <!DOCTYPE html>
                    <html lang="en"><head><meta charset="utf-8"><title>Reports</title></head>
                    <body><h1>Reports</h1><p>Signed in as <span id="user-name">%s</span></p>
                    <form method="post" action="/logout"><input type="hidden" name="%s" value="%s">
                    <button type="submit" id="sign-out">Sign out</button></form></body></html>
                    """.formatted(HtmlUtils.htmlEscape(user.getFullName()), csrf.getParameterName(), csrf.getToken());
        }

    }

}
