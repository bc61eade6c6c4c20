package dev.keymint.apikey;

import java.time.Instant;

/** What is written when a key is created; the secret itself is never part of it. */
public record NewApiKey(
        String clientId,
        String customerId,
        String microtenantId,
        String roleId,
        String name,
        ApiKeyStatus status,
        int sessionValiditySeconds,
        String secretHash,
        Instant expiresAt,
        Instant createdAt,
        boolean readOnly,
        String managedBy) {
}
