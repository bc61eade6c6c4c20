package dev.keymint.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.keymint.apikey.ClientSecrets;
import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;
import dev.keymint.support.TestKeys.Key;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyApiTest extends AdminTestBase {

    String fullAccessRoleId(AdminApi api) {
        for (JsonNode role : api.get("/api/v1/roles?pageSize=500").json().get("items").values()) {
            if (role.get("name").asString().equals("API Full Access")) {
                return role.get("id").asString();
            }
        }
        throw new AssertionError("no API Full Access role");
    }

    JsonNode createKey(AdminApi api, String body) {
        Http.Response created = api.post("/api/v1/api-keys", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    @Test
    void createsAKeyShowsItsSecretOnceAndTheKeyGetsTokens() {
        AdminApi admin = bootstrapAdmin();
        String roleId = keys.newRole(keys.installationCustomerId(), List.of("roles:read"));
        String name = uniqueName("ci pipeline");

        Http.Response created = admin.post("/api/v1/api-keys", json("name", name, "roleId", roleId,
                "sessionValiditySeconds", 900, "lifetimeDays", 30));

        assertThat(created.status()).isEqualTo(201);
        JsonNode key = created.json();
        String clientId = key.get("clientId").asString();
        assertThat(created.header("Location")).endsWith("/api/v1/api-keys/" + clientId);
        assertThat(created.header("Cache-Control")).contains("no-store");
        assertThat(created.header("ETag")).isNotBlank();
        assertThat(clientId).startsWith("kmc_");
        String secret = key.get("clientSecret").asString();
        assertThat(ClientSecrets.looksGenerated(secret)).isTrue();
        assertThat(key.get("name").asString()).isEqualTo(name);
        assertThat(key.get("status").asString()).isEqualTo("ENABLED");
        assertThat(key.get("enabled").asBoolean()).isTrue();
        assertThat(key.get("sessionValiditySeconds").asInt()).isEqualTo(900);
        assertThat(key.get("roleId").asString()).isEqualTo(roleId);
        assertThat(key.get("roleName").asString()).isEqualTo("role " + roleId);
        assertThat(key.get("microtenantId").isNull()).isTrue();
        assertThat(Duration.between(Instant.parse(key.get("createdAt").asString()),
                Instant.parse(key.get("expiresAt").asString()))).isEqualTo(Duration.ofDays(30));
        assertThat(key.get("locked").asBoolean()).isFalse();
        assertThat(key.get("failedAttempts").asInt()).isZero();
        assertThat(key.get("readOnly").asBoolean()).isFalse();
        assertThat(key.has("lastUsedAt")).isTrue();

        Http.Response token = http.token(clientId, secret);
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().get("expires_in").asLong()).isEqualTo(900);

        Http.Response read = admin.get("/api/v1/api-keys/" + clientId);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo(created.header("ETag"));
        assertThat(read.body()).doesNotContain(secret).doesNotContain("s256$").doesNotContainIgnoringCase("hash")
                .doesNotContain("clientSecret");
    }

    @Test
    void createUsesDefaultsAndCanCreateADisabledKey() {
        AdminApi admin = bootstrapAdmin();
        JsonNode key = createKey(admin, json("name", uniqueName("defaults"), "roleId", fullAccessRoleId(admin),
                "enabled", false));

        assertThat(key.get("sessionValiditySeconds").asInt()).isEqualTo(3600);
        assertThat(key.get("expiresAt").isNull()).isTrue();
        assertThat(key.get("status").asString()).isEqualTo("DISABLED");
        assertThat(http.token(key.get("clientId").asString(), key.get("clientSecret").asString()).status()).isEqualTo(401);
    }

    @Test
    void createRefusesADuplicateNameOutOfRangeValuesAndUnknownReferences() {
        AdminApi admin = bootstrapAdmin();
        String roleId = fullAccessRoleId(admin);
        String name = uniqueName("dup");
        createKey(admin, json("name", name, "roleId", roleId));

        assertProblem(admin.post("/api/v1/api-keys", json("name", name, "roleId", roleId)), 409);
        assertThat(errorFields(admin.post("/api/v1/api-keys", json("name", uniqueName("short"), "roleId", roleId,
                "sessionValiditySeconds", 59)))).containsExactly("sessionValiditySeconds");
        assertThat(errorFields(admin.post("/api/v1/api-keys", json("name", uniqueName("long"), "roleId", roleId,
                "sessionValiditySeconds", 86401)))).containsExactly("sessionValiditySeconds");
        assertThat(errorFields(admin.post("/api/v1/api-keys", json("name", uniqueName("life"), "roleId", roleId,
                "lifetimeDays", 0)))).containsExactly("lifetimeDays");
        assertThat(errorFields(admin.post("/api/v1/api-keys", json("roleId", roleId)))).containsExactly("name");
        assertThat(errorFields(admin.post("/api/v1/api-keys", json("name", "x")))).containsExactly("roleId");
        assertProblem(admin.post("/api/v1/api-keys", json("name", uniqueName("norole"), "roleId", "no-such-role")), 404);
        assertProblem(admin.post("/api/v1/api-keys", json("name", uniqueName("nomt"), "roleId", roleId,
                "microtenantId", "no-such-microtenant")), 404);
    }

    @Test
    void listsWithFiltersPagesAndSort() {
        Tenant tenant = newTenant();
        AdminApi admin = tenant.api();
        String otherRole = keys.newRole(tenant.customerId(), List.of("roles:read"));
        String microtenantId = keys.newMicrotenant(tenant.customerId());
        String alpha = createKey(admin, json("name", "Alpha reporting", "roleId", otherRole)).get("clientId").asString();
        createKey(admin, json("name", "beta", "roleId", tenant.fullRoleId(), "enabled", false));
        String gamma = createKey(admin, json("name", "Gamma 100%_done", "roleId", tenant.fullRoleId(),
                "microtenantId", microtenantId)).get("clientId").asString();
        // the tenant's admin key is the fourth

        JsonNode all = admin.get("/api/v1/api-keys").json();
        assertThat(all.get("totalCount").asLong()).isEqualTo(4);
        assertThat(all.get("page").asInt()).isEqualTo(1);
        assertThat(all.get("pageSize").asInt()).isEqualTo(20);

        assertThat(names(admin.get("/api/v1/api-keys?sort=name"))).containsExactly("Alpha reporting", "Gamma 100%_done",
                "beta", "key " + tenant.adminKey().clientId());
        assertThat(names(admin.get("/api/v1/api-keys?sort=-name&pageSize=2&page=2")))
                .containsExactly("Gamma 100%_done", "Alpha reporting");
        assertThat(names(admin.get("/api/v1/api-keys?search=ALPHA"))).containsExactly("Alpha reporting");
        assertThat(names(admin.get("/api/v1/api-keys?search=" + alpha.substring(4, 14)))).containsExactly("Alpha reporting");
        assertThat(names(admin.get("/api/v1/api-keys?search=100%25_"))).containsExactly("Gamma 100%_done");
        assertThat(admin.get("/api/v1/api-keys?search=%25").json().get("totalCount").asLong()).isEqualTo(1);
        assertThat(names(admin.get("/api/v1/api-keys?status=disabled"))).containsExactly("beta");
        assertThat(names(admin.get("/api/v1/api-keys?roleId=" + otherRole))).containsExactly("Alpha reporting");
        assertThat(names(admin.get("/api/v1/api-keys?microtenantId=" + microtenantId))).containsExactly("Gamma 100%_done");

        for (int i = 0; i < 3; i++) {
            http.token(gamma, "wrong");
        }
        assertThat(names(admin.get("/api/v1/api-keys?locked=true"))).containsExactly("Gamma 100%_done");
        assertThat(admin.get("/api/v1/api-keys?locked=false").json().get("totalCount").asLong()).isEqualTo(3);
        JsonNode page3 = admin.get("/api/v1/api-keys?page=3&pageSize=2").json();
        assertThat(page3.get("items").values()).isEmpty();
        assertThat(page3.get("totalCount").asLong()).isEqualTo(4);
    }

    @Test
    void listRefusesBadPagingSortAndStatus() {
        AdminApi admin = bootstrapAdmin();
        assertThat(errorFields(admin.get("/api/v1/api-keys?page=0"))).containsExactly("page");
        assertThat(errorFields(admin.get("/api/v1/api-keys?page=-1"))).containsExactly("page");
        assertThat(errorFields(admin.get("/api/v1/api-keys?pageSize=501"))).containsExactly("pageSize");
        assertThat(errorFields(admin.get("/api/v1/api-keys?pageSize=0"))).containsExactly("pageSize");
        assertThat(errorFields(admin.get("/api/v1/api-keys?page=99999999999999999999"))).containsExactly("page");
        assertThat(errorFields(admin.get("/api/v1/api-keys?pageSize=abc"))).containsExactly("pageSize");
        assertThat(errorFields(admin.get("/api/v1/api-keys?sort=secret_hash"))).containsExactly("sort");
        assertThat(errorFields(admin.get("/api/v1/api-keys?sort=name;DROP%20TABLE%20api_key"))).containsExactly("sort");
        assertThat(errorFields(admin.get("/api/v1/api-keys?status=LOCKED"))).containsExactly("status");
        assertThat(errorFields(admin.get("/api/v1/api-keys?locked=maybe"))).containsExactly("locked");
        assertThat(admin.get("/api/v1/api-keys?page=2000000000&pageSize=500").json().get("items").values()).isEmpty();
    }

    @Test
    void patchChangesFieldsAndHonoursIfMatch() {
        AdminApi admin = bootstrapAdmin();
        String roleId = fullAccessRoleId(admin);
        String otherRole = keys.newRole(keys.installationCustomerId(), List.of("audit:read"));
        JsonNode key = createKey(admin, json("name", uniqueName("patch me"), "roleId", roleId));
        String path = "/api/v1/api-keys/" + key.get("clientId").asString();
        String etag = admin.get(path).header("ETag");
        String newName = uniqueName("patched");
        // a token before the change, so that whatever the token path keeps of the key is made once
        Http.Response before = http.token(key.get("clientId").asString(), key.get("clientSecret").asString());
        assertThat(before.json().get("expires_in").asLong()).isEqualTo(3600);

        Http.Response patched = admin.patch(path, json("name", newName, "roleId", otherRole,
                "sessionValiditySeconds", 120), etag);

        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().get("name").asString()).isEqualTo(newName);
        assertThat(patched.json().get("roleId").asString()).isEqualTo(otherRole);
        assertThat(patched.json().get("sessionValiditySeconds").asInt()).isEqualTo(120);
        assertThat(patched.header("ETag")).isNotEqualTo(etag);
        Http.Response token = http.token(key.get("clientId").asString(), key.get("clientSecret").asString());
        assertThat(token.json().get("expires_in").asLong()).isEqualTo(120);
        assertThat(token.json().get("scope").asString()).isEqualTo("audit:read");

        assertProblem(admin.patch(path, json("name", uniqueName("stale")), etag), 412);
        assertProblem(admin.patch(path, json("name", uniqueName("weak")), "W/" + patched.header("ETag")), 412);
        assertThat(admin.patch(path, json("name", uniqueName("star")), "*").status()).isEqualTo(200);
        assertThat(admin.patch(path, json("sessionValiditySeconds", 3600)).status()).isEqualTo(200);
        assertThat(errorFields(admin.patch(path, json("sessionValiditySeconds", 10)))).containsExactly("sessionValiditySeconds");
        assertProblem(admin.patch(path, json("roleId", "no-such-role")), 404);
        assertProblem(admin.patch("/api/v1/api-keys/kmc_nosuchkey", json("name", "x")), 404);
    }

    @Test
    void patchRefusesTheNameOfAnotherKey() {
        AdminApi admin = bootstrapAdmin();
        String roleId = fullAccessRoleId(admin);
        String taken = uniqueName("taken");
        createKey(admin, json("name", taken, "roleId", roleId));
        JsonNode key = createKey(admin, json("name", uniqueName("other"), "roleId", roleId));

        assertProblem(admin.patch("/api/v1/api-keys/" + key.get("clientId").asString(), json("name", taken)), 409);
    }

    @Test
    void disablingStopsNewTokensAndVoidsIssuedOnesAndEnablingRestoresNewTokens() {
        AdminApi admin = bootstrapAdmin();
        JsonNode key = createKey(admin, json("name", uniqueName("toggle"), "roleId", fullAccessRoleId(admin)));
        String clientId = key.get("clientId").asString();
        String secret = key.get("clientSecret").asString();
        AdminApi asKey = AdminApi.as(http, clientId, secret);
        assertThat(asKey.get("/api/v1/customer").status()).isEqualTo(200);

        Http.Response disabled = admin.patch("/api/v1/api-keys/" + clientId, json("enabled", false));

        assertThat(disabled.json().get("status").asString()).isEqualTo("DISABLED");
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        assertThat(http.token(clientId, secret).status()).isEqualTo(401);
        assertProblem(asKey.get("/api/v1/customer"), 401);

        admin.patch("/api/v1/api-keys/" + clientId, json("enabled", true));
        assertThat(http.token(clientId, secret).status()).isEqualTo(200);
        assertProblem(asKey.get("/api/v1/customer"), 401);
    }

    @Test
    void concurrentPatchesWithTheSameIfMatchHaveExactlyOneWinner() throws Exception {
        AdminApi admin = bootstrapAdmin();
        JsonNode key = createKey(admin, json("name", uniqueName("race"), "roleId", fullAccessRoleId(admin)));
        String path = "/api/v1/api-keys/" + key.get("clientId").asString();
        String etag = admin.get(path).header("ETag");
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            for (int i = 0; i < racers; i++) {
                String name = uniqueName("racer " + i);
                Callable<Integer> patch = () -> {
                    start.await();
                    return admin.patch(path, json("name", name), etag).status();
                };
                results.add(pool.submit(patch));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsOnly(200, 412);
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        }
        JsonNode audit = admin.get("/api/v1/audit-events?type=api-key.updated&target=" + key.get("clientId").asString()).json();
        assertThat(audit.get("totalCount").asLong()).isEqualTo(1);
    }

    @Test
    void regenerateWithoutGraceStopsTheOldSecretAndItsTokensAtOnce() {
        AdminApi admin = bootstrapAdmin();
        JsonNode key = createKey(admin, json("name", uniqueName("rotate now"), "roleId", fullAccessRoleId(admin)));
        String clientId = key.get("clientId").asString();
        String oldSecret = key.get("clientSecret").asString();
        AdminApi oldToken = AdminApi.as(http, clientId, oldSecret);

        Http.Response regenerated = admin.post("/api/v1/api-keys/" + clientId + "/secret", null);

        assertThat(regenerated.status()).as(regenerated.body()).isEqualTo(200);
        assertThat(regenerated.header("Cache-Control")).contains("no-store");
        String newSecret = regenerated.json().get("clientSecret").asString();
        assertThat(newSecret).isNotEqualTo(oldSecret);
        assertThat(regenerated.json().get("previousSecretExpiresAt").isNull()).isTrue();
        assertThat(http.token(clientId, oldSecret).status()).isEqualTo(401);
        assertThat(http.token(clientId, newSecret).status()).isEqualTo(200);
        assertProblem(oldToken.get("/api/v1/customer"), 401);
        assertThat(admin.get("/api/v1/api-keys/" + clientId).body()).doesNotContain(newSecret);
    }

    @Test
    void regenerateWithGraceKeepsTheOldSecretUntilTheGraceEnds() {
        AdminApi admin = bootstrapAdmin();
        JsonNode key = createKey(admin, json("name", uniqueName("rotate later"), "roleId", fullAccessRoleId(admin)));
        String clientId = key.get("clientId").asString();
        String oldSecret = key.get("clientSecret").asString();

        Http.Response regenerated = admin.post("/api/v1/api-keys/" + clientId + "/secret", json("graceSeconds", 3600));

        assertThat(regenerated.status()).isEqualTo(200);
        String newSecret = regenerated.json().get("clientSecret").asString();
        assertThat(Instant.parse(regenerated.json().get("previousSecretExpiresAt").asString()))
                .isBetween(clock.instant().plusSeconds(3590), clock.instant().plusSeconds(3600));
        assertThat(http.token(clientId, oldSecret).status()).isEqualTo(200);
        assertThat(http.token(clientId, newSecret).status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(3601));

        assertThat(http.token(clientId, oldSecret).status()).isEqualTo(401);
        assertThat(http.token(clientId, newSecret).status()).isEqualTo(200);
    }

    @Test
    void regenerateRefusesAGraceOutOfBounds() {
        AdminApi admin = bootstrapAdmin();
        JsonNode key = createKey(admin, json("name", uniqueName("grace bounds"), "roleId", fullAccessRoleId(admin)));
        String path = "/api/v1/api-keys/" + key.get("clientId").asString() + "/secret";

        assertThat(errorFields(admin.post(path, json("graceSeconds", 7 * 86400 + 1)))).containsExactly("graceSeconds");
        assertThat(errorFields(admin.post(path, json("graceSeconds", -1)))).containsExactly("graceSeconds");
        assertThat(http.token(key.get("clientId").asString(), key.get("clientSecret").asString()).status()).isEqualTo(200);
        assertProblem(admin.post("/api/v1/api-keys/kmc_nosuchkey/secret", null), 404);
    }

    @Test
    void unlockClearsALockSoTheRightSecretWorksAgain() {
        AdminApi admin = bootstrapAdmin();
        JsonNode key = createKey(admin, json("name", uniqueName("locked"), "roleId", fullAccessRoleId(admin)));
        String clientId = key.get("clientId").asString();
        for (int i = 0; i < 3; i++) {
            http.token(clientId, "wrong");
        }
        JsonNode locked = admin.get("/api/v1/api-keys/" + clientId).json();
        assertThat(locked.get("locked").asBoolean()).isTrue();
        assertThat(locked.get("failedAttempts").asInt()).isEqualTo(3);
        assertThat(Instant.parse(locked.get("lockedUntil").asString())).isAfter(clock.instant().plusSeconds(1790));
        assertThat(http.token(clientId, key.get("clientSecret").asString()).status()).isEqualTo(401);

        Http.Response unlocked = admin.post("/api/v1/api-keys/" + clientId + "/unlock", null);

        assertThat(unlocked.status()).isEqualTo(200);
        assertThat(unlocked.json().get("locked").asBoolean()).isFalse();
        assertThat(unlocked.json().get("lockedUntil").isNull()).isTrue();
        assertThat(unlocked.json().get("failedAttempts").asInt()).isZero();
        assertThat(http.token(clientId, key.get("clientSecret").asString()).status()).isEqualTo(200);
        assertProblem(admin.post("/api/v1/api-keys/kmc_nosuchkey/unlock", null), 404);
    }

    @Test
    void deleteRemovesTheKeyAndVoidsItsTokens() {
        AdminApi admin = bootstrapAdmin();
        JsonNode key = createKey(admin, json("name", uniqueName("doomed"), "roleId", fullAccessRoleId(admin)));
        String clientId = key.get("clientId").asString();
        AdminApi asKey = AdminApi.as(http, clientId, key.get("clientSecret").asString());

        Http.Response deleted = admin.delete("/api/v1/api-keys/" + clientId);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertProblem(admin.get("/api/v1/api-keys/" + clientId), 404);
        assertProblem(admin.delete("/api/v1/api-keys/" + clientId), 404);
        assertProblem(asKey.get("/api/v1/customer"), 401);
        assertThat(http.token(clientId, key.get("clientSecret").asString()).status()).isEqualTo(401);
    }

    @Test
    void aManagedKeyFromConfigurationIsReadOnly() {
        AdminApi admin = bootstrapAdmin();
        String path = "/api/v1/api-keys/" + MANAGED_CLIENT_ID;

        JsonNode managed = admin.get(path).json();
        assertThat(managed.get("readOnly").asBoolean()).isTrue();
        assertThat(managed.get("managedBy").asString()).isEqualTo("terraform");
        assertThat(managed.get("roleName").asString()).isEqualTo("API Read Only");
        assertThat(http.token(MANAGED_CLIENT_ID, MANAGED_SECRET).status()).isEqualTo(200);

        for (Http.Response refused : List.of(admin.patch(path, json("name", "renamed")),
                admin.patch(path, json("enabled", false)),
                admin.post(path + "/secret", null),
                admin.delete(path))) {
            assertProblem(refused, 409);
            assertThat(refused.json().get("detail").asString()).contains("read-only").contains("terraform");
        }
        assertThat(admin.get(path).json().get("name").asString()).isEqualTo("Deployment pipeline key");
        assertThat(http.token(MANAGED_CLIENT_ID, MANAGED_SECRET).status()).isEqualTo(200);
    }

    @Test
    void aKeyCreatedInAMicrotenantCarriesIt() {
        AdminApi admin = bootstrapAdmin();
        String microtenantId = keys.newMicrotenant(keys.installationCustomerId());
        JsonNode key = createKey(admin, json("name", uniqueName("mt key"), "roleId", fullAccessRoleId(admin),
                "microtenantId", microtenantId));

        assertThat(key.get("microtenantId").asString()).isEqualTo(microtenantId);
        Key asKey = new Key(key.get("clientId").asString(), key.get("clientSecret").asString(), null, null);
        assertThat(AdminApi.as(http, asKey.clientId(), asKey.secret()).get("/api/v1/customer").json()
                .get("microtenantId").asString()).isEqualTo(microtenantId);
    }

    private static List<String> names(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("items").values().stream().map(item -> item.get("name").asString()).toList();
    }
}
