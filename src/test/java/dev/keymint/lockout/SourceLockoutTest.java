package dev.keymint.lockout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.TestPropertySource;

import dev.keymint.support.Http;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.Simultaneously;
import dev.keymint.support.SourceHttp;
import dev.keymint.support.SqlStatements;
import dev.keymint.support.TestKeys.Key;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code keymint.lockout.scope=key-and-source} over real HTTP from real, distinct client addresses
 * (127.0.0.x, see {@link SourceHttp}); and, through Tomcat's forwarded-header handling, from the
 * addresses a trusted proxy names in {@code X-Forwarded-For}.
 */
@Import(SourceLockoutTest.RecordedEvents.class)
@TestPropertySource(properties = {
        "keymint.lockout.scope=key-and-source",
        "keymint.lockout.max-sources=3",
        "server.forward-headers-strategy=native"})
class SourceLockoutTest extends KeymintHttpTest {

    static final List<String> PERMISSIONS = List.of("roles:read");
    static final int OWNER = 2;

    @Autowired
    RecordedEvents events;
    @Autowired
    SqlStatements statements;
    @Autowired
    SourceLockoutRepository sourceRepository;

    @TestConfiguration(proxyBeanMethods = false)
    static class RecordedEvents {
        final List<LockoutEvent.Locked> locks = new CopyOnWriteArrayList<>();

        @EventListener
        void on(LockoutEvent.Locked locked) {
            locks.add(locked);
        }

        List<LockoutEvent.Locked> of(String clientId, LockoutEvent.LockExtent extent) {
            return locks.stream().filter(l -> l.clientId().equals(clientId) && l.extent() == extent).toList();
        }
    }

    SourceHttp from(int lastOctet) {
        return SourceHttp.from(lastOctet, port);
    }

    static Http.Response wrong(SourceHttp source, Key key) {
        return source.token(key.clientId(), "kms_wrong_secret_for_" + key.clientId());
    }

    static String description(Http.Response response) {
        return response.json().get("error_description").asString();
    }

    @Test
    void anAttackersFailuresLockItsSourceOnlyWhileTheOwnersSourceAndFreshSourcesStillGetTokens() {
        Key key = keys.newKey(PERMISSIONS);
        SourceHttp owner = from(OWNER);
        SourceHttp attacker = from(3);
        assertThat(owner.token(key.clientId(), key.secret()).status()).isEqualTo(200);

        assertThat(description(wrong(attacker, key))).isEqualTo("Client authentication failed.");
        assertThat(description(wrong(attacker, key))).isEqualTo("Client authentication failed.");
        Http.Response third = wrong(attacker, key);

        assertThat(third.status()).isEqualTo(401);
        assertThat(description(third)).contains("locked");
        assertThat(Long.parseLong(third.header("Retry-After"))).isBetween(1790L, 1800L);
        Http.Response attackerWithTheRightSecret = attacker.token(key.clientId(), key.secret());
        assertThat(attackerWithTheRightSecret.status()).isEqualTo(401);
        assertThat(description(attackerWithTheRightSecret)).contains("locked");
        assertThat(owner.token(key.clientId(), key.secret()).status()).isEqualTo(200);
        assertThat(from(4).token(key.clientId(), key.secret()).status()).as("a source that never failed").isEqualTo(200);
        assertThat(keys.lockedUntil(key.clientId())).as("the key itself").isNull();
        assertThat(sourceFailures(key, "127.0.0.3")).isEqualTo(3);
        assertThat(events.of(key.clientId(), LockoutEvent.LockExtent.SOURCE)).singleElement()
                .satisfies(locked -> assertThat(locked.source()).isEqualTo("127.0.0.3"));
        // tokens stay tokens: a source lock is about guessing, not about what the owner holds
        String token = accessToken(key.clientId(), key.secret());
        assertThat(introspect(key, token).get("active").asBoolean()).isTrue();
    }

