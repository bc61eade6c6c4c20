package dev.keymint.admin;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;
import dev.keymint.support.TestKeys.Key;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Nobody but the bootstrap key itself takes it away, however much they hold. */
class BootstrapKeyTest extends AdminTestBase {

    static final String PATH = "/api/v1/api-keys/" + BOOTSTRAP_ID;

    @Test
    void anotherFullAccessKeyCannotDeleteDisableDemoteOrRegenerateTheBootstrapKey() {
        String customerId = keys.installationCustomerId();
        Key other = keys.key(customerId, roleIdByName(customerId, "API Full Access")).create();
        AdminApi asOther = AdminApi.as(http, other.clientId(), other.secret());

        assertRefusedForEveryWayOfTakingItAway(asOther);

        JsonNode events = bootstrapAdmin().get("/api/v1/audit-events?target=" + BOOTSTRAP_ID + "&actor=" + other.clientId()).json();
        assertThat(events.get("items").values()).extracting(event -> event.get("action").asString())
                .containsExactlyInAnyOrder("api-key.deleted", "api-key.disabled", "api-key.updated",
                        "api-key.secret-regenerated");
        assertThat(events.get("items").values()).allSatisfy(event ->
                assertThat(event.get("outcome").asString()).isEqualTo("DENIED"));
    }

    @Test
    void anOutsideAdministratorHoldingEverythingCannotEitherNorPassForTheBootstrapKey() throws Exception {
        String customerId = keys.installationCustomerId();
        AdminApi outside = AdminApi.withToken(http, outsideToken(OUTSIDE_ISSUER, IDP_KEY,
                outsideClaims(customerId).subject(BOOTSTRAP_ID).claim("permissions", everyPermission())));

        assertRefusedForEveryWayOfTakingItAway(outside);
    }

    @Test
    void othersMayStillReadAndUnlockIt() {
        String customerId = keys.installationCustomerId();
        Key other = keys.key(customerId, roleIdByName(customerId, "API Full Access")).create();
        AdminApi asOther = AdminApi.as(http, other.clientId(), other.secret());

        assertThat(asOther.get(PATH).status()).isEqualTo(200);
        assertThat(asOther.post(PATH + "/unlock", null).status()).isEqualTo(200);
    }

    private void assertRefusedForEveryWayOfTakingItAway(AdminApi caller) {
        String readOnlyRole = roleIdByName(keys.installationCustomerId(), "API Read Only");
        for (Http.Response refused : List.of(caller.delete(PATH),
                caller.patch(PATH, json("enabled", false)),
                caller.patch(PATH, json("roleId", readOnlyRole)),
                caller.post(PATH + "/secret", null))) {
            assertProblem(refused, 403);
            assertThat(refused.json().get("type").asString()).isEqualTo("urn:keymint:problem:protected-key");
            assertThat(refused.json().get("detail").asString()).contains("bootstrap administrator key")
                    .contains("only the key itself");
            assertThat(refused.body()).doesNotContain("clientSecret");
        }
        JsonNode bootstrapKey = bootstrapAdmin().get(PATH).json();
        assertThat(bootstrapKey.get("enabled").asBoolean()).isTrue();
        assertThat(bootstrapKey.get("roleName").asString()).isEqualTo("API Full Access");
        assertThat(http.token(BOOTSTRAP_ID, BOOTSTRAP_SECRET).status()).isEqualTo(200);
    }
}
