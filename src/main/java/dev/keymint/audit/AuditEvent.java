package dev.keymint.audit;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One recorded action. {@code details} summarises what changed (before and after for edits) and
 * never holds a secret or a hash of one.
 */
public record AuditEvent(
        long id,
        Instant occurredAt,
        String actor,
        String action,
        String targetType,
        @Nullable String target,
        @Nullable String microtenantId,
        AuditOutcome outcome,
        Map<String, Object> details) {
}
