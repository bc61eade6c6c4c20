package dev.keymint.apikey;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.keymint.lockout.Lockable;

import org.jspecify.annotations.Nullable;

/**
 * An API key as stored, joined with the name and version of its role. Never leaves the server
 * as is: it holds the secret hashes.
 *
 * @param secretLookup the {@linkplain ClientSecrets#lookupDigest lookup digest} of the current
 *        secret; null for a secret that is not generated, or one set before the digest existed and
 *        not used since
 */
public record ApiKey(
        String clientId,
        String customerId,
        @Nullable String microtenantId,
        String roleId,
        String roleName,
        long roleVersion,
        String name,
        ApiKeyStatus status,
        int sessionValiditySeconds,
        String secretHash,
        @Nullable String previousSecretHash,
        @Nullable Instant previousSecretExpiresAt,
        @Nullable Instant expiresAt,
        @Nullable Instant tokensValidAfter,
        int failedAttempts,
        @Nullable Instant lockedUntil,
        boolean readOnly,
        @Nullable String managedBy,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant lastUsedAt,
        long version,
        @Nullable String secretLookup) implements Lockable {

    public boolean isEnabled() {
        return status == ApiKeyStatus.ENABLED;
    }

    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /**
     * The {@linkplain ClientSecrets#idOf ID} of the secret that {@code secret} is: the current one,
     * or the previous one while its grace period lasts; null when it is neither. Both are compared,
     * each in constant time.
     */
    public @Nullable String matchingSecretId(String secret, Instant now) {
        boolean previousInGrace = isPreviousSecretInGraceAt(now);
        boolean current = ClientSecrets.matches(secret, secretHash);
        boolean previous = previousInGrace && ClientSecrets.matches(secret, previousSecretHash);
        return current ? ClientSecrets.idOf(secretHash) : previous ? ClientSecrets.idOf(previousSecretHash) : null;
    }

    /** Whether {@code secretId} names the current secret, not the previous one. */
    public boolean isCurrentSecretId(String secretId) {
        return secretId.equals(ClientSecrets.idOf(secretHash));
    }

    /**
     * Whether a token obtained with the secret of this ID still counts: one of the current secret,
     * or of the previous one while its grace period lasts. So the tokens of a replaced secret stop
     * with it, whether at once or when its grace ends.
     */
    public boolean honoursSecretIdAt(String secretId, Instant now) {
        return secretId.equals(ClientSecrets.idOf(secretHash))
                || isPreviousSecretInGraceAt(now) && secretId.equals(ClientSecrets.idOf(previousSecretHash));
    }

    private boolean isPreviousSecretInGraceAt(Instant now) {
        return previousSecretHash != null && previousSecretExpiresAt != null && previousSecretExpiresAt.isAfter(now);
    }

    /** The lifetime of a token issued now, in whole seconds; see {@link #tokenExpiry}. */
    public long tokenLifetimeSecondsAt(Instant now) {
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        return tokenExpiry(issuedAt, sessionValiditySeconds, expiresAt).getEpochSecond() - issuedAt.getEpochSecond();
    }

    /**
     * When a token issued at {@code issuedAt} (whole seconds) expires: after the key's session
     * validity interval, but never past the key's own expiry ({@code keyExpiresAt}, null for
     * never).
     */
    public static Instant tokenExpiry(Instant issuedAt, long sessionValiditySeconds, Instant keyExpiresAt) {
        Instant expiry = issuedAt.plusSeconds(sessionValiditySeconds);
        return keyExpiresAt != null && keyExpiresAt.isBefore(expiry) ? keyExpiresAt.truncatedTo(ChronoUnit.SECONDS)
                : expiry;
    }
}
