package dev.keymint.bootstrap;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.keymint.apikey.ValidClientId;
import dev.keymint.common.ValidName;

/**
 * The first customer and its administrator key, created when the database is empty.
 *
 * @param clientId the bootstrap key's client ID; generated when absent
 * @param clientSecret its secret (at least 32 characters); generated and printed once when absent
 * @param customerName the name of the first customer
 */
@Validated
@ConfigurationProperties("keymint.bootstrap")
public record BootstrapProperties(
        @ValidClientId @Nullable String clientId,
        @Size(min = 32, max = 256, message = "must be 32-256 characters") @Nullable String clientSecret,
        @NotNull @ValidName @DefaultValue("Default") String customerName) {

    @AssertTrue(message = "keymint.bootstrap.client-id and keymint.bootstrap.client-secret must be set together")
    public boolean isComplete() {
        return (clientId == null) == (clientSecret == null);
    }
}