    @Test
    void maxSourcesLockTheKeyForEveryUntrustedSourceWhileTheTrustedOwnerKeepsGettingTokens() {
        Key key = keys.newKey(PERMISSIONS);
        SourceHttp owner = from(OWNER);
        assertThat(owner.token(key.clientId(), key.secret()).status()).isEqualTo(200);

        assertThat(description(wrong(from(11), key))).isEqualTo("Client authentication failed.");
        assertThat(description(wrong(from(12), key))).isEqualTo("Client authentication failed.");
        Http.Response third = wrong(from(13), key);

        assertThat(description(third)).contains("locked");
        assertThat(from(14).token(key.clientId(), key.secret()).status()).as("a fresh, untrusted source").isEqualTo(401);
        assertThat(description(from(11).token(key.clientId(), key.secret()))).contains("locked");
        assertThat(owner.token(key.clientId(), key.secret()).status()).as("the trusted owner").isEqualTo(200);
        assertThat(keys.failedAttempts(key.clientId())).as("distinct failing sources").isEqualTo(3);
        assertThat(events.of(key.clientId(), LockoutEvent.LockExtent.UNTRUSTED_SOURCES)).singleElement()
                .satisfies(locked -> assertThat(locked.source()).isEqualTo("127.0.0.13"));
        JsonNode audit = bootstrapAdmin().get("/api/v1/audit-events?type=api-key.locked&target=" + key.clientId())
                .json().get("items").get(0).get("details");
        assertThat(audit.get("source").asString()).isEqualTo("127.0.0.13");
        assertThat(audit.get("lockedFor").asString()).isEqualTo("untrusted-sources");
        JsonNode view = bootstrapAdmin().get("/api/v1/api-keys/" + key.clientId()).json();
        assertThat(view.get("untrustedSourcesLockedUntil").isNull()).isFalse();
        assertThat(view.get("locked").asBoolean()).as("not locked for everyone").isFalse();
    }

    @Test
    void aTrustedSourceIsStillLockedByItsOwnFailures() {
        Key key = keys.newKey(PERMISSIONS);
        SourceHttp owner = from(OWNER);
        assertThat(owner.token(key.clientId(), key.secret()).status()).isEqualTo(200);

        for (int i = 0; i < 3; i++) {
            wrong(owner, key);
        }

        assertThat(description(owner.token(key.clientId(), key.secret()))).contains("locked");
        assertThat(from(5).token(key.clientId(), key.secret()).status()).isEqualTo(200);
    }

    @Test
    void aRightSecretFromTheSourceForgetsItsFailures() {
        Key key = keys.newKey(PERMISSIONS);
        SourceHttp source = from(6);
        wrong(source, key);
        wrong(source, key);

        assertThat(source.token(key.clientId(), key.secret()).status()).isEqualTo(200);
        wrong(source, key);
        assertThat(description(wrong(source, key))).isEqualTo("Client authentication failed.");
        assertThat(sourceFailures(key, "127.0.0.6")).isEqualTo(2);
    }

    @Test
    void whenTheWindowClosesEveryCountStartsAgain() {
        Key key = keys.newKey(PERMISSIONS);
        SourceHttp source = from(7);
        wrong(source, key);
        wrong(source, key);
        wrong(from(8), key);
        assertThat(keys.failedAttempts(key.clientId())).isEqualTo(2);

        clock.advance(Duration.ofMinutes(30).plusSeconds(1));

        assertThat(description(wrong(source, key))).isEqualTo("Client authentication failed.");
        assertThat(sourceFailures(key, "127.0.0.7")).isEqualTo(1);
        assertThat(keys.failedAttempts(key.clientId())).isEqualTo(1);
        assertThat(description(wrong(from(8), key))).isEqualTo("Client authentication failed.");
        assertThat(description(wrong(from(9), key))).as("the third source of the new window").contains("locked");
    }

