package dev.keymint.admin;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import dev.keymint.web.ErrorResponses;
import dev.keymint.web.ProblemType;

/**
 * Problem details for what the administration API's security answers before any controller
 * runs: 401 (with the RFC 6750 {@code WWW-Authenticate} challenge) and 403. The details are fixed
 * text: nothing of the token or the request is echoed.
 */
final class SecurityProblemWriter implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();

    SecurityProblemWriter() {
        this.challenge.setRealmName("keymint");
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        challenge.commence(request, response, exception);
        boolean tokenSent = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        ErrorResponses.problem(request, response, ProblemType.UNAUTHORIZED.problem(tokenSent
                ? "The access token is invalid, expired, revoked, not from a trusted issuer, or its API key no "
                        + "longer allows it. Get a new token."
                : "Authentication is required: send an access token as 'Authorization: Bearer <token>'."));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            AccessDeniedException exception) throws IOException {
        // Spring's BearerTokenAccessDeniedHandler adds insufficient_scope only for its own token types
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"keymint\", error=\"insufficient_scope\", "
                + "error_description=\"The access token does not hold the permission this operation requires.\"");
        ErrorResponses.problem(request, response, ProblemType.FORBIDDEN.problem(
                "The access token does not hold the permission this operation requires."));
    }
}
