package dev.keymint.db;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded MariaDB that keymint runs when no {@code spring.datasource.url} is set.
 *
 * @param directory where the server binaries and the data files live; kept across restarts
 * @param databaseName the schema keymint uses inside that server
 */
@Validated
@ConfigurationProperties("keymint.embedded-database")
public record EmbeddedDatabaseProperties(
        @NotNull @DefaultValue("./data") Path directory,
        @NotNull @Pattern(regexp = "[A-Za-z0-9_]{1,64}", message = "must be 1-64 letters, digits or underscores")
        @DefaultValue("keymint") String databaseName) {
}
