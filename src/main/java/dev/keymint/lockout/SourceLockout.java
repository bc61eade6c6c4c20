package dev.keymint.lockout;

import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.keymint.common.SourceAddresses;
import dev.keymint.lockout.LockoutService.FailureOutcome;
import dev.keymint.lockout.SourceLockoutRepository.KeyWindow;

/**
 * The counting of {@code keymint.lockout.scope=key-and-source} (docs/security.md, "Source-aware
 * lockout"), inside the transaction {@link LockoutService} runs it in.
 *
 * <p><b>The failure window</b> of a key opens with a counted failure when none is open, and stays
 * open until {@code keymint.lockout.duration} has passed since the latest counted failure (from
 * any source), or until the key's lock of the untrusted sources has lapsed. Within it:
 * <ul>
 * <li>a source's {@code max-attempts}th consecutive failure locks that source for {@code duration};
 * <li>each source that fails at least once counts once, and the {@code max-sources}th such source
 * locks the key for {@code duration} for every source that is not trusted;
 * <li>failures refused by a lock count nothing and extend nothing.
 * </ul>
 * When the window closes, every count starts again from zero; a lock set in it ends at the latest
 * when the window does.
 */
@Component
class SourceLockout {

    private final SourceLockoutRepository rows;
    private final LockoutProperties properties;
    private final ApplicationEventPublisher events;
    // Which (key, source) this instance wrote trust for lately: a right secret writes trust at
    // most once per tenth of the TTL per source and instance, not on every token.
    private final Cache<String, Boolean> trustWritten;
    private final Duration trustWrittenFor;
    private final SourceAddresses sources;

    SourceLockout(SourceLockoutRepository rows, LockoutProperties properties, ApplicationEventPublisher events) {
        this.rows = rows;
        this.properties = properties;
        this.events = events;
        this.trustWrittenFor = properties.trustedSourceTtl().dividedBy(10);
        this.trustWritten = Caffeine.newBuilder().expireAfterWrite(trustWrittenFor).maximumSize(10_000).build();
        this.sources = new SourceAddresses(properties.sourcePrefixIpv4(), properties.sourcePrefixIpv6());
    }

    String sourceOf(@Nullable String remoteAddress) {
        return sources.of(remoteAddress);
    }

    /**
     * One wrong secret from {@code source}, for the key {@code clientId} or, when there is no such
     * key, for nobody: the same statements run, and find no row to change. {@code key} is null for
     * an unknown client ID, which publishes nothing.
     */
    FailureOutcome countFailure(String clientId, String source, @Nullable Lockable key, Instant now) {
        KeyWindow window = rows.lockKey(clientId).orElse(new KeyWindow(0, null, null, null, null));
        SourceState.Source current = rows.readSource(clientId, source).orElse(null);
        Instant lockUntil = now.plus(properties.duration());
        SourceState state = new SourceState(window.windowStartedAt(), window.windowEndsAt(),
                window.untrustedLockedUntil(), current);
        if (SourceState.isAfter(window.lockedUntil(), now)) {
            return new FailureOutcome.AlreadyLocked(window.lockedUntil());
        }
        Instant refusing = state.refusingLockAt(now);
        if (refusing != null) {
            // locked between the request's read and this transaction
            return new FailureOutcome.AlreadyLocked(refusing);
        }
        boolean untrustedLockLapsed = window.untrustedLockedUntil() != null
                && !window.untrustedLockedUntil().isAfter(now);
        boolean open = SourceState.isAfter(window.windowEndsAt(), now) && !untrustedLockLapsed
                && window.windowStartedAt() != null;
        Instant windowStart = open ? window.windowStartedAt() : now;
        boolean newInWindow = current == null || !windowStart.equals(current.countedInWindow());
        boolean sourceLockLapsed = current != null && current.lockedUntil() != null;
        int failures = newInWindow || sourceLockLapsed ? 1 : current.failedAttempts() + 1;
        Instant sourceLock = failures >= properties.maxAttempts() ? lockUntil : null;
        rows.writeSource(clientId, source, failures, windowStart, sourceLock);

        int failingSources = !open ? 1 : newInWindow ? window.failingSources() + 1 : window.failingSources();
        boolean locksKey = newInWindow && failingSources >= properties.maxSources()
                && !(open && SourceState.isAfter(window.untrustedLockedUntil(), now));
        Instant untrustedLock = locksKey ? lockUntil : open ? window.untrustedLockedUntil() : null;
        rows.writeWindow(clientId, failingSources, windowStart, lockUntil, untrustedLock);

        if (key != null) {
            // published inside the transaction: the audit log's records commit with the locks
            if (sourceLock != null) {
                events.publishEvent(new LockoutEvent.Locked(key.clientId(), key.customerId(), key.microtenantId(),
                        sourceLock, now, source, LockoutEvent.LockExtent.SOURCE));
            }
            if (locksKey) {
                events.publishEvent(new LockoutEvent.Locked(key.clientId(), key.customerId(), key.microtenantId(),
                        lockUntil, now, source, LockoutEvent.LockExtent.UNTRUSTED_SOURCES));
            }
        }
        if (locksKey && !state.isTrustedAt(now)) {
            return new FailureOutcome.LockedNow(lockUntil);
        }
        return sourceLock != null ? new FailureOutcome.LockedNow(sourceLock) : new FailureOutcome.Counted();
    }

    /**
     * A right secret from {@code source}: trust it (written at most once per tenth of the TTL per
     * source and instance), forget its failures, and close the key's window once its time is up.
     * Costs no statement at all when the key's row shows no failure and the trust was written lately.
     */
    void recordSuccess(Lockable key, String source, @Nullable SourceState state, Instant now) {
        String written = key.clientId() + ' ' + source;
        if (state != null && state.hasSourceFailures() || trustWritten.getIfPresent(written) == null) {
            // a little beyond the TTL, so that a source is trusted for at least the TTL after its
            // last right secret although this instance does not write every one
            rows.trust(key.clientId(), source, now.plus(properties.trustedSourceTtl()).plus(trustWrittenFor), now);
            trustWritten.put(written, Boolean.TRUE);
        }
        if (state != null && state.isWindowOverAt(now)) {
            rows.closeWindow(key.clientId(), now);
        }
    }
}
