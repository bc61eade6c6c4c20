package dev.keymint.apikey;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds of a key's session validity interval, the lifetime of its tokens.
 */
@Validated
@ConfigurationProperties("keymint.api-key")
public record ApiKeyProperties(
        @Min(1) @DefaultValue("60") int minSessionValiditySeconds,
        @Max(31_536_000) @DefaultValue("86400") int maxSessionValiditySeconds,
        @DefaultValue("3600") int defaultSessionValiditySeconds) {

    @AssertTrue(message = "need min-session-validity-seconds <= default-session-validity-seconds <= max-session-validity-seconds")
    public boolean isOrdered() {
        return minSessionValiditySeconds <= defaultSessionValiditySeconds
                && defaultSessionValiditySeconds <= maxSessionValiditySeconds;
    }
}
