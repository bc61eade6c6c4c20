package dev.keymint.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.keymint.KeymintApplication;
import dev.keymint.apikey.ApiKeyRepository;
import dev.keymint.apikey.ClientSecrets;
import dev.keymint.signing.SigningKeys;
import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;
import dev.keymint.support.RunningKeymint;
import dev.keymint.support.TestKeys;
import dev.keymint.support.TestKeys.Key;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances started at the same moment on one (embedded) MariaDB schema and one, empty,
 * keys folder, the way several instances run behind a load balancer: they are one server.
 */
class SeveralInstancesTest {

    static final List<String> PERMISSIONS = List.of("roles:read");
    static final String ADMIN_ID = "cluster-admin";
    static final String ADMIN_SECRET = "cluster-admin-secret-0123456789abcdef";

    @TempDir
    Path keysDir;
    RunningKeymint a;
    RunningKeymint b;
    TestKeys keys;

    @BeforeEach
    void startTwoInstancesAtOnce() throws Exception {
        Map<String, String> shared = Map.of(
                "keymint.embedded-database.database-name", "cluster_" + UUID.randomUUID().toString().replace("-", ""),
                "keymint.signing.keys-directory", keysDir.toString(),
                "keymint.signing.reload-interval", "1s",
                "keymint.bootstrap.client-id", ADMIN_ID,
                "keymint.bootstrap.client-secret", ADMIN_SECRET);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        // Two applications initialising the JVM's one logging system at the same moment trip over
        // each other (separate processes would not): these two leave logging as it is.
        String loggingSystem = System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        try {
            CountDownLatch together = new CountDownLatch(1);
            List<Future<RunningKeymint>> starting = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                starting.add(threads.submit(() -> {
                    together.await();
                    return RunningKeymint.start(shared);
                }));
            }
            together.countDown();
            List<RunningKeymint> started = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<RunningKeymint> instance : starting) {
                try {
                    started.add(instance.get(180, TimeUnit.SECONDS));
                } catch (Exception e) {
                    failure = new IllegalStateException("an instance did not start", e);
                }
            }
            if (failure != null) {
                started.forEach(RunningKeymint::close);
                throw failure;
            }
            a = started.get(0);
            b = started.get(1);
        } finally {
            threads.shutdownNow();
            if (loggingSystem == null) {
                System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
            } else {
                System.setProperty(LoggingSystem.SYSTEM_PROPERTY, loggingSystem);
            }
        }
        keys = new TestKeys(a.bean(JdbcClient.class), a.bean(ApiKeyRepository.class), a.bean(ClientSecrets.class),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        for (RunningKeymint instance : new RunningKeymint[] {a, b}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    /** The administration API of one instance, with a token the other one issued. */
    AdminApi admin(RunningKeymint instance) {
        RunningKeymint issuer = instance == a ? b : a;
        return AdminApi.withToken(instance.http(), token(issuer, ADMIN_ID, ADMIN_SECRET));
    }

    static Http.Response wrong(RunningKeymint instance, Key key) {
        return instance.http().token(key.clientId(), "kms_wrong_secret");
    }

    static String token(RunningKeymint instance, Key key) {
        return token(instance, key.clientId(), key.secret());
    }

    static String token(RunningKeymint instance, String clientId, String secret) {
        Http.Response response = instance.http().token(clientId, secret);
        assertThat(response.status()).isEqualTo(200);
        return response.json().get("access_token").asString();
    }

    static JWKSet jwks(RunningKeymint instance) throws Exception {
        return JWKSet.parse(instance.http().get("/oauth2/jwks").body());
    }

    static boolean verifies(String token, JWKSet jwks) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        JWK key = jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        return key != null && jwt.verify(new RSASSAVerifier(key.toRSAKey()));
    }

    static boolean active(RunningKeymint instance, String token, Key caller) {
        return introspection(instance, token, caller).get("active").asBoolean();
    }

    static JsonNode introspection(RunningKeymint instance, String token, Key caller) {
        return instance.http().postForm("/oauth2/introspect", Http.basic(caller.clientId(), caller.secret()),
                "token=" + Http.form(token)).json();
    }

    void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 15 s: " + what + "; keys folder " + SigningKeysState.folder(keysDir)
                        + "; a " + SigningKeysState.of(a) + "; b " + SigningKeysState.of(b));
            }
            Thread.sleep(100);
        }
    }

    /** What an instance currently publishes and signs with, for a failure message. */
    record SigningKeysState(List<String> published, String signing) {

        static SigningKeysState of(RunningKeymint instance) {
            SigningKeys.Snapshot snapshot = instance.bean(SigningKeys.class).snapshot();
            return new SigningKeysState(snapshot.all().getKeys().stream().map(JWK::getKeyID).toList(),
                    snapshot.signing().getKeyID());
        }

        static List<String> folder(Path keysDir) {
            try (var files = Files.list(keysDir)) {
                return files.map(file -> file.getFileName().toString()).sorted().toList();
            } catch (java.io.IOException e) {
                return List.of("unreadable: " + e.getMessage());
            }
        }
    }

    @Test
    void startingTogetherOnAnEmptyFolderTheyGenerateOneKeyAndServeTheSameJwkSet() throws Exception {
        try (var files = Files.list(keysDir)) {
            assertThat(files.toList()).singleElement()
                    .satisfies(file -> assertThat(file.getFileName().toString()).endsWith(".jwk"));
        }
        JWKSet fromA = jwks(a);
        assertThat(fromA.getKeys()).hasSize(1);
        assertThat(jwks(b).toString()).isEqualTo(fromA.toString());

        Key key = keys.newKey(PERMISSIONS);
        String tokenOfA = token(a, key);
        String tokenOfB = token(b, key);
        assertThat(verifies(tokenOfA, jwks(b))).isTrue();
        assertThat(verifies(tokenOfB, jwks(a))).isTrue();
        Key resourceServer = keys.newKey(PERMISSIONS);
        assertThat(active(b, tokenOfA, resourceServer)).isTrue();
        assertThat(active(a, tokenOfB, resourceServer)).isTrue();
    }

    @Test
    void wrongSecretsSpreadOverBothLockTheKeyOnBothAndAnUnlockHoldsOnBothAtOnce() {
        Key key = keys.newKey(PERMISSIONS);

        assertThat(wrong(a, key).json().get("error_description").asString()).isEqualTo("Client authentication failed.");
        assertThat(wrong(b, key).json().get("error_description").asString()).isEqualTo("Client authentication failed.");
        Http.Response third = wrong(a, key);

        assertThat(third.json().get("error_description").asString()).contains("locked");
        for (RunningKeymint instance : List.of(a, b)) {
            Http.Response right = instance.http().token(key.clientId(), key.secret());
            assertThat(right.status()).isEqualTo(401);
            assertThat(right.json().get("error_description").asString()).contains("locked");
            assertThat(right.header("Retry-After")).isNotNull();
        }
        assertThat(keys.failedAttempts(key.clientId())).isEqualTo(3);

        Http.Response unlocked = admin(b).post("/api/v1/api-keys/" + key.clientId() + "/unlock", null);
        assertThat(unlocked.status()).isEqualTo(200);

        assertThat(a.http().token(key.clientId(), key.secret()).status()).isEqualTo(200);
        assertThat(b.http().token(key.clientId(), key.secret()).status()).isEqualTo(200);
        assertThat(keys.failedAttempts(key.clientId())).isZero();
    }

    @Test
    void aKeyDisabledOrDeletedThroughOneGetsNoTokenFromEitherAndItsTokensAreInactiveOnBoth() {
        Key disabled = keys.newKey(PERMISSIONS);
        Key deleted = keys.newKey(PERMISSIONS);
        Key resourceServer = keys.newKey(PERMISSIONS);
        String ofDisabled = token(b, disabled);
        String ofDeleted = token(a, deleted);

        assertThat(admin(a).patch("/api/v1/api-keys/" + disabled.clientId(), "{\"enabled\":false}").status())
                .isEqualTo(200);
        assertThat(admin(b).delete("/api/v1/api-keys/" + deleted.clientId()).status()).isEqualTo(204);

        for (RunningKeymint instance : List.of(a, b)) {
            Http.Response refused = instance.http().token(disabled.clientId(), disabled.secret());
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().get("error_description").asString()).contains("disabled");
            assertThat(instance.http().token(deleted.clientId(), deleted.secret()).status()).isEqualTo(401);
            assertThat(active(instance, ofDisabled, resourceServer)).isFalse();
            assertThat(active(instance, ofDeleted, resourceServer)).isFalse();
        }
    }

    @Test
    void permissionsTakenThroughOneAreTakenFromTokensAlreadyIssuedOnTheOtherAtOnce() {
        String customerId = keys.installationCustomerId();
        String writer = keys.newRole(customerId, List.of("api-keys:read", "api-keys:write", "roles:read"));
        String reader = keys.newRole(customerId, List.of("api-keys:read", "roles:read"));
        Key key = keys.key(customerId, writer).create();
        Key resourceServer = keys.newKey(PERMISSIONS);
        String token = token(a, key);
        AdminApi onB = AdminApi.withToken(b.http(), token);
        assertThat(onB.delete("/api/v1/api-keys/" + keys.newKey(PERMISSIONS).clientId()).status()).isEqualTo(204);

        assertThat(admin(a).patch("/api/v1/api-keys/" + key.clientId(), "{\"roleId\":\"" + reader + "\"}").status())
                .isEqualTo(200);

        assertThat(onB.delete("/api/v1/api-keys/" + keys.newKey(PERMISSIONS).clientId()).status()).isEqualTo(403);
        assertThat(introspection(b, token, resourceServer).get("scope").asString().split(" "))
                .containsExactlyInAnyOrder("api-keys:read", "roles:read");
        assertThat(onB.get("/api/v1/api-keys").status()).isEqualTo(200);

        assertThat(admin(a).patch("/api/v1/roles/" + reader, "{\"permissions\":[\"roles:read\"]}").status())
                .isEqualTo(200);

        assertThat(onB.get("/api/v1/api-keys").status()).isEqualTo(403);
        assertThat(introspection(b, token, resourceServer).get("scope").asString()).isEqualTo("roles:read");
    }

    @Test
    void aRotatedKeyReachesBothWithoutRestartAndTheySwitchToItTogether() throws Exception {
        Key key = keys.newKey(PERMISSIONS);
        String before = token(a, key);
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

        KeymintApplication.main(new String[] {"rotate-signing-key", "--keymint.signing.keys-directory=" + keysDir});

        await("both publish the new key", () -> publishedKeys(a) == 2 && publishedKeys(b) == 2);
        assertThat(jwks(b).toString()).isEqualTo(jwks(a).toString());
        await("both sign with the new key", () -> !signingKid(a, key).equals(oldKid) && !signingKid(b, key).equals(oldKid));
        assertThat(signingKid(a, key)).isEqualTo(signingKid(b, key));
        assertThat(verifies(before, jwks(a))).isTrue();
        assertThat(verifies(before, jwks(b))).isTrue();
    }

    private static int publishedKeys(RunningKeymint instance) {
        try {
            return jwks(instance).getKeys().size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signingKid(RunningKeymint instance, Key key) {
        try {
            return SignedJWT.parse(token(instance, key)).getHeader().getKeyID();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
