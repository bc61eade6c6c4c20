package dev.keymint.lockout;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxAttempts consecutive wrong secrets that lock a key
 * @param duration how long a lock lasts, counted from the failure that set it
 */
@Validated
@ConfigurationProperties("keymint.lockout")
public record LockoutProperties(
        @Min(1) @Max(1000) @DefaultValue("3") int maxAttempts,
        @NotNull @DefaultValue("30m") Duration duration) {
}
