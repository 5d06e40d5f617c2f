package dev.portcullis.idp.pages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;

/** The IdP's pages speak English and Korean ({@code messages*.properties}). */
@Configuration(proxyBeanMethods = false)
class PagesConfig {

	@Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
	LocaleResolver localeResolver() {
		return new UiLocales();
	}

}
