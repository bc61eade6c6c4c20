package dev.keymint.apikey;

import org.jspecify.annotations.Nullable;

/** The fields an administrator may change on a key; null leaves a field as it is. */
public record ApiKeyChanges(@Nullable String name, @Nullable String roleId, @Nullable Integer sessionValiditySeconds,
        @Nullable Boolean enabled) {
}
