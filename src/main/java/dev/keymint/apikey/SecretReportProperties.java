package dev.keymint.apikey;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What a report of a leaked secret does to its key (docs/security.md, "Compromised-secret reports").
 *
 * @param action {@code disable}: the key is disabled, and an administrator regenerates its secret
 *        before enabling it again; {@code regenerate}: the key keeps its status and gets a new secret
 *        that nobody is shown, so the leaked one can never work again, and an administrator
 *        regenerates it to put the key back in use
 */
@Validated
@ConfigurationProperties("keymint.secret-reports")
public record SecretReportProperties(@NotNull @DefaultValue("disable") Action action) {

    public enum Action {
        DISABLE,
        REGENERATE
    }
}
