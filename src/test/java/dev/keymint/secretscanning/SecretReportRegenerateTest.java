package dev.keymint.secretscanning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.TestKeys.Key;

/**
 * {@code keymint.secret-reports.action=regenerate}: the key stays enabled and gets a secret nobody
 * is shown, so the leaked one never works again; and with no partner keys configured, reports
 * are taken unsigned.
 */
@TestPropertySource(properties = "keymint.secret-reports.action=regenerate")
class SecretReportRegenerateTest extends KeymintHttpTest {

    @Test
    void aReportReplacesTheSecretAndLeavesTheKeyEnabled() {
        Key leaked = keys.newKey(List.of("api-keys:read"));
        String token = accessToken(leaked.clientId(), leaked.secret());
        Key admin = keys.newKey(List.of("api-keys:read", "api-keys:write"));

        Http.Response reported = AdminApi.as(http, admin.clientId(), admin.secret())
                .post("/api/v1/api-keys/secret-reports", "{\"secret\":\"" + leaked.secret() + "\"}");

        assertThat(reported.status()).as(reported.body()).isEqualTo(200);
        assertThat(reported.json().get("action").asString()).isEqualTo("regenerate");
        assertThat(reported.json().get("status").asString()).isEqualTo("ENABLED");
        assertThat(reported.json().has("clientSecret")).isFalse();
        assertThat(http.token(leaked.clientId(), leaked.secret()).status()).isEqualTo(401);
        assertThat(AdminApi.withToken(http, token).get("/api/v1/customer").status()).isEqualTo(401);
    }

    @Test
    void withoutPartnerKeysAnUnsignedReportIsTaken() {
        Key leaked = keys.newKey(List.of("api-keys:read"));

        Http.Response response = http.post("/secret-scanning/reports", null, "application/json",
                ("[{\"token\":\"" + leaked.secret() + "\"}]").getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(200);
        // watched in the row, not by trying the secret: wrong secrets would lock the key and pass for the report
        await().atMost(Duration.ofSeconds(30)).until(() -> keys.jdbc()
                .sql("SELECT version FROM api_key WHERE client_id = ?").param(leaked.clientId()).query(Long.class).single() > 0);
        assertThat(http.token(leaked.clientId(), leaked.secret()).status()).isEqualTo(401);
        assertThat(keys.failedAttempts(leaked.clientId())).isEqualTo(1);
    }
}
