package dev.keymint.apikey;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds of a key's session validity interval (the lifetime of its tokens), of its lifetime, and
 * of the grace period an old secret may keep working after a regeneration.
 */
@Validated
@ConfigurationProperties("keymint.api-key")
public record ApiKeyProperties(
        @Min(1) @DefaultValue("60") int minSessionValiditySeconds,
        @Max(31_536_000) @DefaultValue("86400") int maxSessionValiditySeconds,
        @DefaultValue("3600") int defaultSessionValiditySeconds,
        @Min(1) @Max(36_500) @DefaultValue("3650") int maxLifetimeDays,
        @NotNull @DefaultValue("7d") Duration maxSecretGrace) {

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
