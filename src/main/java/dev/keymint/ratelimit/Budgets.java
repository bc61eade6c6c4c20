package dev.keymint.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The budgets of every key (a source address or a caller) one limiter tracks, in a bounded
 * Caffeine cache: a flood of new keys (spoofed forwarded addresses, or an IPv6 range) evicts
 * entries instead of growing the heap, and Caffeine's admission policy keeps the keys seen often.
 * An entry not touched for the longest period expires: its budgets would be full by then anyway,
 * so forgetting it changes no answer.
 */
final class Budgets {

    private final Cache<String, AtomicLongArray> states;
    private final Function<String, AtomicLongArray> create;
    private final Clock clock;

    Budgets(int slots, Duration longestPeriod, int maxKeys, Clock clock) {
        // the cache's upkeep (recording reads, evicting) on the request's own thread: handing it to
        // the common pool, Caffeine's default, woke a thread of its own for ~1 % of a reject's CPU
        this.states = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(longestPeriod)
                .executor(Runnable::run).build();
        this.create = key -> new AtomicLongArray(slots);
        this.clock = clock;
    }

    AtomicLongArray of(String key) {
        return states.get(key, create);
    }

    long nowMicros() {
        return clock.millis() * 1_000;
    }
}
