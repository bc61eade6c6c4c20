package dev.keymint.signing;

import java.nio.charset.StandardCharsets;

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
 */
@Component
class SigningKeyHealthIndicator extends AbstractHealthIndicator {

    private static final Payload PROBE = new Payload("keymint signing key health".getBytes(StandardCharsets.UTF_8));

    private final SigningKeys keys;
    private final DefaultJWSSignerFactory signers = new DefaultJWSSignerFactory();

    SigningKeyHealthIndicator(SigningKeys keys) {
        super("The signing key cannot sign");
        this.keys = keys;
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
