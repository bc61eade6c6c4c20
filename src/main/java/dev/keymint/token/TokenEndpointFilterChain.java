package dev.keymint.token;

import java.util.List;
import java.util.Set;

import jakarta.servlet.Filter;

import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.server.authorization.web.NimbusJwkSetEndpointFilter;
import org.springframework.security.oauth2.server.authorization.web.OAuth2AuthorizationEndpointFilter;
import org.springframework.security.oauth2.server.authorization.web.OAuth2AuthorizationServerMetadataEndpointFilter;
import org.springframework.security.oauth2.server.authorization.web.OAuth2TokenEndpointFilter;
import org.springframework.security.oauth2.server.authorization.web.OAuth2TokenIntrospectionEndpointFilter;
import org.springframework.security.oauth2.server.authorization.web.OAuth2TokenRevocationEndpointFilter;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.request.async.WebAsyncManagerIntegrationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.security.web.session.SessionManagementFilter;

/**
 * The filter chain of {@code POST /oauth2/token}: the authorization server's own chain, the same
 * configured filter instances in the same order, less the filters that have nothing to do on
 * that request. A token request passes through each filter of a chain up to the token endpoint's,
 * and on the hot path of keymint every one of them costs (a request-attribute round trip, a
 * matcher, a wrapper), while the signature is the only cost that has to be there
 * (docs/architecture.md, "Performance").
 *
 * <p>What is left out, and why it does nothing here: the endpoint filters of the other endpoints
 * (metadata, JWK Set, authorization, introspection, revocation, the ZPA-compatible sign-in,
 * and the 404 of the endpoints keymint does not serve: their matchers never match this request); CSRF (the authorization server exempts its endpoints); session management, the
 * security-context repository, URL-rewriting and async integration (keymint keeps no session,
 * the client authenticates on every request, the endpoint is synchronous; {@code FilterChainProxy}
 * clears the security context after the request either way). What stays: the authorization
 * server context (issuer), the response headers, client authentication, the "authenticated"
 * rule with its entry point, and the token endpoint. A filter this class does not know of stays
 * too, so an upgrade that adds one changes nothing here; {@code TokenEndpointFilterChainTest}
 * lists the chain so that it is noticed.
 */
final class TokenEndpointFilterChain {

    private static final Set<Class<?>> NOTHING_TO_DO_ON_A_TOKEN_REQUEST = Set.of(
            DisableEncodeUrlFilter.class,
            WebAsyncManagerIntegrationFilter.class,
            SecurityContextHolderFilter.class,
            CsrfFilter.class,
            OAuth2AuthorizationServerMetadataEndpointFilter.class,
            AuthorizationServerMetadataFilter.class,
            UnservedEndpointsFilter.class,
            NimbusJwkSetEndpointFilter.class,
            SessionManagementFilter.class,
            OAuth2AuthorizationEndpointFilter.class,
            OAuth2TokenIntrospectionEndpointFilter.class,
            OAuth2TokenRevocationEndpointFilter.class,
            SignInEndpointFilter.class);

    private TokenEndpointFilterChain() {
    }

    static SecurityFilterChain from(SecurityFilterChain authorizationServer, String tokenEndpoint) {
        List<Filter> filters = authorizationServer.getFilters().stream()
                .filter(TokenEndpointFilterChain::actsOnTokenRequests)
                .toList();
        if (filters.stream().noneMatch(OAuth2TokenEndpointFilter.class::isInstance)) {
            throw new IllegalStateException("The authorization server's filter chain has no token endpoint filter");
        }
        return new DefaultSecurityFilterChain(
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, tokenEndpoint), filters);
    }

    private static boolean actsOnTokenRequests(Filter filter) {
        if (NOTHING_TO_DO_ON_A_TOKEN_REQUEST.contains(filter.getClass())) {
            return false;
        }
        // the authorization endpoint's request validation, a private class of that endpoint
        Class<?> enclosing = filter.getClass().getEnclosingClass();
        return enclosing == null || !NOTHING_TO_DO_ON_A_TOKEN_REQUEST.contains(enclosing);
    }
}
