package org.vosportal.portal;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The CSRF token of this request's pages (forms carry it in a field, htmx in a header); templates
 * read it as {@code {inject:csrf.token}}.
 */
@RequestScoped
@Named("csrf")
public class Csrf {

    @Inject
    HttpServerRequest request;

    @Inject
    SecurityIdentity identity;

    @Inject
    CsrfTokens tokens;

    private String token;

    /** The token, giving an anonymous visitor their cookie on first use. */
    public String token() {
        if (token == null) {
            token = tokens.expected(request, identity);
            if (token == null) {
                token = tokens.issueCookie(request);
            }
        }
        return token;
    }
}
