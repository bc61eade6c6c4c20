package dev.keymint.common;

import java.util.Set;

/**
 * Optimistic concurrency on a {@code version} column: an update names the version it read and
 * touches no row when another change came first.
 */
public final class Versions {

    private Versions() {
    }

    /**
     * Refuses at once when the caller's {@code If-Match} names no current version.
     *
     * @param expected the versions the caller accepts; null when it set no condition
     */
    public static void check(Set<Long> expected, long current) {
        if (expected != null && !expected.contains(current)) {
            throw stale();
        }
    }

    /** After {@code UPDATE ... WHERE version = ?}: no row means another change won the race. */
    public static void requireUpdated(int rows, Set<Long> expected) {
        if (rows == 1) {
            return;
        }
        if (expected != null) {
            throw stale();
        }
        throw new ConflictException(ConflictException.Reason.CONCURRENT_CHANGE,
                "The object was changed by another request at the same time; read it again and retry.");
    }

    private static PreconditionFailedException stale() {
        return new PreconditionFailedException(
                "The object has changed since the version named in If-Match; read it again for its current ETag.");
    }
}
