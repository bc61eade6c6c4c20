package dev.keymint.apikey;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.keymint.common.ValidName;

/**
 * Keys owned by configuration ({@code keymint.managed-keys[...]}), for keys that an outside
 * system (a deployment pipeline, a secret manager) provisions. They are read-only through the
 * administration API.
 *
 * @param managedKeys keys that configuration owns, read-only through the administration API
 */
@Validated
@ConfigurationProperties("keymint")
public record ManagedKeysProperties(@NotNull @DefaultValue List<@Valid ManagedKey> managedKeys) {

    /**
     * @param clientSecret the secret (at least 32 characters), hashed at start; or
     * @param clientSecretHash its hash in keymint's stored form, so the configuration holds no secret at all
     * @param role the name of a role of the installation's customer, e.g. {@code API Read Only}
     * @param managedBy who owns the key, shown as the key's {@code managedBy}
     */
    public record ManagedKey(
            @NotNull @ValidClientId String clientId,
            @Size(min = 32, max = 256, message = "must be 32-256 characters") @Nullable String clientSecret,
            @Pattern(regexp = "s256\\$[A-Za-z0-9_-]+\\$[A-Za-z0-9_-]+", message = "must be a keymint secret hash (s256$...)")
            @Nullable String clientSecretHash,
            @NotNull @ValidName String name,
            @NotBlank String role,
            @Nullable String microtenantId,
            @Nullable Integer sessionValiditySeconds,
            @NotBlank @Size(max = 128) String managedBy,
            @DefaultValue("true") boolean enabled) {

        /** Without the secret or its hash, should this object ever reach a log. */
        @Override
        public String toString() {
            return "ManagedKey[clientId=" + clientId + ", name=" + name + ", role=" + role + ", managedBy=" + managedBy + "]";
        }

        @AssertTrue(message = "exactly one of client-secret and client-secret-hash must be set")
        public boolean isOneSecret() {
            return (clientSecret == null) != (clientSecretHash == null);
        }
    }
}