    @Test
    void aSourceLockEndsByItselfAndItsCountStartsAgain() {
        Key key = keys.newKey(PERMISSIONS);
        SourceHttp source = from(10);
        for (int i = 0; i < 3; i++) {
            wrong(source, key);
        }
        clock.advance(Duration.ofMinutes(30).plusSeconds(1));

        assertThat(source.token(key.clientId(), key.secret()).status()).isEqualTo(200);
        assertThat(description(wrong(source, key))).isEqualTo("Client authentication failed.");
        assertThat(sourceFailures(key, "127.0.0.10")).isEqualTo(1);
    }

    @Test
    void simultaneousFailuresFromOneSourceLockItExactlyOnce() throws Exception {
        Key key = keys.newKey(PERMISSIONS);
        SourceHttp attacker = from(20);

        List<Http.Response> responses = Simultaneously.run(30, () -> wrong(attacker, key));

        assertThat(responses).extracting(Http.Response::status).containsOnly(401);
        assertThat(responses.stream().filter(r -> description(r).contains("locked"))).hasSizeGreaterThanOrEqualTo(28);
        assertThat(sourceFailures(key, "127.0.0.20")).isEqualTo(3);
        assertThat(keys.failedAttempts(key.clientId())).as("one failing source").isEqualTo(1);
        assertThat(events.of(key.clientId(), LockoutEvent.LockExtent.SOURCE)).hasSize(1);
        assertThat(keys.lockedUntil(key.clientId())).isNull();
    }

    @Test
    void simultaneousFailuresFromManySourcesCountEachSourceOnceAndLockTheKeyExactlyOnce() throws Exception {
        Key key = keys.newKey(PERMISSIONS);
        List<Callable<Http.Response>> calls = new ArrayList<>();
        for (int octet = 30; octet < 40; octet++) {
            SourceHttp source = from(octet);
            calls.add(() -> wrong(source, key));
            calls.add(() -> wrong(source, key));
        }

        List<Http.Response> responses = Simultaneously.run(calls);

        assertThat(responses).extracting(Http.Response::status).containsOnly(401);
        assertThat(keys.failedAttempts(key.clientId())).as("distinct failing sources").isEqualTo(3);
        assertThat(events.of(key.clientId(), LockoutEvent.LockExtent.UNTRUSTED_SOURCES)).hasSize(1);
        assertThat(keys.jdbc().sql("SELECT COALESCE(SUM(failed_attempts), 0) FROM lockout_source WHERE client_id = ?")
                .param(key.clientId()).query(Integer.class).single()).as("failures counted before the lock")
                .isBetween(3, 5);
        assertThat(from(40).token(key.clientId(), key.secret()).status()).isEqualTo(401);
    }

    @Test
    void anUnlockClearsTheSourceLocksAndTheLockOfTheUntrustedSourcesAndTheAdminViewShowedThem() {
        Key key = keys.newKey(PERMISSIONS);
        for (int i = 0; i < 3; i++) {
            wrong(from(50), key);
        }
        wrong(from(51), key);
        wrong(from(52), key);
        JsonNode before = bootstrapAdmin().get("/api/v1/api-keys/" + key.clientId()).json();
        assertThat(before.get("lockedSources").values()).singleElement()
                .satisfies(locked -> assertThat(locked.get("source").asString()).isEqualTo("127.0.0.50"));
        assertThat(before.get("untrustedSourcesLockedUntil").isNull()).isFalse();
        JsonNode listed = bootstrapAdmin().get("/api/v1/api-keys?search=" + key.clientId()).json().get("items").get(0);
        assertThat(listed.get("lockedSources").values()).hasSize(1);

        Http.Response unlocked = bootstrapAdmin().post("/api/v1/api-keys/" + key.clientId() + "/unlock", null);

        assertThat(unlocked.status()).isEqualTo(200);
        assertThat(unlocked.json().get("lockedSources").values()).isEmpty();
        assertThat(unlocked.json().get("untrustedSourcesLockedUntil").isNull()).isTrue();
        assertThat(from(50).token(key.clientId(), key.secret()).status()).isEqualTo(200);
        assertThat(from(53).token(key.clientId(), key.secret()).status()).isEqualTo(200);
        assertThat(keys.failedAttempts(key.clientId())).isZero();
    }

