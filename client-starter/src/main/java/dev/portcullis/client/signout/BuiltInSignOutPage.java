package dev.portcullis.client.signout;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.servlet.View;
import org.springframework.web.util.HtmlUtils;

/** The sign-out question for an app without a {@code logout} template of its own: one button, POST with CSRF. */
final class BuiltInSignOutPage implements View {

	@Override
	public String getContentType() {
		return MediaType.TEXT_HTML_VALUE;
	}

	@Override
	public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
			throws Exception {
		CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		String action = HtmlUtils.htmlEscape(request.getContextPath() + "/logout");
		String html = """
				<!DOCTYPE html>
				<html lang="en">
				<head><meta charset="utf-8"><title>Sign out</title></head>
				<body>
				<main>
				  <h1 id="sign-out-question">Sign out?</h1>
				  <p>You will be signed out of this app and of every other app you reached with the same sign-in.</p>
				  <form method="post" action="%s">
				    <input type="hidden" name="%s" value="%s">
				    <button type="submit" id="sign-out">Sign out</button>
				  </form>
				</main>
				</body>
				</html>
				""".formatted(action, HtmlUtils.htmlEscape(csrf.getParameterName()), HtmlUtils.htmlEscape(csrf.getToken()));
		response.setContentType("text/html;charset=UTF-8");
		response.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
	}

}
