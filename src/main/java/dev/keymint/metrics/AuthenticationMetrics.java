package dev.keymint.metrics;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.keymint.lockout.LockoutEvent;
import dev.keymint.token.ClientAuthenticationFailure;

/**
 * Counts what the token path reports through events: failed client authentications by reason,
 * locks, requests turned away while locked, and unlocks. The only label is the reason, one of a
 * fixed set; client IDs never become labels (one time series per key would grow without bound).
 * Every series is registered at start, so that a rate is defined before the first failure.
 */
@Component
class AuthenticationMetrics {

    private final Map<ClientAuthenticationFailure.Reason, Counter> failures =
            new EnumMap<>(ClientAuthenticationFailure.Reason.class);
    private final Counter locks;
    private final Counter lockedRejections;
    private final Counter unlocks;

    AuthenticationMetrics(MeterRegistry registry) {
        for (ClientAuthenticationFailure.Reason reason : ClientAuthenticationFailure.Reason.values()) {
            failures.put(reason, Counter.builder("keymint.client.authentication.failures")
                    .description("Failed client authentications at the token, introspection and revocation endpoints")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        locks = Counter.builder("keymint.key.locks")
                .description("API keys locked after too many consecutive wrong secrets")
                .register(registry);
        lockedRejections = Counter.builder("keymint.locked.key.rejections")
                .description("Requests for a locked API key, refused without looking at the secret")
                .register(registry);
        unlocks = Counter.builder("keymint.key.unlocks")
                .description("Locks or failure counters cleared by an administrator")
                .register(registry);
    }

    @EventListener
    void on(ClientAuthenticationFailure failure) {
        failures.get(failure.reason()).increment();
    }

    @EventListener
    void on(LockoutEvent event) {
        switch (event) {
            case LockoutEvent.Locked locked -> locks.increment();
            case LockoutEvent.RejectedWhileLocked rejected -> lockedRejections.increment();
            case LockoutEvent.Unlocked unlocked -> unlocks.increment();
            case LockoutEvent.FailedAttempt attempt -> {
                // counted as reason=bad_secret of the failure that caused it
            }
        }
    }
}
