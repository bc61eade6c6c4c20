package dev.keymint.lockout;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The 3-strikes lock, kept in the {@code api_key} row so that every instance sees the same count.
 *
 * <p>Each failure is a conditional {@code UPDATE} on a single row, so that the count is exact
 * under any concurrency. Failures that stay below the limit are counted by statements that the
 * requests failing at the same moment share ({@link FailureCounts}); only the failure that reaches
 * the limit, or one that meets a lapsed lock, runs the transaction that sets the lock and reads it
 * back ({@link LockoutRepository#countFailure}), which the lock's announcement needs.
 *
 * <p>With {@code keymint.lockout.scope=key-and-source} the methods that take a source count per
 * key and source instead ({@link SourceLockout}); the others are those of {@code scope=key}.
 */
@Service
public class LockoutService {

    private static final Logger log = LoggerFactory.getLogger(LockoutService.class);
    private static final String NO_KEY_SUFFIX = ":";

    private final LockoutRepository lockColumns;
    private final FailureCounts failureCounts;
    private final SourceLockoutRepository sourceRows;
    private final SourceLockout sourceLockout;
    private final TransactionTemplate transactions;
    private final LockoutProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final boolean countsPerSource;

    LockoutService(LockoutRepository lockColumns, FailureCounts failureCounts, SourceLockoutRepository sourceRows,
            SourceLockout sourceLockout, TransactionTemplate transactions, LockoutProperties properties,
            ApplicationEventPublisher events, Clock clock) {
        this.lockColumns = lockColumns;
        this.failureCounts = failureCounts;
        this.sourceRows = sourceRows;
        this.sourceLockout = sourceLockout;
        this.transactions = transactions;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
        this.countsPerSource = properties.scope() == LockoutProperties.LockoutScope.KEY_AND_SOURCE;
    }

    /**
     * The source a request's client address counts as (the address cut to the configured prefix),
     * or null with {@code scope=key}, which counts per key only and looks at no address. The
     * methods below take that null as "count per key".
     */
    public @Nullable String sourceOf(@Nullable String remoteAddress) {
        return countsPerSource ? sourceLockout.sourceOf(remoteAddress) : null;
    }

    /**
     * What the source-aware lockout knows of the key and the source, read only when the key's row
     * (already read) shows a failing source in its window; null, at the cost of no statement,
     * otherwise, and always with {@code scope=key}. See {@link SourceState#refusingLockAt}.
     */
    public @Nullable SourceState sourceState(Lockable key, @Nullable String source) {
        if (source == null || key.failedAttempts() == 0) {
            return null;
        }
        return sourceRows.state(key.clientId(), source).orElse(null);
    }

    /**
     * Counts a wrong secret for {@code key} and says whether the key (with a {@code source}: that
     * source) is now turned away.
     */
    public FailureOutcome recordFailure(Lockable key, @Nullable String source) {
        Instant now = clock.instant();
        FailureOutcome outcome;
        if (source != null) {
            outcome = retryingConflicts(key.clientId(), () -> transactions.execute(
                    status -> sourceLockout.countFailure(key.clientId(), source, key, now)));
        } else if (failureCounts.countedBelowLimit(key.clientId())) {
            outcome = new FailureOutcome.Counted();
        } else {
            outcome = retryingConflicts(key.clientId(), () -> transactions.execute(status -> countKeyFailure(key, now)));
        }
        publishOutcome(key, outcome, now);
        return outcome;
    }

    /**
     * The statements of {@link #recordFailure} for a wrong secret that does not lock, for a client
     * ID that has no key: so that its answer takes as long as a wrong secret's, and its time does
     * not tell whether a client ID exists (docs/security.md). They look for the ID followed by a
     * colon, which no key can have (client IDs never contain one), so that they change nothing
     * even when a key of that ID is created meanwhile; it sorts next to the ID itself, so that
     * what InnoDB locks while they run is the same small gap of the index that the ID's own row
     * would be in.
     */
    public void recordFailureOfUnknownClient(String clientId, @Nullable String source) {
        String noKey = clientId + NO_KEY_SUFFIX;
        if (source == null) {
            failureCounts.countedBelowLimit(noKey);
            return;
        }
        Instant now = clock.instant();
        retryingConflicts(clientId, () -> transactions.execute(
                status -> sourceLockout.countFailure(noKey, source, null, now)));
    }

    /**
     * A right secret: the count starts again (writes only when there is something to reset); with
     * a {@code source}, whose state {@link #sourceState} read before (or null), that source is
     * trusted.
     */
    public void recordSuccess(Lockable key, @Nullable String source, @Nullable SourceState state) {
        if (source != null) {
            sourceLockout.recordSuccess(key, source, state, clock.instant());
        } else if (key.failedAttempts() != 0 || key.lockedUntil() != null) {
            lockColumns.resetUnlessLocked(key.clientId(), clock.instant());
        }
    }

    /**
     * The source-aware locks of the given keys in force now, by client ID; empty with
     * {@code scope=key}, which does not look at them.
     */
    public Map<String, SourceLocks> sourceLocks(Collection<String> clientIds) {
        if (!countsPerSource || clientIds.isEmpty()) {
            return Map.of();
        }
        Instant now = clock.instant();
        Map<String, List<SourceLocks.LockedSource>> bySource = new HashMap<>();
        sourceRows.lockedSources(clientIds, now).forEach(locked ->
                bySource.computeIfAbsent(locked.clientId(), id -> new ArrayList<>()).add(locked));
        Map<String, Instant> untrusted = sourceRows.untrustedLocks(clientIds, now);
        Map<String, SourceLocks> locks = new HashMap<>();
        for (String clientId : clientIds) {
            List<SourceLocks.LockedSource> sources = bySource.getOrDefault(clientId, List.of());
            Instant untrustedUntil = untrusted.get(clientId);
            if (!sources.isEmpty() || untrustedUntil != null) {
                locks.put(clientId, new SourceLocks(sources, untrustedUntil));
            }
        }
        return locks;
    }

    /** One wrong secret more for the key as a whole, inside the caller's transaction. */
    private FailureOutcome countKeyFailure(Lockable key, Instant now) {
        Instant lockUntil = now.plus(properties.duration());
        if (key.hasLapsedLockAt(now)) {
            lockColumns.clearLapsedLock(key.clientId(), now);
        }
        FailureOutcome counted = countFailure(key.clientId(), lockUntil);
        if (counted instanceof FailureOutcome.LockedNow) {
            // published inside the transaction, so that a listener's writes (the audit log)
            // commit or roll back together with the lock
            events.publishEvent(new LockoutEvent.Locked(key.clientId(), key.customerId(), key.microtenantId(),
                    lockUntil, now));
        }
        return counted;
    }

    private void publishOutcome(Lockable key, FailureOutcome outcome, Instant now) {
        switch (outcome) {
            case FailureOutcome.Counted counted -> events.publishEvent(
                    new LockoutEvent.FailedAttempt(key.clientId(), key.customerId(), now));
            case FailureOutcome.LockedNow lockedNow -> events.publishEvent(
                    new LockoutEvent.FailedAttempt(key.clientId(), key.customerId(), now));
            case FailureOutcome.AlreadyLocked alreadyLocked -> events.publishEvent(
                    new LockoutEvent.RejectedWhileLocked(key.clientId(), now));
        }
    }

    /**
     * Clears the lock and the counter, and the locks and counters of every source of the key; says
     * whether there was anything to clear.
     */
    public boolean unlock(String clientId, String customerId, String actor) {
        boolean cleared = Boolean.TRUE.equals(transactions.execute(status ->
                lockColumns.clear(clientId) | sourceRows.clear(clientId)));
        if (cleared) {
            events.publishEvent(new LockoutEvent.Unlocked(clientId, customerId, actor, clock.instant()));
        }
        return cleared;
    }

    public void publishRejectedWhileLocked(String clientId) {
        events.publishEvent(new LockoutEvent.RejectedWhileLocked(clientId, clock.instant()));
    }

    /**
     * Runs the failure transaction again when the database aborted it for a conflicting write on
     * the same row: an InnoDB deadlock, or a Galera certification failure when another node
     * counted a failure of the same key at the same moment. The re-run reads the row as the
     * winner left it, so the count stays exact; only a conflict that persists becomes a 503.
     *
     * <p>How many runs: each abort means another write to the row committed first. Failures
     * commit at most {@code max-attempts} times before the lock stops them from writing, so
     * {@code max-attempts + 1} runs always get through a storm of failures on several nodes; one
     * more covers a reset, an unlock or a last-use write landing in between. Every re-run is
     * logged, so an operator sees how often nodes collide on the same key.
     */
    private <T> T retryingConflicts(String clientId, Supplier<T> transaction) {
        int runs = properties.maxAttempts() + 2;
        for (int run = 1; ; run++) {
            try {
                return transaction.get();
            } catch (ConcurrencyFailureException e) {
                if (run == runs) {
                    log.warn("Counting a failed attempt of {} still met a conflicting write after {} runs; "
                            + "answering 503", clientId, runs);
                    throw e;
                }
                log.info("Counting a failed attempt of {} met a conflicting write (deadlock or Galera certification "
                        + "conflict); running it again, run {} of at most {}", clientId, run + 1, runs);
            }
        }
    }

    /** One failure more for the key, inside the caller's transaction; locks it at the limit. */
    private FailureOutcome countFailure(String clientId, Instant lockUntil) {
        int counted = lockColumns.countFailure(clientId, properties.maxAttempts(), lockUntil);
        if (counted == 0) {
            // another request locked it between our read and this update (or there is no such key)
            Instant lockedUntil = lockColumns.lockedUntil(clientId);
            return new FailureOutcome.AlreadyLocked(lockedUntil == null ? lockUntil : lockedUntil);
        }
        // The row is still locked by this transaction, so this read sees our update. Still, the
        // lock is taken as ours only when it ends when ours would (to the stored millisecond): on
        // Galera, when a write replicated from another node aborts this transaction between the
        // update and this read, the read was seen to run outside it, on the other node's lock,
        // which must not be announced a second time.
        Instant lockedUntil = lockColumns.lockedUntil(clientId);
        if (lockedUntil == null) {
            return new FailureOutcome.Counted();
        }
        return lockedUntil.toEpochMilli() == lockUntil.toEpochMilli()
                ? new FailureOutcome.LockedNow(lockUntil)
                : new FailureOutcome.AlreadyLocked(lockedUntil);
    }

    public sealed interface FailureOutcome {

        record Counted() implements FailureOutcome {
        }

        record LockedNow(Instant lockedUntil) implements FailureOutcome {
        }

        record AlreadyLocked(Instant lockedUntil) implements FailureOutcome {
        }
    }
}
