package dev.keymint.lockout;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The statements of the source-aware lockout ({@code scope=key-and-source}) on the key's window
 * columns and on {@code lockout_source}. Every failure runs in one transaction that first locks
 * the key's row ({@link #lockKey}), so that the failures of one key, from any source, thread or
 * instance, are counted one after the other and the distinct sources exactly.
 */
@Repository
class SourceLockoutRepository {

    private final JdbcClient jdbc;

    SourceLockoutRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The key's lockout columns, its row locked to the end of the transaction; empty when there is no such key. */
    Optional<KeyWindow> lockKey(String clientId) {
        return jdbc.sql("""
                SELECT failed_attempts, locked_until, source_window_started_at, source_window_ends_at,
                       untrusted_locked_until
                  FROM api_key WHERE client_id = ? FOR UPDATE
                """)
                .param(clientId)
                .query((rs, row) -> new KeyWindow(rs.getInt("failed_attempts"), instant(rs, "locked_until"),
                        instant(rs, "source_window_started_at"), instant(rs, "source_window_ends_at"),
                        instant(rs, "untrusted_locked_until")))
                .optional();
    }

    /**
     * The source's row, read after {@link #lockKey} in the same transaction. A plain read: every
     * statement that writes a source row first locks the key's row (this transaction's
     * {@code FOR UPDATE}, the {@code INSERT ... SELECT} of {@link #trust}, the unlock's update of
     * the key), so this read, the transaction's first consistent one, sees every such write
     * committed; and a locking read of a row that does not exist yet would lock the index gap,
     * where two transactions inserting for different keys would deadlock.
     */
    Optional<SourceState.Source> readSource(String clientId, String source) {
        return jdbc.sql("""
                SELECT failed_attempts, counted_in_window, locked_until, trusted_until
                  FROM lockout_source WHERE client_id = ? AND source = ?
                """)
                .params(clientId, source)
                .query((rs, row) -> sourceRow(rs))
                .optional();
    }

    /**
     * The key's window and the source's row in one primary-key read, for a request whose key row says
     * that some source failed (see {@link LockoutService#sourceState}); empty when there is no such key.
     */
    Optional<SourceState> state(String clientId, String source) {
        return jdbc.sql("""
                SELECT k.source_window_started_at, k.source_window_ends_at, k.untrusted_locked_until,
                       s.failed_attempts, s.counted_in_window, s.locked_until, s.trusted_until
                  FROM api_key k LEFT JOIN lockout_source s ON s.client_id = k.client_id AND s.source = ?
                 WHERE k.client_id = ?
                """)
                .params(source, clientId)
                .query((rs, row) -> new SourceState(instant(rs, "source_window_started_at"),
                        instant(rs, "source_window_ends_at"), instant(rs, "untrusted_locked_until"),
                        rs.getObject("failed_attempts") == null ? null : sourceRow(rs)))
                .optional();
    }

    /**
     * Writes the source's count and lock. An {@code INSERT ... SELECT} from the key's row, so that it
     * inserts nothing for a client ID without a key (the equal-cost statements of an unknown client).
     * The source's trust is left as it is.
     */
    void writeSource(String clientId, String source, int failedAttempts, Instant countedInWindow,
            @Nullable Instant lockedUntil) {
        jdbc.sql("""
                INSERT INTO lockout_source (client_id, source, failed_attempts, counted_in_window, locked_until)
                SELECT client_id, :source, :failed, :window, :lockedUntil FROM api_key WHERE client_id = :clientId
                    ON DUPLICATE KEY UPDATE failed_attempts = VALUES(failed_attempts),
                                            counted_in_window = VALUES(counted_in_window),
                                            locked_until = VALUES(locked_until)
                """)
                .param("source", source)
                .param("failed", failedAttempts)
                .param("window", countedInWindow.toEpochMilli())
                .param("lockedUntil", millis(lockedUntil))
                .param("clientId", clientId)
                .update();
    }

    /** The key's window after a failure: the count of distinct failing sources and the lock of the untrusted ones. */
    void writeWindow(String clientId, int failingSources, Instant startedAt, Instant endsAt,
            @Nullable Instant untrustedLockedUntil) {
        jdbc.sql("""
                UPDATE api_key SET failed_attempts = :sources, source_window_started_at = :startedAt,
                                   source_window_ends_at = :endsAt, untrusted_locked_until = :untrustedLockedUntil
                 WHERE client_id = :clientId
                """)
                .param("sources", failingSources)
                .param("startedAt", startedAt.toEpochMilli())
                .param("endsAt", endsAt.toEpochMilli())
                .param("untrustedLockedUntil", millis(untrustedLockedUntil))
                .param("clientId", clientId)
                .update();
    }

