package dev.keymint.admin;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;
import dev.keymint.support.TestKeys.Key;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class RoleApiTest extends AdminTestBase {

    JsonNode predefined(AdminApi admin, String name) {
        for (JsonNode role : admin.get("/api/v1/roles?pageSize=500").json().get("items").values()) {
            if (role.get("name").asString().equals(name)) {
                return role;
            }
        }
        throw new AssertionError("no role " + name);
    }

    @Test
    void predefinedRolesAreListedReadableAndNeverChanged() {
        AdminApi admin = bootstrapAdmin();
        JsonNode fullAccess = predefined(admin, "API Full Access");
        JsonNode readOnly = predefined(admin, "API Read Only");
        assertThat(fullAccess.get("predefined").asBoolean()).isTrue();
        assertThat(fullAccess.get("permissions").values()).extracting(JsonNode::asString).containsAll(ALL);
        assertThat(readOnly.get("permissions").values()).extracting(JsonNode::asString)
                .allMatch(permission -> permission.endsWith(":read"));
        String path = "/api/v1/roles/" + fullAccess.get("id").asString();
        assertThat(admin.get(path).json().get("name").asString()).isEqualTo("API Full Access");

        Http.Response patch = admin.patch(path, json("permissions", raw("[\"roles:read\"]")));
        assertProblem(patch, 409);
        assertThat(patch.json().get("detail").asString()).contains("predefined");
        assertProblem(admin.delete(path), 409);
        assertThat(admin.get(path).json().get("permissions").values()).hasSize(fullAccess.get("permissions").size());
    }

    @Test
    void createsReadsUpdatesAndDeletesACustomRole() {
        Tenant tenant = newTenant();
        AdminApi admin = tenant.api();

        Http.Response created = admin.post("/api/v1/roles", json("name", "Auditor", "description", "reads the log",
                "permissions", raw("[\"audit:read\",\"api-keys:read\",\"audit:read\"]")));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.header("Location")).endsWith("/api/v1/roles/" + id);
        assertThat(created.json().get("permissions").values()).extracting(JsonNode::asString)
                .containsExactly("api-keys:read", "audit:read");
        assertThat(created.json().get("predefined").asBoolean()).isFalse();
        assertThat(created.json().get("keyCount").asLong()).isZero();

        Http.Response read = admin.get("/api/v1/roles/" + id);
        assertThat(read.json().get("description").asString()).isEqualTo("reads the log");
        Http.Response updated = admin.patch("/api/v1/roles/" + id, json("name", "Log reader"), read.header("ETag"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("name").asString()).isEqualTo("Log reader");
        assertProblem(admin.patch("/api/v1/roles/" + id, json("name", "stale"), read.header("ETag")), 412);
        assertThat(admin.get("/api/v1/roles").json().get("totalCount").asLong()).isEqualTo(2);

        assertThat(admin.delete("/api/v1/roles/" + id).status()).isEqualTo(204);
        assertProblem(admin.get("/api/v1/roles/" + id), 404);
        assertProblem(admin.delete("/api/v1/roles/" + id), 404);
    }

    @Test
    void unknownPermissionsAreNamedInA400() {
        AdminApi admin = newTenant().api();

        Http.Response response = admin.post("/api/v1/roles", json("name", uniqueName("bad"),
                "permissions", raw("[\"api-keys:read\",\"policy:fly\",\"root\"]")));

        assertThat(errorFields(response)).containsExactly("permissions");
        assertThat(response.json().get("errors").get(0).get("message").asString())
                .startsWith("not in the permission catalogue: policy:fly, root (");
        assertThat(admin.get("/api/v1/roles").json().get("totalCount").asLong()).isEqualTo(1);
        assertThat(errorFields(admin.post("/api/v1/roles", json("name", uniqueName("blank"), "permissions", raw("[\"\"]")))))
                .containsExactly("permissions[0]");
        assertThat(errorFields(admin.post("/api/v1/roles", json("name", uniqueName("none"))))).containsExactly("permissions");
    }

    @Test
    void aDuplicateRoleNameIsA409() {
        Tenant tenant = newTenant();
        assertProblem(tenant.api().post("/api/v1/roles", json("name", "role " + tenant.fullRoleId(),
                "permissions", raw("[]"))), 409);
    }

    @Test
    void aRoleHeldByAKeyCannotBeDeleted() {
        Tenant tenant = newTenant();
        String roleId = keys.newRole(tenant.customerId(), List.of("roles:read"));
        Key holder = keys.key(tenant.customerId(), roleId).create();

        Http.Response refused = tenant.api().delete("/api/v1/roles/" + roleId);

        assertProblem(refused, 409);
        assertThat(refused.json().get("detail").asString()).contains("1 API key");
        assertThat(tenant.api().delete("/api/v1/api-keys/" + holder.clientId()).status()).isEqualTo(204);
        assertThat(tenant.api().delete("/api/v1/roles/" + roleId).status()).isEqualTo(204);
    }

    @Test
    void aChangeOfPermissionsAppliesToTheNextTokenOfEveryKeyWithTheRole() {
        Tenant tenant = newTenant();
        String roleId = keys.newRole(tenant.customerId(), List.of("roles:read"));
        Key first = keys.key(tenant.customerId(), roleId).create();
        Key second = keys.key(tenant.customerId(), roleId).create();
        assertThat(http.token(first.clientId(), first.secret()).json().get("scope").asString()).isEqualTo("roles:read");

        Http.Response updated = tenant.api().patch("/api/v1/roles/" + roleId,
                json("permissions", raw("[\"audit:read\",\"api-keys:read\"]")));

        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        for (Key key : List.of(first, second)) {
            assertThat(Set.of(http.token(key.clientId(), key.secret()).json().get("scope").asString().split(" ")))
                    .containsExactlyInAnyOrder("audit:read", "api-keys:read");
        }
        assertThat(tenant.api().get("/api/v1/roles/" + roleId).json().get("keyCount").asLong()).isEqualTo(2);
    }

    /** Signing keys are rotated with the command line, not the API: a permission for them would protect nothing. */
    @Test
    void theCatalogueHoldsNoPermissionThatProtectsNothing() {
        Http.Response refused = bootstrapAdmin().post("/api/v1/roles", json("name", "Key rotator",
                "permissions", raw("[\"signing-keys:write\"]")));

        assertProblem(refused, 400);
        assertThat(refused.body()).contains("signing-keys:write");
    }
}
