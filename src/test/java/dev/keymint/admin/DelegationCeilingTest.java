package dev.keymint.admin;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;
import dev.keymint.support.TestKeys;
import dev.keymint.support.TestKeys.Key;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A caller grants, assigns and acts on only what it holds: the escalations a key holding only
 * {@code api-keys:*} or {@code roles:*} could make are refused with 403 naming what is missing.
 */
class DelegationCeilingTest extends AdminTestBase {

    static final List<String> KEY_MANAGER = List.of("api-keys:read", "api-keys:write");
    static final List<String> ROLE_MANAGER = List.of("roles:read", "roles:write");

    @Test
    void aKeyManagerCannotGiveItsOwnKeyTheFullAccessRole() {
        Key keymgr = keyManagerMadeThroughTheApi();
        String ownPath = "/api/v1/api-keys/" + keymgr.clientId();

        Http.Response refused = as(keymgr).patch(ownPath, json("roleId", fullAccessRoleId()));

        assertBeyondCeiling(refused, allBut(KEY_MANAGER));
        assertThat(bootstrapAdmin().get(ownPath).json().get("roleId").asString()).isEqualTo(keymgr.roleId());
        assertThat(scopeOf(keymgr)).containsExactlyInAnyOrderElementsOf(KEY_MANAGER);
    }

    @Test
    void aKeyManagerCannotCreateAKeyWithTheFullAccessRole() {
        Key keymgr = keyManagerMadeThroughTheApi();
        String name = uniqueName("stronger than its maker");

        Http.Response refused = as(keymgr).post("/api/v1/api-keys", json("name", name, "roleId", fullAccessRoleId()));

        assertBeyondCeiling(refused, allBut(KEY_MANAGER));
        assertThat(bootstrapAdmin().get("/api/v1/api-keys?search=" + name.replace(" ", "%20")).json()
                .get("totalCount").asLong()).isZero();
    }

    @Test
    void aKeyManagerCannotTakeOverAFullAccessKeyByRegeneratingItsSecret() {
        Key keymgr = keyManagerMadeThroughTheApi();
        Key full = keys.key(keys.installationCustomerId(), fullAccessRoleId()).create();

        Http.Response refused = as(keymgr).post("/api/v1/api-keys/" + full.clientId() + "/secret", null);

        assertBeyondCeiling(refused, allBut(KEY_MANAGER));
        assertThat(refused.body()).doesNotContain("clientSecret");
        assertThat(http.token(full.clientId(), full.secret()).status()).isEqualTo(200);
    }

    @Test
    void aKeyManagerCannotEditDisableUnlockOrDeleteAStrongerKey() {
        AdminApi keymgr = as(keyManagerMadeThroughTheApi());
        Key full = keys.key(keys.installationCustomerId(), fullAccessRoleId()).create();
        String path = "/api/v1/api-keys/" + full.clientId();

        for (Http.Response refused : List.of(keymgr.patch(path, json("name", uniqueName("renamed"))),
                keymgr.patch(path, json("enabled", false)),
                keymgr.patch(path, json("sessionValiditySeconds", 60)),
                keymgr.post(path + "/unlock", null),
                keymgr.delete(path))) {
            assertBeyondCeiling(refused, allBut(KEY_MANAGER));
        }
        JsonNode unchanged = bootstrapAdmin().get(path).json();
        assertThat(unchanged.get("name").asString()).isEqualTo("key " + full.clientId());
        assertThat(unchanged.get("enabled").asBoolean()).isTrue();
        assertThat(unchanged.get("sessionValiditySeconds").asInt()).isEqualTo(3600);
    }

    @Test
    void aRoleManagerCannotAddPermissionsItLacksToItsOwnRole() {
        String roleId = keys.newRole(keys.installationCustomerId(), ROLE_MANAGER);
        Key roleManager = keys.key(keys.installationCustomerId(), roleId).create();
        String path = "/api/v1/roles/" + roleId;

        Http.Response refused = as(roleManager).patch(path, json("permissions",
                raw("[\"roles:read\",\"roles:write\",\"api-keys:write\",\"audit:read\"]")));

        assertBeyondCeiling(refused, List.of("api-keys:write", "audit:read"));
        assertThat(permissions(bootstrapAdmin().get(path))).containsExactlyInAnyOrderElementsOf(ROLE_MANAGER);
        assertThat(scopeOf(roleManager)).containsExactlyInAnyOrderElementsOf(ROLE_MANAGER);
    }

