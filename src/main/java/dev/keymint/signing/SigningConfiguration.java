package dev.keymint.signing;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.keymint.apikey.ApiKeyProperties;
import dev.keymint.token.TokenProperties;

@Configuration(proxyBeanMethods = false)
class SigningConfiguration {

    @Bean
    SigningKeys signingKeys(SigningProperties signing, TokenProperties token, ApiKeyProperties apiKeys, Clock clock) {
        // the longest token any key can get, whatever its own session validity
        Duration longestToken = Duration.ofSeconds(apiKeys.maxSessionValiditySeconds());
        return new SigningKeys(signing.keysDirectory(), token.algorithm(), signing.reloadInterval(),
                longestToken.plus(token.clockSkew()), clock);
    }
}
