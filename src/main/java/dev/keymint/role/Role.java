package dev.keymint.role;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** A role of a customer with its permissions (sorted); {@code keyCount} is how many keys hold it. */
public record Role(String id, String customerId, String name, @Nullable String description, boolean predefined,
        List<String> permissions, Instant createdAt, Instant updatedAt, long version, long keyCount) {
}
