package dev.keymint.signing;

import java.nio.file.Path;
import java.security.Security;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.keymint.support.Http;
import dev.keymint.support.Prometheus;
import dev.keymint.support.RunningKeymint;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * keymint started with one {@code keymint.signing.provider}, for each algorithm: its tokens,
 * fetched over HTTP, verify with Nimbus (and the JDK's providers) against the served JWK Set, and
 * keymint says which provider signs in {@code /actuator/info} and in a metric.
 */
abstract class SigningProviderTokensTest {

    static final String ADMIN_ID = "signing-admin";
    static final String ADMIN_SECRET = "signing-admin-secret-0123456789abcdef";

    @TempDir
    Path keysDir;

    /** The value of {@code keymint.signing.provider}, and what keymint reports as signing. */
    abstract String provider();

    /** The name of the JCA provider that must sign tokens of {@code algorithm}. */
    abstract String expectedImplementation(SigningAlgorithm algorithm) throws Exception;

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void tokensSignedByTheProviderVerifyAgainstTheJwkSet(SigningAlgorithm algorithm) throws Exception {
        try (RunningKeymint keymint = RunningKeymint.start(Map.of(
                "keymint.embedded-database.database-name", "signing_" + UUID.randomUUID().toString().replace("-", ""),
                "keymint.signing.keys-directory", keysDir.toString(),
                "keymint.signing.provider", provider(),
                "keymint.token.algorithm", algorithm.name(),
                "keymint.bootstrap.client-id", ADMIN_ID,
                "keymint.bootstrap.client-secret", ADMIN_SECRET))) {
            Http http = keymint.http();

            JsonNode signing = http.get("/actuator/info").json().get("signing");
            assertThat(signing.get("provider").asString()).isEqualTo(provider());
            assertThat(signing.get("algorithm").asString()).isEqualTo(algorithm.name());
            assertThat(signing.get("implementation").asString()).startsWith(expectedImplementation(algorithm) + " ");
            assertThat(signing.get("requested").asString()).isEqualTo(provider());
            assertThat(Prometheus.scrape(http).value("keymint_signing_provider_info", "provider=\"" + provider() + "\"",
                    "algorithm=\"" + algorithm.name() + "\"")).isEqualTo(1);

            JWKSet jwks = JWKSet.parse(http.get("/oauth2/jwks").body());
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithm.jwsAlgorithm(),
                    new ImmutableJWKSet<>(jwks)));
            for (int i = 0; i < 3; i++) { // pooled signatures sign again and again
                Http.Response response = http.token(ADMIN_ID, ADMIN_SECRET);
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                String token = response.json().get("access_token").asString();

                JWTClaimsSet claims = processor.process(token, null);
                assertThat(claims.getSubject()).isEqualTo(ADMIN_ID);
                SignedJWT jwt = SignedJWT.parse(token);
                assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(algorithm.jwsAlgorithm());
                if (algorithm == SigningAlgorithm.ES256) {
                    // JWS R||S (RFC 7518 §3.4), not the DER sequence that SHA256withECDSA gives
                    assertThat(jwt.getSignature().decode()).hasSize(64);
                }
            }
            // the provider signs keymint's tokens only: it is not one of the JVM's providers
            assertThat(Security.getProvider("AmazonCorrettoCryptoProvider")).isNull();
        }
    }
}
