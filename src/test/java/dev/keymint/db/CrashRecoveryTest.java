package dev.keymint.db;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.keymint.KeymintApplication;
import dev.keymint.support.AdminApi;
import dev.keymint.support.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * keymint killed with SIGKILL in the middle of admin writes and token failures loses nothing it
 * acknowledged: every key answered with 201 exists after a restart, with its audit event, and a
 * lock set before the kill still holds.
 */
class CrashRecoveryTest {

    static final String ADMIN_ID = "crash-admin";
    static final String ADMIN_SECRET = "crash-admin-secret-0123456789abcdef";

    @TempDir
    Path keysDir;

    @Test
    void aKilledInstanceLosesNothingItAcknowledged() throws Exception {
        // the JVM's embedded server plays the shared MariaDB; keymint runs in processes of its own
        EmbeddedMariaDb db = EmbeddedMariaDb.acquire(Path.of("target/embedded-mariadb"));
        String database = "crash_" + UUID.randomUUID().toString().replace("-", "");
        int port = freePort();
        Process first = startKeymint(db, database, port);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        String lockedKey;
        try {
            Http http = new Http(port);
            awaitReady(http, first);
            AdminApi admin = AdminApi.as(http, ADMIN_ID, ADMIN_SECRET);
            String roleId = admin.get("/api/v1/roles").json().get("items").get(0).get("id").asString();

            Http.Response victim = admin.post("/api/v1/api-keys",
                    "{\"name\":\"crash-victim\",\"roleId\":\"" + roleId + "\"}");
            lockedKey = victim.json().get("clientId").asString();
            for (int i = 0; i < 3; i++) {
                http.token(lockedKey, "wrong-secret");
            }
            assertThat(http.token(lockedKey, victim.json().get("clientSecret").asString()).json()
                    .get("error_description").asString()).contains("locked");

            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService writers = Executors.newFixedThreadPool(4);
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.submit(() -> {
                    for (int n = 0; running.get(); n++) {
                        try {
                            Http.Response created = admin.post("/api/v1/api-keys", "{\"name\":\"crash-" + writer + "-" + n
                                    + "\",\"roleId\":\"" + roleId + "\"}");
                            if (created.status() == 201) {
                                acknowledged.add(created.json().get("clientId").asString());
                            }
                        } catch (RuntimeException connectionLost) {
                            return;
                        }
                    }
                });
            }
            Instant until = Instant.now().plusSeconds(20);
            while (acknowledged.size() < 40 && Instant.now().isBefore(until)) {
                Thread.sleep(20);
            }
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            running.set(false);
            writers.shutdown();
            assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(40);

        Process second = startKeymint(db, database, port);
        try {
            Http http = new Http(port);
            awaitReady(http, second);
            AdminApi admin = AdminApi.as(http, ADMIN_ID, ADMIN_SECRET);
            for (String clientId : acknowledged) {
                assertThat(admin.get("/api/v1/api-keys/" + clientId).status()).as(clientId).isEqualTo(200);
                assertThat(admin.get("/api/v1/audit-events?type=api-key.created&target=" + clientId).json()
                        .get("totalCount").asLong()).as("audit event of " + clientId).isEqualTo(1);
            }
            Http.Response locked = http.token(lockedKey, "any-secret");
            assertThat(locked.status()).isEqualTo(401);
            assertThat(locked.json().get("error_description").asString()).contains("locked");
        } finally {
            second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            EmbeddedMariaDb.release(db);
        }
    }

    private Process startKeymint(EmbeddedMariaDb db, String database, int port) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", applicationClassPath(),
                KeymintApplication.class.getName(),
                "--server.port=" + port,
                "--spring.datasource.url=jdbc:mariadb://127.0.0.1:" + db.port() + "/" + database
                        + "?createDatabaseIfNotExist=true",
                "--spring.datasource.username=root",
                "--spring.datasource.password=" + db.rootPassword(),
                "--keymint.signing.keys-directory=" + keysDir,
                "--keymint.bootstrap.client-id=" + ADMIN_ID,
                "--keymint.bootstrap.client-secret=" + ADMIN_SECRET,
                // as many writes as the machine takes: the default 10 per 10 s would be the bottleneck
                "--keymint.rate-limit.enabled=false"));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(new File("target/crash-recovery-" + database + ".log"))
                .start();
    }

    // the application and its libraries, without the tests' classes and their configurations
    private static String applicationClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static void awaitReady(Http http, Process process) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(until)) {
            assertThat(process.isAlive()).as("keymint process is running").isTrue();
            try {
                if (http.get("/actuator/health/readiness").status() == 200) {
                    return;
                }
            } catch (RuntimeException notYetListening) {
                // keep waiting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("keymint did not become ready within 90 s");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
