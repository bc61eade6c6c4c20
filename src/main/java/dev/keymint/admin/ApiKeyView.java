package dev.keymint.admin;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.jspecify.annotations.Nullable;

import dev.keymint.apikey.ApiKey;
import dev.keymint.apikey.ApiKeyStatus;
import dev.keymint.lockout.SourceLocks;

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
        @Nullable String managedBy,
        List<LockedSourceView> lockedSources,
        @Nullable Instant untrustedSourcesLockedUntil) {

    /**
     * A lock whose time is up shows as no lock and no failures, which is what the next request finds.
     * {@code sourceLocks} are the key's locks of {@code keymint.lockout.scope=key-and-source} in force
     * ({@link SourceLocks#NONE} with {@code scope=key}).
     */
    static ApiKeyView of(ApiKey key, Instant now, SourceLocks sourceLocks) {
        return new ApiKeyView(key.clientId(), key.name(), key.status(), key.isEnabled(), key.sessionValiditySeconds(),
                key.roleId(), key.roleName(), key.microtenantId(), key.expiresAt(), key.createdAt(), key.updatedAt(),
                key.lastUsedAt(), key.isLockedAt(now), key.lockedUntilAt(now), key.failedAttemptsAt(now), key.readOnly(),
                key.managedBy(), sourceLocks.lockedSources().stream()
                        .map(locked -> new LockedSourceView(locked.source(), locked.lockedUntil())).toList(),
                sourceLocks.untrustedLockedUntil());
    }

    /** A source locked on its own after its wrong secrets ({@code scope=key-and-source}), and until when. */
    record LockedSourceView(String source, Instant lockedUntil) {
    }
}
