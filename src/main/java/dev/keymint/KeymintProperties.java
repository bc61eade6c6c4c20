package dev.keymint;

import java.net.URI;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param issuer {@code iss} of every token and the base of the metadata
 * @param permissions permissions roles may hold besides the administration API's own, which the
 *        catalogue always holds; each {@code resource:action}
 */
@Validated
@ConfigurationProperties("keymint")
public record KeymintProperties(
        @NotNull URI issuer,
        @NotNull @DefaultValue({}) List<@Pattern(regexp = "[a-z0-9][a-z0-9._-]*:[a-z0-9][a-z0-9._-]*",
                message = "must be resource:action in lower case") String> permissions) {
}
