package dev.keymint.lockout;

import java.time.Instant;

/** What the lockout did; the audit log and the metrics listen for these. */
public sealed interface LockoutEvent {

    String clientId();

    Instant occurredAt();

    /** A wrong secret for an existing, unlocked key was counted. */
    record FailedAttempt(String clientId, String customerId, int failedAttempts, Instant occurredAt)
            implements LockoutEvent {
    }

    /**
     * The failure that reached the limit locked the key. Published once per lock, inside its
     * transaction, with all the audit log records of it.
     *
     * @param microtenantId the key's microtenant, null for a key outside any
     */
    record Locked(String clientId, String customerId, String microtenantId, Instant lockedUntil, Instant occurredAt)
            implements LockoutEvent {
    }

    /** An administrator cleared a lock or a non-zero counter. */
    record Unlocked(String clientId, String customerId, String actor, Instant occurredAt)
            implements LockoutEvent {
    }

    /** A request for a locked key was turned away without looking at its secret. */
    record RejectedWhileLocked(String clientId, Instant occurredAt) implements LockoutEvent {
    }
}
