package dev.keymint.admin;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator who lists only the permissions of their own APIs in {@code keymint.permissions}
 * still has every permission the administration API checks in the catalogue, so that no endpoint
 * becomes unreachable. An installation of its own, since its catalogue differs.
 */
@TestPropertySource(properties = "keymint.permissions=reports:read,reports:write")
class PermissionCatalogueTest extends AdminTestBase {

    @Test
    void theCatalogueAlwaysHoldsTheAdministrationPermissionsBesideTheConfiguredOnes() {
        AdminApi admin = bootstrapAdmin();

        Http.Response created = admin.post("/api/v1/roles", json("name", "Reporting administrator",
                "permissions", raw("[\"reports:read\",\"api-keys:read\",\"audit:read\"]")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        JsonNode fullAccess = null;
        for (JsonNode role : admin.get("/api/v1/roles?pageSize=500").json().get("items").values()) {
            if (role.get("name").asString().equals("API Full Access")) {
                fullAccess = role;
            }
        }
        assertThat(fullAccess).isNotNull();
        assertThat(fullAccess.get("permissions").values()).extracting(JsonNode::asString)
                .containsExactlyInAnyOrderElementsOf(concat(ALL, "reports:read", "reports:write"));
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }
}
