package dev.keymint.apikey;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds of a key's session validity interval (the lifetime of its tokens), of its lifetime, and
 * of the grace period an old secret may keep working after a regeneration; and how keys are read
 * and their use recorded.
 *
 * @param minSessionValiditySeconds the shortest token lifetime a key may have
 * @param maxSessionValiditySeconds the longest token lifetime a key may have
 * @param defaultSessionValiditySeconds the token lifetime of a key created without one
 * @param maxLifetimeDays how far in the future a key's expiry may be set
 * @param maxSecretGrace how long the previous secret may keep working after a regeneration, at most
 * @param lookupConcurrency how many key reads (each answering up to 16 waiting requests) one
 *        instance sends to the database at once
 * @param lastUsedFlushInterval how often the keys' last use is written to the database, so how
 *        far {@code lastUsedAt} may trail reality
 */
@Validated
@ConfigurationProperties("keymint.api-key")
public record ApiKeyProperties(
        @Min(1) @DefaultValue("60") int minSessionValiditySeconds,
        @Max(31_536_000) @DefaultValue("86400") int maxSessionValiditySeconds,
        @DefaultValue("3600") int defaultSessionValiditySeconds,
        @Min(1) @Max(36_500) @DefaultValue("3650") int maxLifetimeDays,
        @NotNull @DefaultValue("7d") Duration maxSecretGrace,
        @Min(1) @Max(64) @DefaultValue("2") int lookupConcurrency,
        @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 10) @DefaultValue("5s") Duration lastUsedFlushInterval) {

    @AssertTrue(message = "need min-session-validity-seconds <= default-session-validity-seconds <= max-session-validity-seconds")
    public boolean isOrdered() {
        return minSessionValiditySeconds <= defaultSessionValiditySeconds
                && defaultSessionValiditySeconds <= maxSessionValiditySeconds;
    }

    /** Whether a key may have this session validity interval. */
    public boolean allowsSessionValidity(int seconds) {
        return seconds >= minSessionValiditySeconds && seconds <= maxSessionValiditySeconds;
    }

    public String sessionValidityRange() {
        return "between " + minSessionValiditySeconds + " and " + maxSessionValiditySeconds;
    }

    @AssertTrue(message = "max-secret-grace must not be negative")
    public boolean isGraceNonNegative() {
        return !maxSecretGrace.isNegative();
    }
}
