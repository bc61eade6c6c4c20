package dev.keymint.support;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The administration API over plain HTTP, as one caller with its bearer token. */
public final class AdminApi {

    private final Http http;
    private final String authorization;

    private AdminApi(Http http, String authorization) {
        this.http = http;
        this.authorization = authorization;
    }

    /** Gets a token for the key from keymint's token endpoint and calls with it. */
    public static AdminApi as(Http http, String clientId, String secret) {
        Http.Response token = http.token(clientId, secret);
        assertThat(token.status()).as("token for %s: %s", clientId, token.body()).isEqualTo(200);
        return withToken(http, token.json().get("access_token").asString());
    }

    public static AdminApi withToken(Http http, String token) {
        return new AdminApi(http, token == null ? null : "Bearer " + token);
    }

    public Http.Response get(String path) {
        return send("GET", path, null, null);
    }

    public Http.Response post(String path, String json) {
        return send("POST", path, json, null);
    }

    public Http.Response patch(String path, String json) {
        return send("PATCH", path, json, null);
    }

    public Http.Response patch(String path, String json, String ifMatch) {
        return send("PATCH", path, json, ifMatch);
    }

    public Http.Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Http.Response send(String method, String path, String json, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.base() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request.build());
    }
}
