package dev.keymint.lockout;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** What the lockout did; the audit log and the metrics listen for these. */
public sealed interface LockoutEvent {

    String clientId();

    Instant occurredAt();

    /**
     * A wrong secret for an existing, unlocked key was counted (with {@code scope=key-and-source},
     * for the source it came from).
     */
    record FailedAttempt(String clientId, String customerId, Instant occurredAt)
            implements LockoutEvent {
    }

    /**
     * The failure that reached the limit locked the key, or with {@code scope=key-and-source} a
     * source of it or its untrusted sources. Published once per lock, inside its transaction, with
     * all the audit log records of it.
     *
     * @param microtenantId the key's microtenant, null for a key outside any
     * @param source the source whose failure set the lock; null with {@code scope=key}
     */
    record Locked(String clientId, String customerId, @Nullable String microtenantId, Instant lockedUntil,
            Instant occurredAt, @Nullable String source, LockExtent extent) implements LockoutEvent {

        Locked(String clientId, String customerId, @Nullable String microtenantId, Instant lockedUntil,
                Instant occurredAt) {
            this(clientId, customerId, microtenantId, lockedUntil, occurredAt, null, LockExtent.KEY);
        }
    }

    /** Whom a lock turns away. */
    enum LockExtent {
        /** Every request for the key ({@code scope=key}). */
        KEY,
        /** Requests for the key from one source. */
        SOURCE,
        /** Requests for the key from every source that is not trusted (the {@code max-sources}th failing source). */
        UNTRUSTED_SOURCES
    }

    /** An administrator cleared a lock or a non-zero counter. */
    record Unlocked(String clientId, String customerId, String actor, Instant occurredAt)
            implements LockoutEvent {
    }

    /** A request for a locked key was turned away without looking at its secret. */
    record RejectedWhileLocked(String clientId, Instant occurredAt) implements LockoutEvent {
    }
}
