package dev.keymint.admin;

import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import dev.keymint.common.ValidName;

/** Absent (or null) fields stay as they are. */
record UpdateApiKeyRequest(
        @ValidName @Nullable String name,
        @Size(max = 64) @Nullable String roleId,
        @Nullable Integer sessionValiditySeconds,
        @Nullable Boolean enabled) {
}
