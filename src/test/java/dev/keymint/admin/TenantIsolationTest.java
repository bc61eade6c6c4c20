package dev.keymint.admin;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;
import dev.keymint.support.TestKeys.Key;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Nothing crosses a customer, and a microtenant-scoped administrator sees only its microtenant. */
class TenantIsolationTest extends AdminTestBase {

    @Test
    void anotherCustomersKeysRolesMicrotenantsAndEventsAreNotFound() {
        AdminApi home = bootstrapAdmin();
        String homeCustomer = keys.installationCustomerId();
        String homeRole = keys.newRole(homeCustomer, List.of("roles:read"));
        String homeMicrotenant = keys.newMicrotenant(homeCustomer);
        Key homeKey = keys.key(homeCustomer, homeRole).microtenant(homeMicrotenant).create();
        AdminApi stranger = newTenant().api();
        String keyPath = "/api/v1/api-keys/" + homeKey.clientId();

        assertProblem(stranger.get(keyPath), 404);
        assertProblem(stranger.patch(keyPath, json("name", "hijacked")), 404);
        assertProblem(stranger.patch(keyPath, json("enabled", false)), 404);
        assertProblem(stranger.post(keyPath + "/secret", null), 404);
        assertProblem(stranger.post(keyPath + "/unlock", null), 404);
        assertProblem(stranger.delete(keyPath), 404);
        assertProblem(stranger.get("/api/v1/roles/" + homeRole), 404);
        assertProblem(stranger.patch("/api/v1/roles/" + homeRole, json("name", "hijacked")), 404);
        assertProblem(stranger.delete("/api/v1/roles/" + homeRole), 404);
        assertProblem(stranger.get("/api/v1/microtenants/" + homeMicrotenant), 404);
        assertProblem(stranger.patch("/api/v1/microtenants/" + homeMicrotenant, json("name", "hijacked")), 404);
        assertProblem(stranger.delete("/api/v1/microtenants/" + homeMicrotenant), 404);
        assertProblem(stranger.post("/api/v1/api-keys", json("name", uniqueName("borrowed role"), "roleId", homeRole)), 404);

        assertThat(stranger.get("/api/v1/api-keys?search=" + homeKey.clientId()).json().get("totalCount").asLong()).isZero();
        assertThat(stranger.get("/api/v1/api-keys?roleId=" + homeRole).json().get("totalCount").asLong()).isZero();
        assertThat(ids(stranger.get("/api/v1/roles?pageSize=500"), "id")).doesNotContain(homeRole);
        assertThat(stranger.get("/api/v1/microtenants").json().get("totalCount").asLong()).isZero();
        assertThat(stranger.get("/api/v1/audit-events?pageSize=500").json().get("items").values())
                .noneMatch(event -> event.get("actor").asString().equals(BOOTSTRAP_ID));

        JsonNode unchanged = home.get(keyPath).json();
        assertThat(unchanged.get("name").asString()).isEqualTo("key " + homeKey.clientId());
        assertThat(unchanged.get("enabled").asBoolean()).isTrue();
        assertThat(http.token(homeKey.clientId(), homeKey.secret()).status()).isEqualTo(200);
    }

    @Test
    void aMicrotenantAdministratorSeesAndManagesOnlyItsMicrotenant() {
        Tenant tenant = newTenant();
        String own = keys.newMicrotenant(tenant.customerId());
        String other = keys.newMicrotenant(tenant.customerId());
        Key ownKey = keys.key(tenant.customerId(), tenant.fullRoleId()).microtenant(own).create();
        Key otherKey = keys.key(tenant.customerId(), tenant.fullRoleId()).microtenant(other).create();
        Key scopedAdminKey = keys.key(tenant.customerId(), tenant.fullRoleId()).microtenant(own).create();
        AdminApi scoped = AdminApi.as(http, scopedAdminKey.clientId(), scopedAdminKey.secret());
        String otherPath = "/api/v1/api-keys/" + otherKey.clientId();
        String customerWidePath = "/api/v1/api-keys/" + tenant.adminKey().clientId();

        assertThat(ids(scoped.get("/api/v1/api-keys"), "clientId"))
                .containsExactlyInAnyOrder(ownKey.clientId(), scopedAdminKey.clientId());
        assertThat(scoped.get("/api/v1/api-keys?microtenantId=" + other).json().get("totalCount").asLong()).isZero();
        assertThat(scoped.get("/api/v1/api-keys/" + ownKey.clientId()).status()).isEqualTo(200);
        for (String path : List.of(otherPath, customerWidePath)) {
            assertProblem(scoped.get(path), 404);
            assertProblem(scoped.patch(path, json("enabled", false)), 404);
            assertProblem(scoped.post(path + "/secret", null), 404);
            assertProblem(scoped.post(path + "/unlock", null), 404);
            assertProblem(scoped.delete(path), 404);
        }
        assertThat(http.token(otherKey.clientId(), otherKey.secret()).status()).isEqualTo(200);

        Http.Response created = scoped.post("/api/v1/api-keys", json("name", uniqueName("scoped"), "roleId", tenant.fullRoleId()));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("microtenantId").asString()).isEqualTo(own);
        assertProblem(scoped.post("/api/v1/api-keys", json("name", uniqueName("escape"), "roleId", tenant.fullRoleId(),
                "microtenantId", other)), 404);
        assertThat(tenant.api().get("/api/v1/api-keys?microtenantId=" + other).json().get("totalCount").asLong()).isEqualTo(1);

        assertThat(ids(scoped.get("/api/v1/microtenants"), "id")).containsExactly(own);
        assertThat(scoped.get("/api/v1/microtenants/" + own).status()).isEqualTo(200);
        assertProblem(scoped.get("/api/v1/microtenants/" + other), 404);
        assertProblem(scoped.patch("/api/v1/microtenants/" + other, json("name", "hijacked")), 404);
        assertProblem(scoped.post("/api/v1/microtenants", json("name", uniqueName("new"))), 403);
        assertProblem(scoped.delete("/api/v1/microtenants/" + own), 403);
        assertProblem(scoped.delete("/api/v1/microtenants/" + other), 403);

        assertThat(scoped.get("/api/v1/roles").status()).isEqualTo(200);
        assertProblem(scoped.post("/api/v1/roles", json("name", uniqueName("r"), "permissions", raw("[]"))), 403);
        assertProblem(scoped.patch("/api/v1/roles/" + tenant.fullRoleId(), json("name", "renamed")), 403);

        tenant.api().patch(otherPath, json("name", uniqueName("seen by the customer only")));
        assertThat(scoped.get("/api/v1/audit-events?target=" + otherKey.clientId()).json().get("totalCount").asLong()).isZero();
        assertThat(tenant.api().get("/api/v1/audit-events?target=" + otherKey.clientId()).json().get("totalCount").asLong())
                .isEqualTo(1);
        assertThat(scoped.get("/api/v1/audit-events?type=api-key.created").json().get("totalCount").asLong()).isEqualTo(1);
    }

    private static List<String> ids(Http.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("items").values().stream().map(item -> item.get(field).asString()).toList();
    }
}
