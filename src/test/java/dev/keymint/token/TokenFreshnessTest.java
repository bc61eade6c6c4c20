package dev.keymint.token;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.TestKeys.Key;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token counts only for what its key's role grants now: its scope intersected with the role's
 * permissions at the moment of use, on the administration API and at introspection alike.
 */
class TokenFreshnessTest extends KeymintHttpTest {

    AdminApi admin;
    Key resourceServer;

    @BeforeEach
    void setUp() {
        admin = bootstrapAdmin();
        resourceServer = keys.newKey(List.of("roles:read"));
    }

    String predefinedRole(String name) {
        return keys.jdbc().sql("SELECT id FROM role WHERE customer_id = ? AND name = ?")
                .params(keys.installationCustomerId(), name).query(String.class).single();
    }

    Set<String> permissionsOf(String roleId) {
        return Set.copyOf(keys.jdbc().sql("SELECT permission FROM role_permission WHERE role_id = ?")
                .param(roleId).query(String.class).list());
    }

    String newRole(String... permissions) {
        Http.Response created = admin.post("/api/v1/roles", "{\"name\":\"role " + UUID.randomUUID()
                + "\",\"permissions\":" + jsonArray(permissions) + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    /** A key made through the administration API; its {@code clientId} and {@code clientSecret}. */
    JsonNode newKey(String roleId) {
        Http.Response created = admin.post("/api/v1/api-keys",
                "{\"name\":\"key " + UUID.randomUUID() + "\",\"roleId\":\"" + roleId + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    String tokenOf(JsonNode key, String... extraParams) {
        return accessToken(key.get("clientId").asString(), key.get("clientSecret").asString(), extraParams);
    }

    JsonNode introspect(String token) {
        return introspect(resourceServer, token);
    }

    static Set<String> scopeOf(JsonNode introspection) {
        return Set.of(introspection.get("scope").asString().split(" "));
    }

    static String jsonArray(String... values) {
        return values.length == 0 ? "[]" : "[\"" + String.join("\",\"", values) + "\"]";
    }

    /**
     * A key to delete, whose role holds only {@code roles:read}, which every caller here holds too,
     * so that only the caller's own write permission decides.
     */
    String newVictim() {
        return newKey(keys.newRole(keys.installationCustomerId(), List.of("roles:read"))).get("clientId").asString();
    }

    String deleteVictim(AdminApi caller) {
        return String.valueOf(caller.delete("/api/v1/api-keys/" + newVictim()).status());
    }

    /**
     * The reproduction: a key with API Full Access takes a token, an administrator moves the key to
     * API Read Only, and the token taken before must not delete keys any more.
     */
    @Test
    void aTokenTakenBeforeItsKeyWasMovedToAReadOnlyRoleNoLongerDeletesKeysAndIntrospectsWithTheReadPermissions() {
        String readOnly = predefinedRole("API Read Only");
        JsonNode key = newKey(predefinedRole("API Full Access"));
        String clientId = key.get("clientId").asString();
        String token = tokenOf(key);
        AdminApi asKey = AdminApi.withToken(http, token);
        assertThat(deleteVictim(asKey)).as("before the move").isEqualTo("204");

        Http.Response moved = admin.patch("/api/v1/api-keys/" + clientId, "{\"roleId\":\"" + readOnly + "\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);

        String victim = newVictim();
        Http.Response refused = asKey.delete("/api/v1/api-keys/" + victim);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("WWW-Authenticate")).contains("insufficient_scope");
        assertThat(admin.get("/api/v1/api-keys/" + victim).status()).as("the key is still there").isEqualTo(200);
        assertThat(asKey.get("/api/v1/api-keys/" + victim).status()).as("reading is still allowed").isEqualTo(200);

        JsonNode introspection = introspect(token);
        assertThat(introspection.get("active").asBoolean()).isTrue();
        assertThat(scopeOf(introspection)).isEqualTo(permissionsOf(readOnly)).noneMatch(p -> p.endsWith(":write"));
        assertThat(introspection.get("role_id").asString()).isEqualTo(readOnly);
        assertThat(introspection.get("role").asString()).isEqualTo("API Read Only");
    }

    @Test
    void aPermissionTakenFromARoleIsTakenFromTheTokensAlreadyIssuedToItsKeys() {
        String roleId = newRole("api-keys:read", "api-keys:write", "roles:read");
        String token = tokenOf(newKey(roleId));
        AdminApi asKey = AdminApi.withToken(http, token);
        assertThat(deleteVictim(asKey)).isEqualTo("204");

        Http.Response changed = admin.patch("/api/v1/roles/" + roleId, "{\"permissions\":[\"api-keys:read\",\"roles:read\"]}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);

        assertThat(deleteVictim(asKey)).isEqualTo("403");
        assertThat(scopeOf(introspect(token))).containsExactlyInAnyOrder("api-keys:read", "roles:read");
        assertThat(asKey.get("/api/v1/roles/" + roleId).status()).isEqualTo(200);
    }

    @Test
    void aTokenNeverCountsForMoreThanItsOwnScopeEvenWhenTheRoleGrantsMore() {
        String roleId = newRole("roles:read", "audit:read");
        String token = tokenOf(newKey(roleId), "scope", "roles:read");
        AdminApi asKey = AdminApi.withToken(http, token);

        assertThat(scopeOf(introspect(token))).containsExactly("roles:read");
        assertThat(asKey.get("/api/v1/roles").status()).isEqualTo(200);
        assertThat(asKey.get("/api/v1/audit-events").status()).isEqualTo(403);
    }

    /**
     * A token left with no permission authorizes nothing; "active" with an empty scope would still
     * pass every resource server's "authenticated" rule, so it is inactive while it holds none.
     */
    @Test
    void aTokenLeftWithoutAnyPermissionIsInactiveAndRefusedUntilItsRoleGrantsOneAgain() {
        String roleId = newRole("api-keys:write", "roles:read");
        String token = tokenOf(newKey(roleId), "scope", "api-keys:write");
        AdminApi asKey = AdminApi.withToken(http, token);
        assertThat(asKey.get("/api/v1/customer").status()).isEqualTo(200);

        assertThat(admin.patch("/api/v1/roles/" + roleId, "{\"permissions\":[\"roles:read\"]}").status()).isEqualTo(200);

        JsonNode introspection = introspect(token);
        assertThat(introspection.get("active").asBoolean()).isFalse();
        assertThat(introspection.propertyNames()).containsExactly("active");
        Http.Response refused = asKey.get("/api/v1/customer");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).contains("invalid_token");

        assertThat(admin.patch("/api/v1/roles/" + roleId, "{\"permissions\":[\"api-keys:write\"]}").status()).isEqualTo(200);

        assertThat(scopeOf(introspect(token))).containsExactly("api-keys:write");
        assertThat(asKey.get("/api/v1/customer").status()).isEqualTo(200);
    }

    @Test
    void aKeyWhoseRoleGrantsNothingGetsNoToken() {
        Key key = keys.newKey(List.of());

        Http.Response response = http.token(key.clientId(), key.secret());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("invalid_scope");
        assertThat(response.json().get("error_description").asString()).contains("no permission");
    }
}
