package dev.keymint.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.keymint.apikey.ApiKeyStatus;
import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;
import dev.keymint.support.TestKeys.Key;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer never loses its last enabled, customer-wide key whose role holds every permission:
 * not by deleting, disabling or demoting it, not by taking a permission from its role, and not
 * by two administrators doing so to the last two such keys at the same moment.
 */
class LastFullAccessKeyTest extends AdminTestBase {

    /** A customer of its own, administered by an outside issuer's caller holding every permission. */
    record World(String customerId, String fullRole, String lesserRole, AdminApi admin) {

        String keyPath(Key key) {
            return "/api/v1/api-keys/" + key.clientId();
        }
    }

    World newWorld() {
        String customerId = keys.newCustomer();
        return new World(customerId, keys.newRole(customerId, everyPermission()), keys.newRole(customerId, ALL.subList(0, 2)),
                outsideAdmin(customerId, everyPermission()));
    }

    Key fullKey(World world) {
        return keys.key(world.customerId(), world.fullRole()).create();
    }

    @Test
    void theLastFullAccessKeyCannotBeDeletedDisabledOrDemoted() {
        World world = newWorld();
        Key last = fullKey(world);
        String path = world.keyPath(last);

        assertLastFullAccessKey(world.admin().delete(path), "Deleting");
        assertLastFullAccessKey(world.admin().patch(path, json("enabled", false)), "Disabling");
        assertLastFullAccessKey(world.admin().patch(path, json("roleId", world.lesserRole())), "fewer permissions");
        assertLastFullAccessKey(AdminApi.as(http, last.clientId(), last.secret()).delete(path), "Deleting");

        JsonNode unchanged = world.admin().get(path).json();
        assertThat(unchanged.get("enabled").asBoolean()).isTrue();
        assertThat(unchanged.get("roleId").asString()).isEqualTo(world.fullRole());
        assertThat(http.token(last.clientId(), last.secret()).status()).isEqualTo(200);
        assertThat(fullAccessKeys(world)).isEqualTo(1);
    }

    @Test
    void theRoleOfTheLastFullAccessKeysCannotLoseAPermission() {
        World world = newWorld();
        fullKey(world);
        fullKey(world);
        String path = "/api/v1/roles/" + world.fullRole();

        assertLastFullAccessKey(world.admin().patch(path, json("permissions", raw("[\"roles:read\"]"))), "permissions");

        assertThat(world.admin().get(path).json().get("permissions").values()).hasSize(everyPermission().size());
        assertThat(world.admin().patch(path, json("name", uniqueName("still full"))).status()).isEqualTo(200);
        assertThat(fullAccessKeys(world)).isEqualTo(2);
    }

    @Test
    void keysThatCannotAdministerEverythingDoNotCountAsFullAccessKeys() {
        World world = newWorld();
        Key last = fullKey(world);
        keys.key(world.customerId(), world.fullRole()).microtenant(keys.newMicrotenant(world.customerId())).create();
        keys.key(world.customerId(), world.fullRole()).expiresAt(clock.instant().minusSeconds(1)).create();
        keys.setStatus(fullKey(world).clientId(), ApiKeyStatus.DISABLED);
        keys.key(world.customerId(), world.lesserRole()).create();

        assertLastFullAccessKey(world.admin().delete(world.keyPath(last)), "Deleting");
    }

    @Test
    void whileAnotherFullAccessKeyRemainsAnyOfThemMayGo() {
        World world = newWorld();
        Key first = fullKey(world);
        Key second = fullKey(world);
        Key third = fullKey(world);

        assertThat(world.admin().delete(world.keyPath(first)).status()).isEqualTo(204);
        assertThat(world.admin().patch(world.keyPath(second), json("roleId", world.lesserRole())).status()).isEqualTo(200);
        assertLastFullAccessKey(world.admin().patch(world.keyPath(third), json("enabled", false)), "Disabling");
        assertThat(world.admin().patch(world.keyPath(second), json("roleId", world.fullRole())).status()).isEqualTo(200);
        assertThat(world.admin().patch(world.keyPath(third), json("enabled", false)).status()).isEqualTo(200);
        assertThat(fullAccessKeys(world)).isEqualTo(1);
    }

