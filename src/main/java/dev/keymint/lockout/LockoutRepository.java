package dev.keymint.lockout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static dev.keymint.common.SharedStatement.paddedToPowerOfTwo;
import static dev.keymint.common.SharedStatement.placeholders;
import static dev.keymint.common.SharedStatement.statementsBySize;

/**
 * The statements on the lockout columns of {@code api_key} ({@code failed_attempts},
 * {@code locked_until}), which the lockout owns: nothing else writes them (the key repository
 * only reads them), so that every way of counting is here, in one place.
 */
@Repository
class LockoutRepository {

    private static final String[] LOCK_FOR_COUNTING_BY_SIZE = statementsBySize(FailureCounts.MAX_BATCH, size -> """
            SELECT client_id, failed_attempts, locked_until IS NULL AS unlocked FROM api_key
             WHERE client_id IN (%s) FOR UPDATE""".formatted(placeholders(size)));
    private static final String[] ADD_FAILURES_BY_SIZE = statementsBySize(FailureCounts.MAX_BATCH, size -> """
            UPDATE api_key SET failed_attempts = failed_attempts + CASE client_id %sELSE 0 END
             WHERE client_id IN (%s)""".formatted("WHEN ? THEN ? ".repeat(size), placeholders(size)));

    private final JdbcClient jdbc;

    LockoutRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One failure more for a key that is not locked and stays below {@code maxAttempts} with it:
     * the failures that need no lock, in a statement that is the whole of their transaction.
     * Returns the rows changed: 0 for the failure that would reach the limit, for a key under a
     * lock (lapsed or not; {@link #countFailure} handles both) and for a client ID without a key.
     */
    int countFailureBelowLimit(String clientId, int maxAttempts) {
        return jdbc.sql("""
                UPDATE api_key SET failed_attempts = failed_attempts + 1
                 WHERE client_id = :clientId AND locked_until IS NULL AND failed_attempts + 1 < :max
                """)
                .param("clientId", clientId)
                .param("max", maxAttempts)
                .update();
    }

    /**
     * The failures counted so far of those of these keys that exist and are not locked (a lapsed
     * lock counts as a lock here: {@link #countFailure} handles it), by client ID. Every row read
     * stays locked against other writers until the caller's transaction ends, so that what
     * {@link #addFailures} then adds to is known exactly. InnoDB locks them in the order of the
     * primary key, whoever asks, so that two such transactions never wait for each other in a cycle.
     */
    Map<String, Integer> lockForCounting(Collection<String> clientIds) {
        List<String> ids = paddedToPowerOfTwo(clientIds);
        Map<String, Integer> unlocked = new HashMap<>();
        jdbc.sql(LOCK_FOR_COUNTING_BY_SIZE[ids.size()]).params(ids).query(row -> {
            if (row.getBoolean("unlocked")) {
                unlocked.put(row.getString("client_id"), row.getInt("failed_attempts"));
            }
        });
        return unlocked;
    }

    /**
     * Adds to the failures of the keys named in {@code increments}, leaving the other
     * {@code clientIds} as they are, in one statement on all their rows (which
     * {@link #lockForCounting} locked).
     */
    void addFailures(Collection<String> clientIds, Map<String, Integer> increments) {
        List<String> ids = paddedToPowerOfTwo(clientIds);
        List<Object> params = new ArrayList<>(ids.size() * 3);
        ids.forEach(clientId -> {
            params.add(clientId);
            params.add(increments.getOrDefault(clientId, 0));
        });
        params.addAll(ids);
        jdbc.sql(ADD_FAILURES_BY_SIZE[ids.size()]).params(params).update();
    }

    /**
     * One failure more, in a single statement on a single row: InnoDB's row lock serialises
     * concurrent failures from any number of threads and instances, and the
     * {@code locked_until IS NULL} guard stops failures during a lock from counting or extending it.
     * {@code locked_until} is assigned before {@code failed_attempts} so that both read the old
     * counter whatever the server's {@code SIMULTANEOUS_ASSIGNMENT} mode. Returns the rows changed:
     * 0 when the key is locked (or there is no such key).
     */
    int countFailure(String clientId, int maxAttempts, Instant lockUntil) {
        return jdbc.sql("""
                UPDATE api_key
                   SET locked_until = CASE WHEN failed_attempts + 1 >= :max THEN :lockUntil ELSE NULL END,
                       failed_attempts = failed_attempts + 1
                 WHERE client_id = :clientId AND locked_until IS NULL
                """)
                .param("max", maxAttempts)
                .param("lockUntil", lockUntil.toEpochMilli())
                .param("clientId", clientId)
                .update();
    }

    /** The stored end of the key's lock, null when it has none or there is no such key. */
    Instant lockedUntil(String clientId) {
        Long lockedUntil = jdbc.sql("SELECT locked_until FROM api_key WHERE client_id = ?")
                .param(clientId).query(Long.class).optional().orElse(null);
        return lockedUntil == null ? null : Instant.ofEpochMilli(lockedUntil);
    }

    /** Resets the counter of a key that is not locked at {@code now}, a lapsed lock included. */
    void resetUnlessLocked(String clientId, Instant now) {
        jdbc.sql("UPDATE api_key SET failed_attempts = 0, locked_until = NULL WHERE client_id = :clientId AND "
                        + Lockable.NOT_LOCKED_AT_NOW.formatted(""))
                .param("clientId", clientId)
                .param("now", now.toEpochMilli())
                .update();
    }

    /** Clears a lock whose time is up (and only such a lock), so that counting starts again. */
    void clearLapsedLock(String clientId, Instant now) {
        jdbc.sql("UPDATE api_key SET failed_attempts = 0, locked_until = NULL WHERE client_id = ? AND locked_until <= ?")
                .params(clientId, now.toEpochMilli())
                .update();
    }

    /**
     * Clears the lock and the counter, and the source-aware lockout's window and lock of the
     * untrusted sources (null with {@code scope=key}); says whether there was anything to clear.
     */
    boolean clear(String clientId) {
        return jdbc.sql("""
                UPDATE api_key SET failed_attempts = 0, locked_until = NULL, source_window_started_at = NULL,
                                   source_window_ends_at = NULL, untrusted_locked_until = NULL
                 WHERE client_id = ? AND (failed_attempts > 0 OR locked_until IS NOT NULL
                                          OR untrusted_locked_until IS NOT NULL)
                """)
                .param(clientId)
                .update() > 0;
    }
}
