package dev.keymint.apikey;

import java.time.Instant;

/**
 * An API key as stored, joined with the name and version of its role. Never leaves the server
 * as is: it holds the secret hashes.
 */
public record ApiKey(
        String clientId,
        String customerId,
        String microtenantId,
        String roleId,
        String roleName,
        long roleVersion,
        String name,
        ApiKeyStatus status,
        int sessionValiditySeconds,
        String secretHash,
        String previousSecretHash,
        Instant previousSecretExpiresAt,
        Instant expiresAt,
        Instant tokensValidAfter,
        int failedAttempts,
        Instant lockedUntil,
        boolean readOnly,
        String managedBy,
        Instant createdAt,
        Instant updatedAt,
        Instant lastUsedAt,
        long version) {

    public boolean isEnabled() {
        return status == ApiKeyStatus.ENABLED;
    }

    public boolean isLockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /** A lock whose time is up but whose counter has not been reset yet. */
    public boolean hasLapsedLockAt(Instant now) {
        return lockedUntil != null && !lockedUntil.isAfter(now);
    }

    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /** The current secret, or the previous one while its grace period lasts; constant time. */
    public boolean secretMatches(String secret, Instant now) {
        boolean current = ClientSecrets.matches(secret, secretHash);
        boolean previous = previousSecretHash != null && previousSecretExpiresAt != null
                && previousSecretExpiresAt.isAfter(now)
                && ClientSecrets.matches(secret, previousSecretHash);
        return current | previous;
    }

    /** The lifetime of a token issued now: the session validity interval, never past expiry. */
    public long tokenLifetimeSecondsAt(Instant now) {
        long lifetime = sessionValiditySeconds;
        if (expiresAt != null) {
            lifetime = Math.min(lifetime, expiresAt.getEpochSecond() - now.getEpochSecond());
        }
        return lifetime;
    }
}
