package dev.keymint.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.keymint.support.Http;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.Prometheus;
import dev.keymint.support.TestKeys.Key;

/**
 * The limits over real HTTP, made tight so that a test reaches them in a few requests. Each test
 * sends from addresses of its own, through {@code X-Forwarded-For} as a proxy would with
 * {@code server.forward-headers-strategy=native}, and moves the clock instead of waiting.
 */
@TestPropertySource(properties = {
        "server.forward-headers-strategy=native",
        "keymint.rate-limit.token.requests=4",
        "keymint.rate-limit.token.requests-period=1m",
        "keymint.rate-limit.token.failures=2",
        "keymint.rate-limit.token.failures-period=1m",
        "keymint.rate-limit.token.paths=/oauth2/token",
        "keymint.rate-limit.token.unauthorized-paths=/oauth2/introspect",
        "keymint.rate-limit.admin.reads=3",
        "keymint.rate-limit.admin.reads-period=1m",
        "keymint.rate-limit.admin.writes=2",
        "keymint.rate-limit.admin.writes-period=1m",
        "keymint.rate-limit.secret-reports.requests=2",
        "keymint.rate-limit.secret-reports.requests-period=1m"})
class RateLimitTest extends KeymintHttpTest {

    static final AtomicInteger NEXT_SOURCE = new AtomicInteger(1);

    /** A source address no other test uses. */
    static String newSource() {
        return "203.0.113." + NEXT_SOURCE.getAndIncrement();
    }

