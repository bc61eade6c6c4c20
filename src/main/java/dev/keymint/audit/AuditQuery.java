package dev.keymint.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.keymint.common.PageRequest;

/**
 * @param type an action ({@code api-key.deleted}) or a target type ({@code api-key}) matching all its actions
 * @param from inclusive
 * @param to exclusive
 */
public record AuditQuery(@Nullable String type, @Nullable String actor, @Nullable String target,
        @Nullable Instant from, @Nullable Instant to, PageRequest page) {
}
