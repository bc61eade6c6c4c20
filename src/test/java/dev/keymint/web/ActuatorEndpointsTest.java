package dev.keymint.web;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.Environment;

import dev.keymint.support.Http;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.RunningKeymint;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ActuatorEndpointsTest extends KeymintHttpTest {

    static final String[] CLOSED = {"/actuator", "/actuator/env", "/actuator/beans", "/actuator/metrics",
            "/actuator/configprops", "/actuator/heapdump", "/actuator/loggers", "/actuator/mappings",
            "/actuator/threaddump"};

    @TempDir
    java.nio.file.Path keysDir;

    @Test
    void healthIsOpenAndShowsTheDatabaseAndTheSigningKeyWithoutDetails() {
        Http.Response health = http.get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        JsonNode json = health.json();
        assertThat(json.get("status").asString()).isEqualTo("UP");
        assertThat(json.get("components").propertyNames())
                .contains("db", "signingKey", "livenessState", "readinessState", "diskSpace", "ping");
        assertThat(json.get("components").get("db").get("status").asString()).isEqualTo("UP");
        assertThat(json.get("components").get("signingKey").get("status").asString()).isEqualTo("UP");
        assertThat(json.get("components").get("db").has("details")).isFalse();
        assertThat(json.get("components").get("signingKey").has("details")).isFalse();
    }

    @Test
    void readinessIncludesTheDatabaseAndTheSigningKeyAndLivenessDoesNot() {
        Http.Response readiness = http.get("/actuator/health/readiness");
        Http.Response liveness = http.get("/actuator/health/liveness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("components").propertyNames())
                .containsExactlyInAnyOrder("readinessState", "db", "signingKey");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().get("components").propertyNames()).containsExactly("livenessState");
    }

    @Test
    void prometheusIsOpenAndEveryOtherActuatorPathIsClosed() {
        Http.Response prometheus = http.get("/actuator/prometheus");

        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body()).contains("keymint_tokens_issued_total");
        assertClosed(http);
    }

    @Test
    void onASeparateManagementPortTheSameRulesHoldAndTheMainPortServesNoActuator() {
        String database = "management_" + UUID.randomUUID().toString().replace("-", "");
        try (RunningKeymint keymint = RunningKeymint.start(Map.of(
                "keymint.embedded-database.database-name", database,
                "keymint.signing.keys-directory", keysDir.toString(),
                "management.server.port", "0"))) {
            Http management = new Http(Integer.parseInt(
                    keymint.bean(Environment.class).getRequiredProperty("local.management.port")));

            assertThat(management.get("/actuator/health/readiness").status()).isEqualTo(200);
            assertThat(management.get("/actuator/prometheus").body()).contains("keymint_tokens_issued_total");
            assertClosed(management);
            assertThat(keymint.http().get("/actuator/prometheus").status()).isNotEqualTo(200);
            assertThat(keymint.http().get("/actuator/health").status()).isNotEqualTo(200);
        }
    }

    private static void assertClosed(Http http) {
        for (String path : CLOSED) {
            assertThat(http.get(path).status()).as(path).isIn(401, 403, 404);
        }
        assertThat(http.post("/actuator/shutdown", null, "application/json", new byte[0]).status())
                .isIn(401, 403, 404);
    }
}
