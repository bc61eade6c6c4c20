package dev.keymint.token;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.keymint.db.EmbeddedMariaDbHandle;
import dev.keymint.support.Http;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.TestKeys.Key;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the database gone, the token endpoint answers 503 (keymint's failure), never 401, and
 * counts nothing; it recovers by itself when the database is back. The key read is shared
 * between concurrent requests, so the failure must reach each of them.
 */
class DatabaseOutageTest extends KeymintHttpTest {

    @Autowired
    EmbeddedMariaDbHandle database;

    @Test
    void aDatabaseOutageIs503ForEveryWaitingRequestAndCountsNoFailure() throws Exception {
        Key key = keys.newKey(List.of("roles:read"));
        assertThat(http.token(key.clientId(), key.secret()).status()).isEqualTo(200);

        database.db().stopQuietly();
        try {
            Http.Response right = http.token(key.clientId(), key.secret());
            Http.Response wrong = http.token(key.clientId(), "wrong-secret");

            assertThat(right.status()).isEqualTo(503);
            assertThat(right.header("Retry-After")).isNotBlank();
            assertThat(right.json().get("error").asString()).isEqualTo("temporarily_unavailable");
            assertThat(wrong.status()).isEqualTo(503);
        } finally {
            database.db().restart();
        }

        Http.Response after = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            after = http.token(key.clientId(), key.secret());
            if (after.status() == 200) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(after.status()).isEqualTo(200);
        assertThat(keys.failedAttempts(key.clientId())).isZero();
    }
}
