package dev.keymint.lockout;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the source-aware lockout knows of one key and one source when a request arrives: the key's
 * failure window and its lock of the untrusted sources, and the source's own row (null when the
 * source never failed nor proved the secret).
 */
public record SourceState(@Nullable Instant windowStartedAt, @Nullable Instant windowEndsAt,
        @Nullable Instant untrustedLockedUntil, @Nullable Source source) {

    /**
     * The lock that turns this source away at {@code now}, null when none does: the source's own
     * lock, or the key's lock of the untrusted sources when this source is not trusted.
     */
    public @Nullable Instant refusingLockAt(Instant now) {
        if (source != null && isAfter(source.lockedUntil(), now)) {
            return source.lockedUntil();
        }
        return isAfter(untrustedLockedUntil, now) && !isTrustedAt(now) ? untrustedLockedUntil : null;
    }

    boolean isTrustedAt(Instant now) {
        return source != null && isAfter(source.trustedUntil(), now);
    }

    /** Whether the source has failures that a right secret from it should forget. */
    boolean hasSourceFailures() {
        return source != null && source.failedAttempts() > 0;
    }

    boolean isWindowOverAt(Instant now) {
        return !isAfter(windowEndsAt, now);
    }

    static boolean isAfter(@Nullable Instant instant, Instant now) {
        return instant != null && instant.isAfter(now);
    }

    /** A source's row as stored: its failures, the window they were counted in, its lock and its trust. */
    public record Source(int failedAttempts, @Nullable Instant countedInWindow, @Nullable Instant lockedUntil,
            @Nullable Instant trustedUntil) {
    }
}