    Http.Response post(String source, String path, String authorization, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.base() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .header("X-Forwarded-For", source)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build());
    }

    Http.Response token(String source, String clientId, String secret) {
        return post(source, "/oauth2/token", Http.basic(clientId, secret), "application/x-www-form-urlencoded",
                "grant_type=client_credentials");
    }

    Http.Response admin(String method, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.base() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        request.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString("{}"));
        return http.send(request.build());
    }

    Key administrator() {
        return keys.newKey(List.of("api-keys:read", "api-keys:write"));
    }

    String tokenFor(Key key) {
        Http.Response response = token(newSource(), key.clientId(), key.secret());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("access_token").asString();
    }

    static long retryAfter(Http.Response response) {
        return Long.parseLong(response.header("Retry-After"));
    }

    @Test
    void failedAuthenticationsAreLimitedFarMoreTightlyThanRequests() {
        Key key = administrator();
        String source = newSource();
        assertThat(token(source, "kmc_nobody_1", "wrong").status()).isEqualTo(401);
        assertThat(token(source, key.clientId(), "wrong").status()).isEqualTo(401);

        // the failure budget is spent: even the right secret waits, since the outcome comes after
        Http.Response limited = token(source, key.clientId(), key.secret());
        assertThat(limited.status()).as(limited.body()).isEqualTo(429);
        assertThat(limited.json().get("error").asString()).isEqualTo("slow_down");
        assertThat(limited.json().get("error_description").asString()).contains("failed client authentications");
        assertThat(limited.header("Cache-Control")).isEqualTo("no-store");
        long retryAfter = retryAfter(limited);
        assertThat(retryAfter).isBetween(1L, 30L);
        assertThat(limited.header("RateLimit-Policy")).isEqualTo("\"token-failures\";q=2;w=60");
        assertThat(limited.header("RateLimit")).isEqualTo("\"token-failures\";r=0;t=" + retryAfter);
        // a failure during the wait did not happen: nothing was counted against the key
        assertThat(keys.failedAttempts(key.clientId())).isEqualTo(1);

        clock.advance(Duration.ofSeconds(retryAfter));
        assertThat(token(source, key.clientId(), key.secret()).status()).isEqualTo(200);

        // another address was never limited
        assertThat(token(newSource(), key.clientId(), key.secret()).status()).isEqualTo(200);
    }

    @Test
    void successesHaveTheWiderBudget() {
        Key key = administrator();
        String source = newSource();
        for (int i = 0; i < 4; i++) {
            assertThat(token(source, key.clientId(), key.secret()).status()).as("token %d", i + 1).isEqualTo(200);
        }
        Http.Response limited = token(source, key.clientId(), key.secret());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("error_description").asString()).startsWith("Too many requests from this address");
        assertThat(retryAfter(limited)).isBetween(1L, 15L);
        assertThat(limited.header("RateLimit-Policy")).isEqualTo("\"token-requests\";q=4;w=60");

        clock.advance(Duration.ofSeconds(retryAfter(limited)));
        assertThat(token(source, key.clientId(), key.secret()).status()).isEqualTo(200);
    }

    @Test
    void onAnUnauthorizedPathTheLimitIsAPlain401() {
        Key key = administrator();
        String source = newSource();
        token(source, "kmc_nobody_2", "wrong");
        token(source, "kmc_nobody_3", "wrong");

        Http.Response limited = post(source, "/oauth2/introspect", Http.basic(key.clientId(), key.secret()),
                "application/x-www-form-urlencoded", "token=anything");

        assertThat(limited.status()).isEqualTo(401);
        assertThat(limited.json().get("error").asString()).isEqualTo("invalid_client");
        assertThat(retryAfter(limited)).isBetween(1L, 30L);
        assertThat(limited.header("RateLimit-Policy")).isEqualTo("\"token-failures\";q=2;w=60");
        assertThat(post(newSource(), "/oauth2/introspect", Http.basic(key.clientId(), key.secret()),
                "application/x-www-form-urlencoded", "token=anything").status()).isEqualTo(200);
    }

    @Test
    void theAdministrationApiLimitsReadsAndWritesPerCaller() {
        Key alice = administrator();
        Key bob = administrator();
        String aliceToken = tokenFor(alice);
        String bobToken = tokenFor(bob);

        for (int remaining = 2; remaining >= 0; remaining--) {
            Http.Response read = admin("GET", "/api/v1/api-keys/" + alice.clientId(), aliceToken);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.header("RateLimit-Policy")).isEqualTo("\"admin-reads\";q=3;w=60");
            assertThat(read.header("RateLimit")).startsWith("\"admin-reads\";r=" + remaining + ";t=");
        }
        Http.Response limited = admin("GET", "/api/v1/api-keys/" + alice.clientId(), aliceToken);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        assertThat(limited.json().get("type").asString()).isEqualTo("urn:keymint:problem:too-many-requests");
        assertThat(limited.json().get("status").asInt()).isEqualTo(429);
        assertThat(limited.json().get("detail").asString()).contains("at most 3 per 60 s");
        long retryAfter = retryAfter(limited);
        assertThat(retryAfter).isBetween(1L, 20L);
        assertThat(limited.header("RateLimit")).isEqualTo("\"admin-reads\";r=0;t=" + retryAfter);

        // writes have their own budget, and another caller its own
        Http.Response write = admin("POST", "/api/v1/api-keys/" + alice.clientId() + "/unlock", aliceToken);
        assertThat(write.status()).as(write.body()).isEqualTo(200);
        assertThat(write.header("RateLimit")).startsWith("\"admin-writes\";r=1;t=");
        assertThat(admin("GET", "/api/v1/api-keys/" + bob.clientId(), bobToken).status()).isEqualTo(200);

        admin("POST", "/api/v1/api-keys/" + alice.clientId() + "/unlock", aliceToken);
        Http.Response writeLimited = admin("POST", "/api/v1/api-keys/" + alice.clientId() + "/unlock", aliceToken);
        assertThat(writeLimited.status()).isEqualTo(429);
        assertThat(writeLimited.header("RateLimit-Policy")).isEqualTo("\"admin-writes\";q=2;w=60");

        clock.advance(Duration.ofSeconds(retryAfter));
        assertThat(admin("GET", "/api/v1/api-keys/" + alice.clientId(), aliceToken).status()).isEqualTo(200);
    }

    @Test
    void theSecretScanningEndpointIsLimitedPerSource() {
        String source = newSource();
        String body = "[{\"token\":\"not-a-keymint-secret\",\"type\":\"keymint_secret\"}]";
        for (int i = 0; i < 2; i++) {
            assertThat(post(source, "/secret-scanning/reports", null, "application/json", body).status()).isEqualTo(200);
        }
        Http.Response limited = post(source, "/secret-scanning/reports", null, "application/json", body);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("type").asString()).isEqualTo("urn:keymint:problem:too-many-requests");
        assertThat(retryAfter(limited)).isBetween(1L, 30L);
        assertThat(limited.header("RateLimit-Policy")).isEqualTo("\"secret-reports\";q=2;w=60");
    }

    @Test
    void limitedRequestsAreCountedByLimit() {
        double before = Prometheus.scrape(http).count("keymint_rate_limited_requests_total", "limit=\"token-failures\"");
        String source = newSource();
        token(source, "kmc_nobody_4", "wrong");
        token(source, "kmc_nobody_5", "wrong");
        assertThat(token(source, "kmc_nobody_6", "wrong").status()).isEqualTo(429);

        Prometheus after = Prometheus.scrape(http);
        assertThat(after.count("keymint_rate_limited_requests_total", "limit=\"token-failures\"")).isEqualTo(before + 1);
        // every limit's series exists from the start (value() refuses a missing one)
        for (String limit : List.of("token-requests", "admin-reads", "admin-writes", "secret-reports")) {
            assertThat(after.value("keymint_rate_limited_requests_total", "limit=\"" + limit + "\"")).as(limit)
                    .isGreaterThanOrEqualTo(0);
        }
    }
}
