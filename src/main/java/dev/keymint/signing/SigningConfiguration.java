package dev.keymint.signing;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SigningConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SigningConfiguration.class);

    @Bean
    SignatureProvider signatureProvider(SigningProperties signing, SigningPolicy policy) {
        SignatureProvider provider = SignatureProviderSelection.select(signing.provider(),
                NativeProviderProbe::amazonCorrettoCryptoProvider);
        String implementation = provider.implementation(policy.algorithm());
        if (provider.nativeUnavailable() != null) {
            log.info("Signing {} tokens with the JDK's {} (keymint.signing.provider=auto): {}", policy.algorithm(),
                    implementation, provider.nativeUnavailable());
        } else {
            log.info("Signing {} tokens with the {} provider {} (keymint.signing.provider={})", policy.algorithm(),
                    provider.kind(), implementation, provider.requested());
        }
        return provider;
    }

    @Bean
    SigningKeys signingKeys(SigningProperties signing, SigningPolicy policy, SignatureProvider signatureProvider,
            Clock clock) {
        return new SigningKeys(signing.keysDirectory(), policy.algorithm(), signing.reloadInterval(),
                policy.retiredKeyRetention(), signatureProvider, clock);
    }
}
