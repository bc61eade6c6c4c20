package dev.keymint.secretscanning;

import java.net.URI;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The secret-scanning partner endpoint, {@code POST /secret-scanning/reports}.
 *
 * @param enabled whether the endpoint answers at all (404 when off)
 * @param publicKeysUrl where the partner publishes the keys it signs reports with, such as
 *        {@code https://api.github.com/meta/public_keys/secret_scanning}; when set, a report must
 *        carry a valid signature by one of them, and when not, reports are taken unsigned
 * @param maxQueuedReports reports waiting to be acted on, at most; beyond, new ones are dropped
 *        (and logged) until the queue drains
 */
@Validated
@ConfigurationProperties("keymint.secret-reports.partner")
public record SecretScanningProperties(
        @DefaultValue("true") boolean enabled,
        @Nullable URI publicKeysUrl,
        @Min(1) @Max(1_000_000) @DefaultValue("10000") int maxQueuedReports) {
}