    @Test
    void aCustomerWithoutAnyFullAccessKeyIsNotStuck() {
        World world = newWorld();
        Key lesser = keys.key(world.customerId(), world.lesserRole()).create();

        assertThat(world.admin().patch(world.keyPath(lesser), json("enabled", false)).status()).isEqualTo(200);
        assertThat(world.admin().delete(world.keyPath(lesser)).status()).isEqualTo(204);
    }

    @Test
    void twoAdministratorsDeletingTheLastTwoFullAccessKeysAtOnceCannotBothSucceed() throws Exception {
        race((world, key) -> world.admin().delete(world.keyPath(key)));
    }

    @Test
    void twoAdministratorsDisablingTheLastTwoFullAccessKeysAtOnceCannotBothSucceed() throws Exception {
        race((world, key) -> world.admin().patch(world.keyPath(key), json("enabled", false)));
    }

    @Test
    void twoAdministratorsDemotingTheLastTwoFullAccessKeysAtOnceCannotBothSucceed() throws Exception {
        race((world, key) -> world.admin().patch(world.keyPath(key), json("roleId", world.lesserRole())));
    }

    @Test
    void strippingOneFullAccessRoleWhileDeletingTheOtherRolesKeyCannotBothSucceed() throws Exception {
        race((world, key) -> {
            if (!key.roleId().equals(world.fullRole())) {
                return world.admin().patch("/api/v1/roles/" + key.roleId(), json("permissions", raw("[\"audit:read\"]")));
            }
            return world.admin().delete(world.keyPath(key));
        });
    }

    interface Change {
        Http.Response apply(World world, Key key);
    }

    /**
     * Round after round, a customer with exactly two full-access keys (each with a full role of its
     * own) and one administrator per key applying {@code change} to it at the same moment: exactly
     * one wins, the other gets 409, and one full-access key is left.
     */
    private void race(Change change) throws Exception {
        int rounds = 8;
        for (int round = 0; round < rounds; round++) {
            World world = newWorld();
            Key first = fullKey(world);
            Key second = keys.key(world.customerId(), keys.newRole(world.customerId(), everyPermission())).create();
            List<Integer> statuses = inParallel(List.of(first, second), key -> change.apply(world, key).status());

            assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(successOf(statuses), 409);
            assertThat(fullAccessKeys(world)).as("round %d", round).isEqualTo(1);
        }
    }

    private static int successOf(List<Integer> statuses) {
        return statuses.stream().filter(status -> status == 200 || status == 204).findFirst().orElse(-1);
    }

    private static <T> List<Integer> inParallel(List<T> targets, Function<T, Integer> request) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(targets.size())) {
            for (T target : targets) {
                Callable<Integer> call = () -> {
                    start.await();
                    return request.apply(target);
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            return statuses;
        }
    }

    /** Enabled, customer-wide, unexpired keys whose role holds the whole catalogue, straight from the database. */
    private long fullAccessKeys(World world) {
        return keys.jdbc().sql("""
                SELECT COUNT(*) FROM api_key k
                 WHERE k.customer_id = ? AND k.status = 'ENABLED' AND k.microtenant_id IS NULL
                   AND (k.expires_at IS NULL OR k.expires_at > ?)
                   AND (SELECT COUNT(*) FROM role_permission p WHERE p.role_id = k.role_id) = ?
                """).params(world.customerId(), clock.millis(), everyPermission().size()).query(Long.class).single();
    }

    private static void assertLastFullAccessKey(Http.Response response, String change) {
        assertProblem(response, 409);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:keymint:problem:last-full-access-key");
        assertThat(response.json().get("detail").asString()).contains(change).contains("every permission");
    }
}
