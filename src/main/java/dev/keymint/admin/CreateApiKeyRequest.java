package dev.keymint.admin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;

import dev.keymint.common.ValidName;

record CreateApiKeyRequest(
        @NotNull @ValidName String name,
        @NotNull @Size(max = 64) String roleId,
        @Schema(description = "token lifetime in seconds; configured range, default 60-86400, default value 3600")
        @Nullable Integer sessionValiditySeconds,
        @Schema(description = "defaults to the caller's own microtenant, if it has one")
        @Size(max = 64) @Nullable String microtenantId,
        @Schema(description = "days until the key expires; no expiry when absent")
        @Nullable Integer lifetimeDays,
        @Schema(description = "default true")
        @Nullable Boolean enabled) {
}
