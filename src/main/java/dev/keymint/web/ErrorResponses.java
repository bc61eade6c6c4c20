package dev.keymint.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.security.oauth2.core.OAuth2Error;

import dev.keymint.json.JsonWriter;

/**
 * The one writer of keymint's error bodies outside the controllers: RFC 9457 problem details for
 * the administration API, RFC 6749 §5.2 error JSON for the OAuth endpoints. Written by hand
 * rather than through a message converter: every rejected token request comes here, and a
 * brute-force flood must stay cheap. Every error is {@code Cache-Control: no-store}.
 */
public final class ErrorResponses {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final String OAUTH2_JSON = "application/json;charset=UTF-8";
    private static final String API_PREFIX = "/api/";

    private ErrorResponses() {
    }

    /** An error for whichever endpoint was asked: a problem under {@code /api/}, RFC 6749 JSON elsewhere. */
    public static void write(HttpServletRequest request, HttpServletResponse response, ProblemType type,
            String oauth2ErrorCode, String detail) throws IOException {
        if (request.getRequestURI().startsWith(API_PREFIX)) {
            problem(request, response, type.problem(detail));
        } else {
            oauth2Error(response, type.status().value(), new OAuth2Error(oauth2ErrorCode, detail, null));
        }
    }

    /** RFC 9457: {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}, then any properties. */
    public static void problem(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType() != null ? problem.getType().toString() : "about:blank");
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", problem.getInstance() != null ? problem.getInstance().toString() : request.getRequestURI());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        send(response, problem.getStatus(), PROBLEM_JSON, JsonWriter.write(body).getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 6749 §5.2. */
    public static void oauth2Error(HttpServletResponse response, int status, OAuth2Error error) throws IOException {
        send(response, status, OAUTH2_JSON, oauth2ErrorJson(error));
    }

    /**
     * The body of {@link #oauth2Error}, for answers prepared once: the members and their order of
     * Spring's {@code OAuth2ErrorHttpMessageConverter}.
     */
    public static byte[] oauth2ErrorJson(OAuth2Error error) {
        Map<String, String> body = new LinkedHashMap<>();
        if (error.getDescription() != null) {
            body.put("error_description", error.getDescription());
        }
        body.put("error", error.getErrorCode());
        if (error.getUri() != null) {
            body.put("error_uri", error.getUri());
        }
        return JsonWriter.write(body).getBytes(StandardCharsets.UTF_8);
    }

    /** A prepared RFC 6749 error body of {@link #oauth2ErrorJson}. */
    public static void oauth2Error(HttpServletResponse response, int status, byte[] body) throws IOException {
        send(response, status, OAUTH2_JSON, body);
    }

    private static void send(HttpServletResponse response, int status, String contentType, byte[] body)
            throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentType(contentType);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
        } catch (IllegalStateException writerInUse) {
            // whatever ran before already asked for the writer; the bytes are UTF-8 either way
            response.getWriter().write(new String(body, StandardCharsets.UTF_8));
        }
        response.flushBuffer();
    }
}
