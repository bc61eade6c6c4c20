package dev.keymint.admin;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.keymint.apikey.ManagedKeys;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys from {@code keymint.managed-keys} follow the configuration, whatever happened to their row. */
class ManagedKeysTest extends AdminTestBase {

    @Autowired
    ManagedKeys managedKeys;

    @Test
    void aDriftedManagedKeyIsPutBackInLineWithTheConfiguration() {
        String since = "&from=" + clock.instant().minusMillis(1);
        keys.jdbc().sql("UPDATE api_key SET name = 'tampered', secret_hash = 's256$AAAA$BBBB', status = 'DISABLED' WHERE client_id = ?")
                .param(MANAGED_CLIENT_ID).update();
        assertThat(http.token(MANAGED_CLIENT_ID, MANAGED_SECRET).status()).isEqualTo(401);

        managedKeys.apply();

        JsonNode key = bootstrapAdmin().get("/api/v1/api-keys/" + MANAGED_CLIENT_ID).json();
        assertThat(key.get("name").asString()).isEqualTo("Deployment pipeline key");
        assertThat(key.get("enabled").asBoolean()).isTrue();
        assertThat(key.get("readOnly").asBoolean()).isTrue();
        assertThat(http.token(MANAGED_CLIENT_ID, MANAGED_SECRET).status()).isEqualTo(200);
        JsonNode events = bootstrapAdmin().get("/api/v1/audit-events?type=api-key.updated&target=" + MANAGED_CLIENT_ID + since).json();
        assertThat(events.get("totalCount").asLong()).isEqualTo(1);
        JsonNode details = events.get("items").get(0).get("details");
        assertThat(events.get("items").get(0).get("actor").asString()).isEqualTo("configuration");
        assertThat(events.get("items").get(0).get("outcome").asString()).isEqualTo("SUCCESS");
        assertThat(details.get("name").get("from").asString()).isEqualTo("tampered");
        assertThat(details.get("status").get("to").asString()).isEqualTo("ENABLED");
        assertThat(details.get("secret").asString()).isEqualTo("replaced");
        assertThat(events.toString()).doesNotContain("s256$").doesNotContain(MANAGED_SECRET);

        managedKeys.apply();

        assertThat(bootstrapAdmin().get("/api/v1/audit-events?type=api-key.updated&target=" + MANAGED_CLIENT_ID + since).json()
                .get("totalCount").asLong()).isEqualTo(1);
    }
}
