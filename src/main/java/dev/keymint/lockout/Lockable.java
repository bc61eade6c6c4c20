package dev.keymint.lockout;

import java.time.Instant;

/**
 * What the lockout needs of a key: its lock columns and where it belongs, so that the lockout
 * depends on no key type ({@code ApiKey} implements this). The one place that says what a lock
 * means at a given moment: a lock whose time is up is no lock, and its counter no longer counts,
 * even before the next failure or success resets the row.
 */
public interface Lockable {

    /**
     * The SQL form of {@link #isLockedAt}: a condition on the {@code :now} parameter (epoch
     * milliseconds), to be formatted with the table's alias and a dot (or an empty string).
     */
    String LOCKED_AT_NOW = "%1$slocked_until > :now";

    /** The SQL form of "not {@link #isLockedAt}", a lapsed lock included; formatted as {@link #LOCKED_AT_NOW}. */
    String NOT_LOCKED_AT_NOW = "(%1$slocked_until IS NULL OR %1$slocked_until <= :now)";

    String clientId();

    String customerId();

    /** Null for a key outside any microtenant. */
    String microtenantId();

    int failedAttempts();

    /** As stored: may lie in the past until the row is reset. */
    Instant lockedUntil();

    default boolean isLockedAt(Instant now) {
        return lockedUntil() != null && lockedUntil().isAfter(now);
    }

    /** A lock whose time is up but whose counter has not been reset yet. */
    default boolean hasLapsedLockAt(Instant now) {
        return lockedUntil() != null && !lockedUntil().isAfter(now);
    }

    /** The end of the lock in force at {@code now}, or null when there is none. */
    default Instant lockedUntilAt(Instant now) {
        return isLockedAt(now) ? lockedUntil() : null;
    }

    /** The consecutive failures that count at {@code now}: none once a lock has lapsed. */
    default int failedAttemptsAt(Instant now) {
        return hasLapsedLockAt(now) ? 0 : failedAttempts();
    }
}
