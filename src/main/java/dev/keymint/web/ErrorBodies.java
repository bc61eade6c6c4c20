package dev.keymint.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.keymint.json.JsonWriter;

/**
 * Error responses written before any controller runs, in the shape of the endpoint that was
 * asked: RFC 9457 problem details under {@code /api/}, RFC 6749 error JSON elsewhere.
 */
final class ErrorBodies {

    private ErrorBodies() {
    }

    static void write(HttpServletRequest request, HttpServletResponse response, int status, String oauthError,
            String title, String detail) throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        Map<String, Object> body = new LinkedHashMap<>();
        if (request.getRequestURI().startsWith("/api/")) {
            response.setContentType("application/problem+json");
            body.put("type", "about:blank");
            body.put("title", title);
            body.put("status", status);
            body.put("detail", detail);
            body.put("instance", request.getRequestURI());
        } else {
            response.setContentType("application/json");
            body.put("error", oauthError);
            body.put("error_description", detail);
        }
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JsonWriter.write(body));
        response.flushBuffer();
    }
}
