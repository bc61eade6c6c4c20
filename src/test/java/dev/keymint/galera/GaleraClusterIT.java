package dev.keymint.galera;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.keymint.apikey.ApiKeyRepository;
import dev.keymint.apikey.ClientSecrets;
import dev.keymint.lockout.LockoutService;
import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;
import dev.keymint.support.RunningKeymint;
import dev.keymint.support.Simultaneously;
import dev.keymint.support.TestKeys;
import dev.keymint.support.TestKeys.Key;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * keymint on a three-node MariaDB Galera cluster (deploy/galera/cluster.sh), the way
 * docs/operations.md tells an operator to run it: two instances, each connected through
 * Connector/J's sequential fail-over URL that prefers a different node (a to node 1, b to node 2),
 * both with {@code wsrep_sync_wait=1}. Run by deploy/galera/test.sh, never by the plain build.
 *
 * <p>The nodes are real processes, killed with SIGKILL; the two keymint instances run in this
 * JVM, each with its own pool, as two processes would (Connector/J's list of nodes it has seen
 * fail is per JVM, which only makes b avoid a dead node as soon as a did).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GaleraClusterIT {

    static final List<String> PERMISSIONS = List.of("roles:read");
    static final String ADMIN_ID = "galera-admin";
    static final String ADMIN_SECRET = "galera-admin-secret-0123456789abcdef";
    static final String WRONG = "kms_wrong_secret";
    static final String FAILED_ATTEMPTS = "SELECT failed_attempts FROM api_key WHERE client_id = ?";

    @TempDir
    static Path keysDir;
    static GaleraCluster cluster;
    static RunningKeymint a;
    static RunningKeymint b;
    static TestKeys keys;
    static ListAppender<ILoggingEvent> lockoutLog;

    @BeforeAll
    static void startTwoInstancesOnTheCluster() {
        cluster = GaleraCluster.fromEnvironment();
        cluster.awaitSynced(3);
        // one after the other: the first migrates the schema and creates the first rows (Flyway's
        // lock is not replicated by Galera, docs/operations.md)
        a = RunningKeymint.start(properties(1));
        b = RunningKeymint.start(properties(2));
        keys = new TestKeys(a.bean(JdbcClient.class), a.bean(ApiKeyRepository.class), a.bean(ClientSecrets.class),
                Clock.systemUTC());
        // after both started: each start configures logging afresh
        lockoutLog = new ListAppender<>();
        lockoutLog.start();
        ((Logger) LoggerFactory.getLogger(LockoutService.class)).addAppender(lockoutLog);
    }

    static Map<String, String> properties(int preferredNode) {
        Map<String, String> properties = new HashMap<>();
        properties.put("spring.datasource.url", cluster.urlPreferring(preferredNode));
        properties.put("spring.datasource.username", cluster.user());
        properties.put("spring.datasource.password", cluster.password());
        properties.put("spring.datasource.hikari.max-lifetime", "300000");
        properties.put("keymint.signing.keys-directory", keysDir.toString());
        properties.put("keymint.bootstrap.client-id", ADMIN_ID);
        properties.put("keymint.bootstrap.client-secret", ADMIN_SECRET);
        return properties;
    }

    @AfterAll
    static void stop() {
        System.out.println("Galera: the lockout re-ran " + conflictRetries()
                + " failure transactions after a conflict");
        for (RunningKeymint instance : new RunningKeymint[] {a, b}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    // ------------------------------------------------------------------ counting under concurrency

    @Test
    @Order(1)
    void fortySimultaneousWrongSecretsOverBothInstancesLockOnceAndCountThreeOnEveryNode() throws Exception {
        Key key = keys.newKey(PERMISSIONS);

        List<Http.Response> answers = Simultaneously.run(40, i -> (i % 2 == 0 ? a : b).http().token(key.clientId(), WRONG));

        assertThat(answers).extracting(Http.Response::status).containsOnly(401);
        assertThat(answers).filteredOn(answer -> description(answer).contains("locked")).isNotEmpty();
        assertOnEveryNode(FAILED_ATTEMPTS, key.clientId(), 3);
        assertOnEveryNode("SELECT COUNT(*) FROM audit_event WHERE action = 'api-key.locked' AND target = ?",
                key.clientId(), 1);
        assertThat(a.http().token(key.clientId(), key.secret()).status()).isEqualTo(401);
        assertThat(b.http().token(key.clientId(), key.secret()).status()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void twoSimultaneousWrongSecretsOnTwoNodesCountTwoEveryTime() throws Exception {
        // twenty keys, each failed once through each instance at the same moment: the pairs
        // conflict in certification, and the loser is run again, never lost and never a 5xx
        for (int round = 0; round < 20; round++) {
            Key key = keys.newKey(PERMISSIONS);

            List<Http.Response> answers = Simultaneously.run(2, i -> (i == 0 ? a : b).http().token(key.clientId(), WRONG));

            assertThat(answers).extracting(Http.Response::status).containsOnly(401);
            assertThat(answers).extracting(GaleraClusterIT::description).containsOnly("Client authentication failed.");
            assertOnEveryNode(FAILED_ATTEMPTS, key.clientId(), 2);
        }
        System.out.println("Galera: conflict re-runs so far: " + conflictRetries());
    }

    // ------------------------------------------------------------------ changes through one, seen by the other

    @Test
    @Order(3)
    void aLockSetThroughOneRefusesTheRightSecretOnTheOtherAndAnUnlockThroughTheOtherFreesItAtOnce() throws Exception {
        Key key = keys.newKey(PERMISSIONS);
        for (int i = 0; i < 3; i++) {
            assertThat(a.http().token(key.clientId(), WRONG).status()).isEqualTo(401);
        }

        Http.Response refused = b.http().token(key.clientId(), key.secret());

        assertThat(refused.status()).isEqualTo(401);
        assertThat(description(refused)).contains("locked");
        assertThat(admin(b).post("/api/v1/api-keys/" + key.clientId() + "/unlock", null).status()).isEqualTo(200);
        assertVerifies(token(a, key.clientId(), key.secret()), a);
        assertOnEveryNode(FAILED_ATTEMPTS, key.clientId(), 0);
    }

    @Test
    @Order(4)
    void aKeyCreatedRegeneratedOrDisabledThroughOneActsOnTheOtherAtOnce() throws Exception {
        String role = keys.newRole(keys.installationCustomerId(), PERMISSIONS);
        Http.Response created = admin(a).post("/api/v1/api-keys",
                "{\"name\":\"galera " + role + "\",\"roleId\":\"" + role + "\"}");
        assertThat(created.status()).isEqualTo(201);
        String clientId = created.json().get("clientId").asString();
        String secret = created.json().get("clientSecret").asString();

        assertVerifies(token(b, clientId, secret), b);

        Http.Response regenerated = admin(a).post("/api/v1/api-keys/" + clientId + "/secret", null);
        assertThat(regenerated.status()).isEqualTo(200);
        String newSecret = regenerated.json().get("clientSecret").asString();
        assertThat(b.http().token(clientId, secret).status()).isEqualTo(401);
        assertVerifies(token(b, clientId, newSecret), b);

        assertThat(admin(a).patch("/api/v1/api-keys/" + clientId, "{\"enabled\":false}").status()).isEqualTo(200);
        Http.Response disabled = b.http().token(clientId, newSecret);
        assertThat(disabled.status()).isEqualTo(401);
        assertThat(description(disabled)).contains("disabled");
    }

    // ------------------------------------------------------------------ losing nodes

    @Test
    @Order(5)
    void killingANodeDuringATokenLoadCostsAFewSecondsOf503sAtMostAndNeverA401() throws Exception {
        Key key = keys.newKey(PERMISSIONS);
        TokenLoad load = new TokenLoad(key);
        try {
            load.await("both instances issue tokens", () -> load.issued(a) > 20 && load.issued(b) > 20);

            long killedAt = System.nanoTime();
            cluster.kill(1);
            long aBefore = load.issued(a);
            long bBefore = load.issued(b);

            load.await("both instances issue tokens again after node 1 died",
                    () -> load.issued(a) > aBefore + 50 && load.issued(b) > bBefore + 50);
            System.out.printf("Galera: node 1 killed; 503s: %d, last one %.1f s after the kill%n",
                    load.unavailable.get(), load.lastUnavailableAfter(killedAt));
        } finally {
            load.stop();
        }
        assertThat(load.otherStatuses).as("answers other than 200 and 503 (a 401 for the right secret above all)")
                .isEmpty();
        assertOnNodes(FAILED_ATTEMPTS, key.clientId(), 0, 2, 3);
        assertVerifies(load.lastToken(a), a);
        assertVerifies(load.lastToken(b), b);

        cluster.startNode(1);
        cluster.awaitSynced(3);
        assertThat(cluster.errorLog(1)).as("node 1 rejoined by incremental state transfer").contains("IST received");
        assertOnEveryNode(FAILED_ATTEMPTS, key.clientId(), 0);
        assertVerifies(token(a, key.clientId(), key.secret()), a);
    }

    @Test
    @Order(6)
    void withoutQuorumBothAnswer503WithoutCountingAndServeAgainOnceItIsBack() throws Exception {
        Key key = keys.newKey(PERMISSIONS);
        assertThat(a.http().token(key.clientId(), key.secret()).status()).isEqualTo(200);
        String adminToken = token(a, ADMIN_ID, ADMIN_SECRET);

        cluster.kill(2);
        cluster.kill(3);

        for (RunningKeymint instance : List.of(a, b)) {
            // while the last node leaves the primary component a request may still get a token
            awaitUntil("a 503 from " + name(instance) + " without quorum", Duration.ofSeconds(60), () -> {
                Http.Response answer = instance.http().token(key.clientId(), key.secret());
                assertThat(answer.status()).as("right secret without quorum: %s", answer.body()).isIn(200, 503);
                return answer.status() == 503;
            });
            Http.Response right = instance.http().token(key.clientId(), key.secret());
            assertThat(right.status()).isEqualTo(503);
            assertThat(right.header("Retry-After")).isNotNull();
            assertThat(right.json().get("error").asString()).isEqualTo("temporarily_unavailable");
            // a node without quorum that keymint reaches answers 1047 ("lost its quorum"); one it
            // cannot even open a session on (wsrep_sync_wait fails there) looks unreachable
            assertThat(description(right)).containsAnyOf("cannot reach its database", "lost its quorum");
            Http.Response problem = AdminApi.withToken(instance.http(), adminToken)
                    .get("/api/v1/api-keys/" + key.clientId());
            assertThat(problem.status()).isEqualTo(503);
            assertThat(problem.json().get("type").asString()).isEqualTo("urn:keymint:problem:service-unavailable");
            assertThat(problem.json().get("detail").asString()).containsAnyOf("cannot reach its database",
                    "lost its quorum");
            for (int i = 0; i < 4; i++) {
                Http.Response wrong = instance.http().token(key.clientId(), WRONG);
                assertThat(wrong.status()).as("wrong secret without quorum: %s", wrong.body()).isEqualTo(503);
            }
        }

        cluster.startNode(2);
        cluster.startNode(3);
        cluster.awaitSynced(3);
        long back = System.nanoTime();
        for (RunningKeymint instance : List.of(a, b)) {
            awaitUntil(name(instance) + " issues tokens again, within 30 s of the quorum's return",
                    Duration.ofSeconds(30).minusNanos(System.nanoTime() - back),
                    () -> instance.http().token(key.clientId(), key.secret()).status() == 200);
        }
        System.out.printf("Galera: both serve again %.1f s after the quorum came back%n",
                (System.nanoTime() - back) / 1e9);
        assertOnEveryNode(FAILED_ATTEMPTS, key.clientId(), 0);
        assertOnEveryNode("SELECT COUNT(*) FROM api_key WHERE client_id = ? AND locked_until IS NOT NULL",
                key.clientId(), 0);
    }

    // ------------------------------------------------------------------ helpers

    /** Right-secret token requests through both instances from four threads each, until stopped. */
    static final class TokenLoad {

        final Map<String, AtomicLong> issued = new ConcurrentHashMap<>();
        final Map<String, String> lastTokens = new ConcurrentHashMap<>();
        final List<String> otherStatuses = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicLong unavailable = new AtomicLong();
        final AtomicLong lastUnavailableAt = new AtomicLong();
        final AtomicBoolean running = new AtomicBoolean(true);
        final ExecutorService threads = Executors.newFixedThreadPool(8);

        TokenLoad(Key key) {
            for (int i = 0; i < 8; i++) {
                RunningKeymint instance = i % 2 == 0 ? a : b;
                threads.submit(() -> {
                    while (running.get()) {
                        Http.Response answer = instance.http().token(key.clientId(), key.secret());
                        switch (answer.status()) {
                            case 200 -> {
                                issued.computeIfAbsent(name(instance), k -> new AtomicLong()).incrementAndGet();
                                lastTokens.put(name(instance), answer.json().get("access_token").asString());
                            }
                            case 503 -> {
                                unavailable.incrementAndGet();
                                lastUnavailableAt.set(System.nanoTime());
                            }
                            default -> otherStatuses.add(name(instance) + ": " + answer.status() + " " + answer.body());
                        }
                    }
                    return null;
                });
            }
        }

        long issued(RunningKeymint instance) {
            AtomicLong count = issued.get(name(instance));
            return count == null ? 0 : count.get();
        }

        String lastToken(RunningKeymint instance) {
            return lastTokens.get(name(instance));
        }

        double lastUnavailableAfter(long nanos) {
            return unavailable.get() == 0 ? 0 : (lastUnavailableAt.get() - nanos) / 1e9;
        }

        void await(String what, BooleanSupplier condition) throws InterruptedException {
            awaitUntil(what + " (" + issued + " issued, " + unavailable + " 503s, others " + otherStatuses + ")",
                    Duration.ofSeconds(60), condition);
        }

        void stop() throws InterruptedException {
            running.set(false);
            threads.shutdown();
            assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    static void assertOnEveryNode(String sql, String clientId, long expected) throws Exception {
        assertOnNodes(sql, clientId, expected, 1, 2, 3);
    }

    static void assertOnNodes(String sql, String clientId, long expected, int... nodes) throws Exception {
        for (int node : nodes) {
            assertThat(cluster.readOnNode(node, sql, clientId)).as("%s on node%d", sql, node).isEqualTo(expected);
        }
    }

    static void awaitUntil(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within.toSeconds() + " s: " + what + "\n" + cluster.status());
            }
            Thread.sleep(100);
        }
    }

    static AdminApi admin(RunningKeymint instance) {
        return AdminApi.as(instance.http(), ADMIN_ID, ADMIN_SECRET);
    }

    static String token(RunningKeymint instance, String clientId, String secret) {
        Http.Response answer = instance.http().token(clientId, secret);
        assertThat(answer.status()).as("token from %s: %s", name(instance), answer.body()).isEqualTo(200);
        return answer.json().get("access_token").asString();
    }

    /** The token's signature verifies with the key the instance publishes under its kid. */
    static void assertVerifies(String token, RunningKeymint instance) throws Exception {
        assertThat(token).isNotNull();
        SignedJWT jwt = SignedJWT.parse(token);
        JWKSet jwks = JWKSet.parse(instance.http().get("/oauth2/jwks").body());
        assertThat(jwt.verify(new RSASSAVerifier(jwks.getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey()))).isTrue();
    }

    static String description(Http.Response answer) {
        return answer.json().path("error_description").asString("");
    }

    static String name(RunningKeymint instance) {
        return instance == a ? "a" : "b";
    }

    static long conflictRetries() {
        return lockoutLog == null ? 0 : lockoutLog.list.stream()
                .filter(event -> event.getLevel() == Level.INFO && event.getFormattedMessage().contains("conflict"))
                .count();
    }
}