    /**
     * A right secret from the source: it is trusted until {@code trustedUntil} (never shortened), and
     * its failures are forgotten unless it is locked. One statement whether or not the row exists.
     */
    void trust(String clientId, String source, Instant trustedUntil, Instant now) {
        jdbc.sql("""
                INSERT INTO lockout_source (client_id, source, trusted_until)
                SELECT client_id, :source, :trustedUntil FROM api_key WHERE client_id = :clientId
                    ON DUPLICATE KEY UPDATE
                       failed_attempts = IF(lockout_source.locked_until > :now, lockout_source.failed_attempts, 0),
                       locked_until = IF(lockout_source.locked_until > :now, lockout_source.locked_until, NULL),
                       trusted_until = GREATEST(COALESCE(lockout_source.trusted_until, 0), VALUES(trusted_until))
                """)
                .param("source", source)
                .param("trustedUntil", trustedUntil.toEpochMilli())
                .param("clientId", clientId)
                .param("now", now.toEpochMilli())
                .update();
    }

    /**
     * Ends a window whose time is up: the key's count of failing sources starts again from zero (so
     * does a counter left by {@code scope=key}, which has no window).
     */
    void closeWindow(String clientId, Instant now) {
        jdbc.sql("""
                UPDATE api_key SET failed_attempts = 0, source_window_started_at = NULL, source_window_ends_at = NULL,
                                   untrusted_locked_until = NULL
                 WHERE client_id = :clientId AND (source_window_ends_at IS NULL OR source_window_ends_at <= :now)
                   AND (locked_until IS NULL OR locked_until <= :now)
                """)
                .param("clientId", clientId)
                .param("now", now.toEpochMilli())
                .update();
    }

    /** Clears every source's count and lock; trust stays. Says whether there was anything to clear. */
    boolean clear(String clientId) {
        return jdbc.sql("""
                UPDATE lockout_source SET failed_attempts = 0, locked_until = NULL
                 WHERE client_id = ? AND (failed_attempts > 0 OR locked_until IS NOT NULL)
                """)
                .param(clientId)
                .update() > 0;
    }

    /** The sources locked at {@code now} of the given keys, by key. */
    List<SourceLocks.LockedSource> lockedSources(Collection<String> clientIds, Instant now) {
        if (clientIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT client_id, source, locked_until FROM lockout_source
                 WHERE client_id IN (:clientIds) AND locked_until > :now
                 ORDER BY client_id, locked_until, source
                """)
                .param("clientIds", clientIds)
                .param("now", now.toEpochMilli())
                .query((rs, row) -> new SourceLocks.LockedSource(rs.getString("client_id"), rs.getString("source"),
                        Instant.ofEpochMilli(rs.getLong("locked_until"))))
                .list();
    }

    /** The locks of the untrusted sources in force at {@code now}, by key. */
    Map<String, Instant> untrustedLocks(Collection<String> clientIds, Instant now) {
        if (clientIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Instant> locks = new HashMap<>();
        jdbc.sql("SELECT client_id, untrusted_locked_until FROM api_key WHERE client_id IN (:clientIds) "
                        + "AND untrusted_locked_until > :now")
                .param("clientIds", clientIds)
                .param("now", now.toEpochMilli())
                .query(rs -> {
                    locks.put(rs.getString("client_id"), Instant.ofEpochMilli(rs.getLong("untrusted_locked_until")));
                });
        return locks;
    }

    /** Forgets sources with nothing left to remember: no lock, no trust, and no failure in an open window. */
    int purge(Instant now) {
        return jdbc.sql("""
                DELETE s FROM lockout_source s JOIN api_key k ON k.client_id = s.client_id
                 WHERE (s.locked_until IS NULL OR s.locked_until <= :now)
                   AND (s.trusted_until IS NULL OR s.trusted_until <= :now)
                   AND (k.source_window_ends_at IS NULL OR k.source_window_ends_at <= :now
                        OR s.counted_in_window IS NULL OR s.counted_in_window <> k.source_window_started_at)
                """)
                .param("now", now.toEpochMilli())
                .update();
    }

    private static SourceState.Source sourceRow(ResultSet rs) throws SQLException {
        return new SourceState.Source(rs.getInt("failed_attempts"), instant(rs, "counted_in_window"),
                instant(rs, "locked_until"), instant(rs, "trusted_until"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static @Nullable Long millis(@Nullable Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    /** The key's side of a failure: its own lock, and its source window. */
    record KeyWindow(int failingSources, @Nullable Instant lockedUntil, @Nullable Instant windowStartedAt,
            @Nullable Instant windowEndsAt, @Nullable Instant untrustedLockedUntil) {
    }

}
