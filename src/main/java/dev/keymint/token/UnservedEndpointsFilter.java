package dev.keymint.token;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.keymint.web.ErrorResponses;

/**
 * 404 with an RFC 6749-shaped JSON error for the endpoints Spring Authorization Server knows and
 * keymint does not serve: authorization (with its consent and PKCE), pushed authorization
 * requests, device authorization and verification, dynamic client registration and the OpenID
 * Connect endpoints. Spring registers the authorization endpoint whether it is wanted or not;
 * left alone it looked the client ID up and answered a known one with a 500 and an unknown one
 * with a 400, and the client authentication of the device and PAR paths ran for requests no
 * endpoint would serve. This runs before either, for every method.
 */
final class UnservedEndpointsFilter extends OncePerRequestFilter {

    static final String ERROR = "not_found";

    private final Map<RequestMatcher, byte[]> answers = new LinkedHashMap<>();
    private final RequestMatcher matcher;

    UnservedEndpointsFilter(AuthorizationServerSettings settings) {
        List<String> paths = List.of(settings.getAuthorizationEndpoint(),
                settings.getPushedAuthorizationRequestEndpoint(),
                settings.getDeviceAuthorizationEndpoint(),
                settings.getDeviceVerificationEndpoint(),
                settings.getClientRegistrationEndpoint(),
                settings.getOidcClientRegistrationEndpoint(),
                settings.getOidcUserInfoEndpoint(),
                settings.getOidcLogoutEndpoint(),
                "/.well-known/openid-configuration");
        for (String path : paths) {
            String description = "keymint does not serve " + path + ": it issues tokens only through the "
                    + "client_credentials grant at " + settings.getTokenEndpoint() + " (see "
                    + AuthorizationServerMetadataFilter.PATH + ").";
            answers.put(PathPatternRequestMatcher.withDefaults().matcher(path),
                    ErrorResponses.oauth2ErrorJson(new OAuth2Error(ERROR, description, null)));
        }
        this.matcher = new OrRequestMatcher(List.copyOf(answers.keySet()));
    }

    /** The requests this filter answers; the filter chain it is in must match them too. */
    RequestMatcher matcher() {
        return matcher;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (Map.Entry<RequestMatcher, byte[]> answer : answers.entrySet()) {
            if (answer.getKey().matches(request)) {
                ErrorResponses.oauth2Error(response, HttpStatus.NOT_FOUND.value(), answer.getValue());
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
