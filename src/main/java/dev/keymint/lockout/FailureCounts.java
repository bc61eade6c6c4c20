package dev.keymint.lockout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.keymint.common.SharedStatement;

/**
 * The failures that stay below the limit ({@code scope=key}), counted by statements that the
 * requests failing at the same moment share, as the key read is shared (it is what a flood of
 * wrong secrets or unknown client IDs costs the database).
 *
 * <p>A failure alone is one guarded {@code UPDATE} ({@link LockoutRepository#countFailureBelowLimit}).
 * Several are one transaction: their rows are read and locked ({@code SELECT ... FOR UPDATE}), so
 * that each key's count is known and cannot change until the commit; each key whose failures in
 * the batch all stay below the limit gets them added by one {@code UPDATE} for all rows. A key
 * those failures would lock, a key under a lock (lapsed or not) and a client ID without a key are
 * left unchanged and answered false, as the single statement answers them: the caller then runs
 * the transaction that locks ({@link LockoutService}). So every failure is counted exactly once,
 * by this statement or by that transaction.
 *
 * <p>A conflicting write (an InnoDB deadlock, a Galera certification failure) rolls the batch back
 * and answers all of it false, so that each failure is counted by its own transaction, which
 * retries conflicts on one row.
 */
@Component
class FailureCounts {

    private static final Logger log = LoggerFactory.getLogger(FailureCounts.class);
    // as many IDs as one key read takes, for the same reason: the requests of a batch are woken together
    static final int MAX_BATCH = 16;
    private static final int MAX_IN_FLIGHT = 2;

    private final LockoutRepository lockColumns;
    private final TransactionTemplate transactions;
    private final int maxAttempts;
    private final SharedStatement<String, Boolean> counts = new SharedStatement<>(MAX_IN_FLIGHT, MAX_BATCH, this::count);

    FailureCounts(LockoutRepository lockColumns, TransactionTemplate transactions, LockoutProperties properties) {
        this.lockColumns = lockColumns;
        this.transactions = transactions;
        this.maxAttempts = properties.maxAttempts();
    }

    /**
     * One failure more for a key that is not locked and stays below the limit with it; false,
     * having changed nothing, for the failure that would lock the key, a key under a lock (lapsed
     * or not), a client ID without a key, and when a conflicting write got in the way.
     */
    boolean countedBelowLimit(String clientId) {
        return counts.run(clientId);
    }

    private List<Boolean> count(List<String> clientIds) {
        try {
            if (clientIds.size() == 1) {
                return List.of(lockColumns.countFailureBelowLimit(clientIds.getFirst(), maxAttempts) == 1);
            }
            Set<String> counted = countTogether(clientIds);
            List<Boolean> answers = new ArrayList<>(clientIds.size());
            clientIds.forEach(clientId -> answers.add(counted.contains(clientId)));
            return answers;
        } catch (ConcurrencyFailureException e) {
            log.info("Counting the failed attempts of {} met a conflicting write (deadlock or Galera certification "
                    + "conflict); each is counted by a transaction of its own instead", clientIds);
            return clientIds.stream().map(clientId -> false).toList();
        }
    }

    /** The client IDs whose failures of this batch were all counted. */
    private Set<String> countTogether(List<String> clientIds) {
        // sorted, the order in which InnoDB locks the rows anyway
        Map<String, Integer> failures = new TreeMap<>();
        clientIds.forEach(clientId -> failures.merge(clientId, 1, Integer::sum));
        Set<String> counted = transactions.execute(status -> {
            Map<String, Integer> unlocked = lockColumns.lockForCounting(failures.keySet());
            Map<String, Integer> increments = new HashMap<>();
            failures.forEach((clientId, failed) -> {
                Integer failedBefore = unlocked.get(clientId);
                if (failedBefore != null && failedBefore + failed < maxAttempts) {
                    increments.put(clientId, failed);
                }
            });
            // sent even when nothing is counted, so that a batch of unknown client IDs costs what
            // a batch with a key costs
            lockColumns.addFailures(failures.keySet(), increments);
            return increments.keySet();
        });
        return counted == null ? Set.of() : counted;
    }
}
