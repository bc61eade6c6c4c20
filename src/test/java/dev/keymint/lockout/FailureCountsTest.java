package dev.keymint.lockout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

import dev.keymint.support.Http;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.Simultaneously;
import dev.keymint.support.SqlStatements;
import dev.keymint.support.TestKeys.Key;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures counted together (scope=key): simultaneous wrong secrets and unknown client IDs share
 * statements, and every key's count is exactly the failures it was told were counted.
 */
@Import(LockoutTest.RecordedEvents.class)
class FailureCountsTest extends KeymintHttpTest {

    static final List<String> PERMISSIONS = List.of("roles:read");

    @Autowired
    FailureCounts failureCounts;
    @Autowired
    SqlStatements statements;
    @Autowired
    LockoutTest.RecordedEvents events;

    record Call(String clientId, boolean exists) {
    }

    @Test
    void simultaneousFailuresShareStatementsAndEveryCountIsExact() throws Exception {
        List<Key> existing = new ArrayList<>();
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Key key = keys.newKey(PERMISSIONS);
            existing.add(key);
            // one, two or three failures of the same key at once: three would reach the limit of 3
            for (int n = 0; n <= i % 3; n++) {
                calls.add(new Call(key.clientId(), true));
            }
        }
        for (int i = 0; i < 30; i++) {
            calls.add(new Call("kmc_nobody_" + i + "_" + System.nanoTime() + ":", false));
        }

        statements.start();
        List<Boolean> counted = Simultaneously.run(calls.stream()
                .map(call -> (Callable<Boolean>) () -> failureCounts.countedBelowLimit(call.clientId())).toList());
        List<String> sql = statements.stop();

        for (int i = 0; i < calls.size(); i++) {
            if (!calls.get(i).exists()) {
                assertThat(counted.get(i)).as("a client ID without a key").isFalse();
            }
        }
        for (int i = 0; i < existing.size(); i++) {
            String clientId = existing.get(i).clientId();
            int told = 0;
            for (int c = 0; c < calls.size(); c++) {
                if (calls.get(c).clientId().equals(clientId) && counted.get(c)) {
                    told++;
                }
            }
            assertThat(keys.failedAttempts(clientId)).as("failures counted for %s", clientId).isEqualTo(told);
            assertThat(keys.lockedUntil(clientId)).isNull();
            if (i % 3 < 2) {
                assertThat(told).as("failures below the limit are all counted").isEqualTo(i % 3 + 1);
            } else {
                assertThat(told).as("what would lock is left to the locking transaction").isLessThanOrEqualTo(2);
            }
        }
        List<String> updates = sql.stream().filter(statement -> statement.startsWith("update api_key")).toList();
        assertThat(updates).as("failures waiting at the same moment share a statement").hasSizeLessThan(calls.size());
        assertThat(sql).anySatisfy(statement -> assertThat(statement).endsWith("for update"));
    }

    @Test
    void simultaneousWrongSecretsOfManyKeysAndUnknownIdsCountExactlyAndLockEachKeyOnce() throws Exception {
        List<Key> many = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            many.add(keys.newKey(PERMISSIONS));
        }
        List<Callable<Http.Response>> requests = new ArrayList<>();
        for (Key key : many) {
            for (int n = 0; n < 2; n++) {
                requests.add(() -> http.token(key.clientId(), "kms_wrong_secret"));
            }
        }
        for (int i = 0; i < 32; i++) {
            String unknown = "kmc_nobody_" + i + "_" + System.nanoTime();
            requests.add(() -> http.token(unknown, "kms_wrong_secret"));
        }

        List<Http.Response> first = Simultaneously.run(requests);

        assertThat(first).extracting(Http.Response::status).containsOnly(401);
        assertThat(first).extracting(response -> response.json().get("error_description").asString())
                .containsOnly("Client authentication failed.");
        for (Key key : many) {
            assertThat(keys.failedAttempts(key.clientId())).isEqualTo(2);
            assertThat(events.count(key.clientId(), LockoutEvent.FailedAttempt.class)).isEqualTo(2);
        }

        // the third failure of each, all at once, locks each key exactly once
        List<Http.Response> third = Simultaneously.run(many.stream()
                .map(key -> (Callable<Http.Response>) () -> http.token(key.clientId(), "kms_wrong_secret")).toList());

        assertThat(third).extracting(response -> response.json().get("error_description").asString())
                .allSatisfy(description -> assertThat(description).contains("locked"));
        for (Key key : many) {
            assertThat(keys.failedAttempts(key.clientId())).isEqualTo(3);
            assertThat(keys.lockedUntil(key.clientId())).isNotNull();
            assertThat(events.count(key.clientId(), LockoutEvent.Locked.class)).isEqualTo(1);
            assertThat(http.token(key.clientId(), key.secret()).status()).isEqualTo(401);
        }
    }
}
