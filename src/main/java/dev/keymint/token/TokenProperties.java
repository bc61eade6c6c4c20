package dev.keymint.token;

import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.keymint.signing.SigningAlgorithm;

/**
 * @param audience {@code aud} of every token; when empty, the issuer itself
 * @param algorithm the JWS algorithm of new tokens
 */
@Validated
@ConfigurationProperties("keymint.token")
public record TokenProperties(
        @NotNull @DefaultValue({}) List<String> audience,
        @NotNull @DefaultValue("RS256") SigningAlgorithm algorithm) {
}