    @Test
    void aRoleManagerCannotCreateRenameStripOrDeleteARoleStrongerThanItself() {
        String customerId = keys.installationCustomerId();
        AdminApi roleManager = as(keys.key(customerId, keys.newRole(customerId, ROLE_MANAGER)).create());
        String stronger = keys.newRole(customerId, List.of("roles:read", "audit:read"));
        String path = "/api/v1/roles/" + stronger;

        assertBeyondCeiling(roleManager.post("/api/v1/roles", json("name", uniqueName("wider"),
                "permissions", raw("[\"roles:read\",\"microtenants:write\"]"))), List.of("microtenants:write"));
        assertBeyondCeiling(roleManager.patch(path, json("name", uniqueName("renamed"))), List.of("audit:read"));
        assertBeyondCeiling(roleManager.patch(path, json("permissions", raw("[\"roles:read\"]"))), List.of("audit:read"));
        assertBeyondCeiling(roleManager.delete(path), List.of("audit:read"));

        JsonNode unchanged = bootstrapAdmin().get(path).json();
        assertThat(unchanged.get("name").asString()).isEqualTo("role " + stronger);
        assertThat(permissions(unchanged)).containsExactlyInAnyOrder("audit:read", "roles:read");
    }

    @Test
    void withinWhatTheyHoldKeyAndRoleManagersWorkAsBefore() {
        Key keymgr = keyManagerMadeThroughTheApi();
        AdminApi asKeymgr = as(keymgr);

        Http.Response created = asKeymgr.post("/api/v1/api-keys", json("name", uniqueName("a peer"), "roleId", keymgr.roleId()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String peer = "/api/v1/api-keys/" + created.json().get("clientId").asString();
        String weakerRole = keys.newRole(keys.installationCustomerId(), List.of("api-keys:read"));
        assertThat(asKeymgr.patch(peer, json("name", uniqueName("renamed peer"), "roleId", weakerRole)).status()).isEqualTo(200);
        assertThat(asKeymgr.patch(peer, json("enabled", false)).status()).isEqualTo(200);
        assertThat(asKeymgr.post(peer + "/secret", null).status()).isEqualTo(200);
        assertThat(asKeymgr.post(peer + "/unlock", null).status()).isEqualTo(200);
        assertThat(asKeymgr.delete(peer).status()).isEqualTo(204);
        assertThat(asKeymgr.patch("/api/v1/api-keys/" + keymgr.clientId(), json("name", uniqueName("itself"))).status())
                .isEqualTo(200);

        String customerId = keys.installationCustomerId();
        AdminApi roleManager = as(keys.key(customerId,
                keys.newRole(customerId, List.of("roles:read", "roles:write", "audit:read"))).create());
        Http.Response role = roleManager.post("/api/v1/roles", json("name", uniqueName("auditor"),
                "permissions", raw("[\"audit:read\"]")));
        assertThat(role.status()).as(role.body()).isEqualTo(201);
        String rolePath = "/api/v1/roles/" + role.json().get("id").asString();
        assertThat(roleManager.patch(rolePath, json("permissions", raw("[\"audit:read\",\"roles:read\"]"))).status())
                .isEqualTo(200);
        assertThat(roleManager.delete(rolePath).status()).isEqualTo(204);
    }

    @Test
    void whatACallerHoldsIsWhatItsTokenHoldsNotItsRole() {
        Http.Response token = http.token(BOOTSTRAP_ID, BOOTSTRAP_SECRET, "scope", "api-keys:read api-keys:write roles:read");
        AdminApi narrowed = AdminApi.withToken(http, token.json().get("access_token").asString());

        assertBeyondCeiling(narrowed.post("/api/v1/api-keys", json("name", uniqueName("narrow"), "roleId", fullAccessRoleId())),
                allBut(List.of("api-keys:read", "api-keys:write", "roles:read")));
        assertBeyondCeiling(narrowed.patch("/api/v1/api-keys/" + BOOTSTRAP_ID, json("name", "renamed by a narrow token")),
                allBut(List.of("api-keys:read", "api-keys:write", "roles:read")));
    }

    @Test
    void anOutsideIssuersCallerIsBoundByTheCeilingWithItsClaimedPermissions() {
        String customerId = keys.newCustomer();
        String full = keys.newRole(customerId, everyPermission());
        String auditor = keys.newRole(customerId, List.of("audit:read"));
        Key fullKey = keys.key(customerId, full).create();
        AdminApi outside = outsideAdmin(customerId, List.of("api-keys:read", "api-keys:write", "audit:read"));

        assertBeyondCeiling(outside.post("/api/v1/api-keys", json("name", uniqueName("too strong"), "roleId", full)),
                allBut(List.of("api-keys:read", "api-keys:write", "audit:read")));
        assertBeyondCeiling(outside.delete("/api/v1/api-keys/" + fullKey.clientId()),
                allBut(List.of("api-keys:read", "api-keys:write", "audit:read")));
        assertThat(outside.post("/api/v1/api-keys", json("name", uniqueName("auditor"), "roleId", auditor)).status())
                .isEqualTo(201);
    }

    @Test
    void aRefusalIsRecordedInTheAuditLogAsDenied() {
        Key keymgr = keyManagerMadeThroughTheApi();
        Key full = keys.key(keys.installationCustomerId(), fullAccessRoleId()).create();

        assertBeyondCeiling(as(keymgr).delete("/api/v1/api-keys/" + full.clientId()), allBut(KEY_MANAGER));

        JsonNode events = bootstrapAdmin().get("/api/v1/audit-events?target=" + full.clientId() + "&type=api-key.deleted").json();
        assertThat(events.get("totalCount").asLong()).isEqualTo(1);
        JsonNode denied = events.get("items").get(0);
        assertThat(denied.get("outcome").asString()).isEqualTo("DENIED");
        assertThat(denied.get("actor").asString()).isEqualTo(keymgr.clientId());
        assertThat(denied.get("details").get("reason").asString()).contains("audit:read");
    }

    @Test
    void aMicrotenantAdministratorGetsA404ForAnotherMicrotenantsKeyBeforeAnyCeilingCheck() {
        Partitioned customer = partitionedCustomer();
        String full = customer.fullRole();
        String other = customer.other();
        AdminApi asScoped = as(customer.keyAtHome(keys.newRole(customer.id(), KEY_MANAGER)));
        Key strongerElsewhere = customer.keyIn(other, full);
        Key weakerElsewhere = customer.keyIn(other, keys.newRole(customer.id(), List.of("api-keys:read")));
        Key strongerAtHome = customer.keyAtHome(full);

        for (Key elsewhere : List.of(strongerElsewhere, weakerElsewhere)) {
            String path = "/api/v1/api-keys/" + elsewhere.clientId();
            for (Http.Response hidden : List.of(asScoped.patch(path, json("enabled", false)),
                    asScoped.post(path + "/secret", null), asScoped.post(path + "/unlock", null), asScoped.delete(path))) {
                assertProblem(hidden, 404);
                assertThat(hidden.json().get("type").asString()).isEqualTo("urn:keymint:problem:not-found");
            }
        }
        assertProblem(asScoped.post("/api/v1/api-keys", json("name", uniqueName("escape"), "roleId", full,
                "microtenantId", other)), 404);
        assertBeyondCeiling(asScoped.delete("/api/v1/api-keys/" + strongerAtHome.clientId()), allBut(KEY_MANAGER));
        assertBeyondCeiling(asScoped.post("/api/v1/api-keys", json("name", uniqueName("stronger"), "roleId", full)),
                allBut(KEY_MANAGER));
        assertThat(http.token(strongerElsewhere.clientId(), strongerElsewhere.secret()).status()).isEqualTo(200);
    }

    @Test
    void aMicrotenantAdministratorCountsOnlyTheKeysOfItsMicrotenant() {
        Partitioned customer = partitionedCustomer();
        String full = customer.fullRole();
        String own = customer.own();
        String other = customer.other();
        String shared = keys.newRole(customer.id(), List.of("audit:read"));
        AdminApi asScoped = as(customer.keyAtHome(full));
        customer.keyAtHome(shared);
        customer.keyIn(other, shared);
        customer.keyIn(other, shared);
        customer.keyIn(null, shared);
        AdminApi customerWide = outsideAdmin(customer.id(), everyPermission());

        assertThat(asScoped.get("/api/v1/roles/" + shared).json().get("keyCount").asLong()).isEqualTo(1);
        assertThat(asScoped.get("/api/v1/roles/" + full).json().get("keyCount").asLong()).isEqualTo(1);
        assertThat(keyCounts(asScoped.get("/api/v1/roles?pageSize=500"))).containsExactlyInAnyOrder(1L, 1L);
        assertThat(asScoped.get("/api/v1/microtenants/" + own).json().get("keyCount").asLong()).isEqualTo(2);
        assertThat(keyCounts(asScoped.get("/api/v1/microtenants"))).containsExactly(2L);

        assertThat(customerWide.get("/api/v1/roles/" + shared).json().get("keyCount").asLong()).isEqualTo(4);
        assertThat(customerWide.get("/api/v1/microtenants/" + other).json().get("keyCount").asLong()).isEqualTo(2);
    }

    /** A customer of its own with two microtenants, {@code own} and {@code other}, and a role holding everything. */
    record Partitioned(TestKeys keys, String id, String own, String other, String fullRole) {

        Key keyIn(String microtenantId, String roleId) {
            return keys.key(id, roleId).microtenant(microtenantId).create();
        }

        Key keyAtHome(String roleId) {
            return keyIn(own, roleId);
        }
    }

    private Partitioned partitionedCustomer() {
        String customerId = keys.newCustomer();
        return new Partitioned(keys, customerId, keys.newMicrotenant(customerId), keys.newMicrotenant(customerId),
                keys.newRole(customerId, everyPermission()));
    }

    /** Made through the API by the bootstrap key, exactly as an administrator would: a role, then a key. */
    private Key keyManagerMadeThroughTheApi() {
        AdminApi admin = bootstrapAdmin();
        Http.Response role = admin.post("/api/v1/roles", json("name", uniqueName("keymgr"),
                "permissions", raw("[\"api-keys:read\",\"api-keys:write\"]")));
        assertThat(role.status()).as(role.body()).isEqualTo(201);
        String roleId = role.json().get("id").asString();
        Http.Response key = admin.post("/api/v1/api-keys", json("name", uniqueName("keymgr key"), "roleId", roleId));
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        return new Key(key.json().get("clientId").asString(), key.json().get("clientSecret").asString(),
                keys.installationCustomerId(), roleId);
    }

    private AdminApi as(Key key) {
        return AdminApi.as(http, key.clientId(), key.secret());
    }

    private String fullAccessRoleId() {
        return roleIdByName(keys.installationCustomerId(), "API Full Access");
    }

    private List<String> scopeOf(Key key) {
        Http.Response token = http.token(key.clientId(), key.secret());
        assertThat(token.status()).isEqualTo(200);
        return List.of(token.json().get("scope").asString().split(" "));
    }

    /** The catalogue without {@code held}: what a full-access role needs beyond it. */
    private List<String> allBut(List<String> held) {
        List<String> missing = new ArrayList<>(everyPermission());
        missing.removeAll(held);
        return missing;
    }

    static void assertBeyondCeiling(Http.Response response, List<String> missing) {
        assertProblem(response, 403);
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:keymint:problem:delegation-ceiling");
        assertThat(problem.get("missingPermissions").values()).extracting(JsonNode::asString)
                .containsExactlyInAnyOrderElementsOf(missing);
        assertThat(problem.get("detail").asString()).contains(missing);
    }

    private static List<String> permissions(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return permissions(response.json());
    }

    private static List<String> permissions(JsonNode role) {
        return role.get("permissions").values().stream().map(JsonNode::asString).toList();
    }

    private static List<Long> keyCounts(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("items").values().stream().map(item -> item.get("keyCount").asLong()).toList();
    }
}
