package dev.keymint.signing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param keysDirectory where signing keys are read from and generated into
 * @param reloadInterval how often every instance re-reads the folder; a new key is published
 *        within this interval and signs once it is older than this interval
 * @param healthCheckInterval how long {@code /actuator/health} reuses the result of its signing
 *        probe: the endpoint answers without credentials, and a signature each call would hand out
 *        CPU for free; a key that stops signing shows as DOWN within this interval
 * @param provider which JCA provider signs tokens: {@code auto} (native where it loads, the JDK's
 *        elsewhere), {@code native} (or fail to start) or {@code jdk}
 */
@Validated
@ConfigurationProperties("keymint.signing")
public record SigningProperties(
        @NotNull @DefaultValue("./keys") Path keysDirectory,
        @NotNull @DurationMin(seconds = 1) @DurationMax(hours = 1) @DefaultValue("30s") Duration reloadInterval,
        @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 10) @DefaultValue("10s") Duration healthCheckInterval,
        @NotNull @DefaultValue("auto") Provider provider) {

    /** The value of {@code keymint.signing.provider}. */
    public enum Provider {
        AUTO, NATIVE, JDK;

        /** As it is written in the configuration. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
