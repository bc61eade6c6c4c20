package dev.keymint.signing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.JWK;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code signingKey} in {@code /actuator/health} and the readiness group: UP when the signing key
 * is loaded and actually signs. An instance that cannot sign must not get token traffic.
 *
 * <p>The endpoint answers anyone, so it gets the result of the last probe while that is younger
 * than {@code keymint.signing.health-check-interval}: however many calls arrive, at most one
 * signature per interval, and calls during a probe wait for its result instead of signing too.
 */
@Component
class SigningKeyHealthIndicator extends AbstractHealthIndicator {

    private static final Payload PROBE = new Payload("keymint signing key health".getBytes(StandardCharsets.UTF_8));

    private final SigningKeys keys;
    private final DefaultJWSSignerFactory signers = new DefaultJWSSignerFactory();
    private final Clock clock;
    private final Duration interval;
    private Instant probedAt;
    private Health probed;

    SigningKeyHealthIndicator(SigningKeys keys, SigningProperties properties, Clock clock) {
        super("The signing key cannot sign");
        this.keys = keys;
        this.clock = clock;
        this.interval = properties.healthCheckInterval();
    }

    /** What the health endpoint calls; {@link #health()} probes. */
    @Override
    public synchronized Health health(boolean includeDetails) {
        Instant now = clock.instant();
        // a clock stepped back makes the last probe stale too
        if (probed == null || now.isBefore(probedAt) || !now.isBefore(probedAt.plus(interval))) {
            probed = health();
            probedAt = now;
        }
        return includeDetails ? probed : Health.status(probed.getStatus()).build();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        SigningKeys.Snapshot snapshot = keys.snapshot();
        JWK signing = snapshot.signing();
        JWSObject probe = new JWSObject(new JWSHeader(keys.algorithm().jwsAlgorithm()), PROBE);
        probe.sign(signers.createJWSSigner(signing, keys.algorithm().jwsAlgorithm()));
        builder.up()
                .withDetail("algorithm", keys.algorithm().name())
                .withDetail("kid", signing.getKeyID())
                .withDetail("published", snapshot.all().size());
    }
}
