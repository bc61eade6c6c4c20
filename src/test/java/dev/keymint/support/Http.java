package dev.keymint.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP against the running server, with full control over headers and raw bodies. */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    public Http(int port) {
        this.base = "http://localhost:" + port;
    }

    public record Response(int status, java.net.http.HttpHeaders headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** RFC 6749 §2.3.1: each of ID and secret form-urlencoded, then joined and base64-encoded. */
    public static String basic(String clientId, String secret) {
        String joined = form(clientId) + ":" + form(secret);
        return "Basic " + Base64.getEncoder().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    public static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public static String formBody(Map<String, String> params) {
        StringJoiner body = new StringJoiner("&");
        params.forEach((k, v) -> body.add(form(k) + "=" + form(v)));
        return body.toString();
    }

    public static Map<String, String> params(String... keyValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        return params;
    }

    /** A client-credentials token request with HTTP Basic. */
    public Response token(String clientId, String secret, String... extraParams) {
        Map<String, String> params = params(extraParams);
        params.putIfAbsent("grant_type", "client_credentials");
        return postForm("/oauth2/token", basic(clientId, secret), formBody(params));
    }

    public Response postForm(String path, String authorization, String body) {
        return post(path, authorization, "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8));
    }

    public Response post(String path, String authorization, String contentType, byte[] body) {
        return post(path, authorization, contentType, HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** A POST whose body is sent in chunks, without a {@code Content-Length}. */
    public Response postChunked(String path, String authorization, String contentType, byte[] body) {
        return post(path, authorization, contentType,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    }

    private Response post(String path, String authorization, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String base() {
        return base;
    }
}
