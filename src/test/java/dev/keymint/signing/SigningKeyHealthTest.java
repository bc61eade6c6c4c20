package dev.keymint.signing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.keymint.support.Http;
import dev.keymint.support.KeymintHttpTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/health} answers anyone: its signing probe runs at most once per
 * {@code keymint.signing.health-check-interval}, and a key that stops signing shows within it.
 * This class has a context (and a keys folder) of its own: it breaks the signing key.
 */
@TestPropertySource(properties = "keymint.signing.health-check-interval=10m")
class SigningKeyHealthTest extends KeymintHttpTest {

    static final Duration INTERVAL = Duration.ofMinutes(10);

    @Autowired
    SigningKeys signingKeys;
    @Autowired
    SigningKeyHealthIndicator indicator;

    @Test
    void anonymousCallsWithinTheIntervalReuseOneProbeWithoutSigning() {
        clock.advance(INTERVAL);
        String before = signingKeys.snapshot().signing().getKeyID();
        assertThat(http.get("/actuator/health").status()).isEqualTo(200);

        // a new signing key: a probe, had it run, would have signed with it and reported its kid
        SigningKeys.writeNewKey(signingKeys.directory(), signingKeys.algorithm(), clock);
        clock.advance(Duration.ofMinutes(1));
        String after = signingKeys.reload().signing().getKeyID();
        assertThat(after).isNotEqualTo(before);
        for (int i = 0; i < 50; i++) {
            assertThat(http.get(i % 2 == 0 ? "/actuator/health" : "/actuator/health/readiness").status()).isEqualTo(200);
        }
        assertThat(indicator.health(true).getDetails()).containsEntry("kid", before);

        clock.advance(INTERVAL);
        assertThat(http.get("/actuator/health").status()).isEqualTo(200);
        assertThat(indicator.health(true).getDetails()).containsEntry("kid", after);
    }

    @Test
    void aKeyThatCannotSignIsDownOnceTheIntervalHasPassed() throws Exception {
        clock.advance(INTERVAL);
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
        Path folder = signingKeys.directory();
        Path aside = Files.createTempDirectory(folder.getParent(), "aside");
        List<Path> keys;
        try (var files = Files.list(folder)) {
            keys = files.filter(file -> file.toString().endsWith(SigningKeys.SUFFIX)).toList();
        }
        Files.writeString(folder.resolve("too-small" + SigningKeys.SUFFIX), tooSmallToSign().toJSONString(),
                StandardCharsets.UTF_8);
        for (Path key : keys) {
            Files.move(key, aside.resolve(key.getFileName()));
        }
        try {
            assertThat(signingKeys.reload().signing().getKeyID()).isEqualTo("too-small");

            for (int i = 0; i < 20; i++) {
                assertThat(http.get("/actuator/health/readiness").status()).as("within the interval").isEqualTo(200);
            }
            clock.advance(INTERVAL);
            Http.Response readiness = http.get("/actuator/health/readiness");
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.json().get("components").get("signingKey").get("status").asString()).isEqualTo("DOWN");
            assertThat(http.get("/actuator/health").status()).isEqualTo(503);
        } finally {
            for (Path key : keys) {
                Files.move(aside.resolve(key.getFileName()), key);
            }
            Files.delete(folder.resolve("too-small" + SigningKeys.SUFFIX));
            Files.delete(aside);
            signingKeys.reload();
        }
        clock.advance(INTERVAL);
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    /** An RSA key of 504 bits: below what any RSA signer accepts (the JDK's floor is 512). */
    static RSAKey tooSmallToSign() {
        SecureRandom random = new SecureRandom();
        BigInteger e = BigInteger.valueOf(65537);
        while (true) {
            BigInteger p = BigInteger.probablePrime(252, random);
            BigInteger q = BigInteger.probablePrime(252, random);
            BigInteger phi = p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE));
            if (!p.equals(q) && phi.gcd(e).equals(BigInteger.ONE)) {
                return new RSAKey.Builder(Base64URL.encode(p.multiply(q)), Base64URL.encode(e))
                        .privateExponent(Base64URL.encode(e.modInverse(phi)))
                        .keyID("too-small").keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                        .issueTime(new Date()).build();
            }
        }
    }
}
