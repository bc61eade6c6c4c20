package dev.keymint.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Error responses written before any controller runs, in the shape of the endpoint that was
 * asked: RFC 9457 problem details under {@code /api/}, RFC 6749 error JSON elsewhere. The
 * messages are fixed text, never request content.
 */
final class ErrorBodies {

    private ErrorBodies() {
    }

    static void write(HttpServletRequest request, HttpServletResponse response, int status, String oauthError,
            String title, String detail) throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        String body;
        if (request.getRequestURI().startsWith("/api/")) {
            response.setContentType("application/problem+json");
            body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                    + ",\"detail\":\"" + detail + "\",\"instance\":\"" + jsonEscape(request.getRequestURI()) + "\"}";
        } else {
            response.setContentType("application/json");
            body = "{\"error\":\"" + oauthError + "\",\"error_description\":\"" + detail + "\"}";
        }
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(body);
        response.flushBuffer();
    }

    private static String jsonEscape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
