package dev.keymint.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;

/**
 * A database statement that requests waiting at the same moment share: each request hands in its
 * input and gets its own result, and the inputs of all requests that wait while earlier
 * statements run go into the next statement together.
 *
 * <p>Every request puts its input in a queue. At most {@code maxInFlight} statements run at once;
 * while they do, newly arriving requests wait, and the next statement takes all of their inputs
 * at once (up to {@code maxBatch}). Under load this turns dozens of round trips into one; an idle
 * server still sends each request's statement at once, so it adds no latency.
 *
 * <p><b>Why a result is as fresh as a statement of the request's own.</b> A request's input is
 * taken from the queue only after the request put it there, and the statement that answers it is
 * sent after that. With autocommit every statement reads the latest committed state when it
 * starts, so the answer reflects every change committed before the request arrived, on any
 * instance. Nothing is kept after the answer is handed out: there is no cache.
 *
 * <p>Who runs the statement: the first request to find a free slot does, on its own thread; when
 * it is done it hands the slot to the next waiting request (which then runs it for itself and
 * those behind it) instead of working through the queue, so no request serves others for long. A
 * failure of the statement is handed to every request of the batch, each of which throws it (a
 * database outage becomes a 503 for all of them).
 *
 * @param <I> what each request hands in
 * @param <R> what each request gets back
 */
public final class SharedStatement<I, R> {

    private static final Object LEAD = new Object();

    private final int maxInFlight;
    private final int maxBatch;
    private final Function<List<I>, List<R>> statement;
    private final Queue<Pending<I>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * @param statement runs for a batch of inputs (in the order the requests arrived, repeated
     *        inputs included) and returns one result per input, in the same order, none of them null
     */
    public SharedStatement(int maxInFlight, int maxBatch, Function<List<I>, List<R>> statement) {
        if (maxInFlight < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("a shared statement needs at least one slot and one input per batch");
        }
        this.maxInFlight = maxInFlight;
        this.maxBatch = maxBatch;
        this.statement = statement;
    }

    /**
     * The values with the last repeated up to the next power of two: a batch's statement written
     * for that many parameters is one of a few, each prepared once per connection, whatever the
     * size of the batch. (Repeating a value changes nothing in an {@code IN} list.)
     */
    public static <T> List<T> paddedToPowerOfTwo(Collection<T> values) {
        List<T> padded = new ArrayList<>(values);
        int size = Integer.highestOneBit(Math.max(1, padded.size()));
        if (size < padded.size()) {
            size <<= 1;
        }
        while (padded.size() < size) {
            padded.add(padded.getLast());
        }
        return padded;
    }

    /**
     * The statement for each power of two of inputs up to {@code maxBatch} (indexed by that size),
     * to be sent with {@link #paddedToPowerOfTwo} parameters. {@code statement} writes it for a size,
     * with {@link #placeholders} where the inputs go.
     */
    public static String[] statementsBySize(int maxBatch, IntFunction<String> statement) {
        String[] statements = new String[maxBatch + 1];
        for (int size = 1; size <= maxBatch; size <<= 1) {
            statements[size] = statement.apply(size);
        }
        return statements;
    }

    /** {@code ?, ?, ..., ?}: {@code count} JDBC parameters, for an {@code IN} list. */
    public static String placeholders(int count) {
        return "?, ".repeat(count - 1) + "?";
    }

    /** This request's result, from a statement that started after this call began. */
    public R run(I input) {
        Pending<I> self = new Pending<>(input, Thread.currentThread());
        queue.add(self);
        if (tryAcquireSlot()) {
            lead(null);
        }
        boolean interrupted = false;
        try {
            while (true) {
                Object outcome = self.outcome;
                if (outcome == null) {
                    LockSupport.park(this);
                    interrupted |= Thread.interrupted();
                } else if (outcome == LEAD) {
                    self.outcome = null;
                    lead(self);
                } else if (outcome instanceof Failure(RuntimeException failure)) {
                    throw failure;
                } else if (outcome instanceof Failure(Error error)) {
                    throw error;
                } else if (outcome instanceof Failure(Throwable other)) {
                    throw new IllegalStateException(other);
                } else {
                    @SuppressWarnings("unchecked")
                    R result = (R) outcome;
                    return result;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean tryAcquireSlot() {
        while (true) {
            int current = inFlight.get();
            if (current >= maxInFlight) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Holding a slot: runs one batch ({@code self} first, if given), then passes the slot on. */
    private void lead(@Nullable Pending<I> self) {
        List<Pending<I>> batch = new ArrayList<>(maxBatch);
        if (self != null) {
            batch.add(self);
        }
        Pending<I> next;
        while (batch.size() < maxBatch && (next = queue.poll()) != null) {
            batch.add(next);
        }
        try {
            if (!batch.isEmpty()) {
                execute(batch);
            }
        } finally {
            handOff();
        }
    }

    private void handOff() {
        while (true) {
            Pending<I> next = queue.poll();
            if (next != null) {
                next.signal(LEAD);
                return;
            }
            inFlight.decrementAndGet();
            // a request that found every slot taken just before the decrement waits in the queue
            if (queue.isEmpty() || !tryAcquireSlot()) {
                return;
            }
        }
    }

    private void execute(List<Pending<I>> batch) {
        List<I> inputs = new ArrayList<>(batch.size());
        batch.forEach(pending -> inputs.add(pending.input));
        List<R> results;
        try {
            results = statement.apply(inputs);
            if (results.size() != inputs.size() || results.stream().anyMatch(Objects::isNull)) {
                throw new IllegalStateException("a shared statement must return one result, not null, per input");
            }
        } catch (Throwable e) {
            // the thread that happened to run the statement answers only for its own request
            Failure failure = new Failure(e);
            batch.forEach(pending -> pending.signal(failure));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).signal(results.get(i));
        }
    }

    private record Failure(Throwable cause) {
    }

    private static final class Pending<I> {

        final I input;
        final Thread thread;
        volatile @Nullable Object outcome;

        Pending(I input, Thread thread) {
            this.input = input;
            this.thread = thread;
        }

        void signal(Object value) {
            outcome = value;
            LockSupport.unpark(thread);
        }
    }
}
