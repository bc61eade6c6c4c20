package dev.keymint.token;

import java.time.Instant;

/** A client authentication that failed, and why; published for metrics and the audit log. */
public record ClientAuthenticationFailure(String clientId, Reason reason, Instant occurredAt) {

    public enum Reason {
        MALFORMED,
        UNKNOWN_CLIENT,
        BAD_SECRET,
        LOCKED,
        DISABLED,
        EXPIRED
    }
}
