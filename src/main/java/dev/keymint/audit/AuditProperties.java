package dev.keymint.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param retentionDays events older than this are purged ({@code keymint.audit.purge-interval}, default 1h, sets how often)
 */
@Validated
@ConfigurationProperties("keymint.audit")
public record AuditProperties(@Min(1) @Max(36_500) @DefaultValue("365") int retentionDays) {
}
