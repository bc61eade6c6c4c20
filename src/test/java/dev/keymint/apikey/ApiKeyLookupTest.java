package dev.keymint.apikey;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.keymint.support.Http;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.SqlStatements;
import dev.keymint.support.TestKeys.Key;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token endpoint's shared read of a key: every caller gets its own key, statements are
 * shared only between callers that wait at the same time, and a change committed before a
 * request arrives is always seen by it.
 */
class ApiKeyLookupTest extends KeymintHttpTest {

    static final List<String> PERMISSIONS = List.of("api-keys:read");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    SqlStatements statements;

    @Test
    void concurrentCallersEachGetTheirOwnKeyAndShareStatements() throws Exception {
        List<Key> existing = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            existing.add(keys.newKey(PERMISSIONS));
        }
        ApiKeyLookup lookup = new ApiKeyLookup(new ApiKeyRepository(jdbc), 1);
        int callers = 100;
        CountDownLatch ready = new CountDownLatch(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        List<String> sql;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            statements.start();
            for (int i = 0; i < callers; i++) {
                // 40 existing keys, some asked for by several callers at once, and unknown IDs
                boolean exists = i % 5 != 4;
                String clientId = exists ? existing.get(i % existing.size()).clientId() : "kmc_unknown_" + i;
                results.add(executor.submit(() -> {
                    ready.countDown();
                    go.await();
                    Optional<ApiKey> found = lookup.find(clientId);
                    return exists ? found.map(ApiKey::clientId).filter(clientId::equals).isPresent() : found.isEmpty();
                }));
            }
            ready.await();
            go.countDown();
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
            sql = statements.stop();
        }
        assertThat(sql).isNotEmpty().hasSizeLessThan(callers)
                .allSatisfy(statement -> assertThat(statement).contains("where k.client_id in ("));
    }

    @Test
    void concurrentTokenRequestsForManyKeysEachGetATokenForTheirOwnKey() throws Exception {
        List<Key> many = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            many.add(keys.newKey(PERMISSIONS));
        }
        List<Future<String>> subjects = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(24)) {
            for (int round = 0; round < 4; round++) {
                for (Key key : many) {
                    subjects.add(executor.submit(() -> {
                        Http.Response response = http.token(key.clientId(), key.secret());
                        assertThat(response.status()).isEqualTo(200);
                        return SignedJWT.parse(response.json().get("access_token").asString())
                                .getJWTClaimsSet().getSubject() + " " + key.clientId();
                    }));
                }
            }
            for (Future<String> subject : subjects) {
                String[] pair = subject.get().split(" ");
                assertThat(pair[0]).isEqualTo(pair[1]);
            }
        }
    }

    @Test
    void aKeyDisabledWhileRequestsForItAreInFlightGetsNoTokenFromTheNextRequestOn() throws Exception {
        Key key = keys.newKey(PERMISSIONS);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger issued = new AtomicInteger();
        try (ExecutorService load = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                load.submit(() -> {
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (!stop.get() && System.nanoTime() < deadline) {
                        if (http.token(key.clientId(), key.secret()).status() == 200) {
                            issued.incrementAndGet();
                        }
                    }
                });
            }
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (issued.get() < 20 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(issued.get()).isGreaterThanOrEqualTo(20);

                keys.setStatus(key.clientId(), ApiKeyStatus.DISABLED);

                // the load goes on: every request that starts from now on must be refused
                for (int i = 0; i < 30; i++) {
                    Http.Response response = http.token(key.clientId(), key.secret());
                    assertThat(response.status()).isEqualTo(401);
                    assertThat(response.json().get("error_description").asString()).contains("disabled");
                }
            } finally {
                stop.set(true);
            }
        }
    }
}
