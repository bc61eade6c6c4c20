package dev.keymint.admin;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import org.jspecify.annotations.Nullable;

/**
 * A key with its new secret: the answer to a creation or a regeneration, the only times the
 * secret is ever shown.
 *
 * @param previousSecretExpiresAt until when the replaced secret still works; null when it stopped at once or there was none
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record ApiKeyWithSecretView(@JsonUnwrapped ApiKeyView key, String clientSecret,
        @Nullable Instant previousSecretExpiresAt) {

    /** Without the secret, should this object ever reach a log. */
    @Override
    public String toString() {
        return "ApiKeyWithSecretView[" + key + "]";
    }
}
