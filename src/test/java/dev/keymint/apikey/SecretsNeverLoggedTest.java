package dev.keymint.apikey;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;
import dev.keymint.support.KeymintTest;
import dev.keymint.support.TestKeys;
import dev.keymint.support.TestKeys.Key;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full flow with the most talkative logging there is, and not one secret, hash or token in the
 * output.
 */
@KeymintTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "logging.level.org.springframework.security=TRACE",
        "logging.level.org.springframework.web=DEBUG",
        "logging.level.org.springframework.jdbc=TRACE",
        "logging.level.dev.keymint=TRACE"})
class SecretsNeverLoggedTest {

    @LocalServerPort
    int port;
    @Autowired
    TestKeys keys;

    @Test
    void noSecretHashOrTokenAppearsInTheLog(CapturedOutput output) {
        Http http = new Http(port);
        Key key = keys.newKey(List.of("roles:read"));
        String hash = keys.jdbc().sql("SELECT secret_hash FROM api_key WHERE client_id = ?").param(key.clientId())
                .query(String.class).single();

        Http.Response basic = http.token(key.clientId(), key.secret());
        Http.Response post = http.postForm("/oauth2/token", null, Http.formBody(Http.params("grant_type",
                "client_credentials", "client_id", key.clientId(), "client_secret", key.secret())));
        String token = basic.json().get("access_token").asString();
        http.postForm("/oauth2/introspect", Http.basic(key.clientId(), key.secret()), "token=" + Http.form(token));
        String wrongSecret = "kms_wrong_but_secret_looking_value_0123456789";
        for (int i = 0; i < 3; i++) {
            http.token(key.clientId(), wrongSecret);
        }
        http.token(key.clientId(), key.secret());
        http.postForm("/oauth2/revoke", Http.basic(key.clientId(), key.secret()), "token=" + Http.form(token));

        AdminApi admin = AdminApi.as(http, "kmc_test_bootstrap_admin", "test-bootstrap-secret-0123456789abcdef");
        Http.Response created = admin.post("/api/v1/api-keys",
                "{\"name\":\"logged-" + System.nanoTime() + "\",\"roleId\":\"" + key.roleId() + "\"}");
        assertThat(created.status()).isEqualTo(201);
        String createdId = created.json().get("clientId").asString();
        String createdSecret = created.json().get("clientSecret").asString();
        Http.Response regenerated = admin.post("/api/v1/api-keys/" + createdId + "/secret", "{\"graceSeconds\":60}");
        assertThat(regenerated.status()).isEqualTo(200);
        String regeneratedSecret = regenerated.json().get("clientSecret").asString();
        assertThat(http.token(createdId, regeneratedSecret).status()).isEqualTo(200);
        List<String> adminHashes = keys.jdbc().sql(
                "SELECT secret_hash FROM api_key WHERE client_id = ? UNION ALL SELECT previous_secret_hash FROM api_key WHERE client_id = ?")
                .params(createdId, createdId).query(String.class).list();

        assertThat(basic.status()).isEqualTo(200);
        assertThat(post.status()).isEqualTo(200);
        assertThat(adminHashes).hasSize(2).doesNotContainNull();
        for (String secretOrHash : List.of(createdSecret, regeneratedSecret, adminHashes.get(0), adminHashes.get(1))) {
            assertThat(output.getAll()).doesNotContain(secretOrHash);
        }
        assertThat(output.getAll())
                .contains(key.clientId())
                .doesNotContain(key.secret())
                .doesNotContain(wrongSecret)
                .doesNotContain(hash)
                .doesNotContain(hash.substring(hash.lastIndexOf('$') + 1))
                .doesNotContain(token)
                .doesNotContain(token.substring(token.lastIndexOf('.') + 1))
                .doesNotContain(Http.basic(key.clientId(), key.secret()).substring(6));
    }
}