    @Test
    void aSourceIsTheAddressATrustedProxyForwardedCutToTheIpv6Prefix() {
        Key key = keys.newKey(PERMISSIONS);
        SourceHttp proxy = from(1);

        wrong(proxy, key, "2001:db8:1:2::5");
        wrong(proxy, key, "2001:db8:1:2::6");
        Http.Response third = wrong(proxy, key, "2001:db8:1:2:ffff::7");

        assertThat(description(third)).as("one /64, one source").contains("locked");
        assertThat(sourceFailures(key, "2001:db8:1:2:0:0:0:0/64")).isEqualTo(3);
        assertThat(proxy.token(key.clientId(), key.secret(), "X-Forwarded-For", "2001:db8:1:3::1").status())
                .as("another /64").isEqualTo(200);
        assertThat(proxy.token(key.clientId(), key.secret()).status()).as("the proxy itself").isEqualTo(200);
    }

    static Http.Response wrong(SourceHttp proxy, Key key, String forwardedFor) {
        return proxy.token(key.clientId(), "kms_wrong_secret_for_" + key.clientId(), "X-Forwarded-For", forwardedFor);
    }

    /** What a right secret costs: the key's read, plus the trust write once per source in a while. */
    @Test
    void aRightSecretCostsTheKeyReadAndWritesTrustOnlyNowAndThen() {
        Key key = keys.newKey(PERMISSIONS);
        SourceHttp source = from(60);
        // the role's permissions are cached from now on
        assertThat(from(59).token(key.clientId(), key.secret()).status()).isEqualTo(200);

        statements.start();
        assertThat(source.token(key.clientId(), key.secret()).status()).isEqualTo(200);
        List<String> first = statements.stop();
        statements.start();
        assertThat(source.token(key.clientId(), key.secret()).status()).isEqualTo(200);
        List<String> second = statements.stop();

        assertThat(first).hasSize(2).last().asString().startsWith("insert into lockout_source");
        assertThat(second).hasSize(1).first().asString().startsWith("select k.*");
    }

    @Test
    void anUnknownClientCostsTheStatementsOfAWrongSecret() {
        Key key = keys.newKey(PERMISSIONS);

        statements.start();
        wrong(from(61), key);
        List<String> wrongSecret = statements.stop();
        statements.start();
        from(61).token("kmc_unknown_" + System.nanoTime(), "kms_whatever");
        List<String> unknown = statements.stop();

        assertThat(unknown).containsExactlyElementsOf(wrongSecret);
        assertThat(unknown).hasSize(5);
    }

    @Test
    void thePurgeForgetsOnlySourcesThatHoldNothingAnyMore() {
        Key key = keys.newKey(PERMISSIONS);
        assertThat(from(70).token(key.clientId(), key.secret()).status()).isEqualTo(200);
        wrong(from(71), key);
        for (int i = 0; i < 3; i++) {
            wrong(from(72), key);
        }
        sourceRepository.purge(clock.instant());
        assertThat(sources(key)).as("all in an open window").containsExactlyInAnyOrder(
                "127.0.0.70", "127.0.0.71", "127.0.0.72");

        clock.advance(Duration.ofMinutes(31));
        sourceRepository.purge(clock.instant());

        assertThat(sources(key)).as("the trusted source stays").containsExactly("127.0.0.70");
    }

    List<String> sources(Key key) {
        return keys.jdbc().sql("SELECT source FROM lockout_source WHERE client_id = ?").param(key.clientId())
                .query(String.class).list();
    }

    int sourceFailures(Key key, String source) {
        return keys.jdbc().sql("SELECT failed_attempts FROM lockout_source WHERE client_id = ? AND source = ?")
                .params(key.clientId(), source).query(Integer.class).single();
    }
}
