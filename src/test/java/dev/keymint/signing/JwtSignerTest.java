package dev.keymint.signing;

import java.nio.file.Path;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;

import dev.keymint.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signer's tokens are what an independent JOSE library (with the JDK's providers) expects,
 * for both algorithms, signed by the JDK's providers and by the native one where it runs.
 */
class JwtSignerTest {

    static final Duration RELOAD = Duration.ofSeconds(30);
    static final Duration WINDOW = Duration.ofHours(1);

    @TempDir
    Path keysDir;

    SigningKeys keys(SigningAlgorithm algorithm, SignatureProvider provider, Clock clock) {
        return new SigningKeys(keysDir, algorithm, RELOAD, WINDOW, provider, clock);
    }

    /** The JDK's providers, and the native one on the platforms keymint ships it for. */
    static List<SignatureProvider> providers() {
        SignatureProvider automatic = SignatureProviderSelection.select(SigningProperties.Provider.AUTO,
                NativeProviderProbe::amazonCorrettoCryptoProvider);
        if (NativeSigningTest.shipsNativeSigning()) {
            assertThat(automatic.isNative()).as(automatic.nativeUnavailable()).isTrue();
        }
        return automatic.isNative() ? List.of(SignatureProvider.jdk(), automatic) : List.of(SignatureProvider.jdk());
    }

    static JwtClaimsSet claims() {
        Instant iat = Instant.parse("2026-01-02T03:04:05Z");
        return JwtClaimsSet.builder()
                .issuer("https://keymint.example")
                .subject("kmc_abc")
                .audience(List.of("https://api.example", "https://other.example"))
                .issuedAt(iat)
                .notBefore(iat)
                .expiresAt(iat.plusSeconds(3600))
                .id("0190a5c4-0000-7000-8000-000000000000")
                .claim("scope", "roles:read audit:read")
                .claim("role", "Quote \" backslash \\ newline \n tab \t control \u0001 unicode é ✓")
                .claim("nested", Map.of("n", 42, "flag", true, "list", List.of(1L, "x")))
                .build();
    }

    static JWSVerifier verifier(JWK key) throws Exception {
        return key.getKeyType().getValue().equals("RSA") ? new RSASSAVerifier(key.toRSAKey().toPublicJWK())
                : new ECDSAVerifier(key.toECKey().toPublicJWK());
    }

    void signsVerifiablyWith(SigningAlgorithm algorithm, SignatureAlgorithm jws, SignatureProvider provider)
            throws Exception {
        SigningKeys keys = keys(algorithm, provider, Clock.systemUTC());
        JwtSigner signer = new JwtSigner(keys, "at+jwt");
        JWK key = keys.snapshot().signing();
        JwtClaimsSet claims = claims();

        for (int i = 0; i < 5; i++) { // pooled Signature objects must sign correctly again and again
            Jwt jwt = signer.sign(claims.getClaims(), claims.getIssuedAt(), claims.getExpiresAt());

            SignedJWT parsed = SignedJWT.parse(jwt.getTokenValue());
            assertThat(parsed.verify(verifier(key))).isTrue();
            assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.parse(jws.getName()));
            assertThat(parsed.getHeader().getType().getType()).isEqualTo("at+jwt");
            assertThat(parsed.getHeader().getKeyID()).isEqualTo(key.getKeyID());
            var parsedClaims = parsed.getJWTClaimsSet();
            assertThat(parsedClaims.getStringClaim("role")).isEqualTo(claims.getClaimAsString("role"));
            assertThat(parsedClaims.getAudience()).containsExactly("https://api.example", "https://other.example");
            assertThat(parsedClaims.getIssueTime().toInstant()).isEqualTo(claims.getIssuedAt());
            assertThat(parsedClaims.getExpirationTime().toInstant()).isEqualTo(claims.getExpiresAt());
            assertThat(parsedClaims.getJSONObjectClaim("nested")).containsEntry("n", 42L).containsEntry("flag", true);
            assertThat(jwt.getClaims()).isEqualTo(claims.getClaims());
            assertThat(jwt.getHeaders()).containsEntry("kid", key.getKeyID());
            assertThat(jwt.getIssuedAt()).isEqualTo(claims.getIssuedAt());
            assertThat(jwt.getExpiresAt()).isEqualTo(claims.getExpiresAt());
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void rs256TokensVerify(SignatureProvider provider) throws Exception {
        signsVerifiablyWith(SigningAlgorithm.RS256, SignatureAlgorithm.RS256, provider);
    }

    @ParameterizedTest
    @MethodSource("providers")
    void es256TokensVerifyWithTheJwsSignatureForm(SignatureProvider provider) throws Exception {
        signsVerifiablyWith(SigningAlgorithm.ES256, SignatureAlgorithm.ES256, provider);
        SigningKeys keys = keys(SigningAlgorithm.ES256, provider, Clock.systemUTC());
        JwtClaimsSet claims = claims();
        Jwt jwt = new JwtSigner(keys, "at+jwt").sign(claims.getClaims(), claims.getIssuedAt(),
                claims.getExpiresAt());
        // R||S of P-256: 64 bytes, i.e. 86 base64url characters, not a DER sequence
        assertThat(SignedJWT.parse(jwt.getTokenValue()).getSignature().decode()).hasSize(64);
    }

    @ParameterizedTest
    @MethodSource("providers")
    void theProviderSigns(SignatureProvider provider) throws Exception {
        for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
            Signature signature = provider.newSignature(algorithm);
            assertThat(signature.getProvider().getName())
                    .isEqualTo(provider.isNative() ? "AmazonCorrettoCryptoProvider"
                            : Signature.getInstance(algorithm.jcaAlgorithm()).getProvider().getName());
            assertThat(provider.implementation(algorithm)).startsWith(signature.getProvider().getName() + " ");
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void aRotatedKeyTakesOverAndIsNamed(SignatureProvider provider) throws Exception {
        MutableClock clock = new MutableClock();
        SigningKeys keys = keys(SigningAlgorithm.RS256, provider, clock);
        JwtSigner signer = new JwtSigner(keys, "at+jwt");
        JwtClaimsSet claims = claims();
        JWK old = keys.snapshot().signing();
        SignedJWT byOld = SignedJWT.parse(signer.sign(claims.getClaims(), claims.getIssuedAt(),
                claims.getExpiresAt()).getTokenValue());

        clock.advance(Duration.ofMinutes(1));
        SigningKeys.writeNewKey(keysDir, SigningAlgorithm.RS256, clock);
        clock.advance(RELOAD.plusSeconds(1));
        keys.reload();
        JWK current = keys.snapshot().signing();
        assertThat(current.getKeyID()).isNotEqualTo(old.getKeyID());

        SignedJWT byNew = SignedJWT.parse(signer.sign(claims.getClaims(), claims.getIssuedAt(),
                claims.getExpiresAt()).getTokenValue());
        assertThat(byOld.getHeader().getKeyID()).isEqualTo(old.getKeyID());
        assertThat(byOld.verify(verifier(old))).isTrue();
        assertThat(byNew.getHeader().getKeyID()).isEqualTo(current.getKeyID());
        assertThat(byNew.verify(verifier(current))).isTrue();
    }
}
