package dev.keymint.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.keymint.apikey.ApiKeyRepository;
import dev.keymint.apikey.ClientSecrets;
import dev.keymint.support.Http;
import dev.keymint.support.RunningKeymint;
import dev.keymint.support.TestKeys;
import dev.keymint.support.TestKeys.Key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stopping an instance: a request in flight finishes against the database, the pool closes after
 * it, and only then does the instance let go of the embedded MariaDB.
 */
class GracefulShutdownTest {

    @TempDir
    Path keysDir;
    EmbeddedMariaDb server;
    ExecutorService threads;

    @BeforeEach
    void holdTheServer() {
        // this test's own hold, so that the server outlives the instance it stops and can be asked
        server = EmbeddedMariaDb.acquire(Path.of("target/embedded-mariadb"));
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void release() {
        threads.shutdownNow();
        EmbeddedMariaDb.release(server);
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port() + "/" + database, "root", server.rootPassword());
    }

    @Test
    void aRequestInFlightFinishesAgainstTheDatabaseWhileTheInstanceStops() throws Exception {
        String database = "shutdown_" + UUID.randomUUID().toString().replace("-", "");
        RunningKeymint keymint = RunningKeymint.start(Map.of(
                "keymint.embedded-database.database-name", database,
                "keymint.signing.keys-directory", keysDir.toString()));
        Key key;
        Http http = keymint.http();
        try {
            key = new TestKeys(keymint.bean(JdbcClient.class), keymint.bean(ApiKeyRepository.class),
                    keymint.bean(ClientSecrets.class), Clock.systemUTC()).newKey(List.of("roles:read"));
        } catch (RuntimeException e) {
            keymint.close();
            throw e;
        }
        try (Connection blocker = connect(database)) {
            // holds the key's row, so that counting a wrong secret waits inside the request
            blocker.setAutoCommit(false);
            try (PreparedStatement lock = blocker.prepareStatement("SELECT * FROM api_key WHERE client_id = ? FOR UPDATE")) {
                lock.setString(1, key.clientId());
                lock.executeQuery().close();
            }
            Future<Http.Response> inFlight = threads.submit(() -> http.token(key.clientId(), "kms_wrong_secret"));
            awaitWaitingUpdate(blocker);

            Future<?> stopping = threads.submit(keymint::close);
            Thread.sleep(500);
            assertThat(stopping).as("the shutdown waits for the request").isNotDone();
            assertThat(inFlight).isNotDone();

            blocker.rollback();
            Http.Response response = inFlight.get(30, TimeUnit.SECONDS);
            assertThat(response.status()).as("answered with the database still there").isEqualTo(401);
            stopping.get(30, TimeUnit.SECONDS);
        }

        assertThatThrownBy(() -> http.get("/actuator/health")).as("stopped").isInstanceOf(IllegalStateException.class);
        try (Connection check = connect(database);
                PreparedStatement attempts = check.prepareStatement("SELECT failed_attempts FROM api_key WHERE client_id = ?")) {
            attempts.setString(1, key.clientId());
            try (ResultSet row = attempts.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getInt(1)).as("the in-flight failure was committed").isEqualTo(1);
            }
        }
    }

    private static void awaitWaitingUpdate(Connection connection) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        try (PreparedStatement waiting = connection.prepareStatement("""
                SELECT COUNT(*) FROM information_schema.PROCESSLIST
                 WHERE ID <> CONNECTION_ID() AND INFO LIKE '%UPDATE api_key%'
                """)) {
            while (System.nanoTime() < deadline) {
                try (ResultSet count = waiting.executeQuery()) {
                    count.next();
                    if (count.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the token request never reached the failure counter");
    }
}
