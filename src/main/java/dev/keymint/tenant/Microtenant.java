package dev.keymint.tenant;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A named partition of a customer; {@code keyCount} is how many API keys it holds. */
public record Microtenant(String id, String customerId, String name, @Nullable String description, Instant createdAt,
        Instant updatedAt, long version, long keyCount) {
}
