package dev.keymint.audit;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param retentionDays how many days audit events are kept; older ones are purged
 * @param purgeInterval how often each instance purges the events older than the retention
 */
@Validated
@ConfigurationProperties("keymint.audit")
public record AuditProperties(
        @Min(1) @Max(36_500) @DefaultValue("365") int retentionDays,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("1h") Duration purgeInterval) {
}
