package dev.keymint.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code keymint_rate_limited_requests_total}, labelled with the name of the limit that refused
 * the request: one of a fixed set, registered when the limit is made so that a rate is defined
 * before the first refusal.
 */
final class RateLimitMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> limited = new ConcurrentHashMap<>();

    RateLimitMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    Budget register(Budget budget) {
        limited.put(budget.name(), Counter.builder("keymint.rate.limited.requests")
                .description("Requests refused by a rate limit (429, or 401 on the paths configured for it)")
                .tag("limit", budget.name())
                .register(registry));
        return budget;
    }

    void limited(Budget budget) {
        limited.get(budget.name()).increment();
    }
}
