package dev.keymint.admin;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

/**
 * A trusted outside issuer's JWK Set, fetched from its URL and kept for {@link #TIME_TO_LIVE}.
 *
 * <p>A token whose {@code kid} is not in the set makes it fetch the set again at once, since the
 * issuer may have rotated its keys, but at most once per {@link #REFETCH_INTERVAL}: anyone can
 * send tokens with made-up {@code kid}s, and each would otherwise cost a request to the issuer.
 * Unlike Nimbus's own rate limiter, which sits below the cache and so also refuses the fetch of a
 * set that has merely expired, this limits only those refetches: a flood of unknown {@code kid}s
 * never keeps a token with a known one from verifying, and is answered 401 (no key), not 500.
 */
final class OutsideIssuerKeys implements JWKSource<SecurityContext> {

    static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);
    static final Duration REFETCH_INTERVAL = Duration.ofSeconds(30);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_JWK_SET_BYTES = 256 * 1024;

    private final JWKSetSource<SecurityContext> cached;
    private final Clock clock;
    private final AtomicLong nextRefetchAt = new AtomicLong(Long.MIN_VALUE);

    OutsideIssuerKeys(URI jwkSetUri, Clock clock) {
        int timeout = (int) FETCH_TIMEOUT.toMillis();
        try {
            this.cached = new CachingJWKSetSource<>(
                    new URLBasedJWKSetSource<>(jwkSetUri.toURL(), new DefaultResourceRetriever(timeout, timeout,
                            MAX_JWK_SET_BYTES)),
                    TIME_TO_LIVE.toMillis(), FETCH_TIMEOUT.toMillis() * 2, null);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Not a URL: " + jwkSetUri, e);
        }
        this.clock = clock;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        long now = clock.millis();
        JWKSet keys = cached.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, context);
        List<JWK> found = selector.select(keys);
        if (found.isEmpty() && mayRefetch(now)) {
            found = selector.select(cached.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(keys), now,
                    context));
        }
        return found;
    }

    private boolean mayRefetch(long now) {
        long next = nextRefetchAt.get();
        // a clock set back by more than the interval must not block refetches until it catches up
        boolean due = now >= next || next - now > REFETCH_INTERVAL.toMillis();
        return due && nextRefetchAt.compareAndSet(next, now + REFETCH_INTERVAL.toMillis());
    }
}
