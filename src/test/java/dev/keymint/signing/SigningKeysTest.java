package dev.keymint.signing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.keymint.support.Http;
import dev.keymint.support.RunningKeymint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeysTest {

    @TempDir
    Path keysDir;

    @Test
    void generatesOneOwnerOnlyKeyIntoAnEmptyFolderAndReusesIt() throws Exception {
        SigningKeys first = new SigningKeys(keysDir, SigningAlgorithm.RS256, Clock.systemUTC());
        SigningKeys second = new SigningKeys(keysDir, SigningAlgorithm.RS256, Clock.systemUTC());

        assertThat(second.snapshot().signing().getKeyID()).isEqualTo(first.snapshot().signing().getKeyID());
        try (var files = Files.list(keysDir)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            assertThat(Files.getPosixFilePermissions(all.getFirst())).hasSize(2)
                    .allSatisfy(p -> assertThat(p.name()).startsWith("OWNER_"));
        }
    }

    @Test
    void theNewestKeyOfTheConfiguredAlgorithmSignsAndAllArePublished() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        JWK old = new SigningKeys(keysDir, SigningAlgorithm.RS256, Clock.fixed(start, ZoneOffset.UTC)).snapshot().signing();
        SigningKeys keys = new SigningKeys(keysDir, SigningAlgorithm.RS256,
                Clock.fixed(start.plus(Duration.ofDays(1)), ZoneOffset.UTC));
        JWK added = keys.addKey();

        assertThat(keys.snapshot().signing().getKeyID()).isEqualTo(added.getKeyID()).isNotEqualTo(old.getKeyID());
        assertThat(keys.snapshot().all().getKeys()).extracting(JWK::getKeyID)
                .containsExactlyInAnyOrder(old.getKeyID(), added.getKeyID());
        assertThat(added.isPrivate()).isFalse();
    }

    @Test
    void aCorruptKeyFileStopsTheStartWithoutQuotingIt() throws Exception {
        Files.writeString(keysDir.resolve("broken.jwk"), "{\"kty\":\"RSA\",\"d\":\"SECRET-MATERIAL\"");

        assertThatThrownBy(() -> new SigningKeys(keysDir, SigningAlgorithm.RS256, Clock.systemUTC()))
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
