package dev.keymint.signing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.keymint.support.Http;
import dev.keymint.support.MutableClock;
import dev.keymint.support.RunningKeymint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeysTest {

    static final Duration RELOAD = Duration.ofSeconds(30);
    static final Duration WINDOW = Duration.ofHours(1);
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path keysDir;

    SigningKeys keysAt(Instant now) {
        return new SigningKeys(keysDir, SigningAlgorithm.RS256, RELOAD, WINDOW, Clock.fixed(now, ZoneOffset.UTC));
    }

    List<Path> files() throws Exception {
        try (var files = Files.list(keysDir)) {
            return files.toList();
        }
    }

    static List<String> kids(SigningKeys keys) {
        return keys.snapshot().all().getKeys().stream().map(JWK::getKeyID).toList();
    }

    @Test
    void generatesOneOwnerOnlyKeyIntoAnEmptyFolderAndReusesIt() throws Exception {
        SigningKeys first = new SigningKeys(keysDir, SigningAlgorithm.RS256, RELOAD, WINDOW, Clock.systemUTC());
        SigningKeys second = new SigningKeys(keysDir, SigningAlgorithm.RS256, RELOAD, WINDOW, Clock.systemUTC());

        assertThat(second.snapshot().signing().getKeyID()).isEqualTo(first.snapshot().signing().getKeyID());
        List<Path> all = files();
        assertThat(all).hasSize(1);
        assertThat(Files.getPosixFilePermissions(all.getFirst())).hasSize(2)
                .allSatisfy(p -> assertThat(p.name()).startsWith("OWNER_"));
    }

    @Test
    void instancesStartingTogetherOnAnEmptyFolderGenerateOneKeyAndAllSignWithIt() throws Exception {
        int instances = 6;
        ExecutorService threads = Executors.newFixedThreadPool(instances);
        try {
            for (int round = 0; round < 5; round++) {
                Path folder = keysDir.resolve("round-" + round);
                CyclicBarrier together = new CyclicBarrier(instances);
                List<Future<SigningKeys>> started = new ArrayList<>();
                for (int i = 0; i < instances; i++) {
                    started.add(threads.submit(() -> {
                        together.await();
                        return new SigningKeys(folder, SigningAlgorithm.RS256, RELOAD, WINDOW, Clock.systemUTC());
                    }));
                }
                List<String> signingKids = new ArrayList<>();
                for (Future<SigningKeys> instance : started) {
                    SigningKeys keys = instance.get(60, TimeUnit.SECONDS);
                    signingKids.add(keys.snapshot().signing().getKeyID());
                    assertThat(keys.snapshot().all().size()).isEqualTo(1);
                }
                try (var files = Files.list(folder)) {
                    assertThat(files.map(f -> f.getFileName().toString()).toList())
                            .as("one key and no leftover lock or temporary file").singleElement()
                            .satisfies(name -> assertThat(name).endsWith(SigningKeys.SUFFIX));
                }
                assertThat(signingKids).hasSize(instances).containsOnly(signingKids.getFirst());
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
                        .as("a folder keymint creates is the owner's only").isEqualTo("rwx------");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anInstanceWaitsForTheOneHoldingTheGenerationLockAndAdoptsItsKey() throws Exception {
        Path lock = Files.createFile(keysDir.resolve(SigningKeys.GENERATION_LOCK));
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<SigningKeys> waiting = thread.submit(() -> keysAt(START));
            Thread.sleep(300);
            assertThat(waiting).isNotDone();

            JWK written = SigningKeys.writeNewKey(keysDir, SigningAlgorithm.RS256, Clock.fixed(START, ZoneOffset.UTC));
            Files.delete(lock);

            assertThat(waiting.get(10, TimeUnit.SECONDS).snapshot().signing().getKeyID()).isEqualTo(written.getKeyID());
            assertThat(files()).hasSize(1);
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void aLockLeftByAnInstanceThatDiedIsBrokenAfterAWhile() throws Exception {
        Path lock = Files.createFile(keysDir.resolve(SigningKeys.GENERATION_LOCK));
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(SigningKeys.STALE_LOCK).minusSeconds(1)));

        SigningKeys keys = keysAt(START);

        assertThat(keys.snapshot().all().size()).isEqualTo(1);
        assertThat(files()).singleElement().satisfies(f -> assertThat(f.toString()).endsWith(SigningKeys.SUFFIX));
    }

    @Test
    void aRotatedKeyIsPublishedAtOnceSignsAfterOneReloadIntervalAndTheOldOneLeavesAfterItsLastToken() {
        JWK old = keysAt(START).snapshot().signing();
        Instant rotatedAt = START.plus(Duration.ofDays(30));
        JWK added = SigningKeys.writeNewKey(keysDir, SigningAlgorithm.RS256, Clock.fixed(rotatedAt, ZoneOffset.UTC));
        assertThat(added.isPrivate()).isFalse();

        SigningKeys justAfter = keysAt(rotatedAt.plusSeconds(1));
        assertThat(justAfter.snapshot().signing().getKeyID())
                .as("not every instance has read the new key yet").isEqualTo(old.getKeyID());
        assertThat(kids(justAfter)).containsExactlyInAnyOrder(old.getKeyID(), added.getKeyID());

        SigningKeys spread = keysAt(rotatedAt.plus(RELOAD));
        assertThat(spread.snapshot().signing().getKeyID()).isEqualTo(added.getKeyID());
        assertThat(kids(spread)).containsExactlyInAnyOrder(old.getKeyID(), added.getKeyID());

        Instant lastOldToken = rotatedAt.plus(RELOAD.multipliedBy(2)).plus(WINDOW);
        assertThat(kids(keysAt(lastOldToken.minusMillis(1)))).contains(old.getKeyID());
        SigningKeys after = keysAt(lastOldToken);
        assertThat(kids(after)).containsExactly(added.getKeyID());
        assertThat(after.snapshot().signing().getKeyID()).isEqualTo(added.getKeyID());
    }

    @Test
    void twoRotationsInQuickSuccessionKeepTheCurrentKeySigningUntilTheNewestHasSpread() {
        JWK old = keysAt(START).snapshot().signing();
        Instant first = START.plus(Duration.ofDays(1));
        JWK middle = SigningKeys.writeNewKey(keysDir, SigningAlgorithm.RS256, Clock.fixed(first, ZoneOffset.UTC));
        JWK newest = SigningKeys.writeNewKey(keysDir, SigningAlgorithm.RS256,
                Clock.fixed(first.plusSeconds(5), ZoneOffset.UTC));

        assertThat(keysAt(first.plusSeconds(10)).snapshot().signing().getKeyID()).isEqualTo(old.getKeyID());
        assertThat(keysAt(first.plus(RELOAD)).snapshot().signing().getKeyID()).isEqualTo(middle.getKeyID());
        assertThat(keysAt(first.plus(RELOAD).plusSeconds(5)).snapshot().signing().getKeyID())
                .isEqualTo(newest.getKeyID());
    }

    @Test
    void reloadPicksUpARotationAndKeepsTheKeysItHasWhenTheFolderBreaks() throws Exception {
        MutableClock clock = new MutableClock();
        SigningKeys keys = new SigningKeys(keysDir, SigningAlgorithm.RS256, RELOAD, WINDOW, clock);
        JWK old = keys.snapshot().signing();
        SigningKeys.Snapshot first = keys.snapshot();
        assertThat(keys.reload()).as("an unchanged folder keeps the snapshot").isSameAs(first);
        clock.advance(Duration.ofDays(1));
        JWK added = SigningKeys.writeNewKey(keysDir, SigningAlgorithm.RS256, clock);

        assertThat(kids(keys)).containsExactly(old.getKeyID());
        keys.reload();
        assertThat(kids(keys)).containsExactlyInAnyOrder(old.getKeyID(), added.getKeyID());
        clock.advance(RELOAD);
        assertThat(keys.reload().signing().getKeyID()).isEqualTo(added.getKeyID());

        Files.writeString(keysDir.resolve("half-copied.jwk"), "{\"kty\":\"RSA\"");
        SigningKeys.Snapshot before = keys.snapshot();
        assertThatThrownBy(keys::reload).hasMessageContaining("half-copied.jwk");
        assertThat(keys.snapshot()).isSameAs(before);
    }

    @Test
    void aRotationWithinTheSecondOfThePreviousKeyIsStampedLaterAndStillTakesOver() throws Exception {
        Clock frozen = Clock.fixed(START.plusMillis(400), ZoneOffset.UTC);
        SigningKeys keys = new SigningKeys(keysDir, SigningAlgorithm.RS256, RELOAD, WINDOW, frozen);
        JWK first = keys.snapshot().signing();
        JWK second = SigningKeys.writeNewKey(keysDir, SigningAlgorithm.RS256, frozen);
        JWK third = SigningKeys.writeNewKey(keysDir, SigningAlgorithm.RS256, frozen);

        assertThat(first.getIssueTime().toInstant()).isEqualTo(START);
        assertThat(second.getIssueTime().toInstant()).isEqualTo(START.plusSeconds(1));
        assertThat(third.getIssueTime().toInstant()).isEqualTo(START.plusSeconds(2));
        assertThat(keysAt(START.plusSeconds(2).plus(RELOAD)).snapshot().signing().getKeyID())
                .isEqualTo(third.getKeyID());
    }

    @Test
    void aCompromisedKeyDeletedAfterARotationIsNeitherPublishedNorUsedFromTheNextReload() throws Exception {
        MutableClock clock = new MutableClock();
        SigningKeys keys = new SigningKeys(keysDir, SigningAlgorithm.RS256, RELOAD, WINDOW, clock);
        JWK compromised = keys.snapshot().signing();
        clock.advance(Duration.ofDays(1));
        JWK replacement = SigningKeys.writeNewKey(keysDir, SigningAlgorithm.RS256, clock);

        try (var files = Files.list(keysDir)) {
            Files.delete(files.filter(f -> f.toString().contains(compromised.getKeyID())).findFirst().orElseThrow());
        }
        SigningKeys.Snapshot after = keys.reload();

        assertThat(after.signing().getKeyID()).as("the only key left signs at once").isEqualTo(replacement.getKeyID());
        assertThat(kids(keys)).containsExactly(replacement.getKeyID());
    }

    @Test
    void aCorruptKeyFileStopsTheStartWithoutQuotingIt() throws Exception {
        Files.writeString(keysDir.resolve("broken.jwk"), "{\"kty\":\"RSA\",\"d\":\"SECRET-MATERIAL\"");

        assertThatThrownBy(() -> keysAt(START))
                .hasMessageContaining("broken.jwk")
                .hasMessageNotContaining("SECRET-MATERIAL");
    }

    @Test
    void es256ByConfigurationSignsWithAnEcKey() throws Exception {
        String database = "es256_" + UUID.randomUUID().toString().replace("-", "");
        try (RunningKeymint keymint = RunningKeymint.start(Map.of(
                "keymint.embedded-database.database-name", database,
                "keymint.signing.keys-directory", keysDir.toString(),
                "keymint.token.algorithm", "ES256",
                "keymint.bootstrap.client-id", "es256-admin",
                "keymint.bootstrap.client-secret", "es256-admin-secret-0123456789abcdef"))) {
            Http http = keymint.http();
            Http.Response token = http.token("es256-admin", "es256-admin-secret-0123456789abcdef");
            assertThat(token.status()).isEqualTo(200);
            SignedJWT jwt = SignedJWT.parse(token.json().get("access_token").asString());
            assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
            JWK key = JWKSet.parse(http.get("/oauth2/jwks").body()).getKeyByKeyId(jwt.getHeader().getKeyID());
            assertThat(key.isPrivate()).isFalse();
            assertThat(jwt.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(key.toECKey()))).isTrue();
        }
    }
}
