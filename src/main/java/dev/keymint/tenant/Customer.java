package dev.keymint.tenant;

import java.time.Instant;

public record Customer(String id, String name, Instant createdAt) {
}
