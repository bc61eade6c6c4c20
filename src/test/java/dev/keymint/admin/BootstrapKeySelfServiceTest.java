package dev.keymint.admin;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;
import dev.keymint.support.TestKeys.Key;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bootstrap key may do to itself what nobody else may, as long as the customer keeps a
 * full-access key. An installation of its own, since the key ends deleted.
 */
@TestPropertySource(properties = "keymint.bootstrap.customer-name=Bootstrap self-service")
class BootstrapKeySelfServiceTest extends AdminTestBase {

    static final String PATH = "/api/v1/api-keys/" + BOOTSTRAP_ID;

    @Test
    void theBootstrapKeyMayRenameRegenerateDemoteAndDeleteItselfButNeverTakeTheLastFullAccessKey() {
        String customerId = keys.installationCustomerId();
        String fullAccess = roleIdByName(customerId, "API Full Access");
        String readOnly = roleIdByName(customerId, "API Read Only");
        AdminApi self = bootstrapAdmin();

        assertThat(self.patch(PATH, json("name", "Break-glass administrator")).status()).isEqualTo(200);
        Http.Response regenerated = self.post(PATH + "/secret", null);
        assertThat(regenerated.status()).as(regenerated.body()).isEqualTo(200);
        String secret = regenerated.json().get("clientSecret").asString();
        self = AdminApi.as(http, BOOTSTRAP_ID, secret);

        for (Http.Response refused : List.of(self.delete(PATH), self.patch(PATH, json("enabled", false)),
                self.patch(PATH, json("roleId", readOnly)))) {
            assertProblem(refused, 409);
            assertThat(refused.json().get("type").asString()).isEqualTo("urn:keymint:problem:last-full-access-key");
        }

        Http.Response created = self.post("/api/v1/api-keys", json("name", "Second administrator", "roleId", fullAccess));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        AdminApi second = AdminApi.as(http, created.json().get("clientId").asString(),
                created.json().get("clientSecret").asString());
        Http.Response customFull = self.post("/api/v1/roles", json("name", "Everything, custom",
                "permissions", raw(jsonArray(everyPermission()))));
        String customFullId = customFull.json().get("id").asString();
        assertThat(self.patch(PATH, json("roleId", customFullId)).status()).isEqualTo(200);

        Http.Response stripped = second.patch("/api/v1/roles/" + customFullId, json("permissions", raw("[\"audit:read\"]")));
        assertProblem(stripped, 403);
        assertThat(stripped.json().get("type").asString()).isEqualTo("urn:keymint:problem:protected-key");
        assertThat(second.patch("/api/v1/roles/" + customFullId, json("name", "Everything")).status()).isEqualTo(200);

        assertThat(self.patch(PATH, json("roleId", readOnly)).status()).isEqualTo(200);
        assertThat(self.delete(PATH).status()).as("its token counts only for what the read-only role holds now")
                .isEqualTo(403);
        assertThat(second.patch(PATH, json("roleId", fullAccess)).status())
                .as("giving the bootstrap key more is no demotion").isEqualTo(200);
        assertThat(self.delete(PATH).status()).isEqualTo(204);
        assertThat(http.token(BOOTSTRAP_ID, secret).status()).isEqualTo(401);
        assertThat(keys.jdbc().sql("SELECT COUNT(*) FROM installation WHERE id = 1 AND bootstrap_client_id IS NULL")
                .query(Long.class).single()).isEqualTo(1);
        Key successor = keys.key(customerId, fullAccess).create();
        keys.jdbc().sql("UPDATE api_key SET client_id = ? WHERE client_id = ?").params(BOOTSTRAP_ID, successor.clientId()).update();
        assertThat(second.delete(PATH).status()).as("a later key with the same client ID is not protected").isEqualTo(204);
    }

    private static String jsonArray(List<String> values) {
        return values.stream().map(value -> "\"" + value + "\"").reduce((a, b) -> a + "," + b)
                .map(joined -> "[" + joined + "]").orElse("[]");
    }
}
