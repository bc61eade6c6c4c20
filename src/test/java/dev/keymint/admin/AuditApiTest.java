package dev.keymint.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.keymint.audit.AuditRetention;
import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class AuditApiTest extends AdminTestBase {

    @Autowired
    AuditRetention retention;

    @Test
    void everyChangeAndEveryLockIsRecordedWithoutAnySecret() {
        Tenant tenant = newTenant();
        AdminApi admin = tenant.api();
        String actor = tenant.adminKey().clientId();
        List<String> secrets = new ArrayList<>(List.of(tenant.adminKey().secret()));

        String microtenantId = admin.post("/api/v1/microtenants", json("name", "Audit MT")).json().get("id").asString();
        admin.patch("/api/v1/microtenants/" + microtenantId, json("description", "described"));
        String roleId = admin.post("/api/v1/roles", json("name", "Audited", "permissions", raw("[\"roles:read\"]")))
                .json().get("id").asString();
        admin.patch("/api/v1/roles/" + roleId, json("permissions", raw("[\"roles:read\",\"audit:read\"]")));
        JsonNode key = admin.post("/api/v1/api-keys", json("name", "audited key", "roleId", roleId,
                "microtenantId", microtenantId)).json();
        String clientId = key.get("clientId").asString();
        secrets.add(key.get("clientSecret").asString());
        admin.patch("/api/v1/api-keys/" + clientId, json("name", "audited key 2", "sessionValiditySeconds", 600));
        admin.patch("/api/v1/api-keys/" + clientId, json("enabled", false));
        admin.patch("/api/v1/api-keys/" + clientId, json("enabled", true));
        secrets.add(admin.post("/api/v1/api-keys/" + clientId + "/secret", json("graceSeconds", 60)).json()
                .get("clientSecret").asString());
        for (int i = 0; i < 3; i++) {
            http.token(clientId, "wrong-secret");
        }
        admin.post("/api/v1/api-keys/" + clientId + "/unlock", null);
        assertThat(admin.delete("/api/v1/api-keys/" + clientId).status()).isEqualTo(204);
        admin.delete("/api/v1/roles/" + roleId);
        admin.delete("/api/v1/microtenants/" + microtenantId);

        Http.Response response = admin.get("/api/v1/audit-events?pageSize=100");
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> events = response.json().get("items").values().stream().toList().reversed();
        assertThat(events).extracting(event -> event.get("action").asString()).containsExactly(
                "microtenant.created", "microtenant.updated", "role.created", "role.updated",
                "api-key.created", "api-key.updated", "api-key.disabled", "api-key.enabled",
                "api-key.secret-regenerated", "api-key.locked", "api-key.unlocked", "api-key.deleted",
                "role.deleted", "microtenant.deleted");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.get("outcome").asString()).isEqualTo("SUCCESS");
            assertThat(event.get("occurredAt").asString()).isNotBlank();
            assertThat(event.get("target").asString()).isNotBlank();
        });
        assertThat(events).filteredOn(event -> !event.get("action").asString().equals("api-key.locked"))
                .allSatisfy(event -> assertThat(event.get("actor").asString()).isEqualTo(actor));
        JsonNode locked = events.get(9);
        assertThat(locked.get("actor").asString()).isEqualTo("keymint");
        assertThat(locked.get("target").asString()).isEqualTo(clientId);
        assertThat(locked.get("microtenantId").asString()).isEqualTo(microtenantId);
        JsonNode renamed = events.get(5).get("details");
        assertThat(renamed.get("name").get("from").asString()).isEqualTo("audited key");
        assertThat(renamed.get("name").get("to").asString()).isEqualTo("audited key 2");
        assertThat(renamed.get("sessionValiditySeconds").get("to").asInt()).isEqualTo(600);
        assertThat(renamed.has("roleId")).isFalse();
        assertThat(events.get(3).get("details").get("permissions").get("to").values()).extracting(JsonNode::asString)
                .containsExactly("audit:read", "roles:read");
        assertThat(events.get(10).get("details").get("wasLocked").asBoolean()).isTrue();
        assertThat(events.get(8).get("details").get("graceSeconds").asInt()).isEqualTo(60);

        for (String secret : secrets) {
            assertThat(response.body()).doesNotContain(secret);
        }
        assertThat(response.body()).doesNotContain("s256$").doesNotContainIgnoringCase("hash");
    }

    @Test
    void filtersByTypeActorTargetAndTimeAndPages() {
        Tenant tenant = newTenant();
        AdminApi admin = tenant.api();
        Instant before = clock.instant();
        String first = admin.post("/api/v1/api-keys", json("name", "one", "roleId", tenant.fullRoleId())).json()
                .get("clientId").asString();
        clock.advance(Duration.ofHours(1));
        Instant middle = clock.instant();
        String second = admin.post("/api/v1/api-keys", json("name", "two", "roleId", tenant.fullRoleId())).json()
                .get("clientId").asString();
        admin.delete("/api/v1/api-keys/" + second);

        assertThat(count(admin, "")).isEqualTo(3);
        assertThat(count(admin, "type=api-key")).isEqualTo(3);
        assertThat(count(admin, "type=api-key.created")).isEqualTo(2);
        assertThat(count(admin, "type=api-key.deleted")).isEqualTo(1);
        assertThat(count(admin, "type=role")).isZero();
        assertThat(count(admin, "target=" + first)).isEqualTo(1);
        assertThat(count(admin, "actor=" + tenant.adminKey().clientId())).isEqualTo(3);
        assertThat(count(admin, "actor=someone-else")).isZero();
        assertThat(count(admin, "from=" + middle)).isEqualTo(2);
        assertThat(count(admin, "from=" + before + "&to=" + middle)).isEqualTo(1);

        JsonNode page2 = admin.get("/api/v1/audit-events?pageSize=2&page=2").json();
        assertThat(page2.get("items").values()).hasSize(1);
        assertThat(page2.get("items").get(0).get("target").asString()).isEqualTo(first);
        assertThat(page2.get("totalCount").asLong()).isEqualTo(3);

        assertThat(errorFields(admin.get("/api/v1/audit-events?from=yesterday"))).containsExactly("from");
        assertThat(errorFields(admin.get("/api/v1/audit-events?from=" + middle + "&to=" + before))).containsExactly("to");
        assertThat(errorFields(admin.get("/api/v1/audit-events?pageSize=1000"))).containsExactly("pageSize");
    }

    @Test
    void refusedChangesOfReadOnlyObjectsAreRecordedAsDenied() {
        AdminApi admin = bootstrapAdmin();
        Instant start = clock.instant().minusMillis(1);

        assertProblem(admin.delete("/api/v1/api-keys/" + MANAGED_CLIENT_ID), 409);

        JsonNode events = admin.get("/api/v1/audit-events?type=api-key.deleted&target=" + MANAGED_CLIENT_ID
                + "&from=" + start).json();
        assertThat(events.get("totalCount").asLong()).isEqualTo(1);
        assertThat(events.get("items").get(0).get("outcome").asString()).isEqualTo("DENIED");
        assertThat(events.get("items").get(0).get("details").get("reason").asString()).contains("read-only");
    }

    @Test
    void theManagedKeyCreationWasRecordedWithTheConfigurationAsActor() {
        JsonNode events = bootstrapAdmin().get("/api/v1/audit-events?type=api-key.created&target=" + MANAGED_CLIENT_ID).json();

        assertThat(events.get("totalCount").asLong()).isEqualTo(1);
        JsonNode event = events.get("items").get(0);
        assertThat(event.get("actor").asString()).isEqualTo("configuration");
        assertThat(event.get("details").get("managedBy").asString()).isEqualTo("terraform");
        assertThat(event.toString()).doesNotContain(MANAGED_SECRET);
    }

    @Test
    void eventsOlderThanTheRetentionArePurged() {
        Tenant tenant = newTenant();
        long now = clock.millis();
        insertEvent(tenant.customerId(), now - Duration.ofDays(31).toMillis(), "old");
        insertEvent(tenant.customerId(), now - Duration.ofDays(29).toMillis(), "recent");

        assertThat(retention.purge()).isGreaterThanOrEqualTo(1);

        JsonNode events = tenant.api().get("/api/v1/audit-events").json();
        assertThat(events.get("items").values()).extracting(event -> event.get("target").asString()).containsExactly("recent");
    }

    private void insertEvent(String customerId, long occurredAt, String target) {
        keys.jdbc().sql("""
                INSERT INTO audit_event (customer_id, occurred_at, actor, action, target_type, target, outcome)
                VALUES (?, ?, 'test', 'role.created', 'role', ?, 'SUCCESS')
                """).params(customerId, occurredAt, target).update();
    }

    private static long count(AdminApi admin, String query) {
        Http.Response response = admin.get("/api/v1/audit-events?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("totalCount").asLong();
    }
}
