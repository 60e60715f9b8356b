package org.vosportal.portal;

import io.quarkus.oidc.JavaScriptRequestChecker;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * An htmx request whose session has expired must not get Keycloak's login page swapped into a
 * fragment: Quarkus OIDC answers such requests with 499 and js/session.js sends the whole page to login.
 */
@ApplicationScoped
public class HtmxRequestChecker implements JavaScriptRequestChecker {

    @Override
    public boolean isJavaScriptRequest(RoutingContext context) {
        return "true".equals(context.request().getHeader("HX-Request"))
                || "XMLHttpRequest".equals(context.request().getHeader("X-Requested-With"));
    }
}
