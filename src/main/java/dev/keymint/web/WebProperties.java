package dev.keymint.web;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxRequestBody the largest request body accepted
 * @param retryAfter what {@code Retry-After} tells clients when a dependency is down
 */
@Validated
@ConfigurationProperties("keymint.web")
public record WebProperties(
        @NotNull @DefaultValue("1MB") DataSize maxRequestBody,
        @NotNull @DefaultValue("5s") Duration retryAfter) {
}
