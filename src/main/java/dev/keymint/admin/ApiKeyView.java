package dev.keymint.admin;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.jspecify.annotations.Nullable;

import dev.keymint.apikey.ApiKey;
import dev.keymint.apikey.ApiKeyStatus;

/** An API key as administrators see it: everything but its secret and the hashes. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record ApiKeyView(
        String clientId,
        String name,
        ApiKeyStatus status,
        boolean enabled,
        int sessionValiditySeconds,
        String roleId,
        String roleName,
        @Nullable String microtenantId,
        @Nullable Instant expiresAt,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant lastUsedAt,
        boolean locked,
        @Nullable Instant lockedUntil,
        int failedAttempts,
        boolean readOnly,
        @Nullable String managedBy) {

    /** A lock whose time is up shows as no lock and no failures, which is what the next request finds. */
    static ApiKeyView of(ApiKey key, Instant now) {
        return new ApiKeyView(key.clientId(), key.name(), key.status(), key.isEnabled(), key.sessionValiditySeconds(),
                key.roleId(), key.roleName(), key.microtenantId(), key.expiresAt(), key.createdAt(), key.updatedAt(),
                key.lastUsedAt(), key.isLockedAt(now), key.lockedUntilAt(now), key.failedAttemptsAt(now), key.readOnly(),
                key.managedBy());
    }
}
