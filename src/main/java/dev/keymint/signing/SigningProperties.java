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
 * @param clockSkew how far the clocks of resource servers may be off when they check a token's
 *        {@code exp}; an old key stays published this much longer
 * @param provider which JCA provider signs tokens: {@code auto} (native where it loads, the JDK's
 *        elsewhere), {@code native} (or fail to start) or {@code jdk}
 */
@Validated
@ConfigurationProperties("keymint.signing")
public record SigningProperties(
        @NotNull @DefaultValue("./keys") Path keysDirectory,
        @NotNull @DurationMin(seconds = 1) @DurationMax(hours = 1) @DefaultValue("30s") Duration reloadInterval,
        @NotNull @DurationMin(seconds = 0) @DurationMax(hours = 1) @DefaultValue("60s") Duration clockSkew,
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
