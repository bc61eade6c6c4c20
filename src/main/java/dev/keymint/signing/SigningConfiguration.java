package dev.keymint.signing;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SigningConfiguration {

    @Bean
    SigningKeys signingKeys(SigningProperties signing, SigningPolicy policy, Clock clock) {
        return new SigningKeys(signing.keysDirectory(), policy.algorithm(), signing.reloadInterval(),
                policy.retiredKeyRetention(), clock);
    }
}
