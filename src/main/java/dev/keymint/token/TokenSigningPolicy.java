package dev.keymint.token;

import java.time.Duration;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import dev.keymint.apikey.ApiKeyProperties;
import dev.keymint.signing.SigningAlgorithm;
import dev.keymint.signing.SigningPolicy;

/**
 * What keymint's tokens demand of the signing keys: the configured algorithm, and that a retired
 * key stays published for the longest token any key can get, whatever its own session validity,
 * plus the clock skew. Also found by the {@code rotate-signing-key} command, which binds these
 * properties and nothing else.
 */
@Component
@EnableConfigurationProperties({TokenProperties.class, ApiKeyProperties.class})
public class TokenSigningPolicy implements SigningPolicy {

    private final SigningAlgorithm algorithm;
    private final Duration retiredKeyRetention;

    public TokenSigningPolicy(TokenProperties token, ApiKeyProperties apiKeys) {
        this.algorithm = token.algorithm();
        this.retiredKeyRetention = Duration.ofSeconds(apiKeys.maxSessionValiditySeconds()).plus(token.clockSkew());
    }

    @Override
    public SigningAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public Duration retiredKeyRetention() {
        return retiredKeyRetention;
    }
}
