package dev.keymint.admin;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import tools.jackson.databind.json.JsonMapper;

/**
 * Problem details for what Spring Security answers before any controller runs: 401 (with the
 * RFC 6750 {@code WWW-Authenticate} challenge), 403, and requests its firewall rejects (such as
 * encoded path traversal). The details are fixed text: nothing of the token or the request is
 * echoed.
 */
final class SecurityProblemWriter implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
    private final RequestRejectedHandler otherRejections = new HttpStatusRequestRejectedHandler();
    private final JsonMapper json;

    SecurityProblemWriter(JsonMapper json) {
        this.json = json;
        this.challenge.setRealmName("keymint");
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        challenge.commence(request, response, exception);
        boolean tokenSent = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        write(request, response, ProblemType.UNAUTHORIZED.problem(tokenSent
                ? "The access token is invalid, expired, revoked, not from a trusted issuer, or its API key no "
                        + "longer allows it. Get a new token."
                : "Authentication is required: send an access token as 'Authorization: Bearer <token>'."));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            AccessDeniedException exception) throws IOException {
        // Spring's BearerTokenAccessDeniedHandler adds insufficient_scope only for its own token types
        response.setStatus(ProblemType.FORBIDDEN.status().value());
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"keymint\", error=\"insufficient_scope\", "
                + "error_description=\"The access token does not hold the permission this operation requires.\"");
        write(request, response, ProblemType.FORBIDDEN.problem(
                "The access token does not hold the permission this operation requires."));
    }

    /** Applies to every path, since the firewall runs before any chain is chosen. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            RequestRejectedException exception) throws IOException, ServletException {
        if (!request.getRequestURI().startsWith("/api/")) {
            otherRejections.handle(request, response, exception);
            return;
        }
        response.setStatus(ProblemType.INVALID_REQUEST.status().value());
        write(request, response, ProblemType.INVALID_REQUEST.problem(
                "The request URL is malformed or not normalized (for example an encoded '/', '..' or ';')."));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", request.getRequestURI());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        json.writeValue(response.getOutputStream(), body);
    }
}
