package dev.keymint.signing;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.keymint.apikey.ApiKeyProperties;
import dev.keymint.token.TokenProperties;

@Configuration(proxyBeanMethods = false)
class SigningConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SigningConfiguration.class);

    @Bean
    SignatureProvider signatureProvider(SigningProperties signing, TokenProperties token) {
        SignatureProvider provider = SignatureProviderSelection.select(signing.provider(),
                NativeProviderProbe::amazonCorrettoCryptoProvider);
        String implementation = provider.implementation(token.algorithm());
        if (provider.nativeUnavailable() != null) {
            log.info("Signing {} tokens with the JDK's {} (keymint.signing.provider=auto): {}", token.algorithm(),
                    implementation, provider.nativeUnavailable());
        } else {
            log.info("Signing {} tokens with the {} provider {} (keymint.signing.provider={})", token.algorithm(),
                    provider.kind(), implementation, provider.requested());
        }
        return provider;
    }

    @Bean
    SigningKeys signingKeys(SigningProperties signing, TokenProperties token, ApiKeyProperties apiKeys,
            SignatureProvider signatureProvider, Clock clock) {
        // the longest token any key can get, whatever its own session validity
        Duration longestToken = Duration.ofSeconds(apiKeys.maxSessionValiditySeconds());
        return new SigningKeys(signing.keysDirectory(), token.algorithm(), signing.reloadInterval(),
                longestToken.plus(token.clockSkew()), signatureProvider, clock);
    }
}
