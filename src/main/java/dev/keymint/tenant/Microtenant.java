package dev.keymint.tenant;

import java.time.Instant;

/** A named partition of a customer; {@code keyCount} is how many API keys it holds. */
public record Microtenant(String id, String customerId, String name, String description, Instant createdAt,
        Instant updatedAt, long version, long keyCount) {
}
