package dev.keymint.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a body announced as larger than {@code keymint.web.max-request-body} (1 MiB) with 413
 * before anything reads it. Tomcat would otherwise silently drop the parameters of an oversized
 * form, which surfaces as a confusing "missing parameter" error.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;

    RequestBodyLimitFilter(WebProperties properties) {
        this.maxBytes = properties.maxRequestBody().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            response.setHeader("Connection", "close");
            ErrorBodies.write(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "invalid_request",
                    "Payload Too Large", "The request body is larger than " + DataSize.ofBytes(maxBytes).toKilobytes()
                            + " KiB.");
            return;
        }
        chain.doFilter(request, response);
    }
}
