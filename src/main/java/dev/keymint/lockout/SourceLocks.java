package dev.keymint.lockout;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The locks of the source-aware lockout on one key at a moment, for administrators: the sources
 * locked on their own, and the lock of every source that is not trusted (null when none).
 */
public record SourceLocks(List<LockedSource> lockedSources, @Nullable Instant untrustedLockedUntil) {

    public static final SourceLocks NONE = new SourceLocks(List.of(), null);

    /** A source locked after its own wrong secrets, and until when. */
    public record LockedSource(String clientId, String source, Instant lockedUntil) {
    }
}
