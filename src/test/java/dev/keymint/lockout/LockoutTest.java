package dev.keymint.lockout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

import dev.keymint.support.Http;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.Simultaneously;
import dev.keymint.support.TestKeys;
import dev.keymint.support.TestKeys.Key;

import static org.assertj.core.api.Assertions.assertThat;

@Import(LockoutTest.RecordedEvents.class)
class LockoutTest extends KeymintHttpTest {

    static final List<String> PERMISSIONS = List.of("roles:read");

    @Autowired
    LockoutService lockout;
    @Autowired
    RecordedEvents events;

    @TestConfiguration(proxyBeanMethods = false)
    static class RecordedEvents {
        final List<LockoutEvent> all = new CopyOnWriteArrayList<>();

        @EventListener
        void on(LockoutEvent event) {
            all.add(event);
        }

        long count(String clientId, Class<? extends LockoutEvent> type) {
            return all.stream().filter(type::isInstance).filter(e -> e.clientId().equals(clientId)).count();
        }
    }

    Http.Response wrong(Key key) {
        return http.token(key.clientId(), "kms_wrong_secret_for_" + key.clientId());
    }

    @Test
    void theThirdConsecutiveFailureLocksForThirtyMinutes() {
        Key key = keys.newKey(PERMISSIONS);

        assertThat(wrong(key).json().get("error_description").asString()).isEqualTo("Client authentication failed.");
        assertThat(wrong(key).json().get("error_description").asString()).isEqualTo("Client authentication failed.");
        long before = clock.millis();
        Http.Response third = wrong(key);

        assertThat(third.status()).isEqualTo(401);
        assertThat(third.json().get("error").asString()).isEqualTo("invalid_client");
        assertThat(third.json().get("error_description").asString()).contains("locked");
        assertThat(Long.parseLong(third.header("Retry-After"))).isBetween(1790L, 1800L);
        assertThat(keys.lockedUntil(key.clientId())).isBetween(before + 1_800_000, clock.millis() + 1_800_000);
        assertThat(keys.failedAttempts(key.clientId())).isEqualTo(3);
        assertThat(events.count(key.clientId(), LockoutEvent.Locked.class)).isEqualTo(1);
        assertThat(events.count(key.clientId(), LockoutEvent.FailedAttempt.class)).isEqualTo(3);
    }

    @Test
    void whileLockedEvenTheRightSecretIsRefusedAndTheLockIsNotExtended() {
        Key key = keys.newKey(PERMISSIONS);
        for (int i = 0; i < 3; i++) {
            wrong(key);
        }
        Long lockedUntil = keys.lockedUntil(key.clientId());
        clock.advance(Duration.ofMinutes(10));

        Http.Response right = http.token(key.clientId(), key.secret());
        Http.Response wrongAgain = wrong(key);

        assertThat(right.status()).isEqualTo(401);
        assertThat(right.json().get("error").asString()).isEqualTo("invalid_client");
        assertThat(right.json().get("error_description").asString()).contains("locked");
        assertThat(Long.parseLong(right.header("Retry-After"))).isBetween(1190L, 1200L);
        assertThat(right.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(wrongAgain.status()).isEqualTo(401);
        assertThat(wrongAgain.json().get("error_description").asString()).contains("locked");
        assertThat(keys.lockedUntil(key.clientId())).isEqualTo(lockedUntil);
        assertThat(keys.failedAttempts(key.clientId())).isEqualTo(3);
    }

    @Test
    void theLockEndsByItselfAndTheCountStartsAgain() {
        Key key = keys.newKey(PERMISSIONS);
        for (int i = 0; i < 3; i++) {
            wrong(key);
        }
        clock.advance(Duration.ofMinutes(30).plusSeconds(1));

        assertThat(http.token(key.clientId(), key.secret()).status()).isEqualTo(200);
        assertThat(keys.failedAttempts(key.clientId())).isZero();
        assertThat(keys.lockedUntil(key.clientId())).isNull();
    }

    @Test
    void afterALapsedLockTheCounterRestartsFromOne() {
        Key key = keys.newKey(PERMISSIONS);
        for (int i = 0; i < 3; i++) {
            wrong(key);
        }
        clock.advance(Duration.ofMinutes(31));

        Http.Response first = wrong(key);

        assertThat(first.json().get("error_description").asString()).isEqualTo("Client authentication failed.");
        assertThat(keys.failedAttempts(key.clientId())).isEqualTo(1);
        assertThat(keys.lockedUntil(key.clientId())).isNull();
    }

    @Test
    void aSuccessResetsTheCounter() {
        Key key = keys.newKey(PERMISSIONS);
        wrong(key);
        wrong(key);

        assertThat(http.token(key.clientId(), key.secret()).status()).isEqualTo(200);
        assertThat(keys.failedAttempts(key.clientId())).isZero();
        wrong(key);
        wrong(key);
        assertThat(http.token(key.clientId(), key.secret()).status()).isEqualTo(200);
    }

    @Test
    void anUnlockClearsTheLockAndTheCounter() {
        Key key = keys.newKey(PERMISSIONS);
        for (int i = 0; i < 3; i++) {
            wrong(key);
        }

        assertThat(lockout.unlock(key.clientId(), key.customerId(), "test-admin")).isTrue();

        assertThat(keys.failedAttempts(key.clientId())).isZero();
        assertThat(http.token(key.clientId(), key.secret()).status()).isEqualTo(200);
        assertThat(events.count(key.clientId(), LockoutEvent.Unlocked.class)).isEqualTo(1);
        wrong(key);
        wrong(key);
        assertThat(wrong(key).json().get("error_description").asString()).contains("locked");
    }

    @Test
    void twoSimultaneousFailuresCountExactlyTwo() throws Exception {
        Key key = keys.newKey(PERMISSIONS);

        List<Http.Response> responses = Simultaneously.run(2, () -> wrong(key));

        assertThat(responses).extracting(Http.Response::status).containsOnly(401);
        assertThat(keys.failedAttempts(key.clientId())).isEqualTo(2);
        assertThat(keys.lockedUntil(key.clientId())).isNull();
    }

    @Test
    void fortySimultaneousFailuresLockExactlyOnce() throws Exception {
        Key key = keys.newKey(PERMISSIONS);

        List<Http.Response> responses = Simultaneously.run(40, () -> wrong(key));

        assertThat(responses).extracting(Http.Response::status).containsOnly(401);
        assertThat(keys.failedAttempts(key.clientId())).isEqualTo(3);
        assertThat(keys.lockedUntil(key.clientId())).isNotNull();
        assertThat(events.count(key.clientId(), LockoutEvent.Locked.class)).isEqualTo(1);
        assertThat(events.count(key.clientId(), LockoutEvent.FailedAttempt.class)).isEqualTo(3);
        assertThat(responses.stream().filter(r -> r.json().get("error_description").asString().contains("locked")))
                .hasSizeGreaterThanOrEqualTo(38);
        assertThat(http.token(key.clientId(), key.secret()).status()).isEqualTo(401);
    }

    @Test
    void failuresOfOneKeyDoNotTouchAnother() {
        Key victim = keys.newKey(PERMISSIONS);
        Key other = keys.newKey(PERMISSIONS);
        for (int i = 0; i < 3; i++) {
            wrong(victim);
        }
        assertThat(keys.failedAttempts(other.clientId())).isZero();
        assertThat(http.token(other.clientId(), other.secret()).status()).isEqualTo(200);
    }
}
