package dev.keymint.audit;

import java.time.Instant;

import dev.keymint.common.PageRequest;

/**
 * @param type an action ({@code api-key.deleted}) or a target type ({@code api-key}) matching all its actions
 * @param from inclusive
 * @param to exclusive
 */
public record AuditQuery(String type, String actor, String target, Instant from, Instant to, PageRequest page) {
}
