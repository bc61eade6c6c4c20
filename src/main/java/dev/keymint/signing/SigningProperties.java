package dev.keymint.signing;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** @param keysDirectory where signing keys are read from and generated into */
@Validated
@ConfigurationProperties("keymint.signing")
public record SigningProperties(@NotNull @DefaultValue("./keys") Path keysDirectory) {
}
