package dev.keymint.token;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.keymint.signing.SigningAlgorithm;

/**
 * @param audience {@code aud} of every token; when empty, the issuer itself
 * @param algorithm the JWS algorithm of new tokens
 * @param clockSkew how far apart the clocks of keymint and of the resource servers may be: every
 *        check of a token's {@code exp} and {@code nbf} allows this much, keymint's own
 *        (administration API, introspection) as well as those it assumes resource servers make;
 *        so a token counts until {@code exp} + skew, and a revoked token's ID and a retired
 *        signing key are kept that long
 * @param revokedCleanupInterval how often each instance deletes the IDs of revoked tokens that no
 *        verifier accepts any more
 */
@Validated
@ConfigurationProperties("keymint.token")
public record TokenProperties(
        @NotNull @DefaultValue({}) List<String> audience,
        @NotNull @DefaultValue("RS256") SigningAlgorithm algorithm,
        @NotNull @DurationMin(seconds = 0) @DurationMax(hours = 1) @DefaultValue("60s") Duration clockSkew,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("10m") Duration revokedCleanupInterval) {
}
