package dev.keymint.apikey;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A key and its new secret, which exists only in this object on its way to the one response that
 * shows it.
 *
 * @param previousSecretExpiresAt until when the replaced secret still works; null when it stopped at once
 */
public record IssuedSecret(ApiKey key, String secret, @Nullable Instant previousSecretExpiresAt) {

    /** Without the secret, should this object ever reach a log. */
    @Override
    public String toString() {
        return "IssuedSecret[clientId=" + key.clientId() + ", previousSecretExpiresAt=" + previousSecretExpiresAt + "]";
    }
}
