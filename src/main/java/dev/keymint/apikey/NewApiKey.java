package dev.keymint.apikey;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What is written when a key is created; the secret itself is never part of it.
 *
 * @param secretLookup the secret's {@linkplain ClientSecrets#lookupDigest lookup digest}, null when it has none
 */
public record NewApiKey(
        String clientId,
        String customerId,
        @Nullable String microtenantId,
        String roleId,
        String name,
        ApiKeyStatus status,
        int sessionValiditySeconds,
        String secretHash,
        @Nullable String secretLookup,
        @Nullable Instant expiresAt,
        Instant createdAt,
        boolean readOnly,
        @Nullable String managedBy) {
}
