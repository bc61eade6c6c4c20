package dev.keymint.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One limit: at most {@code limit} units in any {@code period}, refilled continuously, one every
 * {@code period / limit} (a token bucket of {@code limit} units, in the form of the generic cell
 * rate algorithm). The whole state of one key's budget is one long, the time at which it would be
 * full again (its "theoretical arrival time"), kept in a slot of an {@link AtomicLongArray} that
 * holds all the budgets of the key, and changed by one compare-and-set: no lock, no allocation.
 * Times are microseconds. A state more than one period ahead of now, which only a clock that
 * stepped back can leave, is taken for a full budget, so that a step of the clock never blocks
 * anyone (it may forgive one period's requests once).
 */
final class Budget {

    private final String name;
    private final int limit;
    private final long periodMicros;
    private final long intervalMicros;
    private final String policyHeader;

    Budget(String name, int limit, Duration period) {
        if (limit < 1 || period.toNanos() < 1_000L * limit) {
            throw new IllegalArgumentException("rate limit " + name + ": need at least 1 per period and at most one per microsecond");
        }
        this.name = name;
        this.limit = limit;
        this.periodMicros = period.toNanos() / 1_000;
        this.intervalMicros = periodMicros / limit;
        this.policyHeader = "\"" + name + "\";q=" + limit + ";w=" + Math.max(1, period.toSeconds());
    }

    String name() {
        return name;
    }

    int limit() {
        return limit;
    }

    Duration period() {
        return Duration.ofNanos(periodMicros * 1_000);
    }

    /** The value of {@code RateLimit-Policy}: {@code "name";q=limit;w=seconds}. */
    String policyHeader() {
        return policyHeader;
    }

    /** Takes one unit: 0 when it was there, else the microseconds until one will be (nothing taken). */
    long take(AtomicLongArray state, int slot, long now) {
        while (true) {
            long full = current(state, slot, now);
            long next = Math.max(full, now) + intervalMicros;
            long wait = next - periodMicros - now;
            if (wait > 0) {
                return wait;
            }
            if (state.compareAndSet(slot, full, next)) {
                return 0;
            }
        }
    }

    /** What {@link #take} would answer, without taking anything. */
    long waitFor(AtomicLongArray state, int slot, long now) {
        return Math.max(0, Math.max(current(state, slot, now), now) + intervalMicros - periodMicros - now);
    }

    /** The whole units left now. */
    int remaining(AtomicLongArray state, int slot, long now) {
        long used = Math.max(current(state, slot, now), now) - now;
        return (int) Math.max(0, (periodMicros - used) / intervalMicros);
    }

    /** Microseconds until the budget is full again. */
    long untilFull(AtomicLongArray state, int slot, long now) {
        return Math.max(0, current(state, slot, now) - now);
    }

    /** The stored state, or a full budget when it lies beyond one period from now. */
    private long current(AtomicLongArray state, int slot, long now) {
        while (true) {
            long full = state.get(slot);
            if (full <= now + periodMicros) {
                return full;
            }
            if (state.compareAndSet(slot, full, now)) {
                return now;
            }
        }
    }

    /** Whole seconds, rounded up: a {@code Retry-After} of 0 would invite an immediate retry. */
    static long seconds(long micros) {
        return Math.max(1, (micros + 999_999) / 1_000_000);
    }
}
