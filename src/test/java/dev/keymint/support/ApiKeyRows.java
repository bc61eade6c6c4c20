package dev.keymint.support;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.keymint.apikey.ApiKey;
import dev.keymint.apikey.ApiKeyStatus;

/**
 * An {@link ApiKey} as a row read from the database would hold it, for unit tests: enabled, no
 * failures, no lock, no expiry, one hour of session validity, unless a test says otherwise.
 */
public final class ApiKeyRows {

    private final String clientId;
    private String secretHash = "s256$AAAA$AAAA";
    private ApiKeyStatus status = ApiKeyStatus.ENABLED;
    private int sessionValiditySeconds = 3600;
    private @Nullable String microtenantId;
    private @Nullable Instant expiresAt;
    private @Nullable Instant lockedUntil;
    private int failedAttempts;
    private @Nullable String previousSecretHash;
    private @Nullable Instant previousSecretExpiresAt;

    private ApiKeyRows(String clientId) {
        this.clientId = clientId;
    }

    public static ApiKeyRows key(String clientId) {
        return new ApiKeyRows(clientId);
    }

    public ApiKeyRows secretHash(String secretHash) {
        this.secretHash = secretHash;
        return this;
    }

    public ApiKeyRows disabled() {
        this.status = ApiKeyStatus.DISABLED;
        return this;
    }

    public ApiKeyRows sessionValiditySeconds(int seconds) {
        this.sessionValiditySeconds = seconds;
        return this;
    }

    public ApiKeyRows microtenant(String microtenantId) {
        this.microtenantId = microtenantId;
        return this;
    }

    public ApiKeyRows expiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
        return this;
    }

    public ApiKeyRows lockedUntil(Instant lockedUntil, int failedAttempts) {
        this.lockedUntil = lockedUntil;
        this.failedAttempts = failedAttempts;
        return this;
    }

    public ApiKeyRows failedAttempts(int failedAttempts) {
        this.failedAttempts = failedAttempts;
        return this;
    }

    public ApiKeyRows previousSecret(String hash, Instant graceEndsAt) {
        this.previousSecretHash = hash;
        this.previousSecretExpiresAt = graceEndsAt;
        return this;
    }

    public ApiKey build() {
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        return new ApiKey(clientId, "customer-1", microtenantId, "role-1", "Role one", 1, "key " + clientId, status,
                sessionValiditySeconds, secretHash, previousSecretHash, previousSecretExpiresAt, expiresAt, null,
                failedAttempts, lockedUntil, false, null, created, created, null, 1, null);
    }
}
