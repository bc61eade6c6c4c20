package dev.keymint.metrics;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/** Tells a request to the token endpoint by its path, without a pattern matcher on the hot path. */
record TokenEndpointPath(String path) {

    TokenEndpointPath(AuthorizationServerSettings settings) {
        this(settings.getTokenEndpoint());
    }

    boolean matches(HttpServletRequest request) {
        String uri = request.getRequestURI();
        int contextPath = request.getContextPath().length();
        return uri.length() == contextPath + path.length() && uri.startsWith(path, contextPath);
    }
}
