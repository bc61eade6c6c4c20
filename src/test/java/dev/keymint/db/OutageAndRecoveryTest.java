package dev.keymint.db;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.Prometheus;
import dev.keymint.support.TestKeys.Key;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MariaDB stops under a running keymint and comes back: 503 meanwhile (token endpoint and
 * administration API alike), no false lock, readiness down and liveness up, healed without restart.
 */
class OutageAndRecoveryTest extends KeymintHttpTest {

    static final Duration RECOVERY = Duration.ofSeconds(15);

    @Autowired
    EmbeddedMariaDbHandle database;

    @Test
    void whileMariaDbIsDownTokensAre503NothingCountsAndReadinessIsDownThenItHealsWithoutRestart() throws Exception {
        Key key = keys.newKey(List.of("roles:read"));
        assertThat(http.token(key.clientId(), key.secret()).status()).isEqualTo(200);
        AdminApi admin = AdminApi.as(http, "kmc_test_bootstrap_admin", "test-bootstrap-secret-0123456789abcdef");
        double unavailableBefore = Prometheus.scrape(http).count("keymint_token_request_seconds_count", "status=\"503\"");

        Http.Response right;
        Http.Response wrong;
        Http.Response readiness;
        Http.Response liveness;
        Http.Response jwks;
        Http.Response metadata;
        Http.Response adminCall;
        double unavailableDuring;
        try {
            database.db().stopQuietly();

            right = http.token(key.clientId(), key.secret());
            wrong = http.token(key.clientId(), "kms_wrong_secret_during_the_outage");
            readiness = http.get("/actuator/health/readiness");
            liveness = http.get("/actuator/health/liveness");
            jwks = http.get("/oauth2/jwks");
            metadata = http.get("/.well-known/oauth-authorization-server");
            adminCall = admin.get("/api/v1/api-keys");
            unavailableDuring = Prometheus.scrape(http).count("keymint_token_request_seconds_count", "status=\"503\"");
        } finally {
            database.db().restart();
        }

        for (Http.Response unavailable : List.of(right, wrong)) {
            assertThat(unavailable.status()).isEqualTo(503);
            assertThat(Long.parseLong(unavailable.header("Retry-After"))).isPositive();
            assertThat(unavailable.json().get("error").asString()).isEqualTo("temporarily_unavailable");
            assertThat(unavailable.body()).doesNotContain("Exception");
        }
        assertThat(adminCall.status()).isEqualTo(503);
        assertThat(adminCall.header("Content-Type")).startsWith("application/problem+json");
        assertThat(adminCall.header("Retry-After")).isNotNull();
        assertThat(adminCall.json().get("status").asInt()).isEqualTo(503);
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.json().get("status").asString()).isEqualTo("DOWN");
        assertThat(readiness.json().get("components").get("db").get("status").asString()).isEqualTo("DOWN");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().get("status").asString()).isEqualTo("UP");
        assertThat(jwks.status()).as("verification keys need no database").isEqualTo(200);
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(unavailableDuring - unavailableBefore).as("timed and labelled 503").isEqualTo(2);

        long restarted = System.nanoTime();
        Http.Response again = http.token(key.clientId(), key.secret());
        while (again.status() != 200 && System.nanoTime() - restarted < RECOVERY.toNanos()) {
            Thread.sleep(200);
            again = http.token(key.clientId(), key.secret());
        }
        assertThat(again.status()).as("serves again within %s of MariaDB's return", RECOVERY).isEqualTo(200);
        assertThat(keys.failedAttempts(key.clientId())).as("the outage counted no failed attempt").isZero();
        assertThat(keys.lockedUntil(key.clientId())).isNull();
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
    }
}
