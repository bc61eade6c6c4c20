package dev.keymint.signing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.keymint.KeymintApplication;
import dev.keymint.support.Http;
import dev.keymint.support.KeymintHttpTest;
import dev.keymint.support.TestKeys.Key;
import dev.keymint.token.TokenProperties;

import static org.assertj.core.api.Assertions.assertThat;

/** Rotation as the runbook does it: the command writes a key, every instance reloads the folder. */
@TestPropertySource(properties = "keymint.api-key.max-session-validity-seconds=7200")
class KeyRotationTest extends KeymintHttpTest {

    static final int LONGEST_TOKEN_SECONDS = 7200;

    @Autowired
    SigningKeys signingKeys;
    @Autowired
    SigningProperties signing;
    @Autowired
    TokenProperties token;

    String token(Key key) {
        Http.Response response = http.token(key.clientId(), key.secret());
        assertThat(response.status()).isEqualTo(200);
        return response.json().get("access_token").asString();
    }

    static String kid(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    JWKSet jwks() throws Exception {
        return JWKSet.parse(http.get("/oauth2/jwks").body());
    }

    List<String> publishedKids() throws Exception {
        return jwks().getKeys().stream().map(JWK::getKeyID).toList();
    }

    boolean verifiesAgainstTheJwkSet(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        JWK key = jwks().getKeyByKeyId(jwt.getHeader().getKeyID());
        return key != null && jwt.verify(new RSASSAVerifier(key.toRSAKey()));
    }

    boolean active(String token, Key caller) {
        return http.postForm("/oauth2/introspect", Http.basic(caller.clientId(), caller.secret()),
                "token=" + Http.form(token)).json().get("active").asBoolean();
    }

    String runRotateCommand() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            KeymintApplication.main(new String[] {"rotate-signing-key",
                    "--keymint.signing.keys-directory=" + signing.keysDirectory(),
                    "--keymint.api-key.max-session-validity-seconds=" + LONGEST_TOKEN_SECONDS});
        } finally {
            System.setOut(original);
        }
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aKeyAddedByTheCommandSignsWithoutRestartAndTheOldOneIsPublishedUntilItsLastTokenExpired() throws Exception {
        Key key = keys.newKey(List.of("roles:read"));
        Key resourceServer = keys.newKey(List.of("roles:read"));
        String before = token(key);
        String oldKid = kid(before);

        String output = runRotateCommand();
        signingKeys.reload(); // what every instance does each keymint.signing.reload-interval

        List<String> published = publishedKids();
        assertThat(published).hasSize(2).contains(oldKid);
        String newKid = published.stream().filter(kid -> !kid.equals(oldKid)).findFirst().orElseThrow();
        assertThat(output).contains(newKid).contains("signs with it", "stays published until").doesNotContain("\"d\"");
        try (var files = Files.list(signing.keysDirectory())) {
            Path file = files.filter(f -> f.getFileName().toString().contains(newKid)).findFirst().orElseThrow();
            assertThat(Files.getPosixFilePermissions(file)).extracting(Enum::name)
                    .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        }
        assertThat(kid(token(key))).as("published everywhere before it signs anywhere").isEqualTo(oldKid);

        // a key's iat counts whole seconds, and a key made within the second of the previous one is
        // stamped a second after it: up to a second ahead of the clock when the context is fresh
        clock.advance(signing.reloadInterval().plusSeconds(1));
        signingKeys.reload();
        String after = token(key);
        assertThat(kid(after)).isEqualTo(newKid);
        assertThat(verifiesAgainstTheJwkSet(before)).isTrue();
        assertThat(verifiesAgainstTheJwkSet(after)).isTrue();
        assertThat(active(before, resourceServer)).as("signed before the rotation, not yet expired").isTrue();

        Instant newKeyIssued = jwks().getKeyByKeyId(newKid).getIssueTime().toInstant();
        Instant oldKeyLeaves = newKeyIssued.plus(signing.reloadInterval().multipliedBy(2))
                .plusSeconds(LONGEST_TOKEN_SECONDS).plus(token.clockSkew());
        clock.advance(Duration.between(clock.instant(), oldKeyLeaves).minusSeconds(5));
        signingKeys.reload();
        assertThat(publishedKids()).containsExactlyInAnyOrder(oldKid, newKid);

        clock.advance(Duration.ofSeconds(6));
        signingKeys.reload();
        assertThat(publishedKids()).containsExactly(newKid);
        assertThat(active(before, resourceServer)).isFalse();
        assertThat(kid(token(key))).isEqualTo(newKid);
    }
}
